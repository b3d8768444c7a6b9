import PropertyTesting
import Testing
import MultiPrecision

@Suite("Text round trips and parsing", .tags(.text))
struct TextTests {
    static let precisions = [24, 53, 113, 256, 1000]

    /// Random values at `precision` bits with exponents far outside Double's
    /// range, plus the special values.
    static func values(precision: Int, seed: UInt64) -> [BigFloat] {
        var rng = SplitMix64(seed: seed)
        var values: [BigFloat] = [
            .zero(precision: precision), -BigFloat.zero(precision: precision),
            .infinity(precision: precision), .infinity(sign: .minus, precision: precision),
            BigFloat(1, precision: precision), BigFloat(-3, precision: precision),
            BigFloat.pi(precision: precision), -BigFloat.e(precision: precision),
        ]
        for _ in 0..<150 {
            let exponents = rng.oneIn(2) ? -70...70 : -5000...5000
            values.append(randomBigFloat(precision: precision, exponents: exponents, using: &rng))
        }
        return values
    }

    @Test("decimalString() parses back to the identical value",
          .tags(.randomized), arguments: precisions)
    func decimalRoundTrip(precision: Int) throws {
        for value in Self.values(precision: precision, seed: UInt64(precision)) {
            let text = value.decimalString()
            let parsed = try #require(BigFloat(text, precision: precision), "unparsable: \(text)")
            #expect(parsed.isIdentical(to: value), "\(text) at \(precision) bits")
            #expect(parsed.precision == precision)
            #expect(value.description == text)
        }
    }

    @Test("hexadecimalString parses back to the identical value",
          .tags(.randomized), arguments: precisions)
    func hexadecimalRoundTrip(precision: Int) throws {
        for value in Self.values(precision: precision, seed: UInt64(precision) + 1000) {
            let text = value.hexadecimalString
            let parsed = try #require(BigFloat(text, precision: precision), "unparsable: \(text)")
            #expect(parsed.isIdentical(to: value), "\(text) at \(precision) bits")
        }
    }

    @Test("Hexadecimal text is exact: parsing it at a higher precision changes nothing",
          .tags(.randomized), arguments: precisions)
    func hexadecimalIsExact(precision: Int) throws {
        for value in Self.values(precision: precision, seed: UInt64(precision) + 2000) where value.isFinite {
            let parsed = try #require(BigFloat(value.hexadecimalString, precision: precision + 100))
            #expect(parsed == value)
        }
    }

    @Test("NaN prints as nan and parses back as NaN")
    func nanText() throws {
        let nan = BigFloat.nan(precision: 113)
        #expect(nan.decimalString() == "nan")
        #expect(nan.hexadecimalString == "nan")
        #expect(try #require(BigFloat("nan", precision: 113)).isNaN)
    }

    @Test("Printing fixed examples", arguments: [
        (BigFloat(1.5), "1.5e+0", "0x1.8p+0"),
        (BigFloat(-0.0), "-0", "-0x0p+0"),
        (BigFloat(0.0), "0", "0x0p+0"),
        (BigFloat(1024.0), "1.024e+3", "0x1p+10"),
        (BigFloat(0.1), "1.0000000000000001e-1", "0x1.999999999999ap-4"),
        (BigFloat(-Double.infinity), "-inf", "-inf"),
    ])
    func fixedExamples(value: BigFloat, decimal: String, hexadecimal: String) {
        #expect(value.decimalString() == decimal)
        #expect(value.hexadecimalString == hexadecimal)
    }

    @Test("significantDigits rounds to nearest", arguments: [
        (2, "3.1e+0"), (3, "3.14e+0"), (5, "3.1416e+0"), (17, "3.1415926535897931e+0"),
    ])
    func significantDigits(digits: Int, expected: String) {
        #expect(BigFloat(Double.pi).decimalString(significantDigits: digits) == expected)
    }

    @Test("Parses every accepted form", arguments: [
        ("1.5e-3", 0.0015), ("0x1.8p+1", 3.0), ("-0x1p-2", -0.25), ("+2", 2.0), ("1e300", 1e300),
        ("inf", .infinity), ("-inf", -.infinity), ("-0", -0.0), ("123456789", 123456789.0),
        ("0.1", 0.1), ("4.9406564584124654e-324", .leastNonzeroMagnitude),
    ])
    func accepts(text: String, expected: Double) throws {
        let value = try #require(BigFloat(text))
        #expect(sameDatum(Double(value), expected))
        #expect(value.precision == 53)
    }

    @Test("Rejects anything that is not exactly one number", .tags(.regression), arguments: [
        "", " 1", "1 ", "1.5x", "0x", "--1", "+-1", "1e", "0x1p", "1.2.3", "x1", "nan1",
        "\t2", "1\n", "1\u{0}", "1\u{0}5", "\u{0}", "١",
    ])
    func rejects(text: String) {
        #expect(BigFloat(text, precision: 64) == nil, "accepted \(text.debugDescription)")
        #expect(BigFloat(text) == nil)
    }

    @Test("Parsing rounds correctly in the requested direction")
    func parsingRounds() throws {
        // 0.1 lies strictly between two 53-bit neighbours.
        let down = try #require(BigFloat("0.1", precision: 53, rounding: .down))
        let up = try #require(BigFloat("0.1", precision: 53, rounding: .up))
        #expect(down.nextUp.isIdentical(to: up))
        // The double nearest to 1/10 lies above it.
        #expect(Double(up) == 0.1)
        #expect(Double(down) == 0.1.nextDown)
        #expect(Double(try #require(BigFloat("0.1", precision: 53))) == 0.1)
    }
}
