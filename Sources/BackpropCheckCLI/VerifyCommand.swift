import ArgumentParser
import DocumentVerification
import Engines
import Foundation
import NetworkModel
import Notation
import PropertyTesting
import Reports

/// `backprop-check verify [DOCUMENT …]`
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a derivation document's summary table, derivation chains and model equations.",
        discussion: """
            Without arguments, checks the transcription of the seed document in Fixtures/seed/. A \
            document may be a whole Markdown file: the kit finds the tables and chains in it. A document \
            in the seed notation is checked against the seed network; any other document's model rows \
            (name = expression) define the computation its claims are checked against.
            """)

    @Argument(help: "Markdown (.md) or LaTeX (.tex) files.")
    var documents: [String] = []

    @Option(help: "Number of generated cases per claim.")
    var cases: Int = 96

    @Option(help: "Seed of the case generator.")
    var seed: UInt64 = PropertyConfiguration.defaultSeed

    @Option(help: "Reference precision in bits (53...4096).")
    var precision: Int = 256

    @OptionGroup var activationOption: ActivationOption

    @OptionGroup(title: "Network (for documents in the seed's notation, which name no model of their own)")
    var networkOption: NetworkOption

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @Flag(help: "Exit 0 when no claim is discrepant even if some claims are inconclusive (not checked). A document in which no claim could be checked is an error all the same.")
    var allowInconclusive = false

    func validate() throws {
        guard cases > 0 else { throw ValidationError("--cases must be positive") }
        guard (53...4096).contains(precision) else { throw ValidationError("--precision must be within 53...4096") }
    }

    func run() async throws {
        let paths = documents.isEmpty ? SeedFixtures.paths : documents
        let verifier = DocumentVerifier(network: try networkOption.network(), cases: cases, seed: seed, precision: precision, activations: activationOption.activations)
        // Several files are read as one document in several parts, so a
        // table row may cite a derivation in another file.
        let document: Document
        do { document = try DocumentReading.read(paths: paths) } catch {
            throw inputError(error)
        }
        let findings: DocumentFindings
        do {
            findings = try await verifier.verify(document, progress: Progress("verify", unit: "claims").update)
        } catch let error as NotationError {
            throw inputError(error)
        }
        FileHandleOutput.standardOutput(render(findings))
        try exit(for: findings)
    }

    /// Exit status: 1 when a claim is discrepant, or inconclusive without `--allow-inconclusive` (what
    /// was not checked did not pass); 2 when no claim could be checked at all (an error, whatever the
    /// flag says).
    func exit(for findings: DocumentFindings) throws {
        switch findings.outcome {
        case .verified: return
        case .discrepant: throw FindingsExit(status: 1)
        case .partlyChecked: if !allowInconclusive { throw FindingsExit(status: 1) }
        case .nothingChecked:
            throw InputError(description: "\(findings.file): error: no claim could be checked "
                             + "(\(findings.inconclusiveCount) inconclusive, none verified or discrepant); "
                             + "the report above says why for each")
        }
    }

    /// The error for exit status 2; with `--format json`, also as JSON on standard output
    /// (`{"error": {"file", "line", "column", "kind", "message", "expected"}}`), so that a tool reading
    /// the output always gets JSON.
    func inputError(_ error: NotationError) -> InputError {
        if format == .json {
            let report = ErrorReport(error: .init(file: error.location.file, line: error.location.line,
                                                  column: error.location.column, kind: error.kind.rawValue,
                                                  message: error.message, expected: error.expected))
            if let json = try? JSONValue(encoding: report) {
                FileHandleOutput.standardOutput(json.prettyPrinted)  // the layout of every other report
            }
        }
        return InputError(description: error.description)
    }

    /// The JSON form of an input error.
    struct ErrorReport: Encodable {
        struct Located: Encodable {
            var file: String
            var line: Int
            var column: Int
            var kind: String
            var message: String
            var expected: String
        }
        var error: Located
    }

    func render(_ findings: DocumentFindings) -> String {
        switch format {
        case .json: findings.json.prettyPrinted
        case .markdown: findings.markdown
        case .text: findings.text
        }
    }
}

/// The transcription of the seed document.
enum SeedFixtures {
    static let directory = "Fixtures/seed"
    static let files = ["model.tex", "derivation-w10.tex", "derivation-w11.tex", "summary-table.tex"]
    static var paths: [String] { files.map { "\(directory)/\($0)" } }
}
