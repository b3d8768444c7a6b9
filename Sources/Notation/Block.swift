/// A section heading: a Markdown `#` heading or a numbered line such as `2.1 Partial derivative w.r.t w_{10}`.
public struct Heading: Hashable, Sendable {
    /// The heading text without `#` marks, e.g. `2.1 Partial derivative w.r.t w_{10}`.
    public var text: String
    /// Where the heading line starts.
    public var location: DocumentLocation

    /// Creates a heading.
    public init(text: String, location: DocumentLocation) {
        self.text = text
        self.location = location
    }
}

/// A prose line that names the parameter of the `\partial` operator, e.g.
/// `Using ∂ to denote the operator $\frac{\partial}{\partial w_{10}}$:`.
public struct OperatorDeclaration: Hashable, Sendable {
    /// The parameter P of `\frac{\partial}{\partial P}`.
    public var parameter: Symbol
    /// The declaring line, trimmed.
    public var text: String
    /// Where the operator's LaTeX starts.
    public var location: DocumentLocation

    /// Creates a declaration.
    public init(parameter: Symbol, text: String, location: DocumentLocation) {
        self.parameter = parameter
        self.text = text
        self.location = location
    }
}

/// One display block (`$$ … $$`, or one environment or paragraph of a `.tex` fragment).
public struct Block: Hashable, Sendable {
    /// What a block holds, decided from its rows.
    public enum Kind: String, Hashable, Sendable {
        /// Only symbol left-hand sides: `z_{10} &= …`.
        case modelEquations
        /// One derivative left-hand side followed by continuation rows.
        case derivationChain
        /// Derivative left-hand sides, one row each.
        case summaryTable
        /// Anything else (each equation still contributes to the document's chains, table rows or
        /// model equations).
        case mixed
    }

    /// The classification.
    public var kind: Kind
    /// The equations in order.
    public var equations: [Equation]
    /// The environment (`aligned`), nil for bare rows.
    public var environment: String?
    /// The block's LaTeX as written, between the `$$` delimiters.
    public var latex: String
    /// Where the block opens (its `$$`, or the first line of a `.tex` paragraph).
    public var location: DocumentLocation
    /// The heading of the section the block is in.
    public var heading: Heading?
    /// The operator declaration in force for the block (the nearest preceding one in its section).
    public var declaration: OperatorDeclaration?
    /// Whether the block is inline math in prose, `$\frac{\partial L}{\partial w} = x$` (general
    /// notation): it holds claims only, never model rows.
    public var isInline: Bool = false

    /// Creates a block.
    public init(kind: Kind, equations: [Equation], environment: String?, latex: String,
                location: DocumentLocation, heading: Heading?, declaration: OperatorDeclaration?) {
        self.kind = kind
        self.equations = equations
        self.environment = environment
        self.latex = latex
        self.location = location
        self.heading = heading
        self.declaration = declaration
    }

    /// All rows in order.
    public var rows: [Row] { equations.flatMap(\.rows) }

    /// The classification rule of `docs/notation.md`.
    public static func classify(_ equations: [Equation]) -> Kind {
        let derivatives = equations.filter { $0.lhs.parameter != nil }
        if derivatives.isEmpty { return .modelEquations }
        if derivatives.count == equations.count {
            if equations.count == 1, equations[0].rows.count >= 2 { return .derivationChain }
            if equations.allSatisfy({ $0.rows.count == 1 }) { return .summaryTable }
        }
        return .mixed
    }
}
