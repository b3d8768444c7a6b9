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
        for row in document.rows where !row.rhs.containsShapeMismatch {
            let expression = row.rhs.unscoped
            let reparsed = try Expression.parse(expression.latex, dialect: .general,
                                                functions: document.appliedFunctions, labels: document.numericLabelBases)
            #expect(reparsed == expression, "\(row.location): \(expression.latex)")
        }
    }
}
