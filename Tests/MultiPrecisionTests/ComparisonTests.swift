import Testing
import MultiPrecision

/// A value and its Double twin, for comparing BigFloat's IEEE semantics with
/// Double's.
struct Special: Sendable, CustomTestStringConvertible {
    let name: String
    let big: BigFloat
    let double: Double
    var testDescription: String { name }

    static let all: [Special] = [
        Special(name: "nan", big: .nan(precision: 80), double: .nan),
        Special(name: "-inf", big: .infinity(sign: .minus, precision: 80), double: -.infinity),
        Special(name: "-1", big: BigFloat(-1.0, precision: 200), double: -1),
        Special(name: "-0", big: -BigFloat.zero(precision: 30), double: -0.0),
        Special(name: "+0", big: .zero(precision: 120), double: 0),
        Special(name: "least subnormal", big: BigFloat(Double.leastNonzeroMagnitude), double: .leastNonzeroMagnitude),
        Special(name: "1", big: BigFloat(1.0, precision: 2), double: 1),
        Special(name: "1.5", big: BigFloat(1.5, precision: 1000), double: 1.5),
        Special(name: "max", big: BigFloat(Double.greatestFiniteMagnitude), double: .greatestFiniteMagnitude),
        Special(name: "+inf", big: .infinity(precision: 2), double: .infinity),
    ]
}

@Suite("IEEE comparisons")
struct ComparisonTests {
    @Test("Every comparison agrees with Double's", arguments: Special.all, Special.all)
    func agreesWithDouble(_ a: Special, _ b: Special) {
        #expect((a.big == b.big) == (a.double == b.double))
        #expect((a.big != b.big) == (a.double != b.double))
        #expect((a.big < b.big) == (a.double < b.double))
        #expect((a.big <= b.big) == (a.double <= b.double))
        #expect((a.big > b.big) == (a.double > b.double))
        #expect((a.big >= b.big) == (a.double >= b.double))
        // isIdentical is Double's bit identity, with every NaN alike.
        #expect(a.big.isIdentical(to: b.big) == sameDatum(a.double, b.double))
    }

    @Test("NaN is unordered and unequal, even to itself")
    func nan() {
        let nan = BigFloat.nan(precision: 64)
        let one = BigFloat(1.0)
        #expect(nan != nan)
        #expect(!(nan == nan))
        #expect(!(nan < one) && !(nan > one) && !(nan <= one) && !(nan >= one))
        #expect(!(one < nan) && !(one > nan))
        #expect(nan.isIdentical(to: .nan(precision: 300)))
        #expect(!nan.isIdentical(to: one))
        #expect(BigFloat.minimum(nan, one).isNaN && BigFloat.maximum(one, nan).isNaN)
        #expect((nan + one).isNaN && BigFloat.exp(nan).isNaN)
    }

    @Test("Signed zeros are equal but not identical")
    func signedZeros() {
        let plus = BigFloat.zero(precision: 53)
        let minus = -plus
        #expect(plus == minus)
        #expect(!(minus < plus))
        #expect(minus.sign == .minus && plus.sign == .plus)
        #expect(!plus.isIdentical(to: minus))
        #expect(minus.isIdentical(to: BigFloat(-0.0)))
        #expect((BigFloat(1.0) / minus) == .infinity(sign: .minus))
    }

    @Test("Values compare exactly across precisions")
    func acrossPrecisions() throws {
        let tenth53 = BigFloat(0.1)                        // the double nearest 1/10, above it
        let tenth200 = try #require(BigFloat("0.1", precision: 200))
        #expect(tenth53 != tenth200)
        #expect(tenth53 > tenth200)
        #expect(tenth53.isIdentical(to: tenth53.rounded(toPrecision: 500)))
        #expect(tenth200.rounded(toPrecision: 53) == tenth53)
        #expect(BigFloat(1.0, precision: 2) == BigFloat(1.0, precision: 5000))
    }

    @Test("Classification, exponent, ulp and neighbours")
    func structure() {
        let x = BigFloat(6.0, precision: 10)                 // 1.1₂ · 2²
        #expect(x.exponent == 2)
        #expect(x.ulp == pow2(2 - 9))
        #expect(x.nextUp - x == x.ulp)
        #expect(x - x.nextDown == x.ulp)
        #expect(x.nextUp.precision == 10)
        #expect(BigFloat.zero(precision: 8).isZero && BigFloat.zero(precision: 8).isFinite)
        #expect(BigFloat.infinity().isInfinite && !BigFloat.infinity().isFinite)
        #expect(!BigFloat.nan().isFinite && !BigFloat.nan().isInfinite)
        #expect(BigFloat(-2.5).magnitude == BigFloat(2.5))
        #expect(BigFloat.minimum(BigFloat(2.0), BigFloat(-3.0)) == BigFloat(-3.0))
        #expect(BigFloat.maximum(BigFloat(2.0), BigFloat(-3.0)) == BigFloat(2.0))
    }
}
