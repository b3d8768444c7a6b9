import NetworkModel

/// Everything the suite learned about one quantity (y or one partial) of one
/// engine: counts per outcome, worst errors, the regimes where it failed and
/// the first counterexample, shrunk when the cases were generated.
public struct QuantityReport: Sendable, Codable, Hashable {
    /// `y` or the parameter name.
    public var name: String
    public var verdict: PartialVerdict
    /// Cases judged (including non-differentiable ones).
    public var cases: Int
    /// Cases per outcome, keyed by ``Deviation/Outcome`` raw value.
    public var outcomes: [String: Int]
    /// Largest error in ulps over differentiable, finite cases.
    public var maxULP: Double
    /// Largest relative error over differentiable, finite cases.
    public var maxRelativeError: Double
    /// Largest error in units of the tolerance.
    public var maxToleranceUnits: Double
    /// Regimes of the cases where the quantity was beyond tolerance.
    public var regimes: [Regime]
    /// The case with the largest error in tolerance units.
    public var worst: CaseDeviation?
    /// The first failing case in run order (deterministic) that shows the
    /// verdict — for a wrong quantity the first formula error (see
    /// ``isFormulaError(_:)``), otherwise the first failing case — if any.
    /// Shrunk when the suite's cases were generated (see ``shrink``): then
    /// its values are the simplest the shrinker found on which this quantity
    /// fails the same way, and its `index` is that of the case it was shrunk
    /// from.
    public var counterexample: CaseDeviation?
    /// The first failing case as generated, when the suite shrank it (equal
    /// to ``counterexample`` when nothing simpler failed the same way); nil
    /// when the cases were not generated or shrinking was off.
    public var originalCounterexample: CaseDeviation?
    /// How ``counterexample`` was obtained from ``originalCounterexample``,
    /// and how to replay the original case.
    public var shrink: ShrinkRecord?
    /// log₂ of the error in tolerance units, per regime, for histograms.
    public var errorSamples: [Regime: [Double]]

    /// Aggregates the deviations of one quantity.
    public init(name: String, deviations: [CaseDeviation]) {
        self.name = name
        cases = deviations.count
        outcomes = Dictionary(grouping: deviations, by: { $0.deviation.outcome.rawValue }).mapValues(\.count)
        let judged = deviations.filter { $0.deviation.outcome != .nonDifferentiable }
        let finite = judged.filter { $0.deviation.ulps.isFinite }
        maxULP = finite.map(\.deviation.ulps).max() ?? 0
        maxRelativeError = finite.map(\.deviation.relativeError).max() ?? 0
        maxToleranceUnits = judged.map(\.deviation.toleranceUnits).max() ?? 0
        let failing = judged.filter { $0.deviation.outcome != .within }
        regimes = Array(Set(failing.compactMap(\.regime))).sorted()
        worst = judged.max { $0.deviation.toleranceUnits < $1.deviation.toleranceUnits }
        counterexample = failing.first(where: Self.isFormulaError) ?? failing.first
        errorSamples = Dictionary(grouping: judged, by: { $0.regime ?? .ordinary })
            .mapValues { $0.map { Self.log2Units($0.deviation.toleranceUnits) } }
        verdict = Self.verdict(judged: judged, failing: failing)
    }

    /// wrong ⇐ non-finite, missing, or gross in a well-conditioned unsaturated
    /// case; inaccurate ⇐ any other failure; conforms otherwise.
    static func verdict(judged: [CaseDeviation], failing: [CaseDeviation]) -> PartialVerdict {
        if judged.isEmpty { return .nonDifferentiable }
        if failing.contains(where: isFormulaError) { return .wrong }
        return failing.isEmpty ? .conforms : .inaccurate
    }

    /// Conditioning above 2²⁰ units of roundoff counts as ill-conditioned.
    public static let wellConditionedLimit = 0x1p20

    /// A failure that rounding cannot explain.
    static func isFormulaError(_ c: CaseDeviation) -> Bool {
        switch c.deviation.outcome {
        case .nonFinite, .missing: return true
        case .gross: return !c.saturated && c.deviation.conditioning <= wellConditionedLimit
        default: return false
        }
    }

    /// log₂(units), clamped to [−60, 60] so exact answers and ∞ can be binned.
    static func log2Units(_ units: Double) -> Double {
        guard units > 0 else { return -60 }
        return min(60, max(-60, units.isFinite ? binaryLogarithm(units) : 60))
    }
}
