/// Nielsen writes `\nabla_a C` for the gradient of the cost by the output activations: `a` alone names
/// no quantity of the model, whose activations are the layers `a^1`, `a^2`, `a^3`; it is the last of
/// them, `a^3`. A variable of differentiation written as a bare name (no subscript, no superscript)
/// that the document never uses as a quantity (never defines it, never writes it outside the variable
/// of a derivative) and whose base the document writes with Nielsen's bare layer numbers (`a^3`, see
/// ``NumericLabels``) is read as its last layer. When the document writes that layer `a^L`, the
/// numbers written (`a^1 = x`) need not reach it: the name is then read in each row's instances, where
/// L has its value (``IndexInstances``). Any other bare name is left as written (an unknown quantity is
/// then a located error).
enum LastLayerGradients {
    /// The document with such variables replaced by their last layer; `labelledBases` are the bases written
    /// with bare layer numbers.
    static func apply(_ document: Document, labelledBases: Set<String>) -> Document {
        let equations = document.blocks.flatMap(\.equations)
        var quantities = Set<Symbol>(document.declaredParameters.map(\.symbol))
        var variables = Set<Symbol>()
        for equation in equations {
            quantities.formUnion(quantitySymbols(of: equation))
            variables.formUnion(variableSymbols(of: equation))
        }
        var lastLayer: [Symbol: Symbol] = [:]
        for v in variables where !quantities.contains(v) && v.parts.map({ labelledBases.contains($0.base) }) == true {
            if let layer = last(layerOf: v, among: quantities) { lastLayer[v] = layer }
        }
        guard !lastLayer.isEmpty else { return document }
        return document.mappingSymbols { lastLayer[$0] ?? $0 }
    }

    /// The symbol of `quantities` with the bare name's base and the largest numeric layer label; nil if
    /// the name is decorated or no such layer is written.
    static func last(layerOf name: Symbol, among quantities: Set<Symbol>) -> Symbol? {
        guard let parts = name.parts, parts.subscriptText == nil, parts.superscriptText == nil else { return nil }
        var best: (layer: Int, symbol: Symbol)? = nil
        for q in quantities where q.scope == name.scope {
            guard let other = q.parts, other.base == parts.base, other.subscriptText == nil,
                  let label = other.superscriptText else { continue }
            guard let layer = layerNumber(label) else {
                // `a^L`: the last layer is L, which the numbers written (`a^1 = x`) need not reach. Left to the
                // instances of the row (``IndexInstances``), which know L. A lowercase pattern `a^l` says
                // nothing about which layer is last.
                if label.contains(where: \.isUppercase) { return nil }
                continue
            }
            if best == nil || layer > best!.layer { best = (layer, q) }
        }
        return best?.symbol
    }

    /// The number of a bare layer label `3`; nil for anything else.
    static func layerNumber(_ label: String) -> Int? {
        label.allSatisfy(\.isNumber) ? Int(label) : nil
    }

    /// Symbols the equation uses as quantities: everything but the variables of derivatives.
    static func quantitySymbols(of equation: Equation) -> [Symbol] {
        var result: [Symbol]
        switch equation.lhs {
        case .symbol(let s): result = [s]
        case .derivative(let f, _): result = [f]
        case .expressionDerivative(let e, _): result = quantitySymbols(of: e)
        case .gradient(let f, _): result = [f]
        case .function(_, let a): result = [a]
        }
        for row in equation.rows { result += quantitySymbols(of: row.rhs) }
        return result
    }

    static func quantitySymbols(of e: Expression) -> [Symbol] {
        switch e {
        case .symbol(let s), .vector(let s): return [s]
        case .derivative(let inner, _): return quantitySymbols(of: inner)
        default: return e.children.flatMap(quantitySymbols)
        }
    }

    /// The variables of the equation's derivatives (`V` of ∂F/∂V and of `\nabla_V F`).
    static func variableSymbols(of equation: Equation) -> [Symbol] {
        var result: [Symbol]
        switch equation.lhs {
        case .derivative(_, let v), .expressionDerivative(_, let v): result = [v]
        case .gradient(_, let variables): result = variables
        case .symbol, .function: result = []
        }
        for row in equation.rows { result += variableSymbols(of: row.rhs) }
        return result
    }

    static func variableSymbols(of e: Expression) -> [Symbol] {
        switch e {
        case .derivative(let inner, let v): return variableSymbols(of: inner) + [v]
        default: return e.children.flatMap(variableSymbols)
        }
    }
}
