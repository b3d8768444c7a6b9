import Foundation
import Testing
import Notation
@testable import DocumentVerification

/// Fixtures/documents/malformed/: documents an outside author broke on purpose. Each is a located
/// error (exit 2 from the command line) at the place the mistake is — never a crash, never a verdict.
@Suite("Malformed documents")
struct MalformedDocumentTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/documents/malformed")

    /// Reads and verifies `text`; the first error.
    static func error(in text: String, fileName: String) async -> NotationError? {
        do {
            let document = try DocumentReading.parse([(text, fileName)])
            _ = try await DocumentVerifier(network: .seed, cases: 8).verify(document)
            return nil
        } catch let error as NotationError {
            return error
        } catch {
            Issue.record("not a located error: \(error)")
            return nil
        }
    }

    @Test("Each malformed document is a located error", arguments: [
        ("claim-unknown-symbol", "13:30", "not a quantity of the document's model"),
        ("cycle", "5:8", "defined in a cycle"),
        ("defined-twice", "7:1", "defined twice"),
        ("empty-partial", "11:29", "unexpected '}'"),
        ("empty", "1:1", "no equations found"),
        ("end-without-begin", "10:1", "without '\\begin{align}'"),
        ("prose-only", "1:1", "no equations found"),
        ("stray-amp", "7:28", "unexpected '&'"),
        ("stray-end-swallow", "12:1", "without '\\begin{align}'"),
        ("unclosed-dollars", "3:1", "blank line at 5:1"),
        ("unclosed-left", "7:31", "does not match '\\left('"),
        ("use-before-define", "8:19", "used before it is defined"),
        ("vectors", "7:6", "vectors need a stated shape"),
    ])
    func located(_ name: String, _ position: String, _ message: String) async throws {
        let text = String(decoding: try Data(contentsOf: Self.root.appendingPathComponent(name + ".md")), as: UTF8.self)
        let error = try #require(await Self.error(in: text, fileName: name + ".md"))
        #expect("\(error.location.line):\(error.location.column)" == position, "\(error)")
        #expect(error.message.contains(message), "\(error)")
        #expect(error.location.file == name + ".md")
    }

    @Test("A long block of repeated rows (40 KB) is refused at its first repetition")
    func repeatedRows() async throws {
        let rows = String(repeating: "z &= w x + b \\\\\n", count: 2_000)
        let text = "# Big\n\n\\begin{align}\n" + rows + "\\end{align}\n\n$$\\frac{\\partial z}{\\partial w} = x$$\n"
        let error = try #require(await Self.error(in: text, fileName: "big.md"))
        #expect(error.message.contains("defined twice (first at 4:1)"), "\(error)")
        #expect(error.location.line == 5)
    }

    /// In separate display blocks of one section, a second definition restates the first (a closed form
    /// beside its staging): each repetition is a value claim, checked — not an error, and not skipped.
    @Test("A long document of restatements (40 KB) is 2,000 value claims, each checked")
    func repeatedBlocks() async throws {
        let text = "# Big\n\n" + String(repeating: "$$ z = w x + b $$\n\n", count: 2_000)
            + "$$\\frac{\\partial z}{\\partial w} = x$$\n"
        let document = try DocumentReading.parse([(text, "big.md")])
        let findings = try await DocumentVerifier(network: .seed, cases: 2).verify(document)
        #expect(findings.claims.count == 2_000)
        #expect(findings.outcome == .verified)
        #expect(findings.claims.allSatisfy { $0.verdict == .verified })
    }
}
