/// Names a document gives derivatives, and the formulas it then states for them.
///
/// Nielsen writes "with error $\delta^l = \partial C / \partial z^l$" and later
/// `\delta^3 = (a^3 - y) \odot \sigma'(z^3)`; Bishop writes `\delta_j \equiv \partial E_n / \partial a_j`
/// and then `\delta_k = y_k - t_k`. Once δ names ∂C/∂z, a row giving δ a formula is a *claim* about
/// that derivative (checked, and flagged on its own line), and δ elsewhere means the derivative itself,
/// as the author defined it — the existing rule for `\delta = \frac{\partial L}{\partial z} = p - t`
/// (``Document/namedDerivative(_:)``), extended to names stated once for every entry or layer.
enum DerivativeNames {
    ///
    /// One name for two derivatives is ambiguous and refused: Bishop's `\delta_j = \partial E_n / \partial a_j`
    /// beside `\delta_k = \partial E_n / \partial y_k`, where the index *letter* tells the layer, names δ₁ twice.
    static func apply(_ document: Document) throws(NotationError) -> Document {
        // What each name stands for: δ_entry ↦ (F, V_entry), from rows `δ = ∂F/∂V` (inline or display).
        var named: [Symbol: (of: Symbol, by: Symbol, at: DocumentLocation)] = [:]
        var namingRows = Set<DocumentLocation>()
        for block in document.blocks {
            for equation in block.equations {
                // `\delta^{(l)} := \nabla_{\mathbf{a}^{(l)}} L = \frac{\partial L}{\partial \mathbf{a}^{(l)}}`: every row the
                // same derivative, written two ways.
                guard case .symbol(let name) = equation.lhs,
                      case .derivative(.symbol(let f), let v) = equation.rows[0].rhs,
                      equation.rows.allSatisfy({ $0.rhs == .derivative(.symbol(f), by: v) }) else { continue }
                let at = equation.rows[0].location
                if let earlier = named[name], earlier.of != f || earlier.by != v {
                    throw NotationError(
                        kind: .modelError, location: at,
                        message: "'\(name.latex)' names two derivatives: ∂\(f.latex)/∂\(v.latex) here and "
                            + "∂\(earlier.of.latex)/∂\(earlier.by.latex) at \(earlier.at.line):\(earlier.at.column)",
                        expected: "one name per derivative: mark the layer (\\delta^{(1)}_j and \\delta^{(2)}_k), not only the index letter")
                }
                if named[name] == nil { named[name] = (f, v, at) }
                namingRows.insert(at)
            }
        }
        let claimed = namesFromClaims(document, explicit: Set(named.keys))
        guard !named.isEmpty || !claimed.isEmpty else { return document }
        var result = document
        var changed = false
        if !claimed.isEmpty {
            for b in result.blocks.indices where !result.blocks[b].isInline {
                result.blocks[b].equations = result.blocks[b].equations.map { equation in
                    guard case .symbol(let name) = equation.lhs, let (f, v) = claimed[name] else { return equation }
                    changed = true
                    return naming(equation, as: f, by: v)
                }
            }
        }
        for b in result.blocks.indices where !result.blocks[b].isInline {
            result.blocks[b].equations = result.blocks[b].equations.map { equation in
                guard case .symbol(let name) = equation.lhs, let (f, v, _) = named[name],
                      !namingRows.contains(equation.rows[0].location),
                      equation.rows[0].rhs != .derivative(.symbol(f), by: v) else { return equation }
                changed = true
                var claim = Equation(lhs: .derivative(of: f, withRespectTo: v), rows: equation.rows)
                claim.rows[0].lhs = claim.lhs
                return claim
            }
        }
        return changed ? result : document
    }

    /// Names the claims give: `\frac{\partial C}{\partial b^2} = \delta^2`, where the document defines δ² by a formula
    /// (`\delta^2 = ((W^3)^T \delta^3) \odot \sigma'(z^2)`) and never says what δ² is, makes δ² that derivative, as
    /// Nielsen's readers know it to be: the formula is then the claim (flagged on its own line), not a definition
    /// whose error would surface only in the rows using it.
    ///
    /// Only unambiguous names count: δ equated with exactly one derivative, that derivative with no other name,
    /// δ defined once (by a formula, not as `δ = ∂F/∂V = formula`), and read by no definition but of other such names (an adjoint, not a quantity of the
    /// forward computation). A name the document states itself (``apply(_:)``) is never overridden.
    static func namesFromClaims(_ document: Document, explicit: Set<Symbol>) -> [Symbol: (of: Symbol, by: Symbol)] {
        let equations = document.blocks.filter { !$0.isInline }.flatMap(\.equations)
        var definitionCount: [Symbol: Int] = [:]
        for equation in equations {
            guard case .symbol(let s) = equation.lhs else { continue }
            // `\delta = \frac{\partial E}{\partial s} = y - t` names its derivative itself.
            definitionCount[s, default: 0] += Document.namedDerivative(equation) == nil ? 1 : 2
        }
        var derivativesOf: [Symbol: Set<DerivativeKey>] = [:]
        var namesOf: [DerivativeKey: Set<Symbol>] = [:]
        for equation in document.blocks.flatMap(\.equations) {
            guard case .derivative(let f, let v) = equation.lhs else { continue }
            for row in equation.rows {
                guard case .symbol(let name) = row.rhs, definitionCount[name] == 1, !explicit.contains(name) else { continue }
                let key = DerivativeKey(of: f, by: v)
                derivativesOf[name, default: []].insert(key)
                namesOf[key, default: []].insert(name)
            }
        }
        var candidates = Set(derivativesOf.compactMap { name, keys in
            keys.count == 1 && namesOf[keys.first!]?.count == 1 ? name : nil
        })
        // An adjoint is read by no definition of the forward computation.
        var stable = false
        while !stable {
            stable = true
            for equation in equations {
                guard case .symbol(let s) = equation.lhs, !candidates.contains(s) else { continue }
                let read = Set(equation.rows.flatMap(\.rhs.allSymbols))
                let forwardRead = candidates.intersection(read)
                if !forwardRead.isEmpty { candidates.subtract(forwardRead); stable = false }
            }
        }
        var result: [Symbol: (of: Symbol, by: Symbol)] = [:]
        for name in candidates { if let key = derivativesOf[name]?.first { result[name] = (key.of, key.by) } }
        return result
    }

    struct DerivativeKey: Hashable {
        var of: Symbol
        var by: Symbol
    }

    /// `δ = formula` as `δ = ∂F/∂V = formula`: the name first (at the formula's row), the formula a claim.
    private static func naming(_ equation: Equation, as f: Symbol, by v: Symbol) -> Equation {
        var name = equation.rows[0]
        name.rhs = .derivative(.symbol(f), by: v)
        name.rhsMap = SourceMap(range: name.rhsMap.range)
        name.rhsSymbols = []
        var rows = [name]
        for var row in equation.rows {
            row.lhs = nil
            rows.append(row)
        }
        return Equation(lhs: equation.lhs, rows: rows)
    }
}
