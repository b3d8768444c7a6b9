import PropertyTesting
import Testing
import MultiPrecision

/// The integer that `decimalString(significantDigits:)` spells out, e.g.
/// "1.8446744073709551615e+19" → "18446744073709551615"; nil unless the text
/// is an integer written with all its digits.
private func integerText(_ text: String) -> String? {
    if text == "0" || text == "-0" { return "0" }
    guard let marker = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: marker)...]) else { return nil }
    let negative = text.hasPrefix("-")
    let digits = text[..<marker].filter { $0.isNumber }
    guard exponent + 1 >= digits.count else { return nil }
    return (negative ? "-" : "") + digits + String(repeating: "0", count: exponent + 1 - digits.count)
}

/// One integer of some fixed-width type, type-erased for parameterized tests.
struct IntegerCase: Sendable, CustomTestStringConvertible {
    let text: String
    let bitWidth: Int
    let make: @Sendable (Int?) -> BigFloat

    init<I: FixedWidthInteger & Sendable>(_ value: I) {
        text = String(value)
        bitWidth = I.bitWidth
        make = { BigFloat(exactly: value, precision: $0) }
    }

    var testDescription: String { "\(text) (\(bitWidth) bits)" }
}

@Suite("Integers")
struct IntegerTests {
    static let extremes: [IntegerCase] = [
        IntegerCase(Int.min), IntegerCase(Int.max), IntegerCase(UInt64.max), IntegerCase(Int64.min + 1),
        IntegerCase(Int8.min), IntegerCase(UInt8.max), IntegerCase(0), IntegerCase(-1), IntegerCase(1),
        IntegerCase(UInt128.max), IntegerCase(Int128.min), IntegerCase(Int128.max),
        IntegerCase(UInt128(1) << 127 | 1), IntegerCase(Int32.min),
    ]

    @Test("BigFloat(exactly:) keeps every bit of the extremes", arguments: extremes)
    func extremesAreExact(_ c: IntegerCase) throws {
        let value = c.make(nil)
        #expect(value.precision >= Swift.min(c.bitWidth, 128))
        // Exact: printed with all its digits, it is the integer again …
        let digits = c.text.filter(\.isNumber).count
        #expect(integerText(value.decimalString(significantDigits: Swift.max(digits, 2))) == c.text)
        // … and parsing the decimal text at a far higher precision agrees.
        let parsed = try #require(BigFloat(c.text, precision: 400))
        #expect(parsed == value)
        #expect(value.isIdentical(to: try #require(BigFloat(c.text, precision: value.precision))))
    }

    @Test("Int.min and UInt64.max", .tags(.knownValues))
    func namedExtremes() {
        let minimum = BigFloat(exactly: Int.min)
        #expect(minimum.precision == 64)
        #expect(minimum.hexadecimalString == "-0x1p+63")
        #expect(Double(minimum) == -0x1p63)
        #expect(minimum.isIdentical(to: BigFloat(Int.min)))
        #expect(minimum.isIdentical(to: -pow2(63)))

        let maximum = BigFloat(exactly: UInt64.max)
        #expect(maximum.precision == 64)
        #expect(maximum.hexadecimalString == "0x1.fffffffffffffffep+63")
        #expect(maximum.decimalString(significantDigits: 20) == "1.8446744073709551615e+19")
        #expect(maximum.nextUp == pow2(64))
        #expect(Double(maximum) == 0x1p64)                      // 2⁶⁴ − 1 is nearest to 2⁶⁴
        #expect(Double(maximum, rounding: .down) == 0x1p64.nextDown)
        #expect(BigFloat.sum(maximum, BigFloat(1.0), precision: 65) == pow2(64))
    }

    @Test("Random integers round-trip exactly", .tags(.randomized))
    func randomRoundTrips() {
        var rng = SplitMix64(seed: 0x1A7)
        for _ in 0..<400 {
            let wide = Int128(bitPattern: rng.next128()) >> Int128(rng.next() % 127)
            let narrow = Int(bitPattern: UInt(rng.next())) >> Int(rng.next() % 63)
            for (text, value) in [(String(wide), BigFloat(exactly: wide)), (String(narrow), BigFloat(exactly: narrow))] {
                let digits = text.filter(\.isNumber).count
                #expect(integerText(value.decimalString(significantDigits: Swift.max(digits, 2))) == text)
            }
            // Swift's own Int → Double conversion rounds to nearest, ties to even.
            #expect(Double(BigFloat(exactly: narrow)) == Double(narrow))
            #expect(Double(BigFloat(narrow)) == Double(narrow))
            #expect(Float(BigFloat(exactly: wide)) == Float(wide))
        }
    }

    static func bit(_ n: Int) -> UInt128 { UInt128(1) << UInt128(n) }

    static let roundingCases: [(value: UInt128, precision: Int)] = [
        // 2⁶⁴ + 2⁶³ + 2¹² + 2¹¹ − 1 lies just below a tie at 53 bits; rounding
        // the low word to 53 bits first made it a tie, which then rounded up.
        (bit(64) + bit(63) + bit(12) + bit(11) - 1, 53),
        (UInt128.max, 53),
        (UInt128.max, 2),
        (bit(100) + bit(40), 61),
        (bit(100) + bit(39), 61),
        (UInt128(0xFFFF_FFFF_FFFF_F800) << 64 + 0x7FF, 53),
    ]

    @Test("A smaller precision rounds once, correctly", .tags(.regression, .correctRounding),
          arguments: roundingCases)
    func roundsOnce(value: UInt128, precision: Int) throws {
        let rounded = BigFloat(exactly: value, precision: precision)
        let reference = try #require(BigFloat(String(value), precision: precision))
        #expect(rounded.isIdentical(to: reference), "\(rounded.hexadecimalString) vs \(reference.hexadecimalString)")
        #expect(rounded.precision == precision)
    }

    @Test("Random integers round correctly at small precisions", .tags(.randomized, .correctRounding))
    func randomRoundings() throws {
        var rng = SplitMix64(seed: 0x5EED)
        for _ in 0..<300 {
            let value = Int128(bitPattern: rng.next128()) >> Int128(rng.next() % 100)
            let precision = Int.random(in: 2...70, using: &rng)
            let reference = try #require(BigFloat(String(value), precision: precision))
            #expect(BigFloat(exactly: value, precision: precision).isIdentical(to: reference), "\(value) at \(precision)")
        }
    }
}
