/// The arithmetic a network needs from a number type.
///
/// The model, the activations and the back-propagation sweep are written once
/// against this protocol and run unchanged on `Double` (the fast engine),
/// `BigFloat` (the MPFR reference), dual numbers (exact derivatives of a
/// written formula) and an operation-counting type (the cost of section 3).
///
/// Constants are made *from a value* (``constant(_:)``) rather than from
/// nothing, so an arbitrary-precision type can give them the working
/// precision of the computation they enter.
public protocol NetworkScalar: Comparable {
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    static prefix func - (operand: Self) -> Self

    /// The exactly representable `value` at the working precision of `self`.
    func constant(_ value: Double) -> Self

    /// eˣ
    static func exp(_ x: Self) -> Self
    /// eˣ − 1
    static func expm1(_ x: Self) -> Self
    /// ln x
    static func log(_ x: Self) -> Self
    /// ln(1 + x)
    static func log1p(_ x: Self) -> Self
    /// tanh x
    static func tanh(_ x: Self) -> Self
    /// erfc x = 1 − erf x
    static func erfc(_ x: Self) -> Self
    /// √x
    static func sqrt(_ x: Self) -> Self
    /// π at the working precision of `x`.
    static func pi(like x: Self) -> Self

    /// z + w·s, one term added to a unit's running sum. The default rounds
    /// twice, as binary64 code written `z + w * s` does; an arbitrary-precision
    /// type may fuse it (one rounding, one allocation).
    static func multiplyAdd(_ z: Self, _ w: Self, _ s: Self) -> Self

    /// p − 1 for a probability p = 1/total with total = 1 + rest (softmax of
    /// the largest logit, σ(z) for z ≥ 0). Binary64 code writes `p - 1`,
    /// which is all rounding once p rounds to 1; the default does just that.
    /// An arbitrary-precision type evaluates the exact −rest/total instead,
    /// so the reference keeps the tiny gradient of a confident prediction.
    static func differenceFromOne(_ p: Self, rest: Self, total: Self) -> Self

    /// (α(z), α′(z)) for a unit. The default evaluates the activation's
    /// formulas in this type; a type may treat the activation as one atomic
    /// operation instead (the rounding-error bound does).
    static func activate(_ activation: Activation, _ z: Self) -> (value: Self, derivative: Self)
}

extension NetworkScalar {
    @inlinable
    public static func multiplyAdd(_ z: Self, _ w: Self, _ s: Self) -> Self { z + w * s }

    @inlinable
    public static func differenceFromOne(_ p: Self, rest: Self, total: Self) -> Self { p - p.constant(1) }

    @inlinable
    public static func activate(_ activation: Activation, _ z: Self) -> (value: Self, derivative: Self) {
        activation.valueAndDerivative(z)
    }

    /// |x|, by comparison with zero (so it works for every conforming type).
    @inlinable
    public var absoluteValue: Self { self < constant(0) ? -self : self }
}

extension Double: NetworkScalar {
    @inlinable public func constant(_ value: Double) -> Double { value }
    @inlinable public static func exp(_ x: Double) -> Double { libmExp(x) }
    @inlinable public static func expm1(_ x: Double) -> Double { libmExpm1(x) }
    @inlinable public static func log(_ x: Double) -> Double { libmLog(x) }
    @inlinable public static func log1p(_ x: Double) -> Double { libmLog1p(x) }
    @inlinable public static func tanh(_ x: Double) -> Double { libmTanh(x) }
    @inlinable public static func erfc(_ x: Double) -> Double { libmErfc(x) }
    @inlinable public static func sqrt(_ x: Double) -> Double { x.squareRoot() }
    @inlinable public static func pi(like x: Double) -> Double { .pi }
}
