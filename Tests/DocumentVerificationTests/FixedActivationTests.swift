import Foundation
import Testing
import Engines
import NetworkModel
@testable import DocumentVerification

/// A network unit with a fixed activation applies that activation, whatever
/// the case's generic α: under every engine that takes the network and in a
/// document's model graph. Checked against closed forms written here, not
/// against `Activation`.
@Suite("Fixed activations are computed as themselves")
struct FixedActivationTests {
    /// (α(z), α′(z)) written out independently of the kit.
    static func closedForm(_ a: Activation, _ z: Double) -> (Double, Double) {
        let sigma = 1 / (1 + exp(-z))
        let phi = exp(-z * z / 2) / (2 * Double.pi).squareRoot()
        let cdf = 0.5 * erfc(-z / 2.0.squareRoot())
        switch a {
        case .silu: return (z * sigma, sigma * (1 + z * (1 - sigma)))
        case .gelu: return (z * cdf, cdf + z * phi)
        case .identity: return (z, 1)
        case .sigmoid: return (sigma, sigma * (1 - sigma))
        case .tanh: return (tanh(z), 1 - tanh(z) * tanh(z))
        case .softplus: return (log1p(exp(z)), sigma)
        case .relu: return (max(z, 0), z > 0 ? 1 : 0)
        }
    }

    /// A 1-1 network whose one unit applies `a`: y = a(w·x + b).
    static func network(_ a: Activation) throws -> Network {
        try Network.dense(widths: [1, 1], activations: [.fixed(a)])
    }

    static let x = 0.75, w = -1.5, b = 0.25   // z = −0.875

    /// The case in the network's parameter order, with a generic α (sigmoid) that no unit applies.
    static func networkCase(_ network: Network) -> NetworkCase {
        let parameters = network.parameters.map { $0.hasPrefix("W") ? w : b }
        return NetworkCase(activation: .sigmoid, inputs: [x], parameters: parameters)
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-13 * max(1, abs(b)) }

    @Test("Double and MPFR engines apply the unit's activation, not the case's α",
          arguments: Activation.allCases.filter { $0 != .sigmoid })
    func engines(_ activation: Activation) async throws {
        let network = try Self.network(activation)
        let c = Self.networkCase(network)
        let (value, slope) = Self.closedForm(activation, Self.w * Self.x + Self.b)
        let weight = try #require(network.parameters.first { $0.hasPrefix("W") })
        let request = EngineRequest(id: 0, network: network, networkCase: c)
        for engine in [DoubleEngine(), ReferenceEngine()] as [any GradientEngine] {
            // One case alone, and in a batch (the Double engine's batched sweep).
            let single = try await engine.evaluate(request)
            let batched = try #require(await engine.evaluate(batch: [request, request]).first).get()
            for (path, result) in [("single", single), ("batch", batched)] {
                #expect(Self.close(result.objective, value),
                        "\(engine.name) \(path) \(activation): y = \(result.objective), expected \(value)")
                let dw = try #require(result.gradient[weight])
                #expect(Self.close(dw, slope * Self.x),
                        "\(engine.name) \(path) \(activation): ∂y/∂W = \(dw), expected \(slope * Self.x)")
            }
        }
    }

    @Test("A document's model graph of the network applies the unit's activation",
          arguments: Activation.allCases.filter { $0 != .sigmoid })
    func modelGraph(_ activation: Activation) throws {
        let network = try Self.network(activation)
        let c = Self.networkCase(network)
        let values = try ModelGraph(network: network).evaluate(inputs: c.inputs, parameters: c.parameters,
                                                               activation: c.activation, constantsLike: 0.0)
        let (value, _) = Self.closedForm(activation, Self.w * Self.x + Self.b)
        let y = try #require(values.last)
        #expect(Self.close(y, value), "\(activation): y = \(y), expected \(value)")
    }

    @Test("A tanh/identity network's case is labelled with its units' activations, never the case's α")
    func labels() throws {
        let network = try Network.dense(spec: "2-3-1/tanh,identity")
        let c = NetworkCase(activation: .sigmoid, inputs: [0.5, -1], parameters: network.parameters.map { _ in 0.5 })
        #expect(network.activationLabel(c) == "tanh, identity")
        #expect(network.genericActivation(c) == nil)
        #expect(try Network.dense(spec: "2-3-1/generic,identity").activationLabel(c) == "sigmoid, identity")
        #expect(Network.seed.activationLabel(c) == "sigmoid")
    }
}
