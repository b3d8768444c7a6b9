import ArgumentParser
import Conformance
import Engines
import NetworkModel
import Reports

/// `backprop-check engine NAME | --external COMMAND`
struct EngineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Run the conformance suite against a built-in or external engine.",
        discussion: "Built-in engines: \(BuiltInEngines.names.joined(separator: ", ")).")

    @Argument(help: "A built-in engine.")
    var name: String?

    @Option(help: "A command speaking backprop-engine/1 or /2 on standard input and output (run with /bin/sh -c).")
    var external: String?

    @Option(name: .customLong("protocol"),
            help: ArgumentHelp("The protocol of an external engine: auto (/1, or /2 when the engine's first line is the /2 handshake), 1, or 2 (wait for the handshake before sending).",
                               valueName: "auto|1|2"))
    var wireProtocol: ProcessEngine.WireProtocol = .automatic

    @OptionGroup var networkOption: NetworkOption

    @OptionGroup var caseOptions: CaseOptions

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @Flag(help: "Also fail (exit 1) when the engine is only inaccurate.")
    var strict = false

    @Option(help: "Seconds to wait for each answer of an external engine.")
    var timeout: Double = 5

    @Option(help: "Seconds an external engine may take for its first answer after starting (shared by restarts).")
    var startupTimeout: Double = 60

    @Option(help: "Timeouts of an external engine after which the remaining cases fail at once (gave-up).")
    var maxTimeouts: Int = 3

    @Option(help: "With the 'table' engine: the document whose summary table to use (default: the seed's).")
    var table: String?

    func validate() throws {
        guard (name == nil) != (external == nil) else {
            throw ValidationError("give exactly one of an engine name or --external COMMAND")
        }
        if let name, !BuiltInEngines.isKnown(name) {
            throw ValidationError("unknown engine '\(name)'; expected one of \(BuiltInEngines.names.joined(separator: ", "))")
        }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard startupTimeout > 0 else { throw ValidationError("--startup-timeout must be positive") }
        guard maxTimeouts > 0 else { throw ValidationError("--max-timeouts must be at least 1") }
    }

    func run() async throws {
        let engine = try makeEngine()
        let network = try networkOption.network()
        let suite = try ConformanceSuite(network: network, generating: caseOptions.cases, seed: caseOptions.seed,
                                         activations: caseOptions.activations(), precision: caseOptions.precision)
        let progress = Progress("engine \(engine.name)")
        let report = try await suite.run(engine, progress: progress.update)
        if let process = engine as? ProcessEngine {
            await process.shutdown()
            let log = await process.capturedStandardError()
            if !log.isEmpty { FileHandleOutput.standardError("engine standard error (last lines):\n\(log.suffix(2000))\n") }
        }
        FileHandleOutput.standardOutput(render(report, network: network))
        if let insufficient = report.insufficientCoverage {
            FileHandleOutput.standardError("backprop-check: not conforming: \(insufficient)\n")
        }
        let failed = report.verdict == .nonconformant || (strict && report.verdict == .inaccurate)
        if failed { throw FindingsExit(status: 1) }
    }

    func makeEngine() throws -> any GradientEngine {
        if let external {
            return BuiltInEngines.external(command: external, configuration: ProcessEngine.Configuration(
                requestTimeout: .seconds(timeout), startupTimeout: .seconds(startupTimeout), maxTimeouts: maxTimeouts,
                wireProtocol: wireProtocol))
        }
        if name == "table" { return try BuiltInEngines.table(document: table) }
        return try BuiltInEngines.make(name!)
    }

    func render(_ report: EngineReport, network: Network) -> String {
        switch format {
        case .json: report.json(network: network).prettyPrinted
        case .markdown: report.markdown(network: network)
        case .text: report.text(network: network)
        }
    }
}

extension ProcessEngine.WireProtocol: ExpressibleByArgument {}
