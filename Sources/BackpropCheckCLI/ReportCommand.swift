import ArgumentParser
import Foundation
import Reports

/// `backprop-check report [--out DIR] [--docs DIR] [--check]`
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Regenerate the committed fixture reports (Markdown, JSON, SVG) and the generated docs pages.",
        discussion: "Run from the repository root: reads Fixtures/seed/, writes Fixtures/reports/ and docs/.")

    @Option(help: "Directory to write the reports into (default: Fixtures/reports).")
    var out: String?

    @Option(help: "Directory to write the generated docs pages into (default: docs).")
    var docs: String?

    @Flag(help: "Write nothing: list the committed files that differ from what the kit generates now (exit 1 if any).")
    var check = false

    func run() async throws {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let reports = FixtureReports(root: root)
        do { _ = try reports.seedDocument() } catch {
            throw InputError(description: "\(error)")
        }
        if check {
            let stale = try await reports.staleFiles()
            for file in stale {
                FileHandleOutput.standardError("\(file.path) is stale (refresh with: swift run backprop-check report)\n\(file.difference)\n")
            }
            guard stale.isEmpty else { throw ExitCode(1) }
            FileHandleOutput.standardOutput("every committed report and generated page is up to date\n")
            return
        }
        let written = try await reports.write(reportsDirectory: out.map { URL(fileURLWithPath: $0) },
                                              docsDirectory: docs.map { URL(fileURLWithPath: $0) })
        FileHandleOutput.standardOutput(written.joined(separator: "\n") + "\n")
    }
}
