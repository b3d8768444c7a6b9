import Foundation
import NetworkModel
import Notation

/// A document's own model: its rows `name = expression` (no ∂ on the left),
/// in order, define the computation (general notation, docs/notation.md).
///
/// Every symbol used but never defined is free: a *parameter* if some claim
/// differentiates by it (or the document declares it, "Parameters: …"),
/// otherwise an *input* (a target such as `t` too). A symbol used before it
/// is defined, defined twice, or defined in terms of itself; a claim about a
/// symbol the model does not know; a document without a model or without a
/// claim — each is a located ``NotationError`` (`modelError`).
public enum DocumentModel {
    /// The names of the model's inputs, parameters and definitions, as the document writes them.
    public struct Summary: Sendable, Hashable {
        public var inputs: [String]
        public var parameters: [String]
        public var definitions: [String]
    }

    /// Reads `document`'s model and says what is what.
    public static func summary(of document: Document) throws(NotationError) -> Summary {
        let graph = try graph(of: withoutForeignInlineClaims(document))
        return Summary(inputs: graph.inputs.map(\.name), parameters: graph.parameters.map(\.name),
                       definitions: graph.definitions.map(\.symbol.name))
    }

    /// The document without inline statements about symbols its model does not have: prose such as
    /// "since $\partial z / \partial w_{i} = x_{i}$" speaks of any i and claims nothing checkable.
    /// Inline claims about the model's own symbols stay and are checked like display claims.
    public static func withoutForeignInlineClaims(_ document: Document) -> Document {
        var known = Set<Symbol>()
        for equation in document.modelEquations + document.inlineModelEquations {
            known.insert(equation.symbol)
            for occurrence in equation.row.rhsSymbols { known.insert(occurrence.symbol) }
        }
        var result = document
        result.blocks.removeAll { block in
            block.isInline && block.equations.contains { equation in
                var bound: Symbol?
                if case .function(_, let argument) = equation.lhs { bound = argument }
                return equation.rows.contains { row in
                    (row.lhsSymbols + row.rhsSymbols).contains { $0.symbol != bound && !known.contains($0.symbol) }
                }
            }
        }
        return result
    }

    static func error(_ location: DocumentLocation, _ message: String, expected: String) -> NotationError {
        NotationError(kind: .modelError, location: location, message: message, expected: expected)
    }

    static func graph(of document: Document) throws(NotationError) -> ModelGraph {
        // A model row defines its symbol; its continuation rows (`p = \sigma(z) = \frac{1}{1 + e^{-z}}`)
        // are claims about the value, judged like any claim.
        let display = document.modelEquations.filter { $0.row.lhs != nil }
        let valueClaims = document.modelEquations.filter { $0.row.lhs == nil }
        var firstDefinition: [Symbol: ModelEquation] = [:]
        for equation in display {
            if let first = firstDefinition[equation.symbol] {
                let at = first.row.location
                throw error(equation.row.location,
                            "'\(equation.symbol.latex)' is defined twice (first at \(at.line):\(at.column))",
                            expected: "one definition per symbol; give the second quantity its own name")
            }
            firstDefinition[equation.symbol] = equation
        }
        let inline = inlineDefinitions(of: document, besides: firstDefinition)
        for equation in inline { firstDefinition[equation.symbol] = equation }
        try requireValueCallsAsDefined(document, firstDefinition)
        let equations = inline.isEmpty ? display : inComputationOrder(display + inline)
        // Quantities defined from derivatives (adjoints) are evaluated after the computation.
        var derivedSymbols: Set<Symbol> = []
        for equation in equations where equation.rhs.containsDerivative
            || equation.row.rhsSymbols.contains(where: { derivedSymbols.contains($0.symbol) }) {
            derivedSymbols.insert(equation.symbol)
        }
        var defined: Set<Symbol> = []
        var definitions: [ModelGraph.Definition] = []
        var derived: [ModelGraph.Definition] = []
        var free: [Symbol] = []
        for equation in equations {
            let isDerived = derivedSymbols.contains(equation.symbol)
            for occurrence in equation.row.rhsSymbols {
                let symbol = occurrence.symbol
                if symbol == equation.symbol {
                    throw error(occurrence.range.start, "'\(occurrence.spelling)' is defined in terms of itself",
                                expected: "a definition that reads only inputs, parameters and earlier definitions")
                }
                if !isDerived, derivedSymbols.contains(symbol), let reason = firstDefinition[symbol]?.rhs.shapeMismatchReason {
                    let at = firstDefinition[symbol]!.row.rhsLocation
                    throw error(at, "'\(symbol.latex)' cannot be computed: \(reason)",
                                expected: "operands whose shapes agree")
                }
                if !isDerived, derivedSymbols.contains(symbol) {
                    throw error(occurrence.range.start,
                                "'\(occurrence.spelling)' is defined by a derivative, so the computation cannot use it",
                                expected: "a model row that reads only inputs, parameters and earlier definitions")
                }
                let forwardLater = !isDerived || derivedSymbols.contains(symbol)
                if firstDefinition[symbol] != nil, !defined.contains(symbol), forwardLater {
                    let at = firstDefinition[symbol]!.row.location
                    if let cycle = Self.cycle(from: symbol, back: equation.symbol, in: firstDefinition) {
                        throw error(occurrence.range.start,
                                    "'\(equation.symbol.latex)' is defined in a cycle: "
                                        + ([equation.symbol] + cycle).map(\.latex).joined(separator: " → "),
                                    expected: "definitions that each read only earlier ones, without a cycle")
                    }
                    throw error(occurrence.range.start,
                                "'\(occurrence.spelling)' is used before it is defined (at \(at.line):\(at.column))",
                                expected: "definitions in the order of the computation")
                }
                if firstDefinition[symbol] == nil, !free.contains(symbol) { free.append(symbol) }
            }
            defined.insert(equation.symbol)
            var rhs = equation.rhs
            if !isDerived {
                // `a = W x + b` then `h = \tanh(W x + b)`: h reads a, as the author means (∂L/∂a is then defined).
                for earlier in definitions where earlier.rhs.isCompound { rhs = rhs.replacing(earlier.rhs, with: .symbol(earlier.symbol)) }
            }
            let definition = ModelGraph.Definition(symbol: equation.symbol, rhs: rhs)
            if isDerived { derived.append(definition) } else { definitions.append(definition) }
        }
        // Claims: what they differentiate, by what, and the symbols they use.
        // An expression's derivative (`\frac{\partial}{\partial w} \ln p`) differentiates the symbols it is written in.
        var claimRows: [(of: Symbol?, by: Symbol, row: Row)] = []
        claimRows += document.tableRows.map { ($0.differentiatedExpression == nil ? $0.differentiated : nil, $0.parameter, $0.row) }
        for chain in document.chains {
            claimRows += chain.steps.map { (chain.differentiatedExpression == nil ? chain.differentiated : nil, chain.parameter, $0) }
        }
        guard let firstRow = document.rows.first else {
            throw error(DocumentLocation(file: document.fileName, line: 1, column: 1), "the document has no equations",
                        expected: "model rows such as z = w x + b and claims such as \\frac{\\partial L}{\\partial w} = …")
        }
        guard !claimRows.isEmpty else {
            throw error(firstRow.location, "the document makes no claim to check",
                        expected: "a row such as \\frac{\\partial L}{\\partial w} = … or \\frac{\\partial}{\\partial w} L = …")
        }
        guard !definitions.isEmpty else {
            throw error(claimRows[0].row.location, "the document has no model: no row 'name = expression'",
                        expected: "model rows such as z = w x + b before the claims")
        }
        var parameters: [Symbol] = []
        func declareParameter(_ symbol: Symbol) {
            if free.contains(symbol), !parameters.contains(symbol) { parameters.append(symbol) }
        }
        for occurrence in document.declaredParameters {
            guard free.contains(occurrence.symbol) else {
                throw error(occurrence.range.start, "'\(occurrence.spelling)' is declared a parameter but the model "
                            + (firstDefinition[occurrence.symbol] != nil ? "defines it" : "does not use it"),
                            expected: "a symbol the model uses and does not define")
            }
            declareParameter(occurrence.symbol)
        }
        let known = Set(free).union(defined)
        func occurrence(of symbol: Symbol, in row: Row, last: Bool) -> DocumentLocation {
            let matches = row.lhsSymbols.filter { $0.symbol == symbol }
            return (last ? matches.last : matches.first)?.range.start ?? row.location
        }
        for (of, by, row) in claimRows {
            if let of, !known.contains(of) {
                throw error(occurrence(of: of, in: row, last: false),
                            "'\(of.latex)' is not a quantity of the document's model",
                            expected: "one of " + known.map(\.latex).sorted().joined(separator: ", "))
            }
            if of == nil, let stray = row.lhsSymbols.first(where: { !known.contains($0.symbol) }) {
                throw error(stray.range.start, "'\(stray.spelling)' is not a quantity of the document's model",
                            expected: "one of " + known.map(\.latex).sorted().joined(separator: ", "))
            }
            guard known.contains(by) else {
                throw error(occurrence(of: by, in: row, last: true),
                            "'\(by.latex)' is not a quantity of the document's model",
                            expected: "one of " + known.map(\.latex).sorted().joined(separator: ", "))
            }
            declareParameter(by)
        }
        for chain in document.chains {
            if let declaration = chain.declaration, !known.contains(declaration.parameter) {
                throw error(declaration.location, "'\(declaration.parameter.latex)' is not a quantity of the document's model",
                            expected: "one of " + known.map(\.latex).sorted().joined(separator: ", "))
            }
        }
        for row in claimRows.map(\.row) + valueClaims.map(\.row) {
            for occurrence in row.rhsSymbols where !known.contains(occurrence.symbol) {
                throw error(occurrence.range.start, "unknown symbol '\(occurrence.spelling)': the model neither defines nor uses it",
                            expected: "one of " + known.map(\.latex).sorted().joined(separator: ", "))
            }
        }
        for functionRow in identityRows(of: document) {
            for occurrence in functionRow.row.rhsSymbols
            where occurrence.symbol != functionRow.argument && !known.contains(occurrence.symbol) {
                throw error(occurrence.range.start, "unknown symbol '\(occurrence.spelling)' in an identity of "
                            + "\(functionRow.function.latex)(\(functionRow.argument.latex))",
                            expected: "an expression in \(functionRow.argument.latex)")
            }
        }
        let inputs = free.filter { !parameters.contains($0) }
        // Parameters in the order the model first uses them.
        parameters = free.filter { parameters.contains($0) }
        return ModelGraph(inputs: inputs, parameters: parameters, definitions: definitions, derived: derived,
                          functions: try functions(of: document), aliases: aliases(of: document, equations: equations))
    }

    /// `L = l(\mathbf{o}, \mathbf{y})` reads the value l only where l is defined with exactly these arguments,
    /// `l(\mathbf{o}, \mathbf{y}) = \frac{1}{2}\|\mathbf{o} - \mathbf{y}\|^2`; a call at other arguments would need l as a
    /// function, which the kit does not evaluate: a located error, never a value read at the wrong point.
    static func requireValueCallsAsDefined(_ document: Document, _ definitions: [Symbol: ModelEquation]) throws(NotationError) {
        for row in document.rows {
            for call in row.valueCalls {
                let defined = definitions[call.symbol]?.row.lhsArguments
                guard defined != call.arguments else { continue }
                let written = "(" + call.arguments.joined(separator: ", ") + ")"
                throw NotationError(
                    kind: .modelError, location: call.range.start,
                    message: defined.map { "'\(call.symbol.latex)' is defined at (\($0.joined(separator: ", "))) and read at \(written)" }
                        ?? "'\(call.symbol.latex)\(written)' reads a value no row defines with these arguments",
                    expected: "\(call.symbol.latex)\(written) = … defined, or the function applied at its own arguments")
            }
        }
    }

    /// Names written as another quantity and read by nothing, `\hat{y} = a^{[2]}` ("I'll write ŷ for a^{[2]}"):
    /// ∂L/∂ŷ is ∂L/∂a^{[2]}, as the author means, not the zero of a node nothing reads. Only a name written as a bare
    /// symbol (not `V = W^\top`, entry by entry), and read by no row that defines or restates a value: a hypothetical
    /// untied `\hat{x} = V h + c` reads V, and ∂L/∂V is then about a model the document does not define.
    static func aliases(of document: Document, equations: [ModelEquation]) -> [Symbol: Symbol] {
        var read = Set<Symbol>()
        for equation in document.blocks.flatMap(\.equations) where equation.lhs.isSymbol {
            for row in equation.rows { read.formUnion(row.rhsSymbols.map(\.symbol)) }
        }
        var result: [Symbol: Symbol] = [:]
        for equation in equations where !read.contains(equation.symbol) {
            guard case .symbol(let target) = equation.rhs, target != equation.symbol,
                  let written = equation.row.rhsSymbols.first, equation.row.rhsSymbols.count == 1,
                  equation.row.rhsLaTeX.trimmingCharacters(in: .whitespaces) == written.spelling else { continue }
            result[equation.symbol] = target
        }
        return result
    }

    /// The inline definitions that define the model (`Let $z = w x + b$`): those of symbols no display
    /// row defines and no parameters line declares (the first inline one wins; a later restatement is
    /// prose), whose right-hand side reads some symbol (`setting $v = 0$` is a remark), and only those
    /// some display row, claim or other such definition uses — a remark about other symbols
    /// (`$z^{(l)} = W^{(l)} a^{(l-1)}$` for any l) defines nothing.
    static func inlineDefinitions(of document: Document, besides display: [Symbol: ModelEquation]) -> [ModelEquation] {
        var candidates: [Symbol: ModelEquation] = [:]
        var order: [Symbol] = []
        let declared = Set(document.declaredParameters.map(\.symbol))
        var used = Set<Symbol>()
        for equation in display.values { used.formUnion(equation.row.rhsSymbols.map(\.symbol)) }
        for row in document.tableRows.map(\.row) + document.chains.flatMap(\.steps)
            + document.modelEquations.map(\.row) {
            used.formUnion((row.lhsSymbols + row.rhsSymbols).map(\.symbol))
        }
        let statements = Dictionary(grouping: document.inlineModelEquations, by: \.symbol).mapValues(\.count)
        // "setting $v = 0$" sets a value for a remark; it defines nothing. But the extra unit of the bias
        // convention ("an extra input $x_0 = 1$"), index 0 beside a family x_1, x_2 the model reads and given
        // no other value, is that constant.
        func isBiasUnit(_ equation: ModelEquation) -> Bool {
            guard equation.row.rhsSymbols.isEmpty, case .number = equation.row.rhs, statements[equation.symbol] == 1,
                  let sibling = equation.symbol.indexOneSibling else { return false }
            return used.contains(sibling) || display[sibling] != nil
        }
        // "(We ignore ties $z = w$)": two inputs the display rows read, equated in prose, are a condition on the
        // inputs, not a definition of one by the other.
        var displayReads = Set<Symbol>()
        for equation in display.values { displayReads.formUnion(equation.row.rhsSymbols.map(\.symbol)) }
        // Only a lone `z = w`: in `z_0 = x_0 = 1` the chain gives both the bias unit's value.
        func relatesInputs(_ equation: ModelEquation) -> Bool {
            guard case .symbol(let other) = equation.row.rhs,
                  document.blocks[equation.blockIndex].equations.first(where: { $0.rows[0] == equation.row })?.rows.count == 1
            else { return false }
            return displayReads.contains(equation.symbol) && displayReads.contains(other) && display[other] == nil
                && compared(equation.symbol, other)
        }
        // Only inputs the document compares (`\max(z, w)`, `\mathbb{1}[z > w]`: z − w inside): "ties" are their equality.
        func compared(_ a: Symbol, _ b: Symbol) -> Bool {
            func visit(_ e: Notation.Expression) -> Bool {
                if case .difference(let l, let r) = e {
                    let left = Set(l.allSymbols), right = Set(r.allSymbols)
                    if (left.contains(a) && right.contains(b)) || (left.contains(b) && right.contains(a)) { return true }
                }
                return e.children.contains(where: visit)
            }
            return document.rows.contains { visit($0.rhs) }
        }
        for equation in document.inlineModelEquations where display[equation.symbol] == nil
            && candidates[equation.symbol] == nil && !declared.contains(equation.symbol)
            && (!equation.row.rhsSymbols.isEmpty || isBiasUnit(equation)) && !relatesInputs(equation) {
            candidates[equation.symbol] = equation
            order.append(equation.symbol)
        }
        guard !candidates.isEmpty else { return [] }
        var kept = Set<Symbol>()
        var changed = true
        while changed {
            changed = false
            for symbol in order where !kept.contains(symbol) && used.contains(symbol) {
                kept.insert(symbol)
                used.formUnion(candidates[symbol]!.row.rhsSymbols.map(\.symbol))
                changed = true
            }
        }
        return order.filter(kept.contains).map { candidates[$0]! }
    }

    /// Definitions in an order where each follows those it reads: document order where it allows,
    /// as a computation written partly in prose may mention a quantity before the row it reads. A
    /// cycle is left in place for the definition loop to report.
    static func inComputationOrder(_ equations: [ModelEquation]) -> [ModelEquation] {
        let defined = Set(equations.map(\.symbol))
        var pending = equations.sorted { $0.blockIndex < $1.blockIndex }
        var placed: [ModelEquation] = []
        var done = Set<Symbol>()
        while !pending.isEmpty {
            guard let next = pending.firstIndex(where: { equation in
                equation.row.rhsSymbols.allSatisfy {
                    !defined.contains($0.symbol) || done.contains($0.symbol) || $0.symbol == equation.symbol
                }
            }) else { return placed + pending }
            done.insert(pending[next].symbol)
            placed.append(pending.remove(at: next))
        }
        return placed
    }

    /// The definitions leading from `start` back to `target` (`[h, z]` for z = f(h), h = g(z)), if any.
    static func cycle(from start: Symbol, back target: Symbol, in definitions: [Symbol: ModelEquation]) -> [Symbol]? {
        var paths: [Symbol: [Symbol]] = [start: [start]]
        var queue = [start]
        while !queue.isEmpty {
            let symbol = queue.removeFirst()
            for next in definitions[symbol]?.row.rhsSymbols.map(\.symbol) ?? [] {
                if next == target { return paths[symbol]! + [target] }
                if paths[next] == nil, definitions[next] != nil {
                    paths[next] = paths[symbol]! + [next]
                    queue.append(next)
                }
            }
        }
        return nil
    }

    /// Whether a function row defines its function: the first row of `g(u) = …` for a generic name
    /// (`g`, `\phi`, `\alpha`) not defined before, without a prime.
    static func isDefinition(_ row: FunctionRow, among rows: [FunctionRow]) -> Bool {
        guard row.isFirst, row.function.meaning == .generic, !row.function.isDerivative else { return false }
        return rows.first { $0.isFirst && $0.function.meaning == .generic && !$0.function.isDerivative
            && $0.function.spelling == row.function.spelling } == row
    }

    /// The functions the document defines, `g(u) = \tanh(u)`: each may use only its argument (and
    /// functions defined before it).
    static func functions(of document: Document) throws(NotationError) -> [FunctionDefinition] {
        let rows = document.functionRows
        var result: [FunctionDefinition] = []
        for row in rows where isDefinition(row, among: rows) {
            if let stray = row.row.rhsSymbols.first(where: { $0.symbol != row.argument }) {
                throw error(stray.range.start, "'\(stray.spelling)' in the definition of \(row.function.latex): "
                            + "a function may use only its argument \(row.argument.latex)",
                            expected: "an expression in \(row.argument.latex), e.g. \\tanh(\(row.argument.latex))")
            }
            result.append(FunctionDefinition(spelling: row.function.spelling, argument: row.argument, body: row.row.rhs))
        }
        return result
    }

    /// The function rows that state identities, judged as claims: `\sigma'(z) = \sigma(z)(1 - \sigma(z))`,
    /// `g'(u) = 1 - \tanh^{2}(u)`, and any row after a definition's first.
    ///
    /// Only display math states identities: inline ones are prose, often conditional ("$\operatorname{ReLU}'(z) = 1$
    /// for $z > 0$"); inline math may still define a function.
    public static func identityRows(of document: Document) -> [FunctionRow] {
        let rows = document.functionRows
        return rows.filter { !isDefinition($0, among: rows) && !document.blocks[$0.blockIndex].isInline }
    }
}

extension Notation.Expression {
    /// Whether the expression is more than a symbol or a number.
    var isCompound: Bool {
        switch self {
        case .symbol, .vector, .number: false
        default: true
        }
    }

    /// The expression with every occurrence of `pattern` replaced by `replacement`.
    func replacing(_ pattern: Notation.Expression, with replacement: Notation.Expression) -> Notation.Expression {
        if self == pattern { return replacement }
        return withChildren(children.map { $0.replacing(pattern, with: replacement) })
    }
}
