import Testing
import MultiPrecision

/// π, e and ln 2 to 320 significant decimal digits, printed by mpmath 1.3.0
/// (an implementation independent of MPFR) with
///
///     python3 -c "import mpmath; mpmath.mp.dps = 340; print(mpmath.nstr(mpmath.pi, 320))"
///
/// and likewise `mpmath.e` and `mpmath.log(2)`. The first 50 digits of each
/// agree with the values in OEIS A000796 (π), A001113 (e) and A002162 (ln 2).
enum PublishedDigits {
    static let pi = """
        3.141592653589793238462643383279502884197169399375105820974944592307816406286208\
        99862803482534211706798214808651328230664709384460955058223172535940812848111745\
        02841027019385211055596446229489549303819644288109756659334461284756482337867831\
        65271201909145648566923460348610454326648213393607260249141273724587006606315588\
        2
        """
    static let e = """
        2.718281828459045235360287471352662497757247093699959574966967627724076630353547\
        59457138217852516642742746639193200305992181741359662904357290033429526059563073\
        81323286279434907632338298807531952510190115738341879307021540891499348841675092\
        44761460668082264800168477411853742345442437107539077744992069551702761838606261\
        3
        """
    static let ln2 = """
        0.693147180559945309417232121458176568075500134360255254120680009493393621969694\
        71560586332699641868754200148102057068573368552023575813055703267075163507596193\
        07275708283714351903070386238916734711233501153644979552391204751726815749320651\
        55524734139525882950453007095326366642654104239157814952043740430385500801944170\
        64
        """
}

/// A mathematical constant, how BigFloat computes it, and its published digits.
struct KnownConstant: Sendable, CustomTestStringConvertible {
    let name: String
    let digits: String
    let double: Double
    let compute: @Sendable (Int) -> BigFloat

    var testDescription: String { name }

    static let all: [KnownConstant] = [
        KnownConstant(name: "pi", digits: PublishedDigits.pi, double: .pi) { BigFloat.pi(precision: $0) },
        KnownConstant(name: "e", digits: PublishedDigits.e, double: 2.718281828459045) { BigFloat.e(precision: $0) },
        KnownConstant(name: "ln2", digits: PublishedDigits.ln2, double: 0.6931471805599453) { BigFloat.ln2(precision: $0) },
    ]
}

/// The significant digits of a plain decimal literal such as `0.6931…`
/// (leading zeros, point removed) and the decimal exponent of its first digit.
private func significantDigits(ofLiteral text: String) -> (digits: [UInt8], exponent: Int) {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    let integer = Array(parts[0].utf8).map { $0 - 48 }
    let fraction = parts.count > 1 ? Array(parts[1].utf8).map { $0 - 48 } : []
    var all = integer + fraction
    var exponent = integer.count - 1
    while all.first == 0 { all.removeFirst(); exponent -= 1 }
    return (all, exponent)
}

/// `digits` rounded to `count` digits, half up (the tests make sure no tie or
/// near-tie occurs); returns the rounded digits and the exponent shift (1 when
/// the carry ran out of the leading digit).
private func rounded(_ digits: [UInt8], to count: Int) -> (digits: [UInt8], carry: Int) {
    var kept = Array(digits.prefix(count))
    guard digits.count > count, digits[count] >= 5 else { return (kept, 0) }
    var index = count - 1
    while index >= 0 {
        if kept[index] == 9 { kept[index] = 0; index -= 1 } else { kept[index] += 1; return (kept, 0) }
    }
    return ([1] + kept.dropLast(), 1)
}

/// Splits `d.ddd…e±x` as printed by `decimalString` into digits and exponent.
private func parseScientific(_ text: String) -> (digits: [UInt8], exponent: Int)? {
    guard let marker = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: marker)...]) else { return nil }
    let significand = text[..<marker].filter { $0 != "." }
    return (Array(significand.utf8).map { $0 - 48 }, exponent)
}

@Suite("Known digits", .tags(.knownValues))
struct KnownDigitsTests {
    /// About 331 significant decimal digits.
    static let workingPrecision = 1100
    static let comparedDigits = 300

    @Test("300 printed digits agree with the published digits", arguments: KnownConstant.all)
    func printedDigits(_ constant: KnownConstant) throws {
        let (published, publishedExponent) = significantDigits(ofLiteral: constant.digits)
        try #require(published.count >= 320)
        // The 1100-bit value is within 2⁻¹⁰⁹⁹ (relative) of the constant, far
        // less than one unit of digit 320; so unless digits 301… come close to
        // a rounding boundary both round to the same 300 digits. Check that.
        let tail = published[Self.comparedDigits..<Self.comparedDigits + 10].map(String.init).joined()
        try #require(tail != "5000000000" && tail != "4999999999")
        let (expected, carry) = rounded(published, to: Self.comparedDigits)

        let value = constant.compute(Self.workingPrecision)
        #expect(value.precision == Self.workingPrecision)
        let printed = try #require(parseScientific(value.decimalString(significantDigits: Self.comparedDigits)))
        #expect(printed.exponent == publishedExponent + carry)
        // decimalString drops trailing zeros; pad back to compare digit by digit.
        let padded = printed.digits + Array(repeating: 0, count: Self.comparedDigits - printed.digits.count)
        let firstDifference = expected.indices.first { padded[$0] != expected[$0] }
        #expect(firstDifference == nil, "\(constant.name) differs from digit \((firstDifference ?? 0) + 1) on")
    }

    @Test("The parsed literal lies within the literal's own error", arguments: KnownConstant.all)
    func parsedLiteralAgrees(_ constant: KnownConstant) throws {
        let p = Self.workingPrecision
        let literal = try #require(BigFloat(constant.digits, precision: p))
        let value = constant.compute(p)
        // |literal − c| ≤ ½·10⁻³¹⁹·|c|·10 (320 significant digits, rounded),
        // plus one rounding each for the parse and the computation (2⁻¹⁰⁹⁹ each):
        // in all well below 2⁻¹⁰⁵⁵·|c| ≈ 10⁻³¹⁷·6.
        let difference = BigFloat.abs(literal - value)
        #expect(difference <= BigFloat.abs(value).scaled(byPowerOfTwo: -1055))
        #expect(!difference.isNaN)
    }

    @Test("Correctly rounded at every precision", arguments: KnownConstant.all, [2, 11, 24, 53, 64, 113, 200, 256, 512, 1000])
    func correctlyRounded(_ constant: KnownConstant, precision: Int) throws {
        // Parsing rounds the 320-digit literal correctly; it is so close to the
        // constant that it rounds the same way at ≤ 1000 bits.
        let literal = try #require(BigFloat(constant.digits, precision: precision))
        let value = constant.compute(precision)
        #expect(value.isIdentical(to: literal), "\(constant.name) at \(precision) bits: \(value) vs \(literal)")
        #expect(value.precision == precision)
    }

    @Test("Rounded to Double they are the familiar constants", arguments: KnownConstant.all)
    func doubleValue(_ constant: KnownConstant) {
        #expect(Double(constant.compute(Self.workingPrecision)) == constant.double)
        #expect(Double(constant.compute(53)) == constant.double)
    }
}
