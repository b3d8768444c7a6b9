import Judgement
import NetworkModel

/// Everything the suite learned about one quantity (the objective or one
/// partial) of one engine: counts per outcome, worst errors, the regimes
/// where it failed and the first counterexample, shrunk when the cases were
/// generated. Built case by case (``record(_:)``), so a run keeps a summary
/// per quantity, never every deviation: memory does not grow with the
/// number of cases.
public struct QuantityReport: Sendable, Codable, Hashable {
    /// The objective or a partial.
    public var id: QuantityID
    /// The objective's or the parameter's name (`y`, `L`, `w10`, `W1[3,0]`).
    public var name: String
    public var verdict: PartialVerdict
    /// Cases judged (including non-differentiable ones).
    public var cases: Int
    /// Cases per outcome (encoded as an object keyed by the outcome's raw
    /// value, as the reports write it).
    public var outcomes: [Deviation.Outcome: Int]
    /// Largest error in ulps over differentiable, finite cases whose exact
    /// value is not zero (against zero, see the tolerance units).
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
    /// Counts of log₂(error / τ) per regime in the bins of ``histogramBins``
    /// (values outside are clamped into the end bins), for histograms.
    public var errorHistogram: [Regime: [Int]]
    /// Cases judged (not non-differentiable) and the first formula error, kept while recording.
    var judgedCount = 0
    var firstFailure: CaseDeviation?
    var firstFormulaError: CaseDeviation?
    /// Failures beyond τ, by where they happened (see ``FailureContext``).
    public var failureContexts: [FailureContext: Int] = [:]
    /// Failures beyond τ in saturated cases, by the activation of the saturating units.
    public var failingActivations: [Activation: Int] = [:]
    /// Failures beyond τ in cases where some unit saturates.
    public var saturatedFailures = 0
    /// Largest error in units of the binary64 allowance.
    public var maxAllowanceUnits: Double = 0

    /// An empty report for the quantity `id` called `name`.
    public init(id: QuantityID, name: String) {
        self.id = id
        self.name = name
        verdict = .nonDifferentiable
        cases = 0
        outcomes = [:]
        (maxULP, maxRelativeError, maxToleranceUnits) = (0, 0, 0)
        regimes = []
        errorHistogram = [:]
    }

    /// Aggregates the deviations of one quantity.
    public init(id: QuantityID, name: String, deviations: [CaseDeviation]) {
        self.init(id: id, name: name)
        for d in deviations { record(d) }
        finish()
    }

    /// Adds one case's deviation to the summary.
    public mutating func record(_ d: CaseDeviation) {
        cases += 1
        outcomes[d.deviation.outcome, default: 0] += 1
        guard d.deviation.outcome != .nonDifferentiable else { return }
        judgedCount += 1
        // Ulps against an exact zero (ulp(0) = 2⁻¹⁰⁷⁴) say nothing; those cases count in τ only.
        if d.deviation.ulps.isFinite && d.deviation.expected != 0 {
            maxULP = max(maxULP, d.deviation.ulps)
            maxRelativeError = max(maxRelativeError, d.deviation.relativeError)
        }
        maxToleranceUnits = max(maxToleranceUnits, d.deviation.toleranceUnits)
        maxAllowanceUnits = max(maxAllowanceUnits, d.deviation.allowanceUnits)
        if worst.map({ $0.deviation.toleranceUnits < d.deviation.toleranceUnits }) ?? true { worst = d }
        let bin = Self.histogramBins.bin(Self.log2Units(d.deviation.toleranceUnits))
        errorHistogram[d.regime ?? .ordinary, default: Array(repeating: 0, count: Self.histogramBins.count)][bin] += 1
        guard let context = FailureContext(d) else { return }
        if let regime = d.regime, !regimes.contains(regime) { regimes = (regimes + [regime]).sorted() }
        failureContexts[context, default: 0] += 1
        if d.saturated { saturatedFailures += 1 }
        for a in d.saturatingActivations { failingActivations[a, default: 0] += 1 }
        if firstFailure == nil { firstFailure = d }
        if firstFormulaError == nil && Self.isFormulaError(d) { firstFormulaError = d }
        counterexample = firstFormulaError ?? firstFailure
    }

    /// Call after the last ``record(_:)``: settles the verdict of a quantity
    /// that never failed.
    public mutating func finish() {
        verdict = Self.verdict(judged: judgedCount, failing: firstFailure != nil, formulaError: firstFormulaError != nil)
    }

    /// wrong ⇐ some case beyond every allowance, non-finite or missing;
    /// inaccurate ⇐ any other failure (explained by rounding or binary32);
    /// conforms otherwise.
    static func verdict(judged: Int, failing: Bool, formulaError: Bool) -> PartialVerdict {
        if judged == 0 { return .nonDifferentiable }
        if formulaError { return .wrong }
        return failing ? .inaccurate : .conforms
    }

    /// The bins of ``errorHistogram``: log₂(error / τ) in [−40, 20) by 2.
    public static let histogramBins = HistogramBins(lower: -40, upper: 20, width: 2)

    /// A failure that rounding cannot explain (in any allowed format).
    static func isFormulaError(_ c: CaseDeviation) -> Bool { c.deviation.outcome.isUnexplained }

    /// log₂(units), clamped to [−60, 60] so exact answers and ∞ can be binned.
    static func log2Units(_ units: Double) -> Double {
        guard units > 0 else { return -60 }
        return min(60, max(-60, units.isFinite ? binaryLogarithm(units) : 60))
    }
}

/// Equal-width histogram bins over [lower, upper).
public struct HistogramBins: Sendable, Hashable {
    public var lower: Double
    public var upper: Double
    public var width: Double

    public var count: Int { Int(((upper - lower) / width).rounded(.up)) }

    /// The bin of `value`, clamped into the end bins.
    public func bin(_ value: Double) -> Int { min(count - 1, max(0, Int(((value - lower) / width).rounded(.down)))) }
}

/// Where a failure beyond τ happened, in words a reader acts on.
public enum FailureContext: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    /// Beyond τ, within the binary64 allowance: a legitimate binary64
    /// evaluation (another formula or order) errs this much.
    case withinAllowance = "beyond τ, within the binary64 allowance"
    /// Beyond the binary64 allowance, within binary32's: binary32 arithmetic.
    case binary32 = "consistent with binary32 arithmetic"
    /// Beyond every allowance: a formula error.
    case beyondAllowance = "beyond the allowance"
    /// NaN or ±∞ where the value is finite.
    case nonFinite = "non-finite"
    /// The engine's answer lacks the value.
    case missing

    /// The context of a failing case (nil for a case that did not fail).
    init?(_ d: CaseDeviation) {
        switch d.deviation.outcome {
        case .beyond: self = .withinAllowance
        case .binary32: self = .binary32
        case .beyondAllowance: self = .beyondAllowance
        case .nonFinite: self = .nonFinite
        case .missing: self = .missing
        case .within, .nonDifferentiable: return nil
        }
    }

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

extension QuantityReport {
    /// "fails on 58 of 500 cases: 16 beyond τ, within the binary64 allowance, 42 beyond the allowance".
    public var failureSummary: String {
        let failing = failureContexts.values.reduce(0, +)
        let parts = failureContexts.keys.sorted().map { "\(failureContexts[$0]!) \($0.rawValue)" }
        return "fails on \(failing) of \(cases) cases" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }

    /// For an *inaccurate* quantity, one line on why it is not *wrong*; nil otherwise.
    public var whyNotWrong: String? {
        guard verdict == .inaccurate else { return nil }
        let binary32 = failureContexts[.binary32] ?? 0
        let explanation = binary32 == 0
            ? "every failure is within the allowance of a legitimate binary64 evaluation"
            : "\(binary32) case(s) are beyond binary64's allowance but consistent with binary32 arithmetic, "
                + "the rest within binary64's allowance"
        return "Inaccurate, not wrong: \(explanation) (docs/tolerance.md)."
    }

    /// The likely cause of an inaccuracy, where the pattern is a known one.
    public var likelyCause: String? {
        guard verdict == .inaccurate else { return nil }
        let total = failureContexts.values.reduce(0, +)
        if (failureContexts[.binary32] ?? 0) * 2 >= total {
            return "binary32 arithmetic somewhere (errors beyond binary64's allowance, within binary32's)"
        }
        let top = failingActivations.max { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) }?.key
        guard let top, saturatedFailures * 2 >= total else { return nil }
        return Self.saturationCause(of: top)
    }

    /// The textbook formula of α that loses digits in saturation, if α has one.
    static func saturationCause(of activation: Activation) -> String? {
        switch activation {
        case .sigmoid: "likely σ′ computed as σ(1 − σ), which cancels where σ rounds to 1; use e^(−|z|)/(1 + e^(−|z|))²"
        case .tanh: "likely tanh′ computed as 1 − tanh², which cancels where tanh rounds to ±1; use 4e^(−2|z|)/(1 + e^(−2|z|))²"
        case .gelu: "likely GELU through 1 + erf(z/√2), which cancels for z ≪ 0; use erfc(−z/√2)"
        case .silu: "likely SiLU′ through σ(z)(1 + z(1 − σ(z))), which cancels where σ rounds to 1; use σ(−z) directly"
        case .softplus: "likely softplus or its slope switched to a cut-off (softplus(z) = z above a threshold)"
        case .identity, .relu: nil
        }
    }
}
