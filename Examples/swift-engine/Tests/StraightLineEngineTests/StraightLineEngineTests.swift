import Testing
import BackpropCheckTesting
import Conformance
import StraightLineEngine

/// One call checks every supported activation in every numerical regime
/// against the MPFR reference, shrinking and reporting any failure.
@Test func straightLineEngineConforms() async throws {
    let report = try #require(await expectConformance(of: StraightLineEngine(), network: .seed, cases: 500, strict: true))
    #expect(report.verdict == .conforms)
    #expect(report.unsupported.isEmpty)
}
