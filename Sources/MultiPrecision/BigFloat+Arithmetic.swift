import CMPFR

/// Signature shared by MPFR's two-operand functions, e.g. `mpfr_add`.
@usableFromInline
typealias MPFRBinary = (mpfr_ptr, mpfr_srcptr, mpfr_srcptr, mpfr_rnd_t) -> Int32

/// Signature shared by MPFR's one-operand functions, e.g. `mpfr_exp`.
@usableFromInline
typealias MPFRUnary = (mpfr_ptr, mpfr_srcptr, mpfr_rnd_t) -> Int32

extension BigFloat {
    /// `op(a, b)` correctly rounded to `precision` bits (default: the larger
    /// operand precision).
    @inlinable
    static func apply(_ op: MPFRBinary, _ a: BigFloat, _ b: BigFloat,
                      precision: Int? = nil, rounding: Rounding = .toNearestOrEven) -> BigFloat {
        let p = precision ?? Swift.max(a.precision, b.precision)
        return make(precision: p) { result in
            a.withPointer { pa in b.withPointer { pb in _ = op(result, pa, pb, rounding.mpfr) } }
        }
    }

    /// `op(a)` correctly rounded to `precision` bits (default: `a.precision`).
    @inlinable
    static func apply(_ op: MPFRUnary, _ a: BigFloat,
                      precision: Int? = nil, rounding: Rounding = .toNearestOrEven) -> BigFloat {
        make(precision: precision ?? a.precision) { result in
            a.withPointer { _ = op(result, $0, rounding.mpfr) }
        }
    }

    /// a + b, correctly rounded.
    @inlinable public static func + (a: BigFloat, b: BigFloat) -> BigFloat { apply(mpfr_add, a, b) }
    /// a − b, correctly rounded.
    @inlinable public static func - (a: BigFloat, b: BigFloat) -> BigFloat { apply(mpfr_sub, a, b) }
    /// a · b, correctly rounded.
    @inlinable public static func * (a: BigFloat, b: BigFloat) -> BigFloat { apply(mpfr_mul, a, b) }
    /// a / b, correctly rounded (IEEE semantics: x/0 = ±∞, 0/0 = NaN).
    @inlinable public static func / (a: BigFloat, b: BigFloat) -> BigFloat { apply(mpfr_div, a, b) }
    /// −a, exact.
    @inlinable public static prefix func - (a: BigFloat) -> BigFloat { apply(mpfr_neg, a) }

    @inlinable public static func += (a: inout BigFloat, b: BigFloat) { a = a + b }
    @inlinable public static func -= (a: inout BigFloat, b: BigFloat) { a = a - b }
    @inlinable public static func *= (a: inout BigFloat, b: BigFloat) { a = a * b }
    @inlinable public static func /= (a: inout BigFloat, b: BigFloat) { a = a / b }

    /// a + b rounded to `precision` bits in direction `rounding`.
    public static func sum(_ a: BigFloat, _ b: BigFloat, precision: Int, rounding: Rounding = .toNearestOrEven) -> BigFloat {
        apply(mpfr_add, a, b, precision: precision, rounding: rounding)
    }

    /// a · b rounded to `precision` bits in direction `rounding`.
    public static func product(_ a: BigFloat, _ b: BigFloat, precision: Int, rounding: Rounding = .toNearestOrEven) -> BigFloat {
        apply(mpfr_mul, a, b, precision: precision, rounding: rounding)
    }

    /// Fused multiply-add `a · b + c` with a single rounding.
    public static func fma(_ a: BigFloat, _ b: BigFloat, _ c: BigFloat,
                           precision: Int? = nil, rounding: Rounding = .toNearestOrEven) -> BigFloat {
        let p = precision ?? Swift.max(a.precision, b.precision, c.precision)
        return make(precision: p) { result in
            a.withPointer { pa in b.withPointer { pb in c.withPointer { pc in
                _ = mpfr_fma(result, pa, pb, pc, rounding.mpfr)
            } } }
        }
    }

    /// x · 2ⁿ, exact unless it overflows or underflows MPFR's exponent range.
    public func scaled(byPowerOfTwo n: Int) -> BigFloat {
        let source = self
        return BigFloat.make(precision: precision) { result in
            source.withPointer { _ = mpfr_mul_2si(result, $0, n, MPFR_RNDN) }
        }
    }
}
