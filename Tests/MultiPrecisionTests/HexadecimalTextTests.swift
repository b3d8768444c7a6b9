#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import PropertyTesting
import Testing
import MultiPrecision

/// What the platform's C library prints for `x` with `%a`.
func cHexadecimal(_ x: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    let count = withVaList([x]) { arguments in
        buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, "%a", arguments) }
    }
    precondition(count > 0 && count < buffer.count, "vsnprintf failed")
    return String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

@Suite("hexadecimalString: the normalised form C's %a prints", .tags(.text))
struct HexadecimalTextTests {
    @Test("Fixed examples: leading digit 1, fraction bits in hexadecimal, decimal power of two", arguments: [
        (BigFloat.pi(precision: 53), "0x1.921fb54442d18p+1"),
        (-BigFloat.pi(precision: 53), "-0x1.921fb54442d18p+1"),
        (BigFloat.pi(precision: 24), "0x1.921fb6p+1"),
        (BigFloat(1.0), "0x1p+0"),
        (BigFloat(0.5), "0x1p-1"),
        (BigFloat(-3.0), "-0x1.8p+1"),
        (BigFloat(1024.0), "0x1p+10"),
        (BigFloat(0.1), "0x1.999999999999ap-4"),
        (BigFloat(Double.greatestFiniteMagnitude), "0x1.fffffffffffffp+1023"),
        (BigFloat(Double.leastNormalMagnitude), "0x1p-1022"),
        // Precisions that are not 1 + a multiple of 4 pad the last digit with zero bits.
        (BigFloat(3, precision: 2), "0x1.8p+1"),
        (BigFloat(5, precision: 3), "0x1.4p+2"),
        (BigFloat(31, precision: 5), "0x1.fp+4"),
        (BigFloat(63, precision: 6), "0x1.f8p+5"),
        (BigFloat(127, precision: 7), "0x1.fcp+6"),
        (BigFloat(exactly: UInt64.max), "0x1.fffffffffffffffep+63"),
    ])
    func fixedExamples(value: BigFloat, text: String) throws {
        #expect(value.hexadecimalString == text)
        let parsed = try #require(BigFloat(text, precision: value.precision))
        #expect(parsed.isIdentical(to: value))
    }

    @Test("Zeros, infinities and NaN use C's spellings")
    func specialValues() throws {
        #expect(BigFloat.zero(precision: 113).hexadecimalString == "0x0p+0")
        #expect((-BigFloat.zero(precision: 113)).hexadecimalString == "-0x0p+0")
        #expect(BigFloat.infinity(precision: 113).hexadecimalString == "inf")
        #expect(BigFloat.infinity(sign: .minus, precision: 113).hexadecimalString == "-inf")
        #expect(BigFloat.nan(precision: 113).hexadecimalString == "nan")
        #expect((-BigFloat.nan(precision: 113)).hexadecimalString == "nan")
        for value in [0.0, -0.0, Double.infinity, -Double.infinity] {
            #expect(BigFloat(value).hexadecimalString == cHexadecimal(value))
            let parsed = try #require(BigFloat(BigFloat(value).hexadecimalString))
            #expect(parsed.isIdentical(to: BigFloat(value)))
        }
        #expect(try #require(BigFloat(BigFloat.nan(precision: 53).hexadecimalString)).isNaN)
    }

    @Test("Exponents far outside binary64's range stay normalised and exact", arguments: [
        (pow2(100_000), "0x1p+100000"),
        (-pow2(-100_000), "-0x1p-100000"),
        (BigFloat(-3.0).scaled(byPowerOfTwo: -5000), "-0x1.8p-4999"),
        (BigFloat(0.1).scaled(byPowerOfTwo: 1 << 20), "0x1.999999999999ap+1048572"),
    ])
    func hugeExponents(value: BigFloat, text: String) throws {
        #expect(value.hexadecimalString == text)
        #expect(try #require(BigFloat(text, precision: value.precision)).isIdentical(to: value))
    }

    @Test("binary64's subnormals print normalised (MPFR has none) and parse back equal to C's text",
          arguments: [Double.leastNonzeroMagnitude, Double.leastNormalMagnitude.nextDown, 0x1.8p-1070, -0x1p-1060])
    func subnormalRange(value: Double) throws {
        let text = BigFloat(value).hexadecimalString
        #expect(text.hasPrefix(value < 0 ? "-0x1" : "0x1"), "\(text)")
        #expect(Double(try #require(BigFloat(text))) == value)
        #expect(try #require(BigFloat(text)) == (try #require(BigFloat(cHexadecimal(value)))))
    }

    @Test("Equals the platform's %a for every normal binary64 and binary32 value tried",
          .tags(.randomized, .platformLibm))
    func agreesWithC() {
        var rng = SplitMix64(seed: 0xA11A)
        for _ in 0..<20_000 {
            let double = Double(bitPattern: rng.next())
            if double.isNormal {
                #expect(BigFloat(double).hexadecimalString == cHexadecimal(double), "\(double)")
            }
            let single = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
            if single.isNormal {
                let value = BigFloat(Double(single), precision: 24)
                #expect(value.hexadecimalString == cHexadecimal(Double(single)), "\(single)")
            }
        }
    }

    @Test("Every finite nonzero value at every precision starts with 0x1 and parses back identically",
          .tags(.randomized), arguments: TextTests.precisions)
    func normalisedAtEveryPrecision(precision: Int) throws {
        for value in TextTests.values(precision: precision, seed: UInt64(precision) + 3000)
        where value.isFinite && !value.isZero {
            let text = value.hexadecimalString
            #expect(text.hasPrefix(value.sign == .minus ? "-0x1" : "0x1"), "\(text)")
            #expect(!text.contains(".") || !text.split(separator: "p")[0].hasSuffix("0"), "trailing zero: \(text)")
            #expect(try #require(BigFloat(text, precision: precision)).isIdentical(to: value), "\(text)")
        }
    }
}
