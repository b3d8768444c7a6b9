/// A dual number a + b·ε with ε² = 0: forward-mode differentiation in any
/// ``NetworkScalar``.
///
/// For a function f built from the protocol's operations,
/// f(a + b·ε) = f(a) + f′(a)·b·ε, so seeding one variable's tangent with 1
/// and the rest with 0 yields the exact partial derivative in ``tangent``.
/// Comparisons look only at the primal value, so branches (ReLU, the
/// sign split in σ) follow the point of evaluation.
public struct Dual<T: NetworkScalar>: NetworkScalar {
    /// The value a.
    public var value: T
    /// The derivative part b.
    public var tangent: T

    @inlinable
    public init(_ value: T, tangent: T) {
        self.value = value
        self.tangent = tangent
    }

    /// A constant: tangent 0.
    @inlinable
    public init(constant value: T) { self.init(value, tangent: value.constant(0)) }

    @inlinable public func constant(_ c: Double) -> Dual { Dual(constant: value.constant(c)) }

    @inlinable public static func == (a: Dual, b: Dual) -> Bool { a.value == b.value }
    @inlinable public static func < (a: Dual, b: Dual) -> Bool { a.value < b.value }

    /// (a + bε) + (c + dε) = (a + c) + (b + d)ε
    @inlinable public static func + (x: Dual, y: Dual) -> Dual { Dual(x.value + y.value, tangent: x.tangent + y.tangent) }
    /// (a + bε) − (c + dε) = (a − c) + (b − d)ε
    @inlinable public static func - (x: Dual, y: Dual) -> Dual { Dual(x.value - y.value, tangent: x.tangent - y.tangent) }
    /// (a + bε)(c + dε) = ac + (ad + bc)ε
    @inlinable public static func * (x: Dual, y: Dual) -> Dual {
        Dual(x.value * y.value, tangent: x.value * y.tangent + x.tangent * y.value)
    }
    /// (a + bε)/(c + dε) = a/c + (bc − ad)/c² ε
    @inlinable public static func / (x: Dual, y: Dual) -> Dual {
        let q = x.value / y.value
        return Dual(q, tangent: (x.tangent - q * y.tangent) / y.value)
    }
    @inlinable public static prefix func - (x: Dual) -> Dual { Dual(-x.value, tangent: -x.tangent) }

    /// Applies f with known derivative f′: f(a + bε) = f(a) + f′(a)·b ε.
    @inlinable
    static func chain(_ x: Dual, _ f: T, _ fPrime: T) -> Dual { Dual(f, tangent: fPrime * x.tangent) }

    /// (eˣ)′ = eˣ
    @inlinable public static func exp(_ x: Dual) -> Dual { let e = T.exp(x.value); return chain(x, e, e) }
    /// (eˣ − 1)′ = eˣ
    @inlinable public static func expm1(_ x: Dual) -> Dual { chain(x, T.expm1(x.value), T.exp(x.value)) }
    /// (ln x)′ = 1/x
    @inlinable public static func log(_ x: Dual) -> Dual { chain(x, T.log(x.value), x.value.constant(1) / x.value) }
    /// (ln(1 + x))′ = 1/(1 + x)
    @inlinable public static func log1p(_ x: Dual) -> Dual {
        chain(x, T.log1p(x.value), x.value.constant(1) / (x.value.constant(1) + x.value))
    }
    /// (tanh x)′ = sech²x, by the cancellation-free formula of
    /// ``Activation/tanhDerivative(_:)`` (1 − tanh²x would lose every digit
    /// of a saturated tanh even at high precision).
    @inlinable public static func tanh(_ x: Dual) -> Dual {
        chain(x, T.tanh(x.value), Activation.tanhDerivative(x.value))
    }
    /// (erfc x)′ = −(2/√π) e^(−x²)
    @inlinable public static func erfc(_ x: Dual) -> Dual {
        let a = x.value
        let slope = -(a.constant(2) / T.sqrt(T.pi(like: a))) * T.exp(-(a * a))
        return chain(x, T.erfc(a), slope)
    }
    /// (√x)′ = 1/(2√x)
    @inlinable public static func sqrt(_ x: Dual) -> Dual {
        let r = T.sqrt(x.value)
        return chain(x, r, x.value.constant(1) / (x.value.constant(2) * r))
    }
    @inlinable public static func pi(like x: Dual) -> Dual { Dual(constant: T.pi(like: x.value)) }
}
