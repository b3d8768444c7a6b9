import DocumentVerification
import Engines
import Notation

/// The engines the command line knows by name.
enum BuiltInEngines {
    static let names = ["double", "mpfr", "autodiff", "table"] + MutantEngine.Mutation.allCases.map { "mutant-\($0.rawValue)" }
        + ["mutant-transposed-W1", "mutant-loss-gradient-doubled", "mutant-loss-gradient-reversed",
           "mutant-tied-weight-counted-once"]

    /// Whether `name` names a built-in engine (`mutant-transposed-<group>` for any weight group).
    static func isKnown(_ name: String) -> Bool {
        names.contains(name) || (name.hasPrefix("mutant-")
                                 && NetworkMutantEngine.Mutation(name: String(name.dropFirst("mutant-".count))) != nil)
    }

    static func make(_ name: String) throws -> any GradientEngine {
        switch name {
        case "double": return DoubleEngine()
        case "mpfr": return ReferenceEngine()
        case "autodiff": return AutodiffEngine()
        default:
            if let m = MutantEngine.Mutation.allCases.first(where: { "mutant-\($0.rawValue)" == name }) {
                return MutantEngine(m)
            }
            if name.hasPrefix("mutant-"), let m = NetworkMutantEngine.Mutation(name: String(name.dropFirst("mutant-".count))) {
                return NetworkMutantEngine(m)
            }
            throw InputError(description: "unknown engine '\(name)'")
        }
    }

    /// The summary table of `document` (default: the seed transcription) as an engine.
    static func table(document path: String?) throws -> any GradientEngine {
        let paths = path.map { [$0] } ?? SeedFixtures.paths
        do {
            return TableEngine(document: Document(merging: try paths.map { try Document.read(contentsOfFile: $0) }),
                               network: .seed)
        } catch let error as NotationError {
            throw InputError(description: error.description)
        }
    }

    /// An engine process speaking backprop-engine/1 or /2 (`ProcessEngine.Configuration.wireProtocol`).
    static func external(command: String, configuration: ProcessEngine.Configuration) -> ProcessEngine {
        ProcessEngine(command: command, configuration: configuration)
    }
}
