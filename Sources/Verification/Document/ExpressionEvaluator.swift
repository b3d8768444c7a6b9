import NetworkModel
import Notation

/// Why a written expression could not be evaluated.
public enum EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownSymbol(String)
    /// A vector where a scalar is needed, or vectors of different lengths.
    case dimensionMismatch(String)
    /// `\partial` where no parameter is declared (a table row).
    case partialWithoutParameter
    /// `\partial` applied to an expression that itself contains `\partial`.
    case nestedPartial
    case invalidNumber(String)

    public var description: String {
        switch self {
        case .unknownSymbol(let s): "unknown symbol \(s)"
        case .dimensionMismatch(let s): "dimension mismatch: \(s)"
        case .partialWithoutParameter: "\\partial is used but no parameter is declared"
        case .nestedPartial: "\\partial applied to an expression that contains \\partial"
        case .invalidNumber(let s): "not a number: \(s)"
        }
    }
}

/// A value of an expression: a scalar, or a vector (bold symbols), possibly
/// transposed (a row vector, as in 𝐰ᵀ𝐱).
enum ExpressionValue<S: NetworkScalar> {
    case scalar(S)
    case vector([S], transposed: Bool)
}

/// Evaluates the notation's expressions in any number type.
///
/// Symbols take their values from `value`; `\alpha` and `\alpha'` apply the
/// network's activation and its derivative; `\mathbf{w}^\top \mathbf{x}` is
/// the dot product. `\partial e` is delegated to `partial`, which knows the
/// parameter of the derivation (see ``DocumentEnvironment``).
struct ExpressionEvaluator<S: NetworkScalar> {
    let resolver: SymbolResolver
    let activation: Activation
    /// Any value of the number type, to make constants from.
    let unit: S
    let value: (ResolvedSymbol) -> S
    let partial: ((Expression) throws -> S)?

    /// The scalar value of `e`.
    func scalar(_ e: Expression) throws -> S {
        switch try evaluate(e) {
        case .scalar(let s): return s
        case .vector(let v, _): throw EvaluationError.dimensionMismatch("a vector of \(v.count) where a scalar is needed")
        }
    }

    func evaluate(_ e: Expression) throws -> ExpressionValue<S> {
        switch e {
        case .number(let text):
            guard let x = Double(text) else { throw EvaluationError.invalidNumber(text) }
            return .scalar(unit.constant(x))
        case .symbol(let symbol):
            guard let resolved = resolver.resolve(symbol) else { throw EvaluationError.unknownSymbol(symbol.name) }
            return .scalar(value(resolved))
        case .vector(let symbol):
            guard case .vector(let parts)? = resolver.resolve(vector: symbol) else {
                throw EvaluationError.unknownSymbol("\\mathbf{\(symbol.name)}")
            }
            return .vector(parts.map(value), transposed: false)
        case .transpose(let inner):
            guard case .vector(let v, let t) = try evaluate(inner) else {
                throw EvaluationError.dimensionMismatch("transpose of a scalar")
            }
            return .vector(v, transposed: !t)
        case .activation(let z): return .scalar(activation.value(try scalar(z)))
        case .activationDerivative(let z): return .scalar(activation.derivative(try scalar(z)))
        case .sum(let a, let b): return try add(evaluate(a), evaluate(b), sign: 1)
        case .difference(let a, let b): return try add(evaluate(a), evaluate(b), sign: -1)
        case .product(let a, let b): return try multiply(evaluate(a), evaluate(b))
        case .negation(let a):
            switch try evaluate(a) {
            case .scalar(let s): return .scalar(-s)
            case .vector(let v, let t): return .vector(v.map { -$0 }, transposed: t)
            }
        case .partial(let inner):
            guard let partial else { throw EvaluationError.partialWithoutParameter }
            return .scalar(try partial(inner))
        }
    }

    func add(_ a: ExpressionValue<S>, _ b: ExpressionValue<S>, sign: Int) throws -> ExpressionValue<S> {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)): return .scalar(sign > 0 ? x + y : x - y)
        case (.vector(let u, let t), .vector(let v, let s)) where u.count == v.count && t == s:
            return .vector(zip(u, v).map { sign > 0 ? $0 + $1 : $0 - $1 }, transposed: t)
        case (.scalar, .vector(let v, _)), (.vector(let v, _), .scalar):
            throw EvaluationError.dimensionMismatch("a scalar plus a vector of \(v.count)")
        default:
            throw EvaluationError.dimensionMismatch("vectors of different shapes added")
        }
    }

    func multiply(_ a: ExpressionValue<S>, _ b: ExpressionValue<S>) throws -> ExpressionValue<S> {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)): return .scalar(x * y)
        case (.scalar(let x), .vector(let v, let t)): return .vector(v.map { x * $0 }, transposed: t)
        case (.vector(let v, let t), .scalar(let x)): return .vector(v.map { $0 * x }, transposed: t)
        case (.vector(let u, true), .vector(let v, false)) where u.count == v.count:
            return .scalar(zip(u.dropFirst(), v.dropFirst()).reduce(u[0] * v[0]) { $0 + $1.0 * $1.1 })
        default:
            throw EvaluationError.dimensionMismatch("a product of vectors that is not 𝐮ᵀ𝐯")
        }
    }
}

extension Expression {
    /// True when `\partial` occurs anywhere inside.
    var containsPartial: Bool {
        if case .partial = self { return true }
        return children.contains { $0.containsPartial }
    }
}
