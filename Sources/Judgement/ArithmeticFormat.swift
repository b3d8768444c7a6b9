import MultiPrecision

/// A binary floating-point format an engine may legitimately compute in.
///
/// The allowance of a value (``RoundingErrorBound/allowance``) is kept for
/// each format: what *any* legitimate evaluation in that format may err by.
/// With p significand bits the unit roundoff is u = 2⁻ᵖ; results below the
/// smallest normal number 2^emin may be rounded to a subnormal or flushed
/// to zero (FTZ/DAZ, common in float32 kernels), an absolute error below
/// λ = 2^emin; results above the largest finite number overflow.
public enum ArithmeticFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// IEEE 754 binary64 (`Double`): p = 53, emin = −1022.
    case binary64
    /// IEEE 754 binary32 (`Float`): p = 24, emin = −126.
    case binary32

    /// p, the significand's bits (the hidden bit included).
    public var significandBits: Int {
        switch self {
        case .binary64: 53
        case .binary32: 24
        }
    }

    /// emin: the smallest normal number is 2^emin.
    public var minimumNormalExponent: Int {
        switch self {
        case .binary64: -1022
        case .binary32: -126
        }
    }

    /// The largest finite number.
    public var greatestFinite: Double {
        switch self {
        case .binary64: Double.greatestFiniteMagnitude
        case .binary32: Double(Float.greatestFiniteMagnitude)
        }
    }

    /// u·m·ulps with u = 2⁻ᵖ: the rounding error of results of size m.
    func roundoff(_ m: Magnitude64, ulps: Double = 1) -> Magnitude64 {
        (Magnitude64(ulps) * m).scaled(byPowerOfTwo: -significandBits)
    }

    /// λ = 2^emin: the absolute error of a result that underflows, rounded
    /// to a subnormal or flushed to zero.
    var underflow: Magnitude64 { Magnitude64(1.0).scaled(byPowerOfTwo: minimumNormalExponent) }

    /// |fl(x) − x| for a binary64 value x entering a computation in this
    /// format (an input, a parameter, a constant): 0 for binary64; for
    /// binary32 the rounding to `Float`, all of |x| when x may be flushed
    /// to zero, ∞ when it overflows.
    func entryError(_ x: Double) -> Magnitude64 {
        switch self {
        case .binary64:
            return .zero
        case .binary32:
            let rounded = Float(x)
            if !rounded.isFinite && x.isFinite { return .infinity }
            if x.magnitude < Double(Float.leastNormalMagnitude) { return Magnitude64(x.magnitude) }
            return Magnitude64((Double(rounded) - x).magnitude)
        }
    }

    /// `allowance`, or ∞ when a value of size `size` with that allowance may
    /// overflow in this format (then the format explains anything) or when
    /// the bound itself is undefined (0·∞ in a rule).
    func capped(_ allowance: Magnitude64, size: Magnitude64) -> Magnitude64 {
        allowance.isNaN || Magnitude64(greatestFinite) < size + allowance ? .infinity : allowance
    }
}
