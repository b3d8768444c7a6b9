import Foundation
import Testing
import Engines
import NetworkModel
@testable import Conformance

/// Mistakes made in back-propagation for layers and losses are judged wrong on
/// exactly the parameters they change, on networks other than the seed.
@Suite("Mutants on dense networks and tied weights")
struct NetworkMutantTests {
    static let tiedSkip = """
    {"name": "tied-skip", "inputs": ["x1", "x2"], "parameters": ["w", "v", "b1", "b2"],
     "units": [
       {"preactivation": "z1", "output": "h", "activation": "tanh", "terms": [{"weight": "w", "source": "x1"}], "bias": "b1"},
       {"preactivation": "z2", "output": "y", "activation": "identity",
        "terms": [{"weight": "v", "source": "h"}, {"weight": "w", "source": "x2"}], "bias": "b2"}
     ],
     "objective": {"loss": "mse", "outputs": ["y"]}}
    """

    static let scenarios: [(String, NetworkMutantEngine.Mutation)] = [
        ("dense:3-4-3/tanh,identity/softmax-ce", .transposedWeightGradient(group: "W1")),
        ("dense:3-4-3/tanh,identity/softmax-ce", .transposedWeightGradient(group: "W2")),
        // ReLU's zero slope is not saturation: a formula error there is still wrong.
        ("dense:3-5-4/relu,identity/softmax-ce", .transposedWeightGradient(group: "W1")),
        ("dense:3-5-2/silu,identity/mse", .lossGradientDoubled),
        ("dense:4-3-1/sigmoid,identity/logistic", .lossGradientReversed),
        ("dense:3-4-3/tanh,identity/softmax-ce", .lossGradientReversed),
        ("tied-skip", .tiedWeightCountedOnce),
    ]

    static func network(_ name: String) throws -> Network {
        name == "tied-skip" ? try NetworkFile.parse(Data(tiedSkip.utf8)) : try Network.named(name)
    }

    @Test(arguments: 0..<scenarios.count)
    func mutantIsWrongOnExactlyTheAffectedParameters(_ index: Int) async throws {
        let (name, mutation) = Self.scenarios[index]
        let network = try Self.network(name)
        let affected = Set(mutation.affectedParameters(in: network).map { network.parameters[$0] })
        #expect(!affected.isEmpty)
        let suite = try ConformanceSuite(network: network, generating: 80, seed: 20_261_201, shrinking: nil)
        let report = try await suite.run(NetworkMutantEngine(mutation))
        let wrong = Set(report.partials.filter { $0.verdict == .wrong }.map(\.name))
        #expect(wrong == affected, "\(name) \(mutation.name): wrong on \(wrong.sorted()), expected \(affected.sorted())")
        #expect(report.value.verdict == .conforms)
        #expect(report.faults.isEmpty)
    }

    @Test(arguments: ["dense:3-4-3/tanh,identity/softmax-ce", "dense:3-5-2/silu,identity/mse",
                      "dense:8-16-16-1/relu,relu,sigmoid/logistic", "tied-skip"])
    func doubleEngineConforms(_ name: String) async throws {
        let network = try Self.network(name)
        let suite = try ConformanceSuite(network: network, generating: 100, seed: 20_261_201)
        let report = try await suite.run(DoubleEngine())
        #expect(report.verdict == .conforms, "\(name): \(report.partials.filter { $0.verdict != .conforms }.map(\.name))")
        #expect(report.referenceCheck.cases > 0 && report.referenceCheck.partialsPerCase > 0)
    }
}
