import NetworkModel

/// The outcome of a property run.
public enum PropertyResult<Value: Sendable>: Sendable {
    /// Every case held.
    case passed(PropertyPass)
    /// A case failed; the report holds the original and shrunk counterexample.
    case failed(PropertyFailure<Value>)
    /// The generator could not produce the value of some case.
    case generationFailed(GenerationFailure)

    /// The failure, if the property failed.
    public var failure: PropertyFailure<Value>? {
        if case .failed(let f) = self { return f }
        return nil
    }

    public var isPassed: Bool {
        if case .passed = self { return true }
        return false
    }
}

/// A run in which every case held.
public struct PropertyPass: Sendable, Hashable {
    public var seed: UInt64
    public var casesRun: Int
}

/// How to run one case of a run again, alone.
public struct ReplayInstruction: Sendable, Hashable, CustomStringConvertible {
    public var seed: UInt64
    public var caseIndex: Int

    /// The environment assignments that replay the case:
    /// `BACKPROP_CHECK_SEED=<seed> BACKPROP_CHECK_CASE=<index>`.
    public var environment: String {
        "\(PropertyEnvironment.seedVariable)=\(seed) \(PropertyEnvironment.caseVariable)=\(caseIndex)"
    }

    public var description: String { environment }
}

/// The generator failed for one case (e.g. a filter ran out of attempts).
public struct GenerationFailure: Sendable, Hashable, CustomStringConvertible {
    public var seed: UInt64
    public var caseIndex: Int
    public var error: GenerationError

    public var replay: ReplayInstruction { ReplayInstruction(seed: seed, caseIndex: caseIndex) }

    public var description: String {
        "Generating case \(caseIndex) (seed \(seed)) failed: \(error)\nReplay: \(replay)"
    }
}

/// A failing case, before and after shrinking.
public struct PropertyFailure<Value: Sendable>: Sendable, CustomStringConvertible {
    /// Seed of the run.
    public var seed: UInt64
    /// Index of the lowest failing case.
    public var caseIndex: Int
    /// Number of cases the run was configured for.
    public var casesPlanned: Int
    /// The failing value as generated.
    public var original: Value
    public var originalMessage: String
    /// The simplest failing value shrinking found.
    public var shrunk: Value
    public var shrunkMessage: String
    /// Accepted shrink steps and property evaluations spent shrinking.
    public var shrinkSteps: Int
    public var shrinkAttempts: Int
    /// True when shrinking stopped on its step or time budget.
    public var shrinkBudgetExhausted: Bool
    /// The shrunk value's choice sequence (replays to ``shrunk``).
    public var shrunkChoices: [Choice]

    /// The regime of the shrunk counterexample, when values are ``RegimeTagged``.
    public var regime: Regime? { (shrunk as? any RegimeTagged)?.regime }
    /// The regime of the original counterexample, when values are ``RegimeTagged``.
    public var originalRegime: Regime? { (original as? any RegimeTagged)?.regime }

    public var replay: ReplayInstruction { ReplayInstruction(seed: seed, caseIndex: caseIndex) }

    public var description: String { report() }

    /// A multi-line report; `describe` formats values.
    public func report(describing describe: (Value) -> String = { String(describing: $0) }) -> String {
        var lines = ["Property failed at case \(caseIndex) of \(casesPlanned) (seed \(seed))."]
        if let regime { lines.append("Regime: \(regimeText(regime))") }
        lines.append("Shrunk counterexample (\(shrinkSteps) shrink steps, \(shrinkAttempts) attempts"
                     + (shrinkBudgetExhausted ? ", budget exhausted" : "") + "):")
        lines.append("  " + describe(shrunk))
        lines.append("  → \(shrunkMessage)")
        lines.append("Original counterexample:")
        lines.append("  " + describe(original))
        lines.append("  → \(originalMessage)")
        lines.append("Replay this case alone with \(replay.environment)")
        return lines.joined(separator: "\n")
    }

    func regimeText(_ regime: Regime) -> String {
        guard let originalRegime, originalRegime != regime else { return regime.rawValue }
        return "\(regime.rawValue) (shrunk from \(originalRegime.rawValue))"
    }
}
