import ArgumentParser
import Foundation
import Reports

/// `backprop-check report [--out DIR]`
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Regenerate the committed fixture reports (Markdown, JSON, SVG) and the generated docs pages.",
        discussion: "Run from the repository root: reads Fixtures/seed/, writes Fixtures/reports/ and docs/.")

    @Option(help: "Directory to write the reports into (default: Fixtures/reports).")
    var out: String?

    @Option(help: "Directory to write the generated docs pages into (default: docs).")
    var docs: String?

    func run() async throws {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let reports = FixtureReports(root: root)
        do { _ = try reports.seedDocument() } catch {
            throw InputError(description: "\(error)")
        }
        let written = try await reports.write(reportsDirectory: out.map { URL(fileURLWithPath: $0) },
                                              docsDirectory: docs.map { URL(fileURLWithPath: $0) })
        FileHandleOutput.standardOutput(written.joined(separator: "\n") + "\n")
    }
}
