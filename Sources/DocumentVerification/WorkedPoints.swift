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
    /// A value set in prose: the section it is in, where, for what, what.
    private struct Setting {
        var section: Int
        var at: DocumentLocation
        var symbol: Symbol
        var value: Double
    }
    private var settings: [Setting] = []
    private let headings: [Heading]
    private let graph: ModelGraph

    init(_ document: Document, graph: ModelGraph) {
        self.graph = graph
        headings = document.headings
        let settable = Set(graph.inputs + graph.parameters)
        for equation in document.inlineModelEquations where settable.contains(equation.symbol) {
            guard let value = Self.constant(equation.row.rhs) else { continue }
            settings.append(Setting(section: Self.section(of: document.blocks[equation.blockIndex].heading, in: headings),
                                    at: equation.row.location, symbol: equation.symbol, value: value))
        }
    }

    /// The index of a heading among the document's (0 before the first).
    private static func section(of heading: Heading?, in headings: [Heading]) -> Int {
        heading.flatMap { headings.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
    }

    /// The point a claim at `location` in `heading` is worked at: each value the latest set before it in its section
    /// (or, if none, the first after it there: "… $= -4$ at $x = -2$"); a section that sets nothing takes the point of
    /// the nearest section before it that does (the numbers set above a "Backward pass" subsection). Empty if none.
    private func point(at location: DocumentLocation, in heading: Heading?) -> [Symbol: Double] {
        var section = Self.section(of: heading, in: headings)
        var inSection = settings.filter { $0.section == section }
        while inSection.isEmpty, section > 0 {
            section -= 1
            inSection = settings.filter { $0.section == section }
        }
        var result: [Symbol: Double] = [:]
        for setting in inSection.reversed() where setting.at > location { result[setting.symbol] = setting.value }
        for setting in inSection where setting.at < location { result[setting.symbol] = setting.value }
        return result
    }

    /// What a claim with a constant right-hand side is: a claim at every case (no point stated), a worked number at
    /// its point, one at a point that leaves some inputs open, or a formula of rounded numbers.
    enum Reading {
        case everywhere
        case atPoint(NetworkCase, halfUnit: BigFloat?)
        /// The point sets these values only; the others (`missing`) are drawn.
        case partial(set: [Symbol: Double], missing: [Symbol], halfUnit: BigFloat?)
        /// `0.73 \times 0.27`: the rounding of each number is not bounded through the formula.
        case roundedFormula
        /// The model's activation is left open: a worked number has no value.
        case openActivation
    }

    /// The reading of a claim about `of` (nil: about an expression, which may read anything) written at `location`.
    /// The point must set what `of` may depend on; what it cannot (Example 1's w beside Example 2's f) is set to 0.
    func reading(of rhs: Expression, about of: Symbol?, at location: DocumentLocation, in heading: Heading?,
                 activation: Activation) -> Reading {
        guard Self.constant(rhs) != nil || Self.isConstant(rhs) else { return .everywhere }
        let point = point(at: location, in: heading)
        guard !point.isEmpty else { return .everywhere }
        if Self.constant(rhs) == nil, Self.hasDecimals(rhs) { return .roundedFormula }
        guard !graph.usesGenericActivation else { return .openActivation }
        let needed = (graph.inputs + graph.parameters).filter { v in
            guard let of, case .definition(let f)? = graph.variable(of), let variable = graph.variable(v) else { return true }
            return graph.mayDepend(f, on: variable)
        }
        let missing = needed.filter { point[$0] == nil }
        guard missing.isEmpty else { return .partial(set: point, missing: missing, halfUnit: Self.halfUnit(rhs)) }
        let networkCase = NetworkCase(activation: activation, inputs: graph.inputs.map { point[$0] ?? 0 },
                                      parameters: graph.parameters.map { point[$0] ?? 0 })
        return .atPoint(networkCase, halfUnit: Self.halfUnit(rhs))
    }

}

extension WorkedPoints {
    /// `c` with the values `set` fixed.
    func fixing(_ set: [Symbol: Double], in c: NetworkCase) -> NetworkCase {
        NetworkCase(activation: c.activation,
                    inputs: zip(graph.inputs, c.inputs).map { set[$0] ?? $1 },
                    parameters: zip(graph.parameters, c.parameters).map { set[$0] ?? $1 })
    }

    /// Whether a number with digits after its point occurs.
    static func hasDecimals(_ e: Expression) -> Bool {
        if case .number(let text) = e { return text.contains(".") }
        return e.children.contains(where: hasDecimals)
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
