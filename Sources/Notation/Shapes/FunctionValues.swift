/// A function of one variable whose body reads other quantities names a value, as `L(w, b) = …` does:
/// in `h = g(u), \qquad f(x) = v h` the body `v h` is no function of x alone (v and h are quantities of
/// the model), so `f(x) = v h` defines the quantity f, computed from v and h, and `f(x)` with that same
/// argument elsewhere (`E = (t - f(x))^2`) is its value. A definition whose body reads only its variable
/// (`g(u) = \tanh(u)`) still defines the function g.
enum FunctionValues {
    static func apply(_ document: Document) -> Document {
        let equations = document.blocks.flatMap(\.equations)
        // Symbols that some row defines or uses as a quantity (not bound variables of functions).
        var quantities = Set<Symbol>()
        for equation in equations {
            if case .function = equation.lhs { continue }
            if case .symbol(let s) = equation.lhs { quantities.insert(s) }
            for row in equation.rows { quantities.formUnion(row.rhs.allSymbols) }
        }
        var values: [String: (symbol: Symbol, argument: Symbol)] = [:]
        for equation in equations {
            guard case .function(let f, let argument) = equation.lhs, f.meaning == .generic, !f.isDerivative,
                  equation.rows.contains(where: { row in row.rhs.allSymbols.contains { $0 != argument && quantities.contains($0) } })
            else { continue }
            values[f.spelling] = (Symbol(spelling: f.spelling), argument)
        }
        guard !values.isEmpty else { return document }
        var result = document
        for b in result.blocks.indices {
            result.blocks[b].equations = result.blocks[b].equations.map { valuesRead(in: $0, values: values) }
        }
        return result
    }

    /// The equation with each such definition's left-hand side its symbol, and each `f(x)` its value.
    private static func valuesRead(in equation: Equation, values: [String: (symbol: Symbol, argument: Symbol)]) -> Equation {
        var result = equation
        if case .function(let f, _) = equation.lhs, f.meaning == .generic, !f.isDerivative, let value = values[f.spelling] {
            result.lhs = .symbol(value.symbol)
        }
        for r in result.rows.indices {
            if case .function = equation.rows[r].lhs ?? .symbol(Symbol(spelling: "")), result.rows[r].lhs != nil {
                result.rows[r].lhs = result.lhs
            }
            var row = result.rows[r]
            var added: [SymbolOccurrence] = []
            (row.rhs, row.rhsMap) = replacing(row.rhs, row.rhsMap, values: values, added: &added)
            row.rhsSymbols += added
            result.rows[r] = row
        }
        return result
    }

    /// `f(x)` of a value f, with its own argument, as the symbol f (its map node loses its child).
    private static func replacing(_ e: Expression, _ map: SourceMap, values: [String: (symbol: Symbol, argument: Symbol)],
                                  added: inout [SymbolOccurrence]) -> (Expression, SourceMap) {
        if case .call(let f, .symbol(let x)) = e, f.meaning == .generic, !f.isDerivative, let value = values[f.spelling],
           x == value.argument {
            added.append(SymbolOccurrence(symbol: value.symbol, isVector: false, spelling: f.spelling, range: map.range))
            return (.symbol(value.symbol), SourceMap(range: map.range))
        }
        let children = e.children
        guard !children.isEmpty, children.count == map.children.count else { return (e, map) }
        var newChildren: [Expression] = [], newMaps: [SourceMap] = []
        for (child, childMap) in zip(children, map.children) {
            let (c, m) = replacing(child, childMap, values: values, added: &added)
            newChildren.append(c)
            newMaps.append(m)
        }
        return (e.withChildren(newChildren), SourceMap(range: map.range, children: newMaps))
    }
}

/// A chain that equates a function's value with a formula of its argument alone defines the function:
/// Bishop's `z_j = h(a_j) = \tanh(a_j)` says that h is tanh, as `h(a) = \tanh(a)` would. Without it, h would be
/// an activation left open (drawn among several), and the document's own `h'(a) = 1 - h(a)^2` flagged for the
/// sigmoid it never chose.
enum ChainFunctions {
    /// A function two chains equate with different formulas (`h(a) = \tanh(a)` in Example 1, `h(b) = \sigma(b)` in
    /// Example 2) is refused at the second: one name for two functions.
    static func apply(_ document: Document) throws(NotationError) -> Document {
        let written = Set(document.blocks.flatMap(\.equations).compactMap { equation -> String? in
            if case .function(let f, _) = equation.lhs, !f.isDerivative { f.spelling } else { nil }
        })
        var chained: [String: Equation] = [:]
        var result = document
        var changed = false
        for b in result.blocks.indices where !result.blocks[b].isInline {
            var equations: [Equation] = []
            for equation in result.blocks[b].equations {
                if let definition = definition(in: equation, defined: written), case .function(let f, _) = definition.lhs {
                    if let first = chained[f.spelling] {
                        guard first.rows[0].rhs == definition.rows[0].rhs else {
                            let at = first.rows[0].location
                            throw NotationError(
                                kind: .modelError, location: definition.rows[0].location,
                                message: "'\(f.latex)' is \(definition.rows[0].rhsLaTeX) here and \(first.rows[0].rhsLaTeX) at "
                                    + "\(at.line):\(at.column): one name for two functions",
                                expected: "a name per function (g for tanh, s for the sigmoid)")
                        }
                    } else {
                        chained[f.spelling] = definition
                        equations.append(definition)
                        changed = true
                    }
                }
                equations.append(equation)
            }
            result.blocks[b].equations = equations
        }
        return changed ? result : document
    }

    /// `g(u) = E(u)` from a chain `… = g(u) = … = E(u)`: g open (no definition, no prime), E reading u alone and
    /// calling no open function. Its argument is u without indices (`a` of `a_j`), so that it has no instances.
    private static func definition(in equation: Equation, defined: Set<String>) -> Equation? {
        for (r, row) in equation.rows.enumerated() {
            guard case .call(let f, .symbol(let u)) = row.rhs, f.meaning == .generic, !f.isDerivative,
                  !defined.contains(f.spelling) else { continue }
            for later in equation.rows[(r + 1)...] where Set(later.rhs.allSymbols) == [u] && later.rhs.genericCallSpellings.isEmpty {
                let x = Symbol(spelling: u.parts?.base ?? "u")
                var definition = later
                definition.lhs = .function(f, argument: x)
                definition.rhs = later.rhs.mapSymbols { $0 == u ? x : $0 }
                definition.rhsMap = SourceMap(range: later.rhsMap.range)
                definition.lhsSymbols = []
                definition.rhsSymbols = []
                return Equation(lhs: .function(f, argument: x), rows: [definition])
            }
        }
        return nil
    }
}

/// `\frac{d}{da} \log(1 + e^{a}) = \sigma(a)`: the derivative of a formula in a variable the model does not have
/// (a dummy, bound by the row) is an identity for every a. The formula becomes a document function
/// F(a) = log(1 + e^a), and the row the identity F′(a) = σ(a), checked like `\sigma'(z) = \sigma(z)(1 - \sigma(z))`.
enum DummyDerivatives {
    static func apply(_ document: Document) -> Document {
        let equations = document.blocks.flatMap(\.equations)
        guard equations.contains(where: { if case .expressionDerivative = $0.lhs { true } else { false } }) else { return document }
        var result = document
        var changed = false
        for b in result.blocks.indices where !result.blocks[b].isInline {
            var rewritten: [Equation] = []
            for equation in result.blocks[b].equations {
                guard let pair = identity(equation, elsewhere: equations) else { rewritten.append(equation); continue }
                rewritten += pair
                changed = true
            }
            result.blocks[b].equations = rewritten
        }
        return changed ? result : document
    }

    /// The definition F(a) = E and the identity F′(a) = … for a row `\frac{d}{da} E = …` whose a appears in no other
    /// equation, and whose sides read only a.
    private static func identity(_ equation: Equation, elsewhere equations: [Equation]) -> [Equation]? {
        guard case .expressionDerivative(let formula, let variable) = equation.lhs,
              let parts = variable.parts, parts.subscriptText == nil, parts.superscriptText == nil,
              Set(formula.allSymbols) == [variable],
              equation.rows.allSatisfy({ Set($0.rhs.allSymbols).isSubset(of: [variable]) }) else { return nil }
        let usedElsewhere = equations.contains { other in
            other != equation && (other.lhs.symbols.contains(variable) || other.rows.contains { $0.rhs.allSymbols.contains(variable) })
        }
        guard !usedElsewhere else { return nil }
        let function = NotationFunction(spelling: "\\left(" + formula.latex + "\\right)", meaning: .generic)
        let derivative = NotationFunction(spelling: function.spelling, meaning: .generic, isDerivative: true)
        var definitionRow = equation.rows[0]
        definitionRow.lhs = .function(function, argument: variable)
        definitionRow.rhs = formula
        definitionRow.rhsLaTeX = formula.latex
        definitionRow.rhsSymbols = []
        definitionRow.rhsMap = SourceMap(range: equation.rows[0].rhsMap.range)
        var identity = Equation(lhs: .function(derivative, argument: variable), rows: equation.rows)
        identity.rows[0].lhs = identity.lhs
        return [Equation(lhs: .function(function, argument: variable), rows: [definitionRow]), identity]
    }
}
