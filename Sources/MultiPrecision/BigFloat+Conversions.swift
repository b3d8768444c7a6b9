import CMPFR

/// Conversions between `BigFloat` and the machine number types.
///
/// From machine types the conversion is exact whenever `precision` is at
/// least the source's significand width (53 for `Double`, 24 for `Float`,
/// the bit width for integers); to machine types it is correctly rounded in
/// the chosen direction, including into the subnormal range and to ±∞ on
/// overflow.
extension BigFloat {
    /// `value` rounded to `precision` bits (exact for precision ≥ 53).
    public init(_ value: Double, precision: Int = 53, rounding: Rounding = .toNearestOrEven) {
        self = BigFloat.make(precision: precision) { _ = mpfr_set_d($0, value, rounding.mpfr) }
    }

    /// `value` rounded to `precision` bits (exact for precision ≥ 24).
    public init(_ value: Float, precision: Int = 24, rounding: Rounding = .toNearestOrEven) {
        self = BigFloat.make(precision: precision) { _ = mpfr_set_flt($0, value, rounding.mpfr) }
    }

    /// `value` rounded to `precision` bits (exact for precision ≥ 64).
    public init(_ value: Int, precision: Int = 64, rounding: Rounding = .toNearestOrEven) {
        self = BigFloat.make(precision: precision) { _ = mpfr_set_si($0, value, rounding.mpfr) }
    }

    /// Any binary integer, exactly by default: the precision defaults to the
    /// magnitude's bit width, so no bit is lost. With a smaller `precision`
    /// the value is correctly rounded to nearest, ties to even (one rounding).
    public init<I: BinaryInteger>(exactly value: I, precision: Int? = nil) {
        let words = Array(value.magnitude.words)
        let width = Swift.max(64, words.count * UInt.bitWidth)
        // Accumulate exactly at the full width, then round once: rounding each
        // partial sum to a smaller precision could round twice.
        var sum = BigFloat.zero(precision: width)
        for (index, word) in words.enumerated() where word != 0 {
            let term = BigFloat.make(precision: UInt.bitWidth) { _ = mpfr_set_ui($0, word, MPFR_RNDN) }
            sum = BigFloat.sum(sum, term.scaled(byPowerOfTwo: index * UInt.bitWidth), precision: width)
        }
        if let precision, precision != width { sum = sum.rounded(toPrecision: precision) }
        self = value < 0 ? -sum : sum
    }

    /// A copy of this value made exactly representable at `precision` bits
    /// or more; convenience for `rounded(toPrecision:)` when widening.
    public func widened(to precision: Int) -> BigFloat {
        precision <= self.precision ? self : rounded(toPrecision: precision)
    }
}

extension Double {
    /// `x` correctly rounded to binary64 (ties to even by default).
    public init(_ x: BigFloat, rounding: BigFloat.Rounding = .toNearestOrEven) {
        self = x.withPointer { mpfr_get_d($0, rounding.mpfr) }
    }
}

extension Float {
    /// `x` correctly rounded to binary32 (ties to even by default).
    public init(_ x: BigFloat, rounding: BigFloat.Rounding = .toNearestOrEven) {
        self = x.withPointer { mpfr_get_flt($0, rounding.mpfr) }
    }
}
