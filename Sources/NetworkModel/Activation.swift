/// The activation functions α a unit may apply, each with its derivative α′.
///
/// Every formula is written to be numerically careful in *any* number type:
/// no step subtracts two nearly equal quantities where the naive textbook
/// formula would (σ′ = σ(1 − σ) when σ rounds to 1, 1 − tanh² when tanh
/// rounds to ±1, log(1 + eᶻ) when eᶻ overflows).
public enum Activation: String, CaseIterable, Sendable, Codable, Hashable {
    case sigmoid, tanh, softplus, silu, gelu, identity, relu

    /// `allCases` made once: the sweeps look activations up by index and
    /// must not build the array on every call.
    public static let indexed: [Activation] = allCases

    /// The one spelling of the list, for messages and help texts:
    /// "sigmoid, tanh, softplus, silu, gelu, identity, relu" (the raw values,
    /// which are also the names on the wire, in network files and in reports).
    public static let names: String = allCases.map(\.rawValue).joined(separator: ", ")

    /// Points where α is not differentiable (α′ jumps there).
    public var kinks: [Double] {
        switch self {
        case .relu: [0]
        case .sigmoid, .tanh, .softplus, .silu, .gelu, .identity: []
        }
    }

    /// α(z).
    @inlinable
    public func value<T: NetworkScalar>(_ z: T) -> T {
        switch self {
        case .sigmoid: Self.sigmoid(z)
        case .tanh: T.tanh(z)
        case .softplus: Self.softplus(z)
        case .silu: z * Self.sigmoid(z)
        case .gelu: z * Self.normalCDF(z)
        case .identity: z
        case .relu: z > z.constant(0) ? z : z.constant(0)
        }
    }

    /// α′(z).
    @inlinable
    public func derivative<T: NetworkScalar>(_ z: T) -> T {
        switch self {
        case .sigmoid: Self.sigmoidDerivative(z)
        case .tanh: Self.tanhDerivative(z)
        case .softplus: Self.sigmoid(z)
        case .silu: Self.siluDerivative(z)
        case .gelu: Self.geluDerivative(z)
        case .identity: z.constant(1)
        case .relu: z > z.constant(0) ? z.constant(1) : z.constant(0)
        }
    }
}

// MARK: - Value and slope together

extension Activation {
    /// (α(z), α′(z)) computed together, sharing the transcendental work where
    /// the two formulas have it in common (one e^(−|z|) for σ and σ′).
    @inlinable
    public func valueAndDerivative<T: NetworkScalar>(_ z: T) -> (value: T, derivative: T) {
        switch self {
        case .sigmoid:
            let (s, slope) = Self.sigmoidAndDerivative(z)
            return (s, slope)
        case .softplus:
            let e = T.exp(-z.absoluteValue)
            let zero = z.constant(0)
            let positivePart = z > zero ? z : zero
            return (positivePart + T.log1p(e), Self.sigmoid(z, expMinusAbs: e))
        case .tanh, .silu, .gelu, .identity, .relu:
            return (value(z), derivative(z))
        }
    }

    /// σ(z) and σ′(z) from one e = e^(−|z|):
    /// σ(z) = 1/(1 + e) for z ≥ 0, e/(1 + e) for z < 0, and σ′(z) = e/(1 + e)².
    ///
    /// The operations are those of `T.exp(-z.absoluteValue)`, `1 + e`, … in
    /// that order; only the constants 0 and 1 are made once each and shared
    /// (for an arbitrary-precision type each constant is an allocation).
    @inlinable
    public static func sigmoidAndDerivative<T: NetworkScalar>(_ z: T) -> (T, T) {
        let zero = z.constant(0), one = z.constant(1)
        let e = T.exp(-(z < zero ? -z : z))     // -z.absoluteValue
        let d = one + e
        let s = z >= zero ? one / d : e / d
        return (s, e / (d * d))
    }

    /// σ(z) given e = e^(−|z|).
    @inlinable
    static func sigmoid<T: NetworkScalar>(_ z: T, expMinusAbs e: T) -> T {
        let d = z.constant(1) + e
        return z >= z.constant(0) ? z.constant(1) / d : e / d
    }
}

// MARK: - Careful formulas

extension Activation {
    /// σ(z) = 1/(1 + e⁻ᶻ) for z ≥ 0 and eᶻ/(1 + eᶻ) for z < 0, so the
    /// exponential never overflows.
    @inlinable
    public static func sigmoid<T: NetworkScalar>(_ z: T) -> T {
        let one = z.constant(1)
        if z >= z.constant(0) { return one / (one + T.exp(-z)) }
        let e = T.exp(z)
        return e / (one + e)
    }

    /// σ′(z) = e^(−|z|) / (1 + e^(−|z|))², which equals σ(z)·(1 − σ(z)) but
    /// keeps full relative accuracy in saturation, where 1 − σ would cancel.
    @inlinable
    public static func sigmoidDerivative<T: NetworkScalar>(_ z: T) -> T {
        let e = T.exp(-z.absoluteValue)
        let d = z.constant(1) + e
        return e / (d * d)
    }

    /// tanh′(z) = sech²(z) = 4e^(−2|z|) / (1 + e^(−2|z|))², equal to 1 − tanh²z
    /// without its cancellation when tanh z rounds to ±1.
    @inlinable
    public static func tanhDerivative<T: NetworkScalar>(_ z: T) -> T {
        let e = T.exp(z.constant(-2) * z.absoluteValue)
        let d = z.constant(1) + e
        return z.constant(4) * e / (d * d)
    }

    /// softplus(z) = log(1 + eᶻ) = max(z, 0) + log1p(e^(−|z|)), which cannot
    /// overflow and keeps relative accuracy for very negative z.
    @inlinable
    public static func softplus<T: NetworkScalar>(_ z: T) -> T {
        let zero = z.constant(0)
        let positivePart = z > zero ? z : zero
        return positivePart + T.log1p(T.exp(-z.absoluteValue))
    }

    /// SiLU′(z) = σ(z)·(1 + z·σ(−z)), using σ(−z) = 1 − σ(z) computed directly.
    @inlinable
    public static func siluDerivative<T: NetworkScalar>(_ z: T) -> T {
        sigmoid(z) * (z.constant(1) + z * sigmoid(-z))
    }

    /// Φ(z) = erfc(−z/√2)/2, the standard normal CDF, accurate in both tails.
    @inlinable
    public static func normalCDF<T: NetworkScalar>(_ z: T) -> T {
        z.constant(0.5) * T.erfc(-z / T.sqrt(z.constant(2)))
    }

    /// GELU′(z) = Φ(z) + z·φ(z), with φ(z) = e^(−z²/2)/√(2π).
    @inlinable
    public static func geluDerivative<T: NetworkScalar>(_ z: T) -> T {
        let density = T.exp(z.constant(-0.5) * z * z) / T.sqrt(z.constant(2) * T.pi(like: z))
        return normalCDF(z) + z * density
    }
}
