import PropertyTesting
import Testing
import MultiPrecision

// `Double(_: BigFloat, rounding:)` and `Float(_: BigFloat, rounding:)` must be
// correctly rounded everywhere: ties, the subnormal range, overflow, and in
// every direction.

/// One hand-picked conversion: an exact value, a direction, the expected result.
struct MachineRoundingCase<F: BinaryFloatingPoint & Sendable>: Sendable, CustomTestStringConvertible {
    let name: String
    let value: BigFloat
    let rounding: BigFloat.Rounding
    let expected: F

    init(_ name: String, _ value: BigFloat, _ expected: F) {
        self.init(name, value, .toNearestOrEven, expected)
    }

    init(_ name: String, _ value: BigFloat, _ rounding: BigFloat.Rounding, _ expected: F) {
        self.name = name
        self.value = value
        self.rounding = rounding
        self.expected = expected
    }

    var testDescription: String { "\(name) (\(rounding))" }
}

private let maxDouble = exact(1, 1024) - exact(1, 971)   // (2⁵³ − 1)·2⁹⁷¹
private let doubleCases: [MachineRoundingCase<Double>] = [
    // Ties to even around 1.
    .init("1 + 2^-53 (tie, even below)", exactSum(pow2(0), pow2(-53)), 1),
    .init("1 + 3·2^-53 (tie, even above)", exactSum(pow2(0), exact(3, -53)), 1 + 0x1p-51),
    .init("1 + 2^-53 + 2^-300 (just above tie)", exactSum(pow2(0), pow2(-53), pow2(-300)), 1 + 0x1p-52),
    .init("1 + 2^-53 - 2^-300 (just below tie)", exactSum(pow2(0), pow2(-53), -pow2(-300)), 1),
    .init("-(1 + 3·2^-53)", -exactSum(pow2(0), exact(3, -53)), -(1 + 0x1p-51)),
    .init("2 - 2^-54 (tie, carries to 2)", exactSum(pow2(1), -pow2(-54)), 2),
    .init("1 - 2^-54 (exact)", exactSum(pow2(0), -pow2(-54)), 1 - 0x1p-54),
    .init("1 - 2^-55 (tie below 1)", exactSum(pow2(0), -pow2(-55)), 1),
    // The subnormal range: quantum 2^-1074.
    .init("2^-1075 (tie, to 0)", pow2(-1075), 0),
    .init("-2^-1075 (tie, to -0)", -pow2(-1075), -0.0),
    .init("3·2^-1075 (tie, to 2·2^-1074)", exact(3, -1075), 2 * .leastNonzeroMagnitude),
    .init("5·2^-1075 (tie, to 2·2^-1074)", exact(5, -1075), 2 * .leastNonzeroMagnitude),
    .init("7·2^-1075 (tie, to 4·2^-1074)", exact(7, -1075), 4 * .leastNonzeroMagnitude),
    .init("2^-1075 + 2^-1200 (above tie)", exactSum(pow2(-1075), pow2(-1200)), 0x1p-1074),
    .init("2^-1075 - 2^-1200 (below tie)", exactSum(pow2(-1075), -pow2(-1200)), 0),
    .init("2^-1076 (quarter)", pow2(-1076), 0),
    .init("2^-1074 exactly", pow2(-1074), .leastNonzeroMagnitude),
    .init("2^-2000 (far below)", pow2(-2000), 0),
    .init("largest subnormal + 2^-1075 (tie, to least normal)",
          exactSum(exact(1, -1022), -exact(1, -1074), pow2(-1075)), .leastNormalMagnitude),
    .init("largest subnormal", exactSum(exact(1, -1022), -exact(1, -1074)), .leastNormalMagnitude - .leastNonzeroMagnitude),
    .init("least normal - 2^-1076", exactSum(exact(1, -1022), -pow2(-1076)), .leastNormalMagnitude),
    .init("1.5·2^-1060 + 2^-1080 (subnormal, 14 bits)",
          exactSum(exact(3, -1061), pow2(-1080)), 0x6000 * .leastNonzeroMagnitude),
    .init("(2^14 + 1 + 1/2)·2^-1074 (tie, even above)", exactSum(exact(0x4001, -1074), pow2(-1075)), 0x4002 * .leastNonzeroMagnitude),
    // Overflow.
    .init("largest finite", maxDouble, .greatestFiniteMagnitude),
    .init("largest finite + half ulp (tie, to inf)", exactSum(maxDouble, pow2(970)), .infinity),
    .init("largest finite + half ulp - 2^-100 (below tie)",
          exactSum(maxDouble, pow2(970), -pow2(-100)), .greatestFiniteMagnitude),
    .init("-(largest finite + half ulp)", -exactSum(maxDouble, pow2(970)), -.infinity),
    .init("2^1024", pow2(1024), .infinity),
    .init("2^5000", pow2(5000), .infinity),
    .init("largest finite + half ulp, toward zero", exactSum(maxDouble, pow2(970)), .towardZero, .greatestFiniteMagnitude),
    .init("2^5000, toward zero", pow2(5000), .towardZero, .greatestFiniteMagnitude),
    .init("2^5000, down", pow2(5000), .down, .greatestFiniteMagnitude),
    .init("2^5000, up", pow2(5000), .up, .infinity),
    .init("2^5000, away", pow2(5000), .awayFromZero, .infinity),
    .init("-2^5000, up", -pow2(5000), .up, -.greatestFiniteMagnitude),
    .init("-2^5000, down", -pow2(5000), .down, -.infinity),
    .init("-2^5000, toward zero", -pow2(5000), .towardZero, -.greatestFiniteMagnitude),
    // Directed roundings of an inexact value.
    .init("1 + 2^-60, up", exactSum(pow2(0), pow2(-60)), .up, 1 + 0x1p-52),
    .init("1 + 2^-60, down", exactSum(pow2(0), pow2(-60)), .down, 1),
    .init("1 + 2^-60, toward zero", exactSum(pow2(0), pow2(-60)), .towardZero, 1),
    .init("1 + 2^-60, away", exactSum(pow2(0), pow2(-60)), .awayFromZero, 1 + 0x1p-52),
    .init("-(1 + 2^-60), up", -exactSum(pow2(0), pow2(-60)), .up, -1),
    .init("-(1 + 2^-60), down", -exactSum(pow2(0), pow2(-60)), .down, -(1 + 0x1p-52)),
    .init("-(1 + 2^-60), toward zero", -exactSum(pow2(0), pow2(-60)), .towardZero, -1),
    .init("-(1 + 2^-60), away", -exactSum(pow2(0), pow2(-60)), .awayFromZero, -(1 + 0x1p-52)),
    .init("1 + 2^-53 (tie), up", exactSum(pow2(0), pow2(-53)), .up, 1 + 0x1p-52),
    .init("1 + 2^-53 (tie), toward zero", exactSum(pow2(0), pow2(-53)), .towardZero, 1),
    // Directed roundings below the least subnormal.
    .init("2^-1100, up", pow2(-1100), .up, .leastNonzeroMagnitude),
    .init("2^-1100, down", pow2(-1100), .down, 0),
    .init("2^-1100, away", pow2(-1100), .awayFromZero, .leastNonzeroMagnitude),
    .init("-2^-1100, down", -pow2(-1100), .down, -.leastNonzeroMagnitude),
    .init("-2^-1100, up", -pow2(-1100), .up, -0.0),
    .init("-2^-1100, toward zero", -pow2(-1100), .towardZero, -0.0),
    .init("(3 + 1/4)·2^-1074, up", exactSum(exact(3, -1074), pow2(-1076)), .up, 4 * .leastNonzeroMagnitude),
    .init("(3 + 3/4)·2^-1074, down", exactSum(exact(3, -1074), exact(3, -1076)), .down, 3 * .leastNonzeroMagnitude),
    // Specials.
    .init("+0", .zero(precision: 53), 0),
    .init("-0", -BigFloat.zero(precision: 53), -0.0),
    .init("+inf", .infinity(precision: 53), .infinity),
    .init("-inf", .infinity(sign: .minus, precision: 200), -.infinity),
    .init("nan", .nan(precision: 100), .nan),
]

private let maxFloat = exact(1, 128) - exact(1, 104)   // (2²⁴ − 1)·2¹⁰⁴
private let floatCases: [MachineRoundingCase<Float>] = [
    .init("1 + 2^-24 (tie, even below)", exactSum(pow2(0), pow2(-24)), 1),
    .init("1 + 3·2^-24 (tie, even above)", exactSum(pow2(0), exact(3, -24)), 1 + 0x1p-22),
    .init("1 + 2^-24 + 2^-200", exactSum(pow2(0), pow2(-24), pow2(-200)), 1 + 0x1p-23),
    .init("2^-150 (tie, to 0)", pow2(-150), 0),
    .init("3·2^-150 (tie, to 2·2^-149)", exact(3, -150), 0x1p-148),
    .init("2^-150 + 2^-300", exactSum(pow2(-150), pow2(-300)), .leastNonzeroMagnitude),
    .init("largest subnormal + 2^-150 (tie, to least normal)",
          exactSum(exact(1, -126), -exact(1, -149), pow2(-150)), .leastNormalMagnitude),
    .init("largest finite", maxFloat, .greatestFiniteMagnitude),
    .init("largest finite + half ulp (tie, to inf)", exactSum(maxFloat, pow2(103)), .infinity),
    .init("largest finite + half ulp - 2^-10", exactSum(maxFloat, pow2(103), -pow2(-10)), .greatestFiniteMagnitude),
    .init("largest finite + half ulp, toward zero", exactSum(maxFloat, pow2(103)), .towardZero, .greatestFiniteMagnitude),
    .init("2^200, up", pow2(200), .up, .infinity),
    .init("-2^200, up", -pow2(200), .up, -.greatestFiniteMagnitude),
    .init("2^-200, up", pow2(-200), .up, .leastNonzeroMagnitude),
    .init("-2^-200, toward zero", -pow2(-200), .towardZero, -0.0),
    .init("1 + 2^-30, away", exactSum(pow2(0), pow2(-30)), .awayFromZero, 1 + 0x1p-23),
    .init("-(1 + 2^-30), down", -exactSum(pow2(0), pow2(-30)), .down, -(1 + 0x1p-23)),
    .init("nan", .nan(), .nan),
    .init("-inf", .infinity(sign: .minus), -.infinity),
]

/// The correctly rounded `F` nearest to (−1)^negative · m · 2^e in direction
/// `rounding`, by integer arithmetic on the bits of `m` (m < 2¹²⁸).
func expectedRounding<F: BinaryFloatingPoint>(
    _ m: UInt128, _ e: Int, negative: Bool, _ rounding: BigFloat.Rounding, as _: F.Type = F.self
) -> F {
    let sign: FloatingPointSign = negative ? .minus : .plus
    guard m != 0 else { return F(sign: sign, exponent: 0, significand: 0) }
    let p = F.significandBitCount + 1
    let leastExponent = Int(F.leastNonzeroMagnitude.exponent)         // quantum of the subnormals
    let top = e + (UInt128.bitWidth - m.leadingZeroBitCount - 1)     // |x| ∈ [2^top, 2^(top+1))
    let quantum = Swift.max(top - p + 1, leastExponent)              // weight of the result's last bit
    let shift = quantum - e                                          // bits of m below the quantum
    var kept: UInt128
    var rest: UInt128 = 0, half: UInt128 = 0
    if shift <= 0 {
        kept = m << UInt128(-shift)                                  // exact
    } else if shift >= UInt128.bitWidth {
        kept = 0; rest = m; half = UInt128.max                       // |x| < half a quantum
    } else {
        kept = m >> UInt128(shift)
        rest = m & ((1 << UInt128(shift)) - 1)
        half = 1 << UInt128(shift - 1)
    }
    let awayFromZero: Bool
    switch rounding {
    case .toNearestOrEven: awayFromZero = rest > half || (rest == half && kept & 1 == 1)
    case .towardZero: awayFromZero = false
    case .awayFromZero: awayFromZero = rest != 0
    case .up: awayFromZero = rest != 0 && !negative
    case .down: awayFromZero = rest != 0 && negative
    }
    if awayFromZero { kept += 1 }
    // kept ≤ 2^p, exactly representable; the product overflows to ∞ by itself.
    let result = F(sign: sign, exponent: F.Exponent(quantum), significand: F(kept))
    if result.isInfinite {
        let toInfinity = switch rounding {
        case .toNearestOrEven, .awayFromZero: true
        case .towardZero: false
        case .up: !negative
        case .down: negative
        }
        if !toInfinity { return negative ? -F.greatestFiniteMagnitude : .greatestFiniteMagnitude }
    }
    return result
}

@Suite("Rounding to machine types", .tags(.correctRounding))
struct MachineRoundingTests {
    @Test("Hand-picked Double cases", arguments: doubleCases)
    func doubleCase(_ c: MachineRoundingCase<Double>) {
        let result = Double(c.value, rounding: c.rounding)
        #expect(sameDatum(result, c.expected), "got \(result), expected \(c.expected)")
    }

    @Test("Hand-picked Float cases", arguments: floatCases)
    func floatCase(_ c: MachineRoundingCase<Float>) {
        let result = Float(c.value, rounding: c.rounding)
        #expect(sameDatum(result, c.expected), "got \(result), expected \(c.expected)")
    }

    @Test("The integer reference agrees with the hand-picked cases")
    func referenceSelfCheck() {
        // 1 + 3·2^-53 = (2^53 + 3)·2^-53 → 1 + 2^-51; 3·2^-1075 → 2^-1073; 2^1024 → ∞ or max.
        #expect(expectedRounding((1 << 53) + 3, -53, negative: false, .toNearestOrEven) == 1 + 0x1p-51)
        #expect(expectedRounding(3, -1075, negative: false, .toNearestOrEven) == 2 * Double.leastNonzeroMagnitude)
        #expect(expectedRounding(1, -1075, negative: true, .toNearestOrEven, as: Double.self).bitPattern == (-0.0).bitPattern)
        #expect(expectedRounding(1, 1024, negative: false, .toNearestOrEven) == Double.infinity)
        #expect(expectedRounding(1, 1024, negative: false, .towardZero) == Double.greatestFiniteMagnitude)
        #expect(expectedRounding(1, -1100, negative: true, .down) == -Double.leastNonzeroMagnitude)
        #expect(expectedRounding((1 << 24) + 1, -24, negative: false, .toNearestOrEven, as: Float.self) == 1)
    }

    /// Random 120-bit significands at exponents across the whole range of
    /// `F`: normal, subnormal, underflow and overflow; a quarter of them are
    /// made exact ties at `F`'s precision.
    static func randomCases<F: BinaryFloatingPoint>(
        _: F.Type, seed: UInt64, count: Int, rounding: BigFloat.Rounding
    ) -> [(value: BigFloat, expected: F, m: UInt128, e: Int)] {
        var rng = SplitMix64(seed: seed)
        let least = Int(F.leastNonzeroMagnitude.exponent)
        let greatest = Int(F.greatestFiniteMagnitude.exponent)
        let p = F.significandBitCount + 1
        var cases: [(BigFloat, F, UInt128, Int)] = []
        for _ in 0..<count {
            var m = rng.next128() >> 8 | (1 << 119)            // exactly 120 bits
            // Exponent of the leading bit: mostly normal, often near the edges.
            let top: Int = switch rng.next() % 4 {
            case 0: Int.random(in: (least - 4)...(least + p + 2), using: &rng)     // subnormal, underflow
            case 1: Int.random(in: (greatest - 2)...(greatest + 2), using: &rng)   // overflow
            default: Int.random(in: least...greatest, using: &rng)
            }
            let e = top - 119
            if rng.oneIn(4) {
                // Make the bits below the result's quantum an exact tie.
                let quantum = Swift.max(top - p + 1, least)
                let shift = quantum - e
                if shift > 0 && shift < 120 {
                    m = ((m >> UInt128(shift)) << UInt128(shift)) | (1 << UInt128(shift - 1))
                }
            }
            let negative = rng.oneIn(2)
            let magnitude = BigFloat(exactly: m, precision: 120).scaled(byPowerOfTwo: e)
            cases.append((negative ? -magnitude : magnitude,
                          expectedRounding(m, e, negative: negative, rounding, as: F.self), m, e))
        }
        return cases
    }

    @Test("Random 120-bit values round to Double bit for bit",
          .tags(.randomized), arguments: BigFloat.Rounding.allCases)
    func randomDoubles(_ rounding: BigFloat.Rounding) {
        var failures = 0
        for c in Self.randomCases(Double.self, seed: 0xD0_0B1E, count: 4000, rounding: rounding) {
            let result = Double(c.value, rounding: rounding)
            if !sameDatum(result, c.expected) {
                failures += 1
                if failures <= 5 {
                    Issue.record("m = \(c.m), e = \(c.e), value \(c.value.hexadecimalString): got \(result), expected \(c.expected)")
                }
            }
        }
        #expect(failures == 0)
    }

    @Test("Random 120-bit values round to Float bit for bit",
          .tags(.randomized), arguments: BigFloat.Rounding.allCases)
    func randomFloats(_ rounding: BigFloat.Rounding) {
        var failures = 0
        for c in Self.randomCases(Float.self, seed: 0xF1_0A7, count: 4000, rounding: rounding) {
            let result = Float(c.value, rounding: rounding)
            if !sameDatum(result, c.expected) {
                failures += 1
                if failures <= 5 {
                    Issue.record("m = \(c.m), e = \(c.e), value \(c.value.hexadecimalString): got \(result), expected \(c.expected)")
                }
            }
        }
        #expect(failures == 0)
    }

    @Test("Doubles convert exactly and back", .tags(.randomized))
    func doublesRoundTrip() {
        var rng = SplitMix64(seed: 53)
        for _ in 0..<2000 {
            let x = Double(bitPattern: rng.next())
            guard !x.isNaN else { continue }
            let big = BigFloat(x)
            #expect(sameDatum(Double(big), x))
            #expect(sameDatum(Float(BigFloat(Float(x))), Float(x)))
            // Where Float(x) is normal or infinite, rounding to 24 bits first is
            // the same single rounding.
            let f = Float(x)
            if f.isNormal || f.isInfinite { #expect(sameDatum(Float(BigFloat(x, precision: 24)), f)) }
        }
    }
}
