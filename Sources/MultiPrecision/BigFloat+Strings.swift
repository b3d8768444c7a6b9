import CMPFR

/// Decimal and hexadecimal text.
///
/// Printing uses enough digits that parsing the text back at the same
/// precision returns the same value (MPFR's `mpfr_get_str` with n = 0 uses
/// 1 + ⌈p · log₁₀ 2⌉ decimal digits for p bits).
extension BigFloat: CustomStringConvertible, LosslessStringConvertible {
    /// Round-trip decimal text, e.g. `3.1415926535897931e+0`.
    public var description: String { decimalString() }

    /// Parses decimal (`1.5e-3`), C99 hexadecimal (`0x1.8p+1`), `inf`, `-inf`
    /// and `nan` at 53 bits. See ``init(_:precision:rounding:)-(String,_,_)``.
    public init?(_ text: String) { self.init(text, precision: 53) }

    /// Parses decimal or C99 hexadecimal text, correctly rounded to
    /// `precision` bits. Returns nil unless the whole text is one number.
    public init?(_ text: String, precision: Int, rounding: Rounding = .toNearestOrEven) {
        // An embedded NUL would end the C string early and hide what follows.
        guard let first = text.first, !first.isWhitespace, !text.utf8.contains(0) else { return nil }
        let length = text.utf8.count
        var complete = false
        let value = BigFloat.make(precision: precision) { result in
            text.withCString { start in
                var end: UnsafeMutablePointer<CChar>? = nil
                _ = mpfr_strtofr(result, start, &end, 0, rounding.mpfr)
                complete = end.map { $0 == UnsafeMutablePointer(mutating: start) + length } ?? false
            }
        }
        guard complete else { return nil }
        self = value
    }

    /// Decimal text with `digits` significant digits (0 = enough to round-trip).
    public func decimalString(significantDigits digits: Int = 0) -> String {
        if isNaN { return "nan" }
        let prefix = sign == .minus ? "-" : ""
        if isInfinite { return prefix + "inf" }
        if isZero { return prefix + "0" }
        var exponent: mpfr_exp_t = 0
        let raw: String = withPointer { pointer in
            let text = mpfr_get_str(nil, &exponent, 10, digits, pointer, MPFR_RNDN)!
            defer { mpfr_free_str(text) }
            return String(cString: text)
        }
        // raw = [-]d₁d₂…dₙ meaning 0.d₁d₂…dₙ × 10^exponent = d₁.d₂…dₙ × 10^(exponent − 1)
        var significand = Substring(raw.hasPrefix("-") ? String(raw.dropFirst()) : raw)
        while significand.count > 1, significand.last == "0" { significand = significand.dropLast() }
        let rest = significand.dropFirst()
        let fraction = rest.isEmpty ? "" : "." + rest
        let power = Int(exponent) - 1
        return "\(prefix)\(significand.prefix(1))\(fraction)e\(power < 0 ? "-" : "+")\(power.magnitude)"
    }

    /// Exact C99 hexadecimal text in the normalised form C's `%a` prints for
    /// binary64: π at 53 bits is `0x1.921fb54442d18p+1`.
    ///
    /// * A finite nonzero value is `[-]0x1.hhh…p±d`: leading digit 1, then
    ///   every fraction bit (the precision's p − 1 bits in hexadecimal, the last
    ///   digit padded with zero bits) with trailing zero digits dropped — `0x1p+0`
    ///   for 1 — and a signed decimal power of two.
    /// * Zeros are `0x0p+0` and `-0x0p+0`; infinities `inf` and `-inf`; every NaN
    ///   is `nan` (MPFR leaves a NaN's sign unspecified).
    /// * MPFR has no subnormal numbers, so every nonzero value is normalised:
    ///   2⁻¹⁰⁷⁴ prints as `0x1p-1074` where C prints the binary64 subnormal as
    ///   `0x0.0000000000001p-1022` (both parse to the same value); exponents far
    ///   outside binary64's range print the same way (`0x1p-100000`).
    ///
    /// Parsing the text with ``init(_:precision:rounding:)-(String,_,_)`` at this value's
    /// precision, or any higher one, gives back the identical value.
    public var hexadecimalString: String {
        if isNaN { return "nan" }
        let prefix = sign == .minus ? "-" : ""
        if isInfinite { return prefix + "inf" }
        if isZero { return prefix + "0x0p+0" }
        var exponent: mpfr_exp_t = 0
        // In base 2 with n = 0, mpfr_get_str gives exactly `precision` digits:
        // [-]1b₂…bₚ meaning 0.1b₂…bₚ × 2^exponent = 1.b₂…bₚ × 2^(exponent − 1).
        let bits: [UInt8] = withPointer { pointer in
            let text = mpfr_get_str(nil, &exponent, 2, 0, pointer, MPFR_RNDN)!
            defer { mpfr_free_str(text) }
            return Array(String(cString: text).utf8.drop { $0 == UInt8(ascii: "-") })
        }
        precondition(bits.first == UInt8(ascii: "1"), "a nonzero significand starts with bit 1")
        var fraction = bits.dropFirst()
        while fraction.last == UInt8(ascii: "0") { fraction = fraction.dropLast() }
        let digits = "0123456789abcdef".utf8.map { $0 }
        var hex: [UInt8] = []
        var chunk = fraction[...]
        while !chunk.isEmpty {
            let nibble = chunk.prefix(4)
            var value = 0
            for bit in nibble { value = 2 * value + Int(bit - UInt8(ascii: "0")) }
            value <<= 4 - nibble.count
            hex.append(digits[value])
            chunk = chunk.dropFirst(4)
        }
        let point = hex.isEmpty ? "" : "." + String(decoding: hex, as: UTF8.self)
        let power = Int(exponent) - 1
        return "\(prefix)0x1\(point)p\(power < 0 ? "-" : "+")\(power.magnitude)"
    }
}
