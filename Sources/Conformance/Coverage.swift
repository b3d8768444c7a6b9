/// How many of a run's cases the engine actually evaluated.
///
/// Every generated case ends in exactly one of three ways: the engine
/// answered it (*evaluated*, whether or not its values were then judged —
/// a case on a kink is evaluated and reported non-differentiable), the
/// engine declined it as a capability it lacks (*declined*: an
/// `unsupported …` answer, or an activation or network it does not claim),
/// or the engine faulted on it (*faulted*). A verdict speaks only for the
/// evaluated cases, so an engine that evaluated none, or declined most of
/// them, cannot conform (docs/tolerance.md, "Coverage").
public struct Coverage: Sendable, Codable, Hashable {
    /// Cases the suite generated (or was given) and asked the engine about.
    public var generated: Int
    /// Cases the engine answered.
    public var evaluated: Int
    /// Cases the engine declined as a capability it lacks.
    public var declined: Int
    /// Cases on which the engine faulted.
    public var faulted: Int

    public init(generated: Int, evaluated: Int, declined: Int, faulted: Int) {
        self.generated = generated
        self.evaluated = evaluated
        self.declined = declined
        self.faulted = faulted
    }

    /// Whether the run covered enough of its cases for a verdict: the engine
    /// evaluated at least one case and declined at most half of them.
    public var isSufficient: Bool { evaluated > 0 && declined * 2 <= generated }

    /// "evaluated 48 of 50 cases".
    public var summary: String { "evaluated \(evaluated) of \(generated) cases" }
}

extension EngineReport {
    /// Why the coverage does not suffice, or nil when it does: "the engine
    /// evaluated 0 of 50 cases: unsupported network seed (50 cases)", the
    /// reasons being the capabilities declined and the faults, as reported.
    public var insufficientCoverage: String? {
        guard !coverage.isSufficient else { return nil }
        var reasons = unsupported.sorted { $0.key < $1.key }.map { "unsupported \($0.key) (\($0.value) cases)" }
        if coverage.faulted > 0 { reasons.append("\(coverage.faulted) cases faulted") }
        let why = reasons.isEmpty ? "" : ": " + reasons.joined(separator: ", ")
        let most = coverage.evaluated > 0 ? " (it declined more than half of them)" : ""
        return "the engine \(coverage.summary)\(most)\(why)"
    }
}
