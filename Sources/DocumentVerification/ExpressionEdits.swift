import NetworkModel
import Notation

/// One single edit of an expression: the edited expression, where it applies
/// (a path of child indices) and what the edited node reads as.
struct ExpressionEdit {
    enum Kind: String, CaseIterable, Comparable {
        case symbol, activation, vector, dropFactor = "drop-factor", addFactor = "add-factor", sign

        static func < (a: Kind, b: Kind) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
    }

    var kind: Kind
    var path: [Int]
    /// The node at `path` before and after.
    var before: Expression
    var after: Expression
    /// The whole edited expression.
    var result: Expression
}

extension Expression {
    /// The node at `path` (child indices from the root).
    subscript(path: [Int]) -> Expression? {
        var node = self
        for step in path {
            guard node.children.indices.contains(step) else { return nil }
            node = node.children[step]
        }
        return node
    }

    /// A copy with the node at `path` replaced.
    func replacing(at path: [Int], with replacement: Expression) -> Expression {
        guard let first = path.first else { return replacement }
        var kids = children
        kids[first] = kids[first].replacing(at: Array(path.dropFirst()), with: replacement)
        return withChildren(kids)
    }

    /// Every node with its path, in pre-order (left to right as written).
    var nodes: [(path: [Int], node: Expression)] {
        [([], self)] + children.enumerated().flatMap { i, child in
            child.nodes.map { ([i] + $0.path, $0.node) }
        }
    }
}

/// The single edits the repair search tries, simplest kind first:
/// swap a symbol for another of its letter (index and superscript slips),
/// α ↔ α′, expand a bold vector into the sum of its components, drop one
/// factor of a product, multiply by one more factor.
struct EditGenerator {
    let network: Network
    /// A document's own model (general notation), if the claims are about one.
    var graph: ModelGraph? = nil

    init(network: Network) { self.network = network }

    init(verifier: DocumentVerifier) {
        network = verifier.network
        graph = verifier.graph
    }

    /// Every scalar symbol of the network, grouped by letter; for a document's
    /// own model, every symbol of it in one group.
    var symbolsByLetter: [Symbol.Letter: [Symbol]] {
        if let graph { return [.y: graph.inputs + graph.parameters + graph.definitions.map(\.symbol)] }
        let names = network.parameters + network.inputs + network.units.flatMap { [$0.preactivationName, $0.outputName] }
        return Dictionary(grouping: names.compactMap(Symbol.init(name:)), by: \.letter)
    }

    /// Factors a missing-factor repair may add: every symbol and α′(z) of every unit.
    var extraFactors: [Expression] {
        if let graph {
            return (graph.inputs + graph.parameters + graph.definitions.map(\.symbol)).map(Expression.symbol)
        }
        let names = network.parameters + network.inputs + network.units.map(\.outputName)
        let symbols = names.compactMap(Symbol.init(name:)).map(Expression.symbol)
        let slopes = network.units.compactMap { Symbol(name: $0.preactivationName) }
            .map { Expression.activationDerivative(.symbol($0)) }
        return slopes + symbols
    }

    func edits(of e: Expression) -> [ExpressionEdit] {
        var edits: [ExpressionEdit] = []
        func add(_ kind: ExpressionEdit.Kind, _ path: [Int], _ before: Expression, _ after: Expression) {
            edits.append(ExpressionEdit(kind: kind, path: path, before: before, after: after,
                                        result: e.replacing(at: path, with: after)))
        }
        let byLetter = symbolsByLetter
        for (path, node) in e.nodes {
            switch node {
            case .symbol(let s):
                for other in byLetter[s.letter] ?? [] where other != s { add(.symbol, path, node, .symbol(other)) }
            case .activation(let z): add(.activation, path, node, .activationDerivative(z))
            case .activationDerivative(let z): add(.activation, path, node, .activation(z))
            case .vector(let s):
                if let expansion = expandedVector(s) { add(.vector, path, node, expansion) }
            case .product(let a, let b):
                add(.dropFactor, path, node, a)
                add(.dropFactor, path, node, b)
            case .difference(let a, let b):
                add(.sign, path, node, .difference(b, a))
            case .call(let f, let z) where f.meaning != .exp && f.meaning != .log:
                var other = f
                other.isDerivative.toggle()
                add(.activation, path, node, .call(other, z))
            default: break
            }
        }
        for factor in extraFactors { add(.addFactor, [], e, .product(e, factor)) }
        return edits.sorted { $0.kind < $1.kind }
    }

    /// 𝐛 → (b^{[0]} + b^{[1]} + …): the scalar a vector bias stands for in a sum.
    func expandedVector(_ s: Symbol) -> Expression? {
        guard case .vector(let parts)? = SymbolResolver(network: network).resolve(vector: s) else { return nil }
        let symbols: [Expression] = parts.compactMap { part in
            guard case .parameter(let i) = part, let symbol = Symbol(name: network.parameters[i]) else { return nil }
            return .symbol(symbol)
        }
        guard symbols.count == parts.count, let first = symbols.first else { return nil }
        return symbols.dropFirst().reduce(first) { .sum($0, $1) }
    }
}
