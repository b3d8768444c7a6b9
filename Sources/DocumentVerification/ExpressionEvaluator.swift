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
    /// `\frac{\partial F}{\partial V}` where only the forward computation is defined (a model row).
    case derivativeInModel
    /// A construct the kit reads but cannot evaluate (an unknown function, a sum without a written range).
    case unevaluable(String)
    /// A right-hand side whose shape contradicts its left-hand side: the claim cannot hold.
    case shapeMismatch(String)

    public var description: String {
        switch self {
        case .unknownSymbol(let s): "unknown symbol \(s)"
        case .dimensionMismatch(let s): "dimension mismatch: \(s)"
        case .partialWithoutParameter: "\\partial is used but no parameter is declared"
        case .nestedPartial: "\\partial applied to an expression that contains \\partial"
        case .invalidNumber(let s): "not a number: \(s)"
        case .derivativeInModel: "a derivative inside a model row (the model must be a forward computation)"
        case .unevaluable(let reason): reason
        case .shapeMismatch(let reason): reason
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
    let activation: Activation
    /// A value of the number type (its precision, its tally) that constants are made like:
    /// `constantsLike.constant(2)`. Not a unit of measure: its own value is not used.
    let constantsLike: S
    /// The value of a scalar symbol, nil if unknown.
    let lookup: (Symbol) throws -> S?
    /// The components of a bold vector symbol, nil if unknown.
    let vectorLookup: (Symbol) -> [S]?
    let partial: ((Expression) throws -> S)?
    /// The true derivative of an expression by a symbol (`\frac{\partial F}{\partial V}` in a right-hand side).
    var derivative: ((Expression, Symbol) throws -> S)? = nil
    /// Functions the document defines (`g(u) = \tanh(u)`), in order; a call of one evaluates its body.
    var functions: [FunctionDefinition] = []
    /// Hears the argument of every function application with a kink (ReLU, or α when it is ReLU).
    let kinkArgument: ((S) -> Void)?

    /// Symbols resolved in a network (the seed notation).
    init(resolver: SymbolResolver, activation: Activation, constantsLike: S, value: @escaping (ResolvedSymbol) -> S,
         partial: ((Expression) throws -> S)?) {
        self.activation = activation
        self.constantsLike = constantsLike
        self.lookup = { resolver.resolve($0).map(value) }
        self.vectorLookup = { symbol in
            guard case .vector(let parts)? = resolver.resolve(vector: symbol) else { return nil }
            return parts.map(value)
        }
        self.partial = partial
        self.kinkArgument = nil
    }

    /// Symbols looked up by `lookup` (a document's own model); no vectors.
    init(activation: Activation, constantsLike: S, lookup: @escaping (Symbol) throws -> S?, partial: ((Expression) throws -> S)?,
         kinkArgument: ((S) -> Void)? = nil) {
        self.activation = activation
        self.constantsLike = constantsLike
        self.lookup = lookup
        self.vectorLookup = { _ in nil }
        self.partial = partial
        self.kinkArgument = kinkArgument
    }

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
            return .scalar(constantsLike.constant(x))
        case .symbol(let symbol):
            guard let value = try lookup(symbol) else { throw EvaluationError.unknownSymbol(symbol.name) }
            return .scalar(value)
        case .vector(let symbol):
            guard let parts = vectorLookup(symbol) else {
                throw EvaluationError.unknownSymbol("\\mathbf{\(symbol.name)}")
            }
            return .vector(parts, transposed: false)
        case .transpose(let inner):
            guard case .vector(let v, let t) = try evaluate(inner) else {
                throw EvaluationError.dimensionMismatch("transpose of a scalar")
            }
            return .vector(v, transposed: !t)
        case .activation(let z):
            return .scalar(try call(NotationFunction(spelling: "\\alpha", meaning: .generic), try scalar(z)))
        case .activationDerivative(let z):
            return .scalar(try call(NotationFunction(spelling: "\\alpha", meaning: .generic, isDerivative: true),
                                    try scalar(z)))
        case .call(let function, let argument):
            return .scalar(try call(function, try scalar(argument)))
        case .quotient(let a, let b):
            return .scalar(try scalar(a) / scalar(b))
        case .power(let base, let exponent):
            let x = try scalar(base)
            guard exponent != 0 else { return .scalar(x.constant(1)) }
            var result = x
            for _ in 1..<exponent.magnitude { result = result * x }
            return .scalar(exponent > 0 ? result : x.constant(1) / result)
        case .derivative(let inner, let variable):
            guard let derivative else { throw EvaluationError.derivativeInModel }
            return .scalar(try derivative(inner, variable))
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
        case .hadamard(let a, let b):
            // Of two scalars (what a tensor expansion leaves), a ⊙ b = a b.
            return .scalar(try scalar(a) * scalar(b))
        case .norm(let a, _):
            let x = try scalar(a)
            return .scalar(S.sqrt(x * x))
        case .entry:
            // The tensor expansion picks every entry it reads (``Expression/entry(_:indices:)``).
            throw EvaluationError.dimensionMismatch("an entry of an expression that is not a vector or matrix")
        case .matrix(let rows, let columns, let entries):
            guard rows == 1, columns == 1 else {
                throw EvaluationError.dimensionMismatch("a \(rows)×\(columns) matrix where a scalar is needed")
            }
            return .scalar(try scalar(entries[0]))
        }
    }

    func apply(_ a: Activation, derivative: Bool, _ z: S) -> S {
        if !a.kinks.isEmpty { kinkArgument?(z) }
        return derivative ? a.derivative(z) : a.value(z)
    }

    /// A named function or its derivative.
    func call(_ function: NotationFunction, _ x: S) throws -> S {
        switch function.meaning {
        case .generic:
            if let k = functions.firstIndex(where: { $0.spelling == function.spelling }) {
                return try defined(k, derivative: function.isDerivative, at: x)
            }
            return apply(activation, derivative: function.isDerivative, x)
        case .activation(let a): return apply(a, derivative: function.isDerivative, x)
        case .exp: return S.exp(x)
        case .log: return function.isDerivative ? x.constant(1) / x : S.log(x)
        case .sqrt: return S.sqrt(x)
        case .sech:
            // sech x = 2 / (eˣ + e⁻ˣ); sech′ x = −sech x tanh x.
            let sech = x.constant(2) / (S.exp(x) + S.exp(-x))
            return function.isDerivative ? -sech * Activation.tanh.value(x) : sech
        case .shapeMismatch: throw EvaluationError.shapeMismatch(function.spelling)
        case .softmax, .logSumExp:
            throw EvaluationError.unevaluable("\(function.spelling) of a scalar: the document gives no vector for it")
        case .unknown: throw EvaluationError.unevaluable(function.unevaluableReason)
        }
    }

    /// The document's function k, g(u) = body, at x: the body with u = x (it may call the functions
    /// defined before it); its derivative g′(x) by a dual number u = x + ε.
    func defined(_ k: Int, derivative: Bool, at x: S) throws -> S {
        let definition = functions[k]
        let earlier = Array(functions[..<k])
        guard derivative else {
            var body = ExpressionEvaluator(activation: activation, constantsLike: constantsLike,
                                           lookup: { $0 == definition.argument ? x : nil }, partial: nil,
                                           kinkArgument: kinkArgument)
            body.functions = earlier
            return try body.scalar(definition.body)
        }
        let seeded = Dual(x, tangent: x.constant(1))
        var body = ExpressionEvaluator<Dual<S>>(activation: activation, constantsLike: Dual(constant: constantsLike),
                                                lookup: { $0 == definition.argument ? seeded : nil }, partial: nil)
        body.functions = earlier
        return try body.scalar(definition.body).tangent
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

/// A function a document defines: `g(u) = \tanh(u)` (spelling `g`, argument `u`, body `\tanh(u)`).
struct FunctionDefinition: Sendable, Hashable {
    var spelling: String
    var argument: Symbol
    var body: Expression
}

extension NotationFunction {
    /// Why the kit cannot evaluate this function.
    var unevaluableReason: String {
        spelling.hasPrefix("\\sum")
            ? "\(spelling) has no written range (write \\sum_{k=1}^{2} …), so it cannot be evaluated"
            : "unknown function \(spelling): the kit cannot evaluate it"
    }
}

extension Expression {
    /// True when a derivative (`\partial e`, `\frac{\partial F}{\partial V}`) occurs anywhere inside.
    var containsDerivative: Bool {
        switch self {
        case .partial, .derivative: return true
        // A right-hand side of the wrong shape is no forward computation: like an adjoint, it is evaluated
        // only where a claim reads it (and then the claim cannot hold).
        case .call(let f, _) where f.meaning == .shapeMismatch: return true
        default: return children.contains { $0.containsDerivative }
        }
    }

    /// What is wrong with a right-hand side whose shape contradicts its left-hand side, if it is one.
    var shapeMismatchReason: String? {
        if case .call(let f, _) = self, f.meaning == .shapeMismatch { return f.spelling }
        return children.lazy.compactMap(\.shapeMismatchReason).first
    }

    /// True when `\partial` occurs anywhere inside.
    var containsPartial: Bool {
        if case .partial = self { return true }
        return children.contains { $0.containsPartial }
    }
}
