import Foundation
import Testing
import Reports

/// The committed fixture reports must be what the kit generates now.
@Suite("Fixture reports")
struct FixtureReportTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The document reports the default run regenerates: a fixed sixteenth of the example pairs, by name
    /// (`BACKPROP_CHECK_ACCEPTANCE=1`: all of them, as `.ci/run` checks with `backprop-check report --check`).
    /// Regenerating all 198 takes longer than the rest of the suite.
    static var documents: FixtureReports.DocumentSelection {
        ProcessInfo.processInfo.environment["BACKPROP_CHECK_ACCEPTANCE"] == "1" ? .all : .sample(buckets: 16)
    }

    @Test("Committed reports and generated docs pages are up to date")
    func reportsAreFresh() async throws {
        var reports = FixtureReports(root: Self.root)
        reports.documents = Self.documents
        let generated = try await reports.files()
        for file in reports.staleFiles(among: generated) {
            Issue.record("\(file.path) is stale. Refresh with: swift run backprop-check report\n\(file.difference)")
        }
        #expect(generated.keys.filter { $0.hasPrefix("Fixtures/documents/reports/") }.count >= 8)
        #expect(generated.count >= 19)
    }

    @Test("The sample of outside pairs is fixed and takes both files of a pair")
    func sample() {
        let selection = FixtureReports.DocumentSelection.sample(buckets: 16)
        let outside = "Fixtures/documents/outside/"
        for name in ["nielsen", "bishop", "cs231n", "softmax3", "relu", "ng"] {
            #expect(selection.includes(outside + name + ".md") == selection.includes(outside + name + "-corrected.md"))
        }
        #expect(selection.includes("Fixtures/documents/three-layers.md") == selection.includes("Fixtures/documents/three-layers-corrected.md"))
        #expect(FixtureReports.DocumentSelection.all.includes("Fixtures/documents/three-layers.md"))
        #expect(!FixtureReports.DocumentSelection.none.includes("Fixtures/documents/three-layers.md"))
        #expect(FixtureReports.DocumentSelection.fnv1a("") == 14_695_981_039_346_656_037)
        #expect(FixtureReports.DocumentSelection.fnv1a("a") == 0xaf63dc4c8601ec8c)
    }

    @Test("Reports are deterministic: two generations are byte-identical")
    func reportsAreDeterministic() async throws {
        // The example documents' reports are compared with committed bytes made by another process
        // (the test above), which shows them deterministic; here the seed's and the engines'.
        var options = FixtureReports(root: Self.root, engineCases: 60, documentCases: 16)
        options.documents = .none
        let first = try await options.files()
        let second = try await options.files()
        #expect(first == second)
    }
}
