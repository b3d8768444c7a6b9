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
    /// and `nan` at 53 bits. See ``init(_:precision:rounding:)``.
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
        formatted(base: 10, digits: digits)
    }

    /// Exact C99 hexadecimal text, e.g. `0x1.921fb54442d18p+1`.
    public var hexadecimalString: String { formatted(base: 16, digits: 0) }

    /// Shared formatter: significand digits from `mpfr_get_str`, then a
    /// decimal exponent (`e`, base 10) or a binary one (`p`, base 16).
    private func formatted(base: Int32, digits: Int) -> String {
        if isNaN { return "nan" }
        if isInfinite { return sign == .minus ? "-inf" : "inf" }
        let prefix = sign == .minus ? "-" : ""
        let radix = base == 16 ? "0x" : ""
        if isZero { return base == 16 ? prefix + "0x0p+0" : prefix + "0" }
        var exponent: mpfr_exp_t = 0
        let raw: String = withPointer { pointer in
            let text = mpfr_get_str(nil, &exponent, base, digits, pointer, MPFR_RNDN)!
            defer { mpfr_free_str(text) }
            return String(cString: text)
        }
        // raw = [-]d₁d₂…dₙ meaning 0.d₁d₂…dₙ × base^exponent = d₁.d₂…dₙ × base^(exponent−1)
        var significand = Substring(raw.hasPrefix("-") ? String(raw.dropFirst()) : raw)
        while significand.count > 1, significand.last == "0" { significand = significand.dropLast() }
        let lead = significand.prefix(1)
        let rest = significand.dropFirst()
        let fraction = rest.isEmpty ? "" : "." + rest
        let power = Int(exponent) - 1
        let scaled = base == 16 ? 4 * power : power
        let marker = base == 16 ? "p" : "e"
        let signText = scaled < 0 ? "-" : "+"
        return "\(prefix)\(radix)\(lead)\(fraction)\(marker)\(signText)\(Swift.abs(scaled))"
    }
}
