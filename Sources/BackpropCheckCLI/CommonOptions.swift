import ArgumentParser
import NetworkModel
import PropertyTesting

/// Output formats.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}

/// The network a command works on: `--network seed | dense:SPEC | FILE.json`.
struct NetworkOption: ParsableArguments {
    @Option(name: .customLong("network"),
            help: ArgumentHelp("The network: seed, dense:WIDTHS/ACTIVATIONS/LOSS (e.g. dense:784-128-10/tanh,identity/softmax-ce), or a network file (docs/networks.md).",
                               valueName: "seed|dense:SPEC|FILE"))
    var name = "seed"

    /// The network named, or a located input error (exit 2).
    func network() throws -> Network {
        do { return try Network.named(name) } catch { throw InputError(description: error.message) }
    }
}

/// `--activation NAME` as a typed argument; an unknown name is a usage error listing the names.
extension Activation: ExpressibleByArgument {}

/// `--activation NAME` (repeatable): the activations cases are drawn with.
struct ActivationOption: ParsableArguments {
    @Option(name: .customLong("activation"),
            help: "Activation to draw cases with (repeatable): \(Activation.names). Default: all.")
    var chosen: [Activation] = []

    /// The chosen activations, all when none was named.
    var activations: [Activation] { chosen.isEmpty ? Activation.allCases : chosen }
}

/// Options shared by the commands that generate cases.
struct CaseOptions: ParsableArguments {
    @Option(help: "Number of generated cases.")
    var cases: Int = 700

    @Option(help: "Seed of the case generator (a 64-bit integer, printed in decimal).")
    var seed: UInt64 = PropertyConfiguration.defaultSeed

    @Option(help: "Reference precision in bits (53...4096).")
    var precision: Int = 256

    @OptionGroup var activationOption: ActivationOption

    func validate() throws {
        guard cases > 0 else { throw ValidationError("--cases must be positive") }
        guard (53...4096).contains(precision) else { throw ValidationError("--precision must be within 53...4096") }
    }

    /// The chosen activations, all when none was named.
    func activations() -> [Activation] { activationOption.activations }
}
