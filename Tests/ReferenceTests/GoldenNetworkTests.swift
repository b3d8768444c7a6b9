import Foundation
import Testing
import MultiPrecision
import NetworkModel
import Reference

/// One committed golden case of a network file: values computed by
/// `scripts/golden/make_golden_networks.py` (mpmath, forward-mode
/// differentiation, sharing no code with the kit) to 70 significant digits.
struct GoldenNetworkCase: Decodable, CustomTestStringConvertible, Sendable {
    var name: String
    var network: String
    var networkFile: String
    /// The case's generic α; absent for networks whose units are all fixed.
    var activation: String?
    var regime: String
    var inputs: [String: GoldenCase.Exact]
    var params: [String: GoldenCase.Exact]
    var targets: [String: GoldenCase.Exact]
    var objectiveName: String
    var objective: String
    var intermediates: [String: String]
    var gradient: [String: String]

    enum CodingKeys: String, CodingKey {
        case name, network, activation, regime, inputs, params, targets, objective, intermediates, gradient
        case networkFile = "network_file"
        case objectiveName = "objective_name"
    }

    var testDescription: String { name }

    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = root.appendingPathComponent("Fixtures/cases/networks")

    static func all() throws -> [GoldenNetworkCase] {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try files.map { try JSONDecoder().decode(GoldenNetworkCase.self, from: Data(contentsOf: $0)) }
    }

    /// The network, read from its committed file the way the command line reads one.
    func readNetwork() throws -> Network {
        try NetworkFile.read(contentsOfFile: Self.root.appendingPathComponent(networkFile).path)
    }

    /// The case as the kit sees it; hex strings give the exact binary64 values.
    func networkCase(_ network: Network) throws -> NetworkCase {
        func value(_ exact: GoldenCase.Exact?) throws -> Double { try #require(exact.flatMap { Double($0.hex) }) }
        // A network without generic units ignores the case's activation.
        let generic = try activation.map { try #require(Activation(rawValue: $0)) } ?? .identity
        return NetworkCase(activation: generic,
                           inputs: try network.inputs.map { try value(inputs[$0]) },
                           parameters: try network.parameters.map { try value(params[$0]) },
                           targets: try network.targets.map { try value(targets[$0]) })
    }
}

@Suite("Reference against independent golden values for network files")
struct GoldenNetworkTests {
    /// Every loss, a tied weight and a skip connection are covered, with at
    /// least three cases per network.
    @Test func casesCoverEveryLossTiedWeightsAndSkips() throws {
        let cases = try GoldenNetworkCase.all()
        let byNetwork = Dictionary(grouping: cases, by: \.networkFile)
        #expect(byNetwork.count >= 4)
        #expect(byNetwork.values.allSatisfy { $0.count >= 3 })
        let networks = try byNetwork.values.map { try $0[0].readNetwork() }
        var losses: Set<Loss> = []
        for network in networks {
            if case .loss(let loss, _, _) = network.objective { losses.insert(loss) }
        }
        #expect(losses == Set(Loss.allCases))
        let tied = networks.contains { network in
            let uses = network.units.flatMap { $0.terms.map(\.weight) }
            return Set(uses).count < uses.count
        }
        #expect(tied, "some network uses one weight in two terms")
        let skip = networks.contains { network in
            network.units.enumerated().contains { u, unit in
                let reads = unit.terms.map(\.source)
                let readsInput = reads.contains { if case .input = $0 { true } else { false } }
                let readsEarlierUnit = reads.contains { if case .unit(let v) = $0 { v < u - 1 } else { false } }
                return readsInput && readsEarlierUnit
            }
        }
        #expect(skip, "some unit reads an input and a non-adjacent earlier unit")
        #expect(cases.contains { $0.activation != nil }, "some network has generic units")
    }

    /// The objective, every z and x, and every partial agree with the golden
    /// digits to 1e-50 relative (absolute below 1e-300, for exact zeros).
    @Test(arguments: try GoldenNetworkCase.all())
    func referenceMatchesGoldenDigits(_ golden: GoldenNetworkCase) throws {
        let network = try golden.readNetwork()
        #expect(Set(golden.inputs.keys) == Set(network.inputs))
        #expect(Set(golden.params.keys) == Set(network.parameters))
        #expect(Set(golden.targets.keys) == Set(network.targets))
        #expect(Set(golden.gradient.keys) == Set(network.parameters))
        #expect(Set(golden.intermediates.keys) == Set(network.units.flatMap { [$0.preactivationName, $0.outputName] }))
        #expect(network.objective.name == golden.objectiveName)
        #expect(network.hasGenericUnits == (golden.activation != nil))

        let evaluation = try ReferenceEvaluator(network: network, precision: 320).evaluate(try golden.networkCase(network))
        let tolerance = BigFloat(1e-50, precision: 320)
        let floor = BigFloat(1e-300, precision: 320)
        func check(_ name: String, _ actual: BigFloat, _ expectedText: String?) throws {
            let text = try #require(expectedText, "\(golden.name): no golden value for \(name)")
            let expected = try #require(BigFloat(text, precision: 320))
            let relative = (actual - expected).magnitude / BigFloat.maximum(expected.magnitude, floor)
            #expect(relative < tolerance,
                    "\(golden.name): \(name) = \(actual.decimalString(significantDigits: 40)), golden \(text)")
        }
        try check(golden.objectiveName, evaluation.objective, golden.objective)
        for (u, unit) in network.units.enumerated() {
            try check(unit.preactivationName, evaluation.preactivations[u], golden.intermediates[unit.preactivationName])
            try check(unit.outputName, evaluation.outputs[u], golden.intermediates[unit.outputName])
        }
        for (p, name) in network.parameters.enumerated() {
            try check("∂\(golden.objectiveName)/∂\(name)", evaluation.gradient[p], golden.gradient[name])
        }
    }
}
