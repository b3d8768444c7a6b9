import PropertyTesting
import Testing
import MultiPrecision

/// |a − b| measured in units in the last place of `b` at `b`'s precision.
private func ulps(_ a: BigFloat, from b: BigFloat) -> Double {
    if a == b { return 0 }
    return Double(BigFloat.abs(a - b).widened(to: 64) / b.ulp)
}

@Suite("Algebraic identities at high precision", .tags(.randomized))
struct IdentityTests {
    static let precisions = [64, 128, 256, 512, 1000]

    @Test("exp(log x) = x within (|log x| + 1) ulps", arguments: precisions)
    func expOfLog(precision: Int) {
        // log x carries a relative error ≤ 2^-p, which exp turns into an
        // error ≤ |log x|·ulp(x); exp's own rounding adds ½ ulp.
        var rng = SplitMix64(seed: UInt64(precision) * 7)
        var worst = 0.0
        for _ in 0..<60 {
            let x = BigFloat.abs(randomBigFloat(precision: precision, exponents: -40...40, using: &rng))
            let y = BigFloat.log(x)
            let back = BigFloat.exp(y)
            #expect(back.precision == precision && y.precision == precision)
            let error = ulps(back, from: x)
            worst = Swift.max(worst, error)
            #expect(error <= Swift.abs(Double(y)) + 1, "x = \(x), error \(error) ulps")
        }
        #expect(worst > 0, "every case exact: suspicious")
    }

    @Test("(a + b) − b == a when the precision holds every bit of a + b", arguments: precisions)
    func additionIsExact(precision: Int) {
        var rng = SplitMix64(seed: UInt64(precision) * 11)
        for _ in 0..<80 {
            let a = randomBigFloat(precision: Int.random(in: 2...precision, using: &rng), exponents: -300...300, using: &rng)
            let b = randomBigFloat(precision: Int.random(in: 2...precision, using: &rng), exponents: -300...300, using: &rng)
            // Bits from the top of the larger to the last bit of either, plus a carry.
            let top = Swift.max(a.exponent, b.exponent)
            let bottom = Swift.min(a.exponent - a.precision + 1, b.exponent - b.precision + 1)
            let needed = top - bottom + 2
            let (wideA, wideB) = (a.widened(to: needed), b.widened(to: needed))
            let sum = wideA + wideB
            #expect(sum.precision == Swift.max(needed, a.precision, b.precision))
            let back = sum - wideB
            #expect(back.isIdentical(to: a), "a = \(a.hexadecimalString), b = \(b.hexadecimalString)")
        }
    }

    @Test("Too little precision loses a")
    func additionLosesBits() {
        let a = BigFloat(1.0)
        let b = pow2(100).widened(to: 53)
        #expect((a + b) - b == .zero(precision: 53))
        #expect((a.widened(to: 102) + b) - b == a)
    }

    @Test("fma rounds once: it equals the exact product plus c, rounded", arguments: precisions)
    func fmaRoundsOnce(precision: Int) {
        var rng = SplitMix64(seed: UInt64(precision) * 13)
        var differences = 0
        for _ in 0..<80 {
            let a = randomBigFloat(precision: precision, exponents: -20...20, using: &rng)
            let b = randomBigFloat(precision: precision, exponents: -20...20, using: &rng)
            let c = randomBigFloat(precision: precision, exponents: -40...40, using: &rng)
            let fused = BigFloat.fma(a, b, c)
            let exactProduct = BigFloat.product(a, b, precision: 2 * precision)  // exact: p + p bits
            let reference = BigFloat.sum(exactProduct, c, precision: precision)
            #expect(fused.isIdentical(to: reference))
            #expect(fused.precision == precision)
            // TwoProduct: a·b = round(a·b) + fma(a, b, −round(a·b)), exactly.
            let rounded = a * b
            let error = BigFloat.fma(a, b, -rounded)
            #expect(BigFloat.sum(rounded, error, precision: 2 * precision) == exactProduct)
            if !error.isZero { differences += 1 }
            if !(rounded + c).isIdentical(to: fused) { differences += 1 }
        }
        #expect(differences > 0, "fused and separate never differed: fma is not tested")
    }

    @Test("fma differs from a rounded product plus c", arguments: [24, 53, 200])
    func fmaVersusSeparate(precision: Int) {
        let u = pow2(1 - precision)
        let a = BigFloat.sum(BigFloat(1, precision: precision), u, precision: precision)       // 1 + u
        let b = BigFloat.sum(BigFloat(1, precision: precision), -u, precision: precision)      // 1 − u
        let c = BigFloat(-1, precision: precision)
        #expect((a * b + c).isZero)                                     // a·b = 1 − u² rounds to 1
        #expect(BigFloat.fma(a, b, c) == -(u * u))                      // −u², exactly
    }

    @Test("Directed roundings bracket the exact result", arguments: precisions)
    func directedBracket(precision: Int) {
        var rng = SplitMix64(seed: UInt64(precision) * 17)
        for _ in 0..<40 {
            let a = randomBigFloat(precision: precision, exponents: -30...30, using: &rng)
            let b = randomBigFloat(precision: precision, exponents: -30...30, using: &rng)
            let target = Int.random(in: 2...precision, using: &rng)
            for exact in [BigFloat.sum(a, b, precision: 4 * precision), BigFloat.product(a, b, precision: 2 * precision)] {
                let isSum = exact == BigFloat.sum(a, b, precision: 4 * precision)
                func at(_ r: BigFloat.Rounding) -> BigFloat {
                    isSum ? BigFloat.sum(a, b, precision: target, rounding: r) : BigFloat.product(a, b, precision: target, rounding: r)
                }
                let (down, up) = (at(.down), at(.up))
                #expect(down <= exact && exact <= up)
                #expect(down == up ? down == exact : down.nextUp == up)
                let nearest = at(.toNearestOrEven)
                #expect(nearest == down || nearest == up)
                #expect(at(.towardZero) == (exact.sign == .minus ? up : down))
                #expect(at(.awayFromZero) == (exact.sign == .minus ? down : up))
            }
        }
    }
}

@Suite("Precision of results")
struct PrecisionRuleTests {
    @Test("Binary operations take the larger operand precision",
          arguments: [(2, 53), (53, 2), (64, 64), (100, 3000), (1000, 113)])
    func binary(pa: Int, pb: Int) {
        let a = BigFloat(1.25, precision: pa)
        let b = BigFloat(3.0, precision: pb)
        let p = Swift.max(pa, pb)
        for result in [a + b, a - b, a * b, a / b, BigFloat.pow(a, b), BigFloat.minimum(a, .nan(precision: pb))] {
            #expect(result.precision == p)
        }
        #expect(BigFloat.fma(a, b, BigFloat(1.0, precision: 7)).precision == Swift.max(p, 7))
        var c = a
        c += b
        #expect(c.precision == p)
        #expect(BigFloat.sum(a, b, precision: 11).precision == 11)
        #expect(BigFloat.product(a, b, precision: 3).precision == 3)
        #expect(BigFloat.fma(a, b, a, precision: 9).precision == 9)
    }

    @Test("Unary operations keep the operand precision", arguments: [2, 24, 53, 300])
    func unary(p: Int) {
        let x = BigFloat(0.75, precision: p)
        let results = [-x, BigFloat.sqrt(x), .exp(x), .expm1(x), .log(x), .log1p(x), .tanh(x), .cosh(x), .sinh(x),
                       .erf(x), .erfc(x), .abs(x), x.magnitude, x.scaled(byPowerOfTwo: 5), x.nextUp, x.nextDown, x.ulp.widened(to: p)]
        for result in results { #expect(result.precision == p) }
        #expect(x.rounded(toPrecision: 5).precision == 5)
        #expect(x.widened(to: 2 * p).precision == 2 * p)
        #expect(x.widened(to: 1).precision == p)
    }

    @Test("Exact Double constants mix in at the working precision")
    func doubleConstants() {
        let x = BigFloat.pi(precision: 400)
        let half = BigFloat(0.5) * x
        #expect(half.precision == 400)
        #expect(half == x.scaled(byPowerOfTwo: -1))
        #expect((BigFloat(1.0) + x).precision == 400)
    }
}
