import NetworkModel

/// Something that computes a network's output and gradient in binary64: the
/// kit's own engines, an engine under test written in Swift, or an external
/// process speaking `backprop-engine/1` or `/2`.
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
    /// The results of several requests, one per request and in the same
    /// order. The conformance suite calls it once per chunk of cases. The
    /// default calls ``evaluate(_:)`` on each request in turn; an engine that
    /// gains from seeing many cases at once (an external process that
    /// vectorises, see ``ProcessEngine``) implements it.
    func evaluate(batch requests: [EngineRequest]) async -> [Result<EngineResult, any Error>]
}

extension GradientEngine {
    public var supportedActivations: Set<Activation> { Set(Activation.allCases) }
    public func supports(_ network: Network) -> Bool { true }

    public func evaluate(batch requests: [EngineRequest]) async -> [Result<EngineResult, any Error>] {
        var results: [Result<EngineResult, any Error>] = []
        results.reserveCapacity(requests.count)
        for request in requests {
            do {
                results.append(.success(try await evaluate(request)))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }
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

/// What an engine answers: the objective (the seed's y, a loss L) and the
/// gradient keyed by parameter name.
public struct EngineResult: Sendable, Hashable {
    /// The objective's value.
    public var objective: Double
    /// ∂objective/∂θ keyed by parameter name (`w10`, `W1[3,0]`, …).
    public var gradient: [String: Double]

    public init(objective: Double, gradient: [String: Double]) {
        self.objective = objective
        self.gradient = gradient
    }

    /// A result whose objective is the output y (the seed's wording).
    public init(y: Double, gradient: [String: Double]) { self.init(objective: y, gradient: gradient) }

    /// A result from a gradient in `Network.parameters` order.
    public init(objective: Double, gradient: [Double], network: Network) {
        self.init(objective: objective, gradient: Dictionary(uniqueKeysWithValues: zip(network.parameters, gradient)))
    }

    /// A result from a gradient in `Network.parameters` order (the seed's wording).
    public init(y: Double, gradient: [Double], network: Network) {
        self.init(objective: y, gradient: gradient, network: network)
    }

    /// The objective (same as ``objective``; the seed calls it y).
    public var y: Double { objective }
}

/// Errors an engine may throw.
public enum EngineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The engine lacks a capability (an activation, a network shape): listed
    /// in the report under ``Capability/key``, not counted as a failure.
    case unsupported(Capability)
    /// The engine failed on this request: a finding about the engine.
    case fault(kind: FaultKind, message: String)

    public var description: String {
        switch self {
        case .unsupported(let what): "unsupported: \(what)"
        case .fault(let kind, let message): "\(kind): \(message)"
        }
    }

    /// What sort of failure a fault is. ``rawValue`` is its spelling in
    /// reports and JSON (`timeout`, `malformed-response`, …; see
    /// `docs/engines.md`).
    ///
    /// The kinds the kit raises are static members; a Swift engine may name a
    /// kind of its own with ``init(rawValue:)``:
    ///
    ///     throw EngineError.fault(kind: .init(rawValue: "overflow"), message: "exp(z) overflowed")
    public struct FaultKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The spelling in reports and JSON.
        public let rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }

        public var description: String { rawValue }

        /// A process exited before answering (or closed its standard output).
        public static let exited = Self(rawValue: "exited")
        /// A process was killed by a signal, or a shell reported that a child was.
        public static let crashed = Self(rawValue: "crashed")
        /// No response within the request timeout or the start-up allowance.
        public static let timeout = Self(rawValue: "timeout")
        /// A response line that is not a JSON object, or a gradient that is not one.
        public static let malformedResponse = Self(rawValue: "malformed-response")
        /// A response for another request (or with no usable id).
        public static let wrongID = Self(rawValue: "wrong-id")
        /// A response line longer than the limit.
        public static let oversizedResponse = Self(rawValue: "oversized-response")
        /// A response with neither `y` nor `error`.
        public static let missingValue = Self(rawValue: "missing-value")
        /// A gradient without every parameter.
        public static let missingPartial = Self(rawValue: "missing-partial")
        /// `y` or a partial that is neither a number nor `"nan"`, `"inf"`, `"-inf"`.
        public static let notANumber = Self(rawValue: "not-a-number")
        /// An `error` reply that does not declare a missing capability.
        public static let engineError = Self(rawValue: "engine-error")
        /// Not sent: the kit stopped sending after the engine spent its fault budget.
        public static let gaveUp = Self(rawValue: "gave-up")
        /// The kit could not start the process at all.
        public static let launchFailed = Self(rawValue: "launch-failed")
        /// Asked after the engine was shut down.
        public static let shutDown = Self(rawValue: "shut-down")
        /// An engine threw an error that is not an ``EngineError``.
        public static let error = Self(rawValue: "error")
    }

    /// A capability an engine lacks: an activation, a network, or something
    /// else in the engine's own words. ``key`` is how reports list it
    /// (`activation gelu`, `network dense-2-1`), the same whether a Swift
    /// engine throws it or an external engine answers
    /// `{"error":"unsupported activation gelu"}`.
    public enum Capability: Hashable, Sendable, CustomStringConvertible {
        case activation(Activation)
        /// A network, by `Network.name`.
        case network(String)
        /// Anything else, as the engine put it (the text after `unsupported`).
        case other(String)

        /// A refusal's text as a capability: `unsupported activation gelu`,
        /// `unsupported: activation gelu` and `activation gelu` are all
        /// ``activation(_:)`` of `.gelu`; `unsupported network X` is
        /// ``network(_:)``; anything else is ``other(_:)`` with the text after
        /// `unsupported` (the whole text if nothing follows it).
        public init(refusal text: String) {
            let trimmed = text.hasPrefix("unsupported") ? text.dropFirst("unsupported".count) : Substring(text)
            let key = String(trimmed.drop { $0 == ":" || $0 == " " })
            guard !key.isEmpty else { self = .other(text); return }
            let words = key.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            if words.count == 2, words[0] == "activation", let activation = Activation(rawValue: String(words[1])) {
                self = .activation(activation)
            } else if words.count == 2, words[0] == "network", !words[1].isEmpty, !words[1].contains(" ") {
                self = .network(String(words[1]))
            } else {
                self = .other(key)
            }
        }

        /// The report's key: `activation NAME`, `network NAME`, or the engine's text.
        public var key: String {
            switch self {
            case .activation(let activation): "activation \(activation.rawValue)"
            case .network(let name): "network \(name)"
            case .other(let text): text
            }
        }

        public var description: String { key }
    }
}
