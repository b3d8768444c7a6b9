import Foundation
import Testing
import Reports

/// The committed fixture reports must be what the kit generates now.
@Suite("Fixture reports")
struct FixtureReportTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("Committed reports and generated docs pages are up to date")
    func reportsAreFresh() async throws {
        let generated = try await FixtureReports(root: Self.root).files()
        #expect(generated.count >= 19)
        for (path, contents) in generated.sorted(by: { $0.key < $1.key }) {
            let committed = try? String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
            let fresh = committed == contents
            #expect(fresh, """
                \(path) is stale. Refresh with: swift run backprop-check report
                \(Self.firstDifference(committed ?? "<missing>", contents))
                """)
        }
    }

    @Test("Reports are deterministic: two generations are byte-identical")
    func reportsAreDeterministic() async throws {
        // The example documents' reports are compared with committed bytes made by another process
        // (the test above), which shows them deterministic; here the seed's and the engines'.
        var options = FixtureReports(root: Self.root, engineCases: 60, documentCases: 16)
        options.includesDocuments = false
        let first = try await options.files()
        let second = try await options.files()
        #expect(first == second)
    }

    /// The first differing line, as a readable diff excerpt.
    static func firstDifference(_ old: String, _ new: String) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, b.count) where (i < a.count ? a[i] : nil) != (i < b.count ? b[i] : nil) {
            return "first difference at line \(i + 1):\n- \(i < a.count ? String(a[i]) : "<end>")\n+ \(i < b.count ? String(b[i]) : "<end>")"
        }
        return "no line differs"
    }
}
