import Notation
import NetworkModel
import MultiPrecision

/// Worked numbers: a section that sets every input and parameter to a number in its prose ("with the inputs
/// $x = -2$, $y = 5$, $z = -4$ the backward pass gives $\frac{\partial f}{\partial x} = -4$") claims its
/// numbers *at that point*, not at every case. A claim whose right-hand side is a constant is judged there, at the
/// one case the section states.
///
/// A printed number is rounded: `0.73` holds for any truth within half a unit of its last digit,
/// |claimed − truth| ≤ ½·10⁻ᵏ for k digits after the point; an integer must be exact. Either way the point is
/// read into binary64 (`0.1` is not exact), so the truth may move by a relative 10⁻¹²; no worked number is
/// printed that finely.
struct WorkedPoints {
    /// A section's point: a value for each input and parameter it sets.
    private var points: [Heading?: [Symbol: Double]] = [:]
    private let graph: ModelGraph

    init(_ document: Document, graph: ModelGraph) {
        self.graph = graph
        let settable = Set(graph.inputs + graph.parameters)
        for equation in document.inlineModelEquations where settable.contains(equation.symbol) {
            guard let value = Self.constant(equation.row.rhs) else { continue }
            points[document.blocks[equation.blockIndex].heading, default: [:]][equation.symbol] = value
        }
    }

    /// What a claim in `heading` with right-hand side `rhs` is: a claim at every case, a worked number at the
    /// section's point, or a worked number at a point the section does not complete.
    enum Reading {
        case everywhere
        case atPoint(NetworkCase, halfUnit: BigFloat?)
        case incomplete(missing: [Symbol])
    }

    /// The reading of a claim about `of` (nil: about an expression, which may read anything). The point must set
    /// what `of` may depend on; what it cannot (Example 1's w beside Example 2's f) is set to 0.
    func reading(of rhs: Expression, about of: Symbol?, in heading: Heading?, activation: Activation) -> Reading {
        guard let point = points[heading], Self.constant(rhs) != nil || Self.isConstant(rhs) else { return .everywhere }
        let needed = (graph.inputs + graph.parameters).filter { v in
            guard let of, case .definition(let f)? = graph.variable(of), let variable = graph.variable(v) else { return true }
            return graph.mayDepend(f, on: variable)
        }
        let missing = needed.filter { point[$0] == nil }
        guard missing.isEmpty, !graph.usesGenericActivation else { return .incomplete(missing: missing) }
        let networkCase = NetworkCase(activation: activation, inputs: graph.inputs.map { point[$0] ?? 0 },
                                      parameters: graph.parameters.map { point[$0] ?? 0 })
        return .atPoint(networkCase, halfUnit: Self.halfUnit(rhs))
    }

    /// A number written as such, `-2`, `0.5`, `-\frac{1}{2}` excluded (nil).
    static func constant(_ e: Expression) -> Double? {
        switch e {
        case .number(let text): return Double(text)
        case .negation(.number(let text)): return Double(text).map { -$0 }
        default: return nil
        }
    }

    /// An expression of numbers only: no symbol, no derivative.
    static func isConstant(_ e: Expression) -> Bool {
        if case .derivative = e { return false }
        if case .partial = e { return false }
        if case .symbol = e { return false }
        if case .vector = e { return false }
        if case .call(let f, _) = e, f.meaning == .generic { return false }
        if case .activation = e { return false }
        return e.children.allSatisfy(isConstant)
    }

    /// ½·10⁻ᵏ for a decimal with k > 0 digits after its point; nil for an integer or a formula.
    static func halfUnit(_ e: Expression) -> BigFloat? {
        let text: String
        switch e {
        case .number(let t), .negation(.number(let t)): text = t
        default: return nil
        }
        guard let dot = text.firstIndex(of: ".") else { return nil }
        let digits = text.distance(from: dot, to: text.endIndex) - 1
        guard digits > 0 else { return nil }
        var result = BigFloat(1, precision: 128) / BigFloat(2, precision: 128)
        for _ in 0..<digits { result = result / BigFloat(10, precision: 128) }
        return result
    }
}
