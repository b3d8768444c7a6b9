import ArgumentParser
import Foundation
import Reports

/// `backprop-check report [--out DIR]`
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Regenerate the committed fixture reports (Markdown, JSON, SVG).")

    @Option(help: "Directory to write the reports into.")
    var out: String = "Fixtures/reports"

    func run() async throws {
        let written = try await FixtureReports().write(to: URL(fileURLWithPath: out))
        FileHandleOutput.standardOutput(written.map { "\(out)/\($0)" }.joined(separator: "\n") + "\n")
    }
}
