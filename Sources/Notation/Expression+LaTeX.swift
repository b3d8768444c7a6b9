extension Expression {
    /// The expression in the document's notation, with the fewest parentheses that keep its shape:
    /// `\alpha'(z_{20}) \cdot w_{20}^{[0]} \alpha'(z_{10}) x_{00}`.
    ///
    /// Products are written by juxtaposition, except after a leading `\alpha'(…)` factor (the
    /// document's style) and before a factor that starts with a digit, where `\cdot` is used.
    /// `Expression.parse(e.latex) == e` for every expression built from well-formed symbols and
    /// numeric literals.
    public var latex: String {
        switch self {
        case .number(let literal): return literal
        case .symbol(let symbol): return symbol.latex
        case .vector(let symbol): return symbol.vectorLaTeX
        case .activation(let argument): return "\\alpha(\(argument.latex))"
        case .activationDerivative(let argument): return "\\alpha'(\(argument.latex))"
        case .transpose(let operand):
            return operand.isSimpleTransposeOperand ? "\(operand.latex)^\\top" : "(\(operand.latex))^\\top"
        case .partial(let operand):
            return "\\partial " + (operand.isFactor ? operand.latex : "(\(operand.latex))")
        case .negation(let operand):
            return "-" + (operand.isAdditive ? "(\(operand.latex))" : operand.latex)
        case .sum(let left, let right):
            return "\(left.latex) + \(right.additiveRightOperandLaTeX)"
        case .difference(let left, let right):
            return "\(left.latex) - \(right.additiveRightOperandLaTeX)"
        case .product:
            return productLaTeX
        case .call(let function, let argument) where function.spelling == NotationFunction.eulerPower:
            return "e^{\(argument.latex)}"
        case .call(let function, let argument) where function.meaning == .sqrt:
            return "\\sqrt{\(argument.latex)}"
        case .call(let function, let argument):
            return "\(function.latex)(\(argument.latex))"
        case .quotient(let a, let b):
            // A numerator that opens with ∂ or d would read back as a derivative.
            return "\\frac{" + (a.opensWithDifferential ? "(\(a.latex))" : a.latex) + "}{\(b.latex)}"
        case .power(let base, let exponent):
            return (base.isPowerBase ? base.latex : "(\(base.latex))") + "^{\(exponent)}"
        case .derivative(.symbol(let f), let v):
            return "\\frac{\\partial \(f.latex)}{\\partial \(v.latex)}"
        case .derivative(let e, let v):
            return "\\frac{\\partial}{\\partial \(v.latex)} " + (e.isFactor || e.isProductOfFactors ? e.latex : "(\(e.latex))")
        case .hadamard(let a, let b):
            return (a.isAdditive ? "(\(a.latex))" : a.latex) + " \\odot " + (b.isFactor ? b.latex : "(\(b.latex))")
        case .norm(let e, let kind):
            return "\\|\(e.latex)\\|" + kind.subscriptLaTeX
        case .entry(let e, let indices):
            // In parentheses, so that the subscript reads back as an entry of the whole expression; several
            // indices with commas (`_{1,2}`: `_{12}` is one index, entry 12 of a vector).
            return "(\(e.latex))_{\(indices.joined(separator: ","))}"
        case .matrix(_, let columns, let entries):
            let rows = stride(from: 0, to: entries.count, by: max(columns, 1)).map { start in
                entries[start..<min(start + columns, entries.count)].map(\.latex).joined(separator: " & ")
            }
            return "\\begin{pmatrix} " + rows.joined(separator: " \\\\ ") + " \\end{pmatrix}"
        }
    }

    /// Bases written without parentheses before `^{n}`: plain symbols and numbers without a
    /// superscript of their own, and groups that render closed (`\frac`).
    private var isPowerBase: Bool {
        switch self {
        case .symbol(let symbol): return !symbol.latex.contains("^")
        case .quotient: return true
        default: return false
        }
    }

    /// `+`, `-` and unary minus: the nodes that need parentheses inside products and as operands.
    private var isAdditive: Bool {
        switch self {
        case .sum, .difference, .negation: return true
        default: return false
        }
    }

    /// Nodes that render as a single factor (a primary, possibly transposed or under `\partial`).
    private var isFactor: Bool {
        switch self {
        case .number, .symbol, .vector, .activation, .activationDerivative, .transpose, .partial,
             .call, .quotient, .power, .derivative, .norm, .matrix, .entry: return true
        case .sum, .difference, .product, .negation, .hadamard: return false
        }
    }

    /// Operands that take `^\top` without parentheses (no superscript of their own).
    private var isSimpleTransposeOperand: Bool {
        switch self {
        case .number, .activation, .activationDerivative, .call, .quotient: return true
        case .symbol(let symbol), .vector(let symbol): return symbol.superscript == nil && !symbol.latex.contains("^")
        default: return false
        }
    }

    /// A symbol the general notation reads specially before what follows: `f`, `g` (applied as
    /// functions), `d`, `\mathrm{d}` (differentials).
    private var isFunctionLetter: Bool {
        guard case .symbol(let symbol) = self else { return false }
        return ["f", "g", "d", "\\mathrm{d}"].contains(symbol.latex)
    }

    /// A product (its factors render as they would in any product).
    private var isProductOfFactors: Bool {
        if case .product = self { return true }
        return false
    }

    /// `\frac{\partial}{\partial V} e` or `\partial e`: a derivative written as an operator before its
    /// operand, which takes the whole product after it.
    private var isDerivativeOperator: Bool {
        if case .derivative(let e, _) = self, !e.isSymbolLeaf { return true }
        if case .partial = self { return true }
        return false
    }

    private var isSymbolLeaf: Bool {
        if case .symbol = self { return true }
        return false
    }

    /// Whether the rendering starts with `\partial`, `d` or `\mathrm{d}` standing alone.
    var opensWithDifferential: Bool {
        switch self {
        case .partial: return true
        case .symbol(let symbol): return symbol.latex == "d" || symbol.latex == "\\mathrm{d}"
        case .product(let a, _), .sum(let a, _), .difference(let a, _): return a.opensWithDifferential
        default: return false
        }
    }

    private var additiveRightOperandLaTeX: String { isAdditive ? "(\(latex))" : latex }

    /// The factors of a left-nested product chain, leftmost first.
    private var productFactors: [Expression] {
        var factors: [Expression] = []
        var node = self
        while case .product(let left, let right) = node {
            factors.append(right)
            node = left
        }
        factors.append(node)
        return factors.reversed()
    }

    private var productLaTeX: String {
        let factors = productFactors
        var result = ""
        for (position, factor) in factors.enumerated() {
            // `\frac{\partial}{\partial w} a` and `\partial a` take the whole product after them, so they go
            // last or in parentheses.
            let opensOperator = factor.isDerivativeOperator && position < factors.count - 1
            let text = factor.isFactor && !opensOperator ? factor.latex : "(\(factor.latex))"
            if position > 0 {
                let leadingDerivative: Bool
                if case .activationDerivative = factors[0], position == 1 { leadingDerivative = true } else {
                    leadingDerivative = false
                }
                let startsWithDigit = text.utf8.first.map(Lexer.isDigit) ?? false
                // `g (x)` and `f (x)` read back as calls, `d x` as a differential.
                let afterFunctionLetter = factors[position - 1].isFunctionLetter
                result += leadingDerivative || startsWithDigit || afterFunctionLetter ? " \\cdot " : " "
            }
            result += text
        }
        return result
    }
}
