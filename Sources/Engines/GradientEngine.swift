import NetworkModel

/// Something that computes a network's output and gradient in binary64: the
/// kit's own engines, an engine under test written in Swift, or an external
/// process speaking `backprop-engine/1`.
///
/// Conform, then hand the engine to the conformance suite:
///
///     struct MyEngine: GradientEngine {
///         let name = "mine"
///         func evaluate(_ request: EngineRequest) async throws -> EngineResult { … }
///     }
public protocol GradientEngine: Sendable {
    /// A short name used in reports, e.g. `double`.
    var name: String { get }
    /// The activations this engine implements; requests for others are not
    /// sent, and the report lists them as capabilities the engine lacks.
    var supportedActivations: Set<Activation> { get }
    /// Whether the engine can evaluate this network (default: every network).
    func supports(_ network: Network) -> Bool
    /// y and ∂y/∂θ for every parameter, or a thrown error (see ``EngineError``).
    func evaluate(_ request: EngineRequest) async throws -> EngineResult
}

extension GradientEngine {
    public var supportedActivations: Set<Activation> { Set(Activation.allCases) }
    public func supports(_ network: Network) -> Bool { true }
}

/// One evaluation asked of an engine.
public struct EngineRequest: Sendable, Hashable {
    /// Sequence number, unique within a run.
    public var id: Int
    public var network: Network
    public var networkCase: NetworkCase

    public init(id: Int, network: Network, networkCase: NetworkCase) {
        self.id = id
        self.network = network
        self.networkCase = networkCase
    }

    public var activation: Activation { networkCase.activation }

    /// Input values keyed by name (`x00`, `x01`, …).
    public var inputs: [String: Double] {
        Dictionary(uniqueKeysWithValues: zip(network.inputs, networkCase.inputs))
    }

    /// Parameter values keyed by name (`w10`, `b10`, …, `b20[1]`).
    public var parameters: [String: Double] {
        Dictionary(uniqueKeysWithValues: zip(network.parameters, networkCase.parameters))
    }
}

/// What an engine answers: y and the gradient keyed by parameter name.
public struct EngineResult: Sendable, Hashable {
    public var y: Double
    public var gradient: [String: Double]

    public init(y: Double, gradient: [String: Double]) {
        self.y = y
        self.gradient = gradient
    }

    /// A result from a gradient in `Network.parameters` order.
    public init(y: Double, gradient: [Double], network: Network) {
        self.init(y: y, gradient: Dictionary(uniqueKeysWithValues: zip(network.parameters, gradient)))
    }
}

/// Errors an engine may throw.
public enum EngineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The engine lacks a capability (an activation, a network shape): listed
    /// in the report, not counted as a failure.
    case unsupported(String)
    /// The engine failed on this request: a finding about the engine.
    case fault(kind: String, message: String)

    public var description: String {
        switch self {
        case .unsupported(let what): "unsupported: \(what)"
        case .fault(let kind, let message): "\(kind): \(message)"
        }
    }
}
