import Foundation
import Testing
@testable import Notation

/// Every row the reader produces from the example documents — expanded vector, matrix and index rows
/// included — renders to LaTeX that reads back to the same expression (the fuzz harness's oracle, on
/// the documents people wrote).
@Suite("Rendered rows read back")
struct RoundTripTests {
    static let documents = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/documents")

    static let files: [String] = ["", "outside"].flatMap { folder -> [String] in
        let directory = documents.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { ($0.hasSuffix(".md") || $0.hasSuffix(".tex")) && $0 != "README.md" }
            .map { folder.isEmpty ? $0 : "\(folder)/\($0)" }.sorted()
    }

    @Test("The example documents are found")
    func found() { #expect(Self.files.count >= 100) }

    @Test("Each row of an example document renders and reads back", arguments: files)
    func rowsReadBack(_ file: String) throws {
        let path = Self.documents.appendingPathComponent(file).path
        let document: Document
        do {
            document = try Document.read(contentsOfFile: path, dialect: .general)
        } catch {
            return  // A refused document has no rows to render (its refusal is tested elsewhere).
        }
        try Self.expectRowsReadBack(document)
    }

    /// Fuzz findings of the long run (docs/robustness.md): a layer index whose arithmetic goes below zero
    /// (`w^{l-1}` at l = 0 became the symbol `w^{-1}`, which reads back as a power) or is left undone
    /// (`w^{l-}` at l = 0, `w^{0-}`) is no instance of the family (a row written so stays as written).
    @Test("Instances with a negative or unfinished index are not made", arguments: [
        "$$y = w^{l-1} z_i \\sum_{i=1}^{3} z_i$$",
        "$$y = w^{l-} z_3 z_i$$",
    ])
    func fuzzFindings(_ text: String) throws {
        let document: Document
        do {
            document = try Document.parse(text, fileName: "fuzz.md", dialect: .general)
        } catch {
            return  // Refused with a location: also an acceptable outcome.
        }
        for row in document.rows where row.entry != nil {
            let whole = row.rhs.allSymbols.allSatisfy { $0.hasWholeIndices }
            #expect(whole, "\(row.location)")
        }
        try Self.expectRowsReadBack(document)
    }

    static func expectRowsReadBack(_ document: Document) throws {
        for row in document.rows where !row.rhs.containsShapeMismatch {
            let expression = row.rhs.unscoped
            let reparsed = try Expression.parse(expression.latex, dialect: .general,
                                                functions: document.appliedFunctions, labels: document.numericLabelBases)
            #expect(reparsed == expression, "\(row.location): \(expression.latex)")
        }
    }
}
