import Foundation
import Testing
import MultiPrecision
import NetworkModel
import Reference

/// One committed golden case: values computed by `scripts/golden/make_golden_cases.py`
/// (mpmath, sharing no code with the kit) to 70 significant digits.
struct GoldenCase: Decodable, CustomTestStringConvertible, Sendable {
    struct Exact: Decodable, Sendable { var hex: String; var decimal: String }
    var name: String
    var activation: String
    var regime: String
    var inputs: [String: Exact]
    var params: [String: Exact]
    var y: String
    var intermediates: [String: String]
    var gradient: [String: String]

    var testDescription: String { name }

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/cases")

    static func all() throws -> [GoldenCase] {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try files.map { try JSONDecoder().decode(GoldenCase.self, from: Data(contentsOf: $0)) }
    }

    /// The case as the kit sees it; hex strings give the exact binary64 values.
    func networkCase(_ network: Network) throws -> NetworkCase {
        func value(_ exact: Exact?) throws -> Double { try #require(exact.flatMap { Double($0.hex) }) }
        return NetworkCase(
            activation: try #require(Activation(rawValue: activation)),
            inputs: try network.inputs.map { try value(inputs[$0]) },
            parameters: try network.parameters.map { try value(params[$0]) })
    }
}

@Suite("Reference against independent golden values")
struct GoldenCaseTests {
    @Test func atLeastTwentyCasesCoverEveryActivation() throws {
        let cases = try GoldenCase.all()
        #expect(cases.count >= 20)
        #expect(Set(cases.map(\.activation)) == Set(Activation.allCases.map(\.rawValue)))
    }

    /// y, every intermediate and all eight partials agree with the golden
    /// digits to 60 significant digits (relative 1e-60, or absolute for zeros).
    @Test(arguments: try GoldenCase.all())
    func referenceMatchesGoldenDigits(_ golden: GoldenCase) throws {
        let network = Network.seed
        let evaluation = try ReferenceEvaluator(network: network, precision: 320)
            .evaluate(try golden.networkCase(network), finiteDifferences: .all)
        func check(_ name: String, _ actual: BigFloat, _ expectedText: String) throws {
            let expected = try #require(BigFloat(expectedText, precision: 320))
            let scale = BigFloat.maximum(expected.magnitude, BigFloat(1e-300, precision: 320))
            let relative = (actual - expected).magnitude / scale
            #expect(relative < BigFloat(1e-60, precision: 320),
                    "\(golden.name): \(name) = \(actual.decimalString(significantDigits: 40)), golden \(expectedText)")
        }
        try check("y", evaluation.objective, golden.y)
        for (u, unit) in network.units.enumerated() {
            try check(unit.preactivationName, evaluation.preactivations[u], try #require(golden.intermediates[unit.preactivationName]))
            try check(unit.outputName, evaluation.outputs[u], try #require(golden.intermediates[unit.outputName]))
        }
        for (p, name) in network.parameters.enumerated() {
            try check("∂y/∂\(name)", evaluation.gradient[p], try #require(golden.gradient[name]))
        }
    }
}
