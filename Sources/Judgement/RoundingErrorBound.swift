import MultiPrecision
import NetworkModel
import Reference

/// A value computed exactly (in MPFR) together with two error bounds: a
/// first-order bound on the error of a *careful* binary64 evaluation (the
/// kit's own order, which sets the tolerance τ), and, per format, the
/// *allowance*: a bound on the error of *any legitimate* evaluation in that
/// format (``ArithmeticFormat``).
///
/// Running the back-propagation code on this type turns it into a running
/// error analysis (Wilkinson; Higham, *Accuracy and Stability*, §3.3).
///
/// **The careful bound** e(·), with u = 2⁻⁵³ and η = 2⁻¹⁰⁷⁵ (underflow):
///
///     e(a ± b) = e(a) + e(b) + u·(|a| + |b|)
///     e(a · b) = |b|·e(a) + |a|·e(b) + u·|ab| + η
///     e(a / b) = (e(a) + |a/b|·e(b)) / |b| + u·|a/b| + η
///     e(α(z))  = |α′(z)|·(e(z) + 2u|z|) + c_α·u·|α(z)| + c_α·η·(1 + |z|)
///     e(α′(z)) = |α″(z)|·(e(z) + 2u|z|) + c_α·u·|α′(z)| + c_α·η·(1 + |z|)
///
/// **The allowance** A(·) in a format with unit roundoff u and smallest
/// normal λ (results below it may be flushed to zero) is computed from
/// magnitudes, not from the exact value alone, and keeps the second-order
/// terms, so it bounds the computed value whatever its operands' errors:
///
///     A(a ± b) = A(a) + A(b) + u·(|a| + A(a) + |b| + A(b))
///     A(a · b) = |b|A(a) + |a|A(b) + A(a)A(b) + u·(|a| + A(a))(|b| + A(b)) + λ
///     A(a / b) = 2(A(a) + |a/b|A(b))/|b| + u·(|a/b| + …) + λ    (∞ unless A(b) ≤ |b|/2)
///     A(f(x))  = S_f·A(x) + c_f·u·(|f(x)| + S_f·A(x)) + λ,   S_f = sup |f′| on x ± A(x)
///     A(α(z))  = S₁·r + c_α·u·(M_α + S₁·r) + cut-off + c_α·λ(1 + |z|),   r = A(z) + 2u|z|
///     A(α′(z)) = S₂·r + jump + c_α·u·(M_α′ + S₂·r) + cut-off + c_α·λ(1 + |z|)
///
/// where S₁, S₂ bound |α′|, |α″| on z ± r, M_α and M_α′ are the magnitudes
/// of the terms the standard alternative formulas round (σ(1 − σ),
/// 1 − tanh², ½(1 + erf), log(1 + eᶻ): see ``Activation/valueTermMagnitude(at:value:)``),
/// and "cut-off" is the error of PyTorch's softplus threshold. Inputs,
/// parameters and constants enter with their rounding to the format (0 in
/// binary64). A product with an exact zero stays at most λ-sized: a
/// structural zero (a switched-off ReLU, an unused parameter) has an
/// allowance of (almost) nothing. A value that may overflow the format has
/// an allowance of ∞ (the format explains anything there).
public struct RoundingErrorBound: NetworkScalar {
    /// The exact value (at the reference precision).
    public var value: BigFloat
    /// The careful binary64 bound on |computed − exact|, in 64-bit
    /// arithmetic rounded to nearest (``Magnitude64``: no allocation).
    public var bound: Magnitude64
    /// |value| rounded to 64 bits, computed once per value (every operation
    /// that reads the value needs it).
    public var size: Magnitude64
    /// The allowance in binary64: what any legitimate binary64 evaluation may err by.
    public var allowance: Magnitude64
    /// The allowance in binary32.
    public var binary32Allowance: Magnitude64

    /// Ulps allowed to one evaluation of α or α′ beyond its conditioning.
    public static let activationUlps = 4.0
    /// Ulps allowed to a libm function (exp, log1p, tanh, erfc, sqrt).
    public static let libmUlps = 2.0

    /// An exact binary64 value (an input or a parameter) at `precision` bits.
    public init(exact value: Double, precision: Int) {
        self.value = BigFloat(value, precision: precision)
        self.bound = .zero
        self.size = Magnitude64(value)
        self.allowance = ArithmeticFormat.binary64.entryError(value)
        self.binary32Allowance = ArithmeticFormat.binary32.entryError(value)
    }

    /// A computed value: its exact `value`, the careful bound, its size (|value| unless given), and
    /// its allowance in each format (∞ where the value may overflow that format). `package`:
    /// DocumentVerification builds its NaN from it.
    package init(_ value: BigFloat, bound: Magnitude64, size: Magnitude64? = nil,
                 allowances: (ArithmeticFormat) -> Magnitude64) {
        self.value = value
        self.bound = bound
        let size = size ?? Self.size(value)
        self.size = size
        self.allowance = ArithmeticFormat.binary64.capped(allowances(.binary64), size: size)
        self.binary32Allowance = ArithmeticFormat.binary32.capped(allowances(.binary32), size: size)
    }

    /// The allowance in `format`.
    public func allowance(in format: ArithmeticFormat) -> Magnitude64 {
        switch format {
        case .binary64: allowance
        case .binary32: binary32Allowance
        }
    }

    /// u·|x|: half an ulp of x in binary64 (relative unit roundoff 2⁻⁵³).
    static func roundoff(_ x: BigFloat, ulps: Double = 1) -> Magnitude64 { roundoff(size(x), ulps: ulps) }

    /// u·m for a magnitude already rounded to 64 bits.
    static func roundoff(_ m: Magnitude64, ulps: Double = 1) -> Magnitude64 {
        (Magnitude64(ulps) * m).scaled(byPowerOfTwo: -53)
    }

    /// η = 2⁻¹⁰⁷⁵, the absolute error of a result that underflows.
    static let underflow = Magnitude64(1.0).scaled(byPowerOfTwo: -1075)

    /// |x| rounded to the bound's 64 bits.
    static func size(_ x: BigFloat) -> Magnitude64 { Magnitude64(magnitudeOf: x) }

    public func constant(_ c: Double) -> RoundingErrorBound {
        RoundingErrorBound(exact: c, precision: value.precision)
    }

    public static func == (a: Self, b: Self) -> Bool { a.value == b.value }
    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }

    public static func + (a: Self, b: Self) -> Self { sum(a, b, a.value + b.value) }

    public static func - (a: Self, b: Self) -> Self { sum(a, b, a.value - b.value) }

    /// a ± b, whose exact value is `value`.
    static func sum(_ a: Self, _ b: Self, _ value: BigFloat) -> Self {
        Self(value, bound: a.bound + b.bound + roundoff(a.size + b.size)) { f in
            sumAllowance(f, a.size, a.allowance(in: f), b.size, b.allowance(in: f))
        }
    }

    public static func * (a: Self, b: Self) -> Self {
        let product = a.value * b.value
        let productSize = size(product)
        let propagated = b.size * a.bound + a.size * b.bound
        return Self(product, bound: propagated + roundoff(productSize) + underflow, size: productSize) { f in
            productAllowance(f, a.size, a.allowance(in: f), b.size, b.allowance(in: f))
        }
    }

    public static func / (a: Self, b: Self) -> Self {
        let quotient = a.value / b.value
        let quotientSize = size(quotient)
        let propagated = (a.bound + quotientSize * b.bound) / b.size
        return Self(quotient, bound: propagated + roundoff(quotientSize) + underflow, size: quotientSize) { f in
            quotientAllowance(f, a.allowance(in: f), b.size, b.allowance(in: f), quotient: quotientSize)
        }
    }

    public static prefix func - (a: Self) -> Self {
        var negated = a
        negated.value = -a.value
        return negated
    }

    /// z + w·s evaluated exactly in one fused step, with the bound of the
    /// binary64 evaluation `z + w * s` (two roundings), |w·s| taken as
    /// |w|·|s| in 64-bit arithmetic:
    /// e = e(z) + (|s|e(w) + |w|e(s) + u|ws| + η) + u(|z| + |ws|).
    /// The allowance is that of the unfused product and sum, which also
    /// covers a fused multiply-add (one rounding fewer).
    public static func multiplyAdd(_ z: Self, _ w: Self, _ s: Self) -> Self {
        let product = w.size * s.size
        let productBound = s.size * w.bound + w.size * s.bound + roundoff(product) + underflow
        let value = BigFloat.fma(w.value, s.value, z.value)
        return Self(value, bound: z.bound + productBound + roundoff(z.size + product)) { f in
            let term = productAllowance(f, w.size, w.allowance(in: f), s.size, s.allowance(in: f))
            return sumAllowance(f, z.size, z.allowance(in: f), product, term)
        }
    }

    /// p − 1: the exact value −rest/total, with the bound and allowance of
    /// the subtraction `p - 1` an engine performs (e(p) + u(|p| + 1)).
    public static func differenceFromOne(_ p: Self, rest: Self, total: Self) -> Self {
        var textbook = p - p.constant(1)
        textbook.value = -(rest.value / total.value)
        textbook.size = size(textbook.value)
        return textbook
    }

    public static func pi(like x: Self) -> Self {
        let piBound = roundoff(BigFloat.pi(precision: 64))
        return Self(BigFloat.pi(precision: x.value.precision), bound: piBound) { f in
            f.roundoff(Magnitude64(Double.pi))
        }
    }
}

// MARK: - The allowance rules

extension RoundingErrorBound {
    /// A(a ± b) = A(a) + A(b) + u·(|a| + A(a) + |b| + A(b)): any order of
    /// summation, since |â ± b̂| ≤ |a| + A(a) + |b| + A(b).
    static func sumAllowance(_ f: ArithmeticFormat, _ a: Magnitude64, _ aA: Magnitude64,
                             _ b: Magnitude64, _ bA: Magnitude64) -> Magnitude64 {
        aA + bA + f.roundoff(a + aA + b + bA)
    }

    /// A(a · b) = |b|A(a) + |a|A(b) + A(a)A(b) + u·(|a| + A(a))(|b| + A(b)) + λ:
    /// exact, not first order (â·b̂ − ab = b·δa + a·δb + δa·δb).
    static func productAllowance(_ f: ArithmeticFormat, _ a: Magnitude64, _ aA: Magnitude64,
                                 _ b: Magnitude64, _ bA: Magnitude64) -> Magnitude64 {
        b * aA + a * bA + aA * bA + f.roundoff((a + aA) * (b + bA)) + f.underflow
    }

    /// A(a / b) = 2(A(a) + |a/b|·A(b))/|b| + u·(|a/b| + that) + λ, valid
    /// when A(b) ≤ |b|/2 (then |b̂| ≥ |b|/2); ∞ otherwise.
    static func quotientAllowance(_ f: ArithmeticFormat, _ aA: Magnitude64, _ b: Magnitude64, _ bA: Magnitude64,
                                  quotient q: Magnitude64) -> Magnitude64 {
        guard !(b < bA.scaled(byPowerOfTwo: 1)), !b.isZero else { return .infinity }
        let propagated = ((aA + q * bA) / b).scaled(byPowerOfTwo: 1)
        return propagated + f.roundoff(q + propagated) + f.underflow
    }
}

// MARK: - Elementary functions

extension RoundingErrorBound {
    /// f(x) with |f′(x)|·e(x) propagated and `libmUlps` for the function
    /// itself; the allowance propagates with S_f = |f′(x)|·g, where the
    /// growth g bounds sup |f′| / |f′(x)| over x ± A(x) (``ElementaryFunction``).
    static func function(_ x: Self, _ kind: ElementaryFunction, _ f: (Dual<BigFloat>) -> Dual<BigFloat>) -> Self {
        let d = f(Dual(x.value, tangent: x.value.constant(1)))
        let slope = size(d.tangent)
        let bound = slope * x.bound + roundoff(d.value, ulps: libmUlps) + underflow
        let valueSize = size(d.value)
        let point = Double(x.value)
        return Self(d.value, bound: bound, size: valueSize) { f in
            let reach = x.allowance(in: f)
            let propagated = reach.isZero ? Magnitude64.zero
                : slope * Magnitude64(kind.slopeGrowth(at: point, reach: reach.double)) * reach
            return propagated + f.roundoff(valueSize + propagated, ulps: libmUlps) + f.underflow
        }
    }

    public static func exp(_ x: Self) -> Self { function(x, .exp, Dual.exp) }
    public static func expm1(_ x: Self) -> Self { function(x, .exp, Dual.expm1) }
    public static func log(_ x: Self) -> Self { function(x, .log, Dual.log) }
    /// ln(1 + x), allowing also for the engines that compute it as
    /// log(1 + x) (`BCEWithLogitsLoss`, log-sum-exp): forming 1 + x rounds
    /// by up to u, which the log passes on as an absolute error u/(1 + x) ≤ u.
    public static func log1p(_ x: Self) -> Self {
        var careful = function(x, .log1p, Dual.log1p)
        careful.bound = careful.bound + roundoff(Magnitude64(1.0))
        careful.allowance = careful.allowance + ArithmeticFormat.binary64.roundoff(Magnitude64(1.0))
        careful.binary32Allowance = careful.binary32Allowance + ArithmeticFormat.binary32.roundoff(Magnitude64(1.0))
        return careful
    }
    public static func tanh(_ x: Self) -> Self { function(x, .tanh, Dual.tanh) }
    public static func erfc(_ x: Self) -> Self { function(x, .erfc, Dual.erfc) }
    public static func sqrt(_ x: Self) -> Self { function(x, .sqrt, Dual.sqrt) }
}

/// The elementary functions the sweep calls, with how fast |f′| may grow
/// away from a point.
enum ElementaryFunction {
    case exp, log, log1p, tanh, erfc, sqrt

    /// g ≥ 1 with sup |f′(ζ)| over |ζ − x| ≤ A at most g·|f′(x)| (∞ when
    /// the interval reaches a singularity):
    /// exp: e^A; log: x/(x − A); log1p: (1 + x)/(1 + x − A);
    /// tanh: sech²(x − A)/sech²(x) ≤ e^(2A); erfc: e^(2|x|A);
    /// sqrt: √(x/(x − A)). Rounded up by 2⁻⁴⁰ relative.
    func slopeGrowth(at x: Double, reach a: Double) -> Double {
        let growth: Double
        switch self {
        case .exp: growth = doubleExp(a)
        case .log: growth = x > a ? x / (x - a) : .infinity
        case .log1p: growth = 1 + x > a ? (1 + x) / (1 + x - a) : .infinity
        case .tanh: growth = doubleExp(2 * a)
        case .erfc: growth = doubleExp(2 * x.magnitude * a)
        case .sqrt: growth = x > a ? (x / (x - a)).squareRoot() : .infinity
        }
        return growth.isNaN ? .infinity : growth * (1 + 0x1p-40)
    }
}

// MARK: - Activations

extension RoundingErrorBound {
    /// α and α′ as single operations: α′ and α″ come exactly from dual numbers.
    ///
    /// Near a kink k of α (|z − k| ≤ 2·e(z)) binary64 cannot tell which side
    /// z lies on: α's bound then uses the larger one-sided slope and α′'s
    /// bound includes the jump |α′(k⁺) − α′(k⁻)|. The allowance does the
    /// same at its own reach r = A(z) + 2u|z| in each format.
    public static func activate(_ activation: Activation, _ z: Self) -> (value: Self, derivative: Self) {
        let (a, slope) = activation.valueAndDerivative(Dual(z.value, tangent: z.value.constant(1)))
        var valueSlope = size(a.tangent)
        var jump = Magnitude64.zero
        if let (left, right) = straddledSlopes(activation, z, reach: z.bound.scaled(byPowerOfTwo: 1)) {
            valueSlope = Magnitude64.maximum(valueSlope, Magnitude64.maximum(left, right))
            jump = left + right     // ≥ |α′(k⁺) − α′(k⁻)|
        }
        let deepUnderflow = activationUnderflow(z)
        // An implementation evaluates α at a rescaled argument (erfc(−z/√2),
        // e^(−2|z|)) rounded once or twice: z perturbed by 2u·|z|.
        let argument = z.bound + z.size.scaled(byPowerOfTwo: -52)
        let valueSize = size(a.value), slopeSize = size(slope.value)
        let point = ActivationPoint(z: Double(z.value), value: Double(a.value), derivative: Double(slope.value),
                                    slope: size(a.tangent), curvature: size(slope.tangent))
        let value = Self(a.value, bound: valueSlope * argument + roundoff(valueSize, ulps: activationUlps) + deepUnderflow,
                         size: valueSize) { f in
            activationAllowance(activation, z, point, f).value
        }
        let derivative = Self(slope.value, bound: size(slope.tangent) * argument + jump
                                 + roundoff(slopeSize, ulps: activationUlps) + deepUnderflow, size: slopeSize) { f in
            activationAllowance(activation, z, point, f).derivative
        }
        return (value, derivative)
    }

    /// α and α′ at z, as the allowance reads them.
    struct ActivationPoint {
        var z: Double
        var value: Double
        var derivative: Double
        /// |α′(z)| and |α″(z)|.
        var slope: Magnitude64
        var curvature: Magnitude64
    }

    /// A(α(z)) and A(α′(z)) in format `f` (see the type's documentation).
    static func activationAllowance(_ activation: Activation, _ z: Self, _ p: ActivationPoint,
                                    _ f: ArithmeticFormat) -> (value: Magnitude64, derivative: Magnitude64) {
        let reach = z.allowance(in: f) + f.roundoff(z.size, ulps: 2)
        let r = reach.double
        let growth = { (order: Int) in
            activation.tailGrowthRate(at: p.z, reach: r, order: order).map { Magnitude64(doubleExp($0 * r)) }
        }
        var slopeSup = supremum(p.slope, growth: growth(1), drift: activation.secondDerivativeSupremum * r,
                                cap: activation.firstDerivativeSupremum)
        let curvatureSup = supremum(p.curvature, growth: growth(2), drift: activation.thirdDerivativeSupremum * r,
                                    cap: activation.secondDerivativeSupremum)
        var jump = Magnitude64.zero
        if let (left, right) = straddledSlopes(activation, z, reach: reach) {
            slopeSup = Magnitude64.maximum(slopeSup, Magnitude64.maximum(left, right))
            jump = left + right
        }
        let ulps = activationUlps
        let valueTerms = Magnitude64(activation.valueTermMagnitude(at: p.z, value: p.value))
        let slopeTerms = Magnitude64(activation.derivativeTermMagnitude(at: p.z, derivative: p.derivative))
        let underflow = activation.roundsItsResult
            ? (Magnitude64(1.0) + z.size) * Magnitude64(ulps) * f.underflow : .zero
        let valuePropagated = slopeSup * reach
        let slopePropagated = curvatureSup * reach
        let value = valuePropagated + f.roundoff(valueTerms + valuePropagated, ulps: ulps)
            + Magnitude64(activation.valueCutoffError(at: p.z)) + underflow
        let derivative = slopePropagated + jump + f.roundoff(slopeTerms + slopePropagated, ulps: ulps)
            + Magnitude64(activation.derivativeCutoffError(at: p.z)) + underflow
        return (value, derivative)
    }

    /// A bound on sup |g| over z ± r from |g(z)|, the least of three valid
    /// ones: |g(z)| + sup|g′|·r (`drift`), |g(z)|·e^(kr) (`growth`, where
    /// the log-derivative of g is bounded by k on the interval), and
    /// sup |g| over ℝ (`cap`).
    static func supremum(_ atPoint: Magnitude64, growth: Magnitude64?, drift: Double, cap: Double) -> Magnitude64 {
        var best = Magnitude64(cap)
        let additive = atPoint + Magnitude64(drift)
        if !additive.isNaN && additive < best { best = additive }
        if let growth {
            let multiplicative = atPoint.isZero ? Magnitude64.zero : atPoint * growth
            if !multiplicative.isNaN && multiplicative < best { best = multiplicative }
        }
        return best
    }

    /// c_α·η·(1 + |z|): inside α an intermediate such as e^z or σ(z) may
    /// underflow with absolute error η and then be multiplied by z (SiLU,
    /// GELU), so a result in the subnormal range may be off by that much.
    static func activationUnderflow(_ z: Self) -> Magnitude64 {
        (Magnitude64(1.0) + z.size) * Magnitude64(activationUlps) * underflow
    }

    /// |α′| just left and right of a kink of α within z ± reach, if any.
    static func straddledSlopes(_ activation: Activation, _ z: Self, reach: Magnitude64) -> (Magnitude64, Magnitude64)? {
        guard !activation.kinks.isEmpty else { return nil }
        let span = reach.bigFloat.rounded(toPrecision: z.value.precision)
        let below = z.value - span, above = z.value + span
        for k in activation.kinks {
            let kink = BigFloat(k, precision: z.value.precision)
            guard below <= kink && kink <= above else { continue }
            let unit = kink.constant(1).scaled(byPowerOfTwo: -60)
            return (size(activation.derivative(kink - unit)), size(activation.derivative(kink + unit)))
        }
        return nil
    }

    /// Whether z is within reach (2·e(z)) of a kink of α: the partials do
    /// not exist for a careful binary64 evaluation.
    public static func isNearKink(_ activation: Activation, _ z: Self) -> Bool {
        straddledSlopes(activation, z, reach: z.bound.scaled(byPowerOfTwo: 1)) != nil
    }
}

extension Activation {
    /// Whether evaluating α or α′ rounds at all (identity and ReLU are exact).
    var roundsItsResult: Bool {
        switch self {
        case .sigmoid, .tanh, .softplus, .silu, .gelu: true
        case .identity, .relu: false
        }
    }
}
