/// The left-hand side of a row.
public enum LeftHandSide: Hashable, Sendable {
    /// `\frac{\partial}{\partial P} F` or `\frac{\partial F}{\partial P}`.
    case derivative(of: Symbol, withRespectTo: Symbol)
    /// A model row's symbol: `z_{10}` in `z_{10} &= w_{10}x_{00} + b_{10}`.
    case symbol(Symbol)
    /// `\frac{\partial}{\partial V} e` of an expression (general notation): `\frac{\partial}{\partial w} \ln p`.
    case expressionDerivative(Expression, withRespectTo: Symbol)
    /// A function of one variable (general notation): `g(u)` defines g, `\sigma'(z)` states an
    /// identity of the sigmoid's derivative.
    case function(NotationFunction, argument: Symbol)
    /// `\nabla L(w, b)` (general notation): the gradient of L by the arguments listed, in order, a vector
    /// whose k-th entry is ∂L/∂(k-th argument). The reader expands it entry by entry (``TensorExpansion``).
    case gradient(of: Symbol, by: [Symbol])

    /// The left-hand side in the document's notation: `\frac{\partial}{\partial w_{10}} y` or `z_{10}`.
    public var latex: String {
        switch self {
        case .derivative(let of, let parameter): return "\\frac{\\partial}{\\partial \(parameter.latex)} \(of.latex)"
        case .symbol(let symbol): return symbol.latex
        case .function(let f, let argument): return "\(f.latex)(\(argument.latex))"
        case .expressionDerivative(let e, let v): return Expression.derivative(e, by: v).latex
        case .gradient(let of, let variables): return "\\nabla \(of.latex)(\(variables.map(\.latex).joined(separator: ", ")))"
        }
    }

    /// Whether this is a model row's symbol.
    public var isSymbol: Bool {
        if case .symbol = self { return true }
        return false
    }

    /// The parameter of a derivative, nil for a symbol.
    public var parameter: Symbol? {
        switch self {
        case .derivative(_, let parameter), .expressionDerivative(_, let parameter): return parameter
        case .gradient(_, let variables): return variables.first
        case .symbol, .function: return nil
        }
    }
}

/// One row of a display block: `lhs &= rhs && \text{annotation}`, or a continuation `&= rhs`.
public struct Row: Hashable, Sendable {
    /// The left-hand side; nil for a continuation row (`&= …`).
    public var lhs: LeftHandSide?
    /// The right-hand side as written.
    public var rhs: Expression
    /// The right-hand side's LaTeX exactly as written (without surrounding spaces).
    public var rhsLaTeX: String
    /// The whole row's LaTeX exactly as written, from its first token to its last.
    public var latex: String
    /// The text of an annotation after `&&` (the argument of `\text{…}`, or the raw LaTeX), if any.
    public var annotation: String?
    /// Where the row starts (its first token).
    public var location: DocumentLocation
    /// Where each node of ``rhs`` was written.
    public var rhsMap: SourceMap
    /// Symbols of the left-hand side (the differentiated symbol, the parameter, or the model symbol).
    public var lhsSymbols: [SymbolOccurrence]
    /// Symbols of the right-hand side, in reading order.
    public var rhsSymbols: [SymbolOccurrence]
    /// Which instance of a row written for many this is: the entry of a vector or matrix row (`[1,2]`),
    /// the values of its free indices (`k = 1, j = 2`); nil for a row written for itself.
    public var entry: String? = nil
    /// The index ranges the row states beside its equations (`\qquad k = 1, 2,\ j = 0, 1, 2`): they hold
    /// for this row's equations, before any range the document states elsewhere for the same letter.
    public var statedRanges: [Character: [Int]] = [:]
    /// The arguments a left-hand side is written with, `l(\mathbf{o}, \mathbf{y}) = …` (their spellings); nil
    /// without a list. A function of several arguments written so names its value.
    public var lhsArguments: [String]? = nil
    /// Values read as calls of several arguments, `L = l(\mathbf{o}, \mathbf{y})`: each must name a value defined
    /// with exactly those arguments (checked against the model, never assumed).
    public var valueCalls: [ValueCall] = []

    /// Creates a row.
    public init(lhs: LeftHandSide?, rhs: Expression, rhsLaTeX: String, latex: String, annotation: String?,
                location: DocumentLocation, rhsMap: SourceMap,
                lhsSymbols: [SymbolOccurrence], rhsSymbols: [SymbolOccurrence]) {
        self.lhs = lhs
        self.rhs = rhs
        self.rhsLaTeX = rhsLaTeX
        self.latex = latex
        self.annotation = annotation
        self.location = location
        self.rhsMap = rhsMap
        self.lhsSymbols = lhsSymbols
        self.rhsSymbols = rhsSymbols
    }

    /// Where the right-hand side starts.
    public var rhsLocation: DocumentLocation { rhsMap.range.start }

    /// Whether the row continues the previous row's left-hand side.
    public var isContinuation: Bool { lhs == nil }
}

/// One left-hand side and the rows that give it a value: a single row, or a chain of continuation rows.
public struct Equation: Hashable, Sendable {
    /// The left-hand side of the first row.
    public var lhs: LeftHandSide
    /// The first row and its continuations, in order.
    public var rows: [Row]

    /// Creates an equation.
    public init(lhs: LeftHandSide, rows: [Row]) {
        self.lhs = lhs
        self.rows = rows
    }
}

/// `l(\mathbf{o}, \mathbf{y})` on a right-hand side: the value l, defined with these arguments.
public struct ValueCall: Hashable, Sendable {
    /// The name applied.
    public var symbol: Symbol
    /// The arguments' spellings, in order.
    public var arguments: [String]
    /// Where the call is written.
    public var range: DocumentRange
}
