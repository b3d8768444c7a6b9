import NetworkModel

/// A right-hand side as written, with no simplification: `(a + b) + c` and `a + (b + c)` are different
/// trees because the order of summation is part of what a derivation says.
///
/// Parentheses and braces leave no node of their own; the tree's shape records the grouping.
/// ``Expression/latex`` renders an expression back in the document's notation and
/// ``Expression/parse(_:fileName:)`` reads it again: `parse(e.latex) == e`.
public indirect enum Expression: Hashable, Sendable {
    /// A numeric literal exactly as written (`0`, `1`, `0.5`).
    case number(String)
    /// A scalar symbol: `x_{10}`, `w_{20}^{[0]}`, `y`.
    case symbol(Symbol)
    /// A bold vector symbol: `\mathbf{x}_1`.
    case vector(Symbol)
    /// `e^\top`.
    case transpose(Expression)
    /// `\alpha(e)`.
    case activation(Expression)
    /// `\alpha'(e)` (also written `\alpha^\prime(e)`).
    case activationDerivative(Expression)
    /// `a + b`.
    case sum(Expression, Expression)
    /// `a - b`.
    case difference(Expression, Expression)
    /// `a \cdot b`, `a \times b` or `a b`.
    case product(Expression, Expression)
    /// `-e`.
    case negation(Expression)
    /// `\partial e`: the derivative of `e` with respect to the parameter of the enclosing chain.
    case partial(Expression)
    /// A named function applied to an argument (general notation): `\sigma(z)`, `\log p`, `f'(z)`.
    case call(NotationFunction, Expression)
    /// `\frac{a}{b}` or `a / b` (general notation).
    case quotient(Expression, Expression)
    /// `a^{n}` with an integer exponent n (general notation; n < 0 is 1 / a^|n|).
    case power(Expression, Int)
    /// `\frac{\partial F}{\partial V}` or `\frac{\partial}{\partial V}(e)` inside a right-hand side
    /// (general notation): the true derivative of what is written with respect to V, as in a chain
    /// rule `\frac{\partial L}{\partial z} \frac{\partial z}{\partial w}`.
    case derivative(Expression, by: Symbol)
    /// `a \odot b` (also `a \circ b`): the element-wise (Hadamard) product (a ⊙ b)ᵢⱼ = aᵢⱼ bᵢⱼ of two
    /// tensors of one shape (general notation).
    case hadamard(Expression, Expression)
    /// `\|e\|`, `\|e\|_2`, `\|e\|_F`: the Euclidean norm ‖e‖ = (Σᵢ eᵢ²)^½ of a vector, the
    /// Frobenius norm ‖A‖_F = (Σᵢⱼ aᵢⱼ²)^½ of a matrix (general notation). The subscript is kept:
    /// ‖A‖₂ of a matrix is its largest singular value, a different number.
    case norm(Expression, NormKind)
    /// A written-out matrix, `\begin{pmatrix} a & b \\ c & d \end{pmatrix}`: its entries row by row
    /// (general notation).
    case matrix(rows: Int, columns: Int, entries: [Expression])
    /// An entry of a vector or matrix expression (general notation): `\operatorname{softmax}(\mathbf{o})_j`,
    /// `(\mathbf{W}^\top \mathbf{e})_j`, `(A B)_{jk}`. Each index is a whole number or an index letter, as
    /// written (`_{jk}` and `_{j,k}` are `["j", "k"]`, `_{12}` is `["12"]`: entry 12 of a vector, or (1, 2)
    /// of a matrix of fewer than ten rows and columns, as `W_{12}` is). An entry of a symbol,
    /// `(W_1)_{jk}`, is the symbol that names it, `W_{1,jk}` (see ``Symbol/entry(_:_:of:)``).
    case entry(Expression, indices: [String])

    /// The direct subexpressions, left to right (the order ``SourceMap/children`` follows).
    public var children: [Expression] {
        switch self {
        case .number, .symbol, .vector: return []
        case .transpose(let e), .activation(let e), .activationDerivative(let e),
             .negation(let e), .partial(let e), .call(_, let e), .power(let e, _), .derivative(let e, _),
             .norm(let e, _), .entry(let e, _):
            return [e]
        case .sum(let a, let b), .difference(let a, let b), .product(let a, let b), .quotient(let a, let b),
             .hadamard(let a, let b):
            return [a, b]
        case .matrix(_, _, let entries):
            return entries
        }
    }

    /// The same node kind with new children.
    public func withChildren(_ kids: [Expression]) -> Expression {
        switch self {
        case .number, .symbol, .vector: self
        case .transpose: .transpose(kids[0])
        case .activation: .activation(kids[0])
        case .activationDerivative: .activationDerivative(kids[0])
        case .negation: .negation(kids[0])
        case .partial: .partial(kids[0])
        case .call(let f, _): .call(f, kids[0])
        case .quotient: .quotient(kids[0], kids[1])
        case .power(_, let n): .power(kids[0], n)
        case .derivative(_, let v): .derivative(kids[0], by: v)
        case .sum: .sum(kids[0], kids[1])
        case .difference: .difference(kids[0], kids[1])
        case .product: .product(kids[0], kids[1])
        case .hadamard: .hadamard(kids[0], kids[1])
        case .norm(_, let kind): .norm(kids[0], kind)
        case .entry(_, let indices): .entry(kids[0], indices: indices)
        case .matrix(let rows, let columns, _): .matrix(rows: rows, columns: columns, entries: kids)
        }
    }

    /// The spellings of the generic functions applied inside (`\phi` of `\phi'(z)`).
    var genericCallSpellings: Set<String> {
        var result = Set<String>()
        if case .call(let f, _) = self, f.meaning == .generic { result.insert(f.spelling) }
        for child in children { result.formUnion(child.genericCallSpellings) }
        return result
    }

    /// The height of the tree: 1 for a leaf.
    public var depth: Int {
        1 + children.reduce(0) { max($0, $1.depth) }
    }

    /// Every scalar symbol, in reading order, with repetitions.
    public var symbols: [Symbol] {
        var result: [Symbol] = []
        collect(into: &result, vectors: false)
        return result
    }

    /// Every vector symbol, in reading order, with repetitions.
    public var vectorSymbols: [Symbol] {
        var result: [Symbol] = []
        collect(into: &result, vectors: true)
        return result
    }

    /// Whether the expression uses vector notation (bold symbols or transposes).
    public var usesVectorNotation: Bool {
        switch self {
        case .vector, .transpose, .hadamard, .norm, .matrix, .entry: return true
        default: return children.contains { $0.usesVectorNotation }
        }
    }

    private func collect(into result: inout [Symbol], vectors: Bool) {
        switch self {
        case .symbol(let s) where !vectors: result.append(s)
        case .vector(let s) where vectors: result.append(s)
        default:
            for child in children { child.collect(into: &result, vectors: vectors) }
        }
    }
}

/// A function of the general notation, as written, with what it means.
///
/// | written | meaning |
/// |---|---|
/// | `\sigma` | the logistic sigmoid |
/// | `\tanh` | tanh |
/// | `\operatorname{ReLU}`, `\mathrm{ReLU}` | max(z, 0) |
/// | `\operatorname{softplus}`, `\mathrm{softplus}` | log(1 + eᶻ) |
/// | `\exp` | eᶻ |
/// | `\log`, `\ln` | the natural logarithm |
/// | `f`, `g` | the generic activation α (as `\alpha`) |
public struct NotationFunction: Hashable, Sendable {
    /// What the function computes.
    public enum Meaning: Hashable, Sendable {
        /// The case's α, or a function the document defines (`f`, `g`).
        case generic
        /// One of the kit's activations (`\sigma`, `\tanh`, `\operatorname{ReLU}`, a network's fixed unit).
        case activation(Activation)
        case exp, log, sqrt
        /// The hyperbolic secant, sech z = 1 / cosh z (`\operatorname{sech}`, `\mathrm{sech}`).
        case sech
        /// softmax(z)ᵢ = e^{zᵢ} / Σⱼ e^{zⱼ} of a vector (`\operatorname{softmax}`).
        case softmax
        /// log-sum-exp(z) = log Σⱼ e^{zⱼ} of a vector (`\operatorname{logsumexp}`, `\operatorname{LSE}`).
        case logSumExp
        /// Not a function: a right-hand side whose shape contradicts its left-hand side (a 3×2 matrix
        /// claimed for a 2×3 parameter). The spelling says what is wrong; such a claim cannot hold.
        case shapeMismatch
        /// A function the kit reads but cannot evaluate: `\operatorname{GELU}`, or a sum without a
        /// written range (`\sum_{k}`). A claim using it is inconclusive, with the reason.
        case unknown
    }

    /// The function's name as rendered: `\sigma`, `\operatorname{ReLU}`, `f`.
    public var spelling: String
    public var meaning: Meaning
    /// Written with a prime: `\sigma'(z)`.
    public var isDerivative: Bool

    public init(spelling: String, meaning: Meaning, isDerivative: Bool = false) {
        self.spelling = spelling
        self.meaning = meaning
        self.isDerivative = isDerivative
    }

    /// The function called `name` (a command name without its backslash, or an operator name), if known.
    static func named(_ name: String, spelling: String) -> NotationFunction? {
        let meaning: Meaning
        switch name {
        case "sigma": meaning = .activation(.sigmoid)
        case "tanh": meaning = .activation(.tanh)
        case "ReLU", "relu": meaning = .activation(.relu)
        case "softplus": meaning = .activation(.softplus)
        case "exp": meaning = .exp
        case "log", "ln": meaning = .log
        case "sech": meaning = .sech
        case "softmax": meaning = .softmax
        case "logsumexp", "LSE", "LogSumExp": meaning = .logSumExp
        case "f", "g": meaning = .generic
        default: return nil
        }
        return NotationFunction(spelling: spelling, meaning: meaning)
    }

    /// The spelling of the exponential written as a power of e: `e^{z}`.
    public static let eulerPower = "e^"

    /// The LaTeX before the argument: `\sigma'`.
    public var latex: String { spelling + (isDerivative ? "'" : "") }
}

/// Which norm `\|e\|` names, by its subscript.
public enum NormKind: Sendable, Hashable {
    /// `\|e\|`: Euclidean for a vector; for a matrix, as in weight decay, the square root of the sum
    /// of its entries' squares (the Frobenius norm).
    case unmarked
    /// `\|e\|_2`: Euclidean for a vector; for a matrix, the spectral norm (its largest singular value).
    case two
    /// `\|e\|_F`: the Frobenius norm (Σᵢⱼ eᵢⱼ²)^½.
    case frobenius

    /// The subscript as written after the closing bars.
    public var subscriptLaTeX: String {
        switch self {
        case .unmarked: ""
        case .two: "_2"
        case .frobenius: "_F"
        }
    }
}
