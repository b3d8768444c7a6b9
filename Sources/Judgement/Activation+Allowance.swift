import NetworkModel

/// What the allowance of an activation needs to know about α: global bounds
/// on its higher derivatives, how fast its derivatives may grow in the
/// tails, and the magnitudes of the terms that the standard formulas for
/// α and α′ round (``RoundingErrorBound``, docs/tolerance.md).
///
/// Every switch lists every activation: a new activation must state its own
/// numbers before the kit can judge it.
extension Activation {
    /// sup over ℝ of |α′|, rounded up: σ′ ≤ ¼, tanh′ ≤ 1, softplus′ = σ < 1,
    /// SiLU′ ≤ 1.0999, GELU′ ≤ 1.1289, identity′ = ReLU′ ≤ 1.
    var firstDerivativeSupremum: Double {
        switch self {
        case .sigmoid: 0.25
        case .tanh, .softplus, .identity, .relu: 1
        case .silu: 1.0999
        case .gelu: 1.1289
        }
    }

    /// sup over ℝ of |α″| (0 for the piecewise-linear ones away from kinks),
    /// rounded up: σ″ ≤ 1/(6√3), tanh″ ≤ 4/(3√3), softplus″ = σ′ ≤ ¼,
    /// SiLU″ ≤ ½, GELU″ = φ(z)(2 − z²) ≤ 2φ(0).
    var secondDerivativeSupremum: Double {
        switch self {
        case .sigmoid: 0.0963
        case .tanh: 0.7698
        case .softplus: 0.25
        case .silu: 0.5
        case .gelu: 0.7979
        case .identity, .relu: 0
        }
    }

    /// sup over ℝ of |α‴|, rounded up: σ‴ ≤ ⅛, tanh‴ ≤ 2, softplus‴ = σ″,
    /// SiLU‴ ≤ 0.309, GELU‴ ≤ 0.779.
    var thirdDerivativeSupremum: Double {
        switch self {
        case .sigmoid: 0.125
        case .tanh: 2
        case .softplus: 0.0963
        case .silu: 0.3082
        case .gelu: 0.7787
        case .identity, .relu: 0
        }
    }

    /// k such that |α⁽ʲ⁾(ζ)| ≤ |α⁽ʲ⁾(z)|·e^(k|ζ − z|) for every ζ in z ± r
    /// (j = 1: α′, j = 2: α″), or nil where no such k holds (near a zero
    /// of α⁽ʲ⁾, where its log-derivative is unbounded). k bounds
    /// |(log |α⁽ʲ⁾|)′| on the interval: σ′ = σ(1 − σ): |1 − 2σ| ≤ 1;
    /// sech²: |2 tanh| ≤ 2; softplus′ = σ: 1 − σ ≤ 1; SiLU′ and GELU′ only
    /// away from their zeros (z ≈ −1.28, −0.75); the α″ of σ, tanh, SiLU and
    /// GELU only for |ζ| > 1, 1, 4, 2.5 (their zeros are at 0, 0, ≈ ±2.4, ±√2).
    /// GELU's e^(−ζ²/2) has log-derivative up to |ζ| + 2 there.
    func tailGrowthRate(at z: Double, reach r: Double, order j: Int) -> Double? {
        let (low, high) = (z - r, z + r)
        let outside = { (limit: Double) in high < -limit || low > limit }
        switch (self, j) {
        case (.sigmoid, 1), (.softplus, 1), (.softplus, 2): return 1
        case (.tanh, 1): return 2
        case (.sigmoid, _): return outside(1) ? 2 : nil
        case (.tanh, _): return outside(1) ? 3 : nil
        case (.softplus, _): return 1
        case (.silu, 1): return high < -3 || low > 0 ? 2 : nil
        case (.silu, _): return outside(4) ? 2 : nil
        case (.gelu, 1): return high < -2 || low > 0 ? z.magnitude + r + 2 : nil
        case (.gelu, _): return outside(2.5) ? z.magnitude + r + 2 : nil
        case (.identity, _), (.relu, _): return 0
        }
    }

    /// M_α(z): the sum of magnitudes of what the standard formulas for α(z)
    /// round, so that any of them errs by at most a few u·M_α beyond what
    /// the error in z propagates. Exact formulas (identity, ReLU) round
    /// nothing: M = 0. GELU as ½z(1 + erf(z/√2)) cancels for z ≪ 0:
    /// M = |z|·max(Φ, 1 − Φ). softplus as log(1 + eᶻ) loses u absolutely
    /// when 1 + eᶻ rounds: M = |α| + 1.
    func valueTermMagnitude(at z: Double, value: Double) -> Double {
        switch self {
        case .sigmoid, .tanh, .silu: value.magnitude
        case .softplus: value.magnitude + 1
        case .gelu: z.magnitude * max(Self.normalCDF(z), Self.normalCDF(-z))
        case .identity, .relu: 0
        }
    }

    /// M_α′(z), the same for α′: σ(1 − σ) rounds 1 − σ (M = σ(1 + σ));
    /// 1 − tanh² (M = 1 + tanh²); SiLU′ as σ(1 + z(1 − σ)) rounds z(1 − σ)
    /// (M = σ(1 + |z|(1 + σ)) + |α′|); GELU′ as Φ + zφ with Φ from 1 + erf
    /// (M = max(Φ, 1 − Φ) + |z|φ). ReLU′ and identity′ are exact.
    func derivativeTermMagnitude(at z: Double, derivative: Double) -> Double {
        switch self {
        case .sigmoid:
            let s = Self.logistic(z)
            return s * (1 + s) + derivative.magnitude
        case .tanh:
            let t = libmTanhEstimate(z)
            return 1 + t * t + derivative.magnitude
        case .softplus:
            return Self.logistic(z) + derivative.magnitude
        case .silu:
            let s = Self.logistic(z)
            return s * (1 + z.magnitude * (1 + s)) + derivative.magnitude
        case .gelu:
            return max(Self.normalCDF(z), Self.normalCDF(-z)) + z.magnitude * Self.normalDensity(z)
                + derivative.magnitude
        case .identity, .relu:
            return 0
        }
    }

    /// The absolute error of a cut-off formula for α, not a rounding:
    /// PyTorch's softplus returns z for z > 20 (error log1p(e^(−z)) < e^(−z)).
    func valueCutoffError(at z: Double) -> Double {
        switch self {
        case .softplus: z > Self.softplusThreshold ? doubleExp(-z) : 0
        case .sigmoid, .tanh, .silu, .gelu, .identity, .relu: 0
        }
    }

    /// The same for α′: softplus′ = σ(z) returned as 1 above the threshold
    /// (error σ(−z) < e^(−z)).
    func derivativeCutoffError(at z: Double) -> Double {
        switch self {
        case .softplus: z > Self.softplusThreshold ? doubleExp(-z) : 0
        case .sigmoid, .tanh, .silu, .gelu, .identity, .relu: 0
        }
    }

    /// PyTorch's default `Softplus(threshold=20)`.
    static let softplusThreshold = 20.0

    /// σ(z) in binary64, for magnitudes.
    static func logistic(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + doubleExp(-z)) : doubleExp(z) / (1 + doubleExp(z))
    }

    /// Φ(z) in binary64, for magnitudes.
    static func normalCDF(_ z: Double) -> Double { 0.5 * doubleErfc(-z / 2.0.squareRoot()) }

    /// φ(z) in binary64, for magnitudes.
    static func normalDensity(_ z: Double) -> Double { doubleExp(-0.5 * z * z) / (2 * Double.pi).squareRoot() }
}

/// tanh z in binary64 from e^(−2|z|), for magnitudes.
private func libmTanhEstimate(_ z: Double) -> Double {
    let e = doubleExp(-2 * z.magnitude)
    return (1 - e) / (1 + e)
}
