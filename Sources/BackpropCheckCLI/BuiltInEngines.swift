import Engines

/// The engines the command line knows by name.
enum BuiltInEngines {
    static let names = ["double", "mpfr", "autodiff"] + MutantEngine.Mutation.allCases.map { "mutant-\($0.rawValue)" }

    static func make(_ name: String) throws -> any GradientEngine {
        switch name {
        case "double": return DoubleEngine()
        case "mpfr": return ReferenceEngine()
        case "autodiff": return AutodiffEngine()
        default:
            if let m = MutantEngine.Mutation.allCases.first(where: { "mutant-\($0.rawValue)" == name }) {
                return MutantEngine(m)
            }
            throw InputError(description: "unknown engine '\(name)'")
        }
    }

    static func external(command: String, timeout: Double) throws -> any GradientEngine {
        throw InputError(description: "external engines are not available in this build yet")
    }
}
