import CMPFR

/// Elementary functions, each correctly rounded to the operand's precision
/// (MPFR guarantees correct rounding for all of them).
extension BigFloat {
    /// √x.
    public static func sqrt(_ x: BigFloat) -> BigFloat { apply(mpfr_sqrt, x) }
    /// eˣ.
    public static func exp(_ x: BigFloat) -> BigFloat { apply(mpfr_exp, x) }
    /// eˣ − 1, accurate for tiny x.
    public static func expm1(_ x: BigFloat) -> BigFloat { apply(mpfr_expm1, x) }
    /// ln x.
    public static func log(_ x: BigFloat) -> BigFloat { apply(mpfr_log, x) }
    /// ln(1 + x), accurate for tiny x.
    public static func log1p(_ x: BigFloat) -> BigFloat { apply(mpfr_log1p, x) }
    /// tanh x = (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ).
    public static func tanh(_ x: BigFloat) -> BigFloat { apply(mpfr_tanh, x) }
    /// cosh x = (eˣ + e⁻ˣ)/2.
    public static func cosh(_ x: BigFloat) -> BigFloat { apply(mpfr_cosh, x) }
    /// sinh x = (eˣ − e⁻ˣ)/2.
    public static func sinh(_ x: BigFloat) -> BigFloat { apply(mpfr_sinh, x) }
    /// erf x = (2/√π) ∫₀ˣ e^(−t²) dt.
    public static func erf(_ x: BigFloat) -> BigFloat { apply(mpfr_erf, x) }
    /// erfc x = 1 − erf x, accurate where erf x ≈ 1.
    public static func erfc(_ x: BigFloat) -> BigFloat { apply(mpfr_erfc, x) }
    /// |x|.
    public static func abs(_ x: BigFloat) -> BigFloat { apply(mpfr_abs, x) }
    /// xʸ with IEEE 754 `pow` special cases.
    public static func pow(_ x: BigFloat, _ y: BigFloat) -> BigFloat { apply(mpfr_pow, x, y) }

    /// |x|.
    public var magnitude: BigFloat { BigFloat.abs(self) }

    /// π correctly rounded to `precision` bits.
    public static func pi(precision: Int) -> BigFloat {
        make(precision: precision) { _ = mpfr_const_pi($0, MPFR_RNDN) }
    }

    /// e = exp(1) correctly rounded to `precision` bits.
    public static func e(precision: Int) -> BigFloat {
        exp(BigFloat(1, precision: precision))
    }

    /// ln 2 correctly rounded to `precision` bits.
    public static func ln2(precision: Int) -> BigFloat {
        make(precision: precision) { _ = mpfr_const_log2($0, MPFR_RNDN) }
    }

    /// The smaller of two values; NaN if either is NaN.
    public static func minimum(_ a: BigFloat, _ b: BigFloat) -> BigFloat {
        if a.isNaN || b.isNaN { return .nan(precision: Swift.max(a.precision, b.precision)) }
        return a < b ? a : b
    }

    /// The larger of two values; NaN if either is NaN.
    public static func maximum(_ a: BigFloat, _ b: BigFloat) -> BigFloat {
        if a.isNaN || b.isNaN { return .nan(precision: Swift.max(a.precision, b.precision)) }
        return a > b ? a : b
    }
}
