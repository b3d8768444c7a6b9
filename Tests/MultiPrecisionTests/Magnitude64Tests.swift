import Testing
import MultiPrecision
import PropertyTesting

/// `Magnitude64` must give bit for bit what 64-bit `BigFloat` (MPFR) gives.
@Suite("Magnitude64 rounds exactly as MPFR at 64 bits")
struct Magnitude64Tests {
    /// Positive 64-bit values over a wide exponent range, with full 64-bit
    /// significands (products of two doubles rounded to 64 bits).
    static func values(_ count: Int, seed: UInt64) -> [BigFloat] {
        var random = SplitMix64(seed: seed)
        func double() -> Double {
            let u = Double(random.next() >> 11) * 0x1p-53
            let e = Int(random.next() % 200) - 100
            return (0.5 + u) * Double(sign: .plus, exponent: e, significand: 1)
        }
        var values: [BigFloat] = [BigFloat(1, precision: 64), BigFloat(0.5, precision: 64)]
        while values.count < count {
            let a = BigFloat(double(), precision: 64), b = BigFloat(double(), precision: 64)
            values.append((a * b).rounded(toPrecision: 64))
            values.append(BigFloat(double(), precision: 64))
        }
        return values
    }

    static func same(_ m: Magnitude64, _ x: BigFloat) -> Bool { m == Magnitude64(magnitudeOf: x) && m.bigFloat == x }

    @Test func arithmeticMatchesMPFR() {
        let xs = Self.values(600, seed: 64)
        var mismatches = 0
        for i in stride(from: 0, to: xs.count - 1, by: 1) {
            let (a, b) = (xs[i], xs[(i * 7 + 3) % xs.count])
            let (ma, mb) = (Magnitude64(magnitudeOf: a), Magnitude64(magnitudeOf: b))
            if !Self.same(ma + mb, (a + b).rounded(toPrecision: 64)) { mismatches += 1 }
            if !Self.same(ma * mb, (a * b).rounded(toPrecision: 64)) { mismatches += 1 }
            if !Self.same(ma / mb, (a / b).rounded(toPrecision: 64)) { mismatches += 1 }
            if (ma < mb) != (a < b) { mismatches += 1 }
            if ma.double != Double(a) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test func edgeCases() {
        let one = Magnitude64(1.0), tiny = Magnitude64(0x1p-1074), big = Magnitude64(.greatestFiniteMagnitude)
        #expect((one + .zero) == one && (Magnitude64.zero * one).isZero)
        #expect((one / .zero) == .infinity && (Magnitude64.zero / .zero).isNaN)
        #expect(tiny.double == 0x1p-1074 && big.double == .greatestFiniteMagnitude)
        #expect((big * Magnitude64(2.0)).double == .infinity)
        #expect(Magnitude64(3.0).scaled(byPowerOfTwo: -1075).bigFloat == BigFloat(3, precision: 64).scaled(byPowerOfTwo: -1075))
        // Ties round to even: 1 + 2⁻⁶⁴ is a tie between 1 and 1 + 2⁻⁶³.
        let half = Magnitude64(1.0).scaled(byPowerOfTwo: -64)
        #expect(one + half == one)
        #expect(Magnitude64(magnitudeOf: BigFloat(-2.5, precision: 256)) == Magnitude64(2.5))
    }
}
