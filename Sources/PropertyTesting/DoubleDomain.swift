/// A set of finite doubles a draw may return:
///
///     { x finite : lower ≤ x ≤ upper  and  (x = 0 or |x| ≥ minimumMagnitude) }
///
/// with `minimumMagnitude > 0` also excluding zero. This covers a plain range
/// (`minimumMagnitude = 0`) and a signed magnitude band such as
/// ±[1e-6, 1e6] (`lower = −1e6, upper = 1e6, minimumMagnitude = 1e-6`).
public struct DoubleDomain: Sendable, Hashable {
    public var lower: Double
    public var upper: Double
    public var minimumMagnitude: Double

    public init(lower: Double, upper: Double, minimumMagnitude: Double = 0) {
        precondition(lower.isFinite && upper.isFinite && lower <= upper,
                     "a DoubleDomain needs finite bounds with lower ≤ upper")
        precondition(minimumMagnitude >= 0 && minimumMagnitude <= Swift.max(-lower, upper),
                     "minimumMagnitude must be ≥ 0 and leave some value in the domain")
        self.lower = lower
        self.upper = upper
        self.minimumMagnitude = minimumMagnitude
    }

    /// The domain `range`.
    public init(_ range: ClosedRange<Double>) {
        self.init(lower: range.lowerBound, upper: range.upperBound)
    }

    /// ±magnitudes: `[-m.upper, -m.lower] ∪ [m.lower, m.upper]`, or only the
    /// positive half when `signed` is false.
    public init(magnitudes m: ClosedRange<Double>, signed: Bool) {
        precondition(m.lowerBound >= 0, "magnitudes are non-negative")
        self.init(lower: signed ? -m.upperBound : m.lowerBound, upper: m.upperBound,
                  minimumMagnitude: m.lowerBound)
    }

    /// Every finite double.
    public static let allFinite = DoubleDomain(lower: -.greatestFiniteMagnitude, upper: .greatestFiniteMagnitude)

    public func contains(_ x: Double) -> Bool {
        guard x.isFinite, lower <= x, x <= upper else { return false }
        return x == 0 ? minimumMagnitude == 0 : x.magnitude >= minimumMagnitude
    }

    /// The member nearest to `x` (for clamping a sampler's output).
    public func nearestMember(to x: Double) -> Double {
        if contains(x) { return x }
        if x.isNaN { return simplest }
        let clamped = Swift.min(Swift.max(x, lower), upper)
        if contains(clamped) { return clamped }
        let up = minimumMagnitude, down = -minimumMagnitude
        let candidates = [up, down].filter(contains)
        return candidates.min { ($0 - clamped).magnitude < ($1 - clamped).magnitude } ?? simplest
    }

    /// The up to two intervals the domain consists of.
    var intervals: [ClosedRange<Double>] {
        if minimumMagnitude == 0 { return [lower...upper] }
        var parts: [ClosedRange<Double>] = []
        if lower <= -minimumMagnitude { parts.append(lower...Swift.min(upper, -minimumMagnitude)) }
        if upper >= minimumMagnitude { parts.append(Swift.max(lower, minimumMagnitude)...upper) }
        return parts
    }

    /// The simplest member under ``DoubleSimplicity``: 0 when allowed,
    /// otherwise the simplest member of either interval.
    public var simplest: Double {
        let candidates = intervals.map(DoubleSimplicity.simplest(in:))
        return candidates.min { DoubleSimplicity.key($0) < DoubleSimplicity.key($1) }!
    }
}
