import Testing
import BackpropCheckTesting
import Conformance
import NetworkModel
import StraightLineEngine

/// A dense engine written in tensors, checked on a small network with one call.
/// Its tanh′ is the textbook 1 − a², so where tanh saturates it is *inaccurate*
/// (warnings that say why), never *wrong*.
@Test func denseEngineIsNeverWrong() async throws {
    let network = try Network.dense(spec: "4-4-3/tanh,identity/softmax-ce")
    let report = try #require(await expectConformance(of: DenseEngine(), network: network, cases: 200))
    #expect(report.verdict != .nonconformant)
}

/// The same engine with its first layer's indices swapped: the kit reports the
/// swapped partials of W1 as wrong, naming each and its shrunk case.
@Test func swappedIndexIsReportedAsWrong() async throws {
    let network = try Network.dense(spec: "4-4-3/tanh,identity/softmax-ce")
    var report: EngineReport?
    await withKnownIssue {
        report = await expectConformance(of: DenseEngine(swapIndex: true), network: network, cases: 200)
    } matching: { issue in issue.comments.contains { $0.rawValue.contains("∂L/∂W1[") && $0.rawValue.contains("is wrong") } }
    let wrong = report?.partials.filter { $0.verdict == .wrong }.map(\.name) ?? []
    #expect(!wrong.isEmpty && wrong.allSatisfy { $0.hasPrefix("W1[") })
}
