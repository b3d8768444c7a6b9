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
                guard case .symbol(let name) = equation.lhs, equation.rows.count == 1,
                      case .derivative(.symbol(let f), let v) = equation.rows[0].rhs else { continue }
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
        guard !named.isEmpty else { return document }
        var result = document
        var changed = false
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
}
