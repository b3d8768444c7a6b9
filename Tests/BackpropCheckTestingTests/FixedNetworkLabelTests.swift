import Testing
import Conformance
import Engines
import NetworkModel
import Reports
@testable import BackpropCheckTesting

/// Reports on a network whose units have fixed activations name those
/// activations: the case's generic α (sigmoid, the first of the list) is
/// applied by no unit and must not be printed as if it were.
@Suite("Labels of a tanh/identity network")
struct FixedNetworkLabelTests {
    @Test("No report of a tanh/identity network says sigmoid; cases are labelled 'tanh, identity'")
    func labelsNameTheUnits() async throws {
        let network = try Network.dense(spec: "2-3-1/tanh,identity/mse")
        let suite = try ConformanceSuite(network: network, generating: 60, seed: checkSeed, shrinking: nil)
        let report = try await suite.run(NetworkMutantEngine(.lossGradientDoubled))
        #expect(report.verdict == .nonconformant)
        let markdown = report.markdown(network: network)
        let text = report.text(network: network)
        let json = report.json(network: network).prettyPrinted
        let issues = ConformanceExpectation(network: network, strict: false, testName: "t").findings(report)
            .map(\.message).joined(separator: "\n")
        #expect(!issues.isEmpty)
        for (format, output) in [("markdown", markdown), ("text", text), ("json", json), ("issues", issues)] {
            #expect(!output.contains("sigmoid"), "\(format) says sigmoid:\n\(output)")
        }
        #expect(markdown.contains(" tanh, identity: expected"))
        #expect(json.contains("\"activations\": \"tanh, identity\""))
        #expect(json.contains("\"activation\": null"))
        #expect(issues.contains("activations tanh, identity"))
    }
}
