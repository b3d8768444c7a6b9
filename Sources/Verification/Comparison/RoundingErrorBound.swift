import MultiPrecision
import NetworkModel
import Reference

/// A value computed exactly (in MPFR) together with a first-order bound on
/// the error a careful binary64 evaluation of the same quantity may carry.
///
/// Running the back-propagation code on this type turns it into a running
/// error analysis (Wilkinson; Higham, *Accuracy and Stability*, §3.3). With
/// u = 2⁻⁵³, η = 2⁻¹⁰⁷⁵ (underflow) and e(·) the bound of an operand:
///
///     e(a ± b) = e(a) + e(b) + u·(|a| + |b|)
///     e(a · b) = |b|·e(a) + |a|·e(b) + u·|ab| + η
///     e(a / b) = (e(a) + |a/b|·e(b)) / |b| + u·|a/b| + η
///     e(α(z))  = |α′(z)|·(e(z) + 2u|z|) + c_α·u·|α(z)| + c_α·η·(1 + |z|)
///     e(α′(z)) = |α″(z)|·(e(z) + 2u|z|) + c_α·u·|α′(z)| + c_α·η·(1 + |z|)
///
/// The sum rule uses |a| + |b| instead of |a + b|, so the bound holds for a
/// sum of terms added in *any* order — an engine need not sum as we do. Each
/// activation and its derivative count as one operation allowed c_α ulps
/// (``activationUlps``) beyond the error propagated from its argument, so the
/// bound does not depend on which careful formula an engine uses. Inputs and
/// parameters are binary64 and enter exactly (bound 0).
public struct RoundingErrorBound: NetworkScalar {
    /// The exact value (at the reference precision).
    public var value: BigFloat
    /// The bound on |computed − exact| for a binary64 evaluation, in
    /// 64-bit arithmetic rounded to nearest (``Magnitude64``: no allocation).
    public var bound: Magnitude64
    /// |value| rounded to 64 bits, computed once per value (every operation
    /// that reads the value needs it).
    public var size: Magnitude64

    /// Ulps allowed to one evaluation of α or α′ beyond its conditioning.
    public static let activationUlps = 4.0
    /// Ulps allowed to a libm function (exp, log1p, tanh, erfc, sqrt).
    public static let libmUlps = 2.0

    /// An exact binary64 value (an input or a parameter) at `precision` bits.
    public init(exact value: Double, precision: Int) {
        self.value = BigFloat(value, precision: precision)
        self.bound = .zero
        self.size = Magnitude64(value)
    }

    init(_ value: BigFloat, bound: Magnitude64, size: Magnitude64? = nil) {
        self.value = value
        self.bound = bound
        self.size = size ?? Self.size(value)
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
        RoundingErrorBound(BigFloat(c, precision: value.precision), bound: .zero)
    }

    public static func == (a: Self, b: Self) -> Bool { a.value == b.value }
    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }

    public static func + (a: Self, b: Self) -> Self {
        Self(a.value + b.value, bound: a.bound + b.bound + roundoff(a.size + b.size))
    }

    public static func - (a: Self, b: Self) -> Self {
        Self(a.value - b.value, bound: a.bound + b.bound + roundoff(a.size + b.size))
    }

    public static func * (a: Self, b: Self) -> Self {
        let product = a.value * b.value
        let productSize = size(product)
        let propagated = b.size * a.bound + a.size * b.bound
        return Self(product, bound: propagated + roundoff(productSize) + underflow, size: productSize)
    }

    public static func / (a: Self, b: Self) -> Self {
        let quotient = a.value / b.value
        let quotientSize = size(quotient)
        let propagated = (a.bound + quotientSize * b.bound) / b.size
        return Self(quotient, bound: propagated + roundoff(quotientSize) + underflow, size: quotientSize)
    }

    public static prefix func - (a: Self) -> Self { Self(-a.value, bound: a.bound, size: a.size) }

    /// z + w·s evaluated exactly in one fused step, with the bound of the
    /// binary64 evaluation `z + w * s` (two roundings), |w·s| taken as
    /// |w|·|s| in 64-bit arithmetic:
    /// e = e(z) + (|s|e(w) + |w|e(s) + u|ws| + η) + u(|z| + |ws|).
    public static func multiplyAdd(_ z: Self, _ w: Self, _ s: Self) -> Self {
        let product = w.size * s.size
        let productBound = s.size * w.bound + w.size * s.bound + roundoff(product) + underflow
        let value = BigFloat.fma(w.value, s.value, z.value)
        return Self(value, bound: z.bound + productBound + roundoff(z.size + product))
    }

    /// p − 1: the exact value −rest/total, with the bound of the binary64
    /// subtraction `p - 1` an engine performs (e(p) + u(|p| + 1)).
    public static func differenceFromOne(_ p: Self, rest: Self, total: Self) -> Self {
        let textbook = p - p.constant(1)
        let exact = -(rest.value / total.value)
        return Self(exact, bound: textbook.bound)
    }

    /// f(x) with |f′(x)|·e(x) propagated and `libmUlps` for the function itself.
    static func function(_ x: Self, _ f: (Dual<BigFloat>) -> Dual<BigFloat>) -> Self {
        let d = f(Dual(x.value, tangent: x.value.constant(1)))
        let bound = size(d.tangent) * x.bound + roundoff(d.value, ulps: libmUlps) + underflow
        return Self(d.value, bound: bound)
    }

    public static func exp(_ x: Self) -> Self { function(x, Dual.exp) }
    public static func expm1(_ x: Self) -> Self { function(x, Dual.expm1) }
    public static func log(_ x: Self) -> Self { function(x, Dual.log) }
    /// ln(1 + x), allowing also for the engines that compute it as
    /// log(1 + x) (`BCEWithLogitsLoss`, log-sum-exp): forming 1 + x rounds
    /// by up to u, which the log passes on as an absolute error u/(1 + x) ≤ u.
    public static func log1p(_ x: Self) -> Self {
        let careful = function(x, Dual.log1p)
        return Self(careful.value, bound: careful.bound + roundoff(Magnitude64(1.0)), size: careful.size)
    }
    public static func tanh(_ x: Self) -> Self { function(x, Dual.tanh) }
    public static func erfc(_ x: Self) -> Self { function(x, Dual.erfc) }
    public static func sqrt(_ x: Self) -> Self { function(x, Dual.sqrt) }

    public static func pi(like x: Self) -> Self {
        Self(BigFloat.pi(precision: x.value.precision), bound: roundoff(BigFloat.pi(precision: 64)))
    }

    /// α and α′ as single operations: α′ and α″ come exactly from dual numbers.
    ///
    /// Near a kink k of α (|z − k| ≤ 2·e(z)) binary64 cannot tell which side
    /// z lies on: α's bound then uses the larger one-sided slope and α′'s
    /// bound includes the jump |α′(k⁺) − α′(k⁻)|.
    public static func activate(_ activation: Activation, _ z: Self) -> (value: Self, derivative: Self) {
        let (a, slope) = activation.valueAndDerivative(Dual(z.value, tangent: z.value.constant(1)))
        var valueSlope = size(a.tangent)
        var jump = Magnitude64.zero
        if let (below, above) = straddledKink(activation, z) {
            let left = activation.derivative(below), right = activation.derivative(above)
            valueSlope = Magnitude64.maximum(valueSlope, Magnitude64.maximum(size(left), size(right)))
            jump = size(right - left)
        }
        let deepUnderflow = activationUnderflow(z)
        // An implementation evaluates α at a rescaled argument (erfc(−z/√2),
        // e^(−2|z|)) rounded once or twice: z perturbed by 2u·|z|.
        let argument = z.bound + z.size.scaled(byPowerOfTwo: -52)
        let value = Self(a.value, bound: valueSlope * argument + roundoff(a.value, ulps: activationUlps) + deepUnderflow)
        let derivative = Self(slope.value, bound: size(slope.tangent) * argument + jump
                                 + roundoff(slope.value, ulps: activationUlps) + deepUnderflow)
        return (value, derivative)
    }

    /// c_α·η·(1 + |z|): inside α an intermediate such as e^z or σ(z) may
    /// underflow with absolute error η and then be multiplied by z (SiLU,
    /// GELU), so a result in the subnormal range may be off by that much.
    static func activationUnderflow(_ z: Self) -> Magnitude64 {
        (Magnitude64(1.0) + z.size) * Magnitude64(activationUlps) * underflow
    }

    /// The points z ∓ 2e(z) when a kink of α lies between them.
    static func straddledKink(_ activation: Activation, _ z: Self) -> (BigFloat, BigFloat)? {
        guard !activation.kinks.isEmpty else { return nil }
        let reach = z.bound.scaled(byPowerOfTwo: 1).bigFloat.rounded(toPrecision: z.value.precision)
        let below = z.value - reach, above = z.value + reach
        let straddles = activation.kinks.contains { k in
            let kink = BigFloat(k, precision: z.value.precision)
            return below <= kink && kink <= above
        }
        return straddles ? (below, above) : nil
    }

    /// Whether z is within reach of a kink of α (see ``activate(_:_:)``).
    public static func isNearKink(_ activation: Activation, _ z: Self) -> Bool {
        straddledKink(activation, z) != nil
    }
}
