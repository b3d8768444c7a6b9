import CMPFR

/// Comparisons with IEEE 754 semantics: every comparison involving NaN is
/// false, except `!=`, and −0 == +0.
extension BigFloat: Comparable {
    @inlinable
    static func compare(_ a: BigFloat, _ b: BigFloat, _ op: (mpfr_srcptr, mpfr_srcptr) -> Int32) -> Bool {
        a.withPointer { pa in b.withPointer { pb in op(pa, pb) != 0 } }
    }

    @inlinable public static func == (a: BigFloat, b: BigFloat) -> Bool { compare(a, b, mpfr_equal_p) }
    @inlinable public static func < (a: BigFloat, b: BigFloat) -> Bool { compare(a, b, mpfr_less_p) }
    @inlinable public static func <= (a: BigFloat, b: BigFloat) -> Bool { compare(a, b, mpfr_lessequal_p) }
    @inlinable public static func > (a: BigFloat, b: BigFloat) -> Bool { compare(a, b, mpfr_greater_p) }
    @inlinable public static func >= (a: BigFloat, b: BigFloat) -> Bool { compare(a, b, mpfr_greaterequal_p) }

    /// True when both are the same datum: equal values with equal signs, or
    /// both NaN. Unlike `==`, distinguishes −0 from +0 and matches NaN.
    public func isIdentical(to other: BigFloat) -> Bool {
        if isNaN || other.isNaN { return isNaN && other.isNaN }
        return self == other && sign == other.sign
    }
}

/// Classification and structure.
extension BigFloat {
    public var isNaN: Bool { withPointer { mpfr_nan_p($0) != 0 } }
    public var isInfinite: Bool { withPointer { mpfr_inf_p($0) != 0 } }
    public var isFinite: Bool { withPointer { mpfr_number_p($0) != 0 } }
    public var isZero: Bool { withPointer { mpfr_zero_p($0) != 0 } }

    /// The sign bit (−0 and negative NaN report `.minus`).
    public var sign: FloatingPointSign { withPointer { mpfr_signbit($0) != 0 ? .minus : .plus } }

    /// The binary exponent `e` with |x| ∈ [2^e, 2^(e+1)) for finite nonzero x.
    public var exponent: Int {
        precondition(isFinite && !isZero, "exponent of zero, infinity or NaN")
        return withPointer { Int(mpfr_get_exp($0)) } - 1
    }

    /// Unit in the last place at this value's own precision:
    /// ulp(x) = 2^(e − p + 1) with e = ``exponent`` and p = ``precision``.
    public var ulp: BigFloat {
        BigFloat(1, precision: 2).scaled(byPowerOfTwo: exponent - precision + 1)
    }

    /// The next representable value toward +∞ at the same precision.
    public var nextUp: BigFloat {
        let source = self
        return BigFloat.make(precision: precision) { result in
            source.withPointer { _ = mpfr_set(result, $0, MPFR_RNDN) }
            mpfr_nextabove(result)
        }
    }

    /// The next representable value toward −∞ at the same precision.
    public var nextDown: BigFloat {
        let source = self
        return BigFloat.make(precision: precision) { result in
            source.withPointer { _ = mpfr_set(result, $0, MPFR_RNDN) }
            mpfr_nextbelow(result)
        }
    }
}
