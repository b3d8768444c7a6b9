/// Where each node of an ``Expression`` was written: a tree parallel to the expression, with one
/// node per expression node and ``children`` in the order of ``Expression/children``.
///
/// A node that was written inside parentheses or braces covers the delimiters too.
public struct SourceMap: Hashable, Sendable {
    /// The span of the node's source text.
    public var range: DocumentRange
    /// The maps of the node's children.
    public var children: [SourceMap]

    /// Creates a map node.
    public init(range: DocumentRange, children: [SourceMap] = []) {
        self.range = range
        self.children = children
    }

    /// The map of the node reached by following child indices from this node (`[]` is this node,
    /// `[1, 0]` the first child of the second child); nil if there is no such node.
    public subscript(path: [Int]) -> SourceMap? {
        var node = self
        for step in path {
            guard node.children.indices.contains(step) else { return nil }
            node = node.children[step]
        }
        return node
    }

    /// The location of the node reached by `path`.
    public func location(of path: [Int]) -> DocumentLocation? { self[path]?.range.start }
}

/// One written occurrence of a symbol, for resolution and reports.
public struct SymbolOccurrence: Hashable, Sendable {
    /// The symbol.
    public var symbol: Symbol
    /// Whether it was written in bold (`\mathbf{…}`), i.e. as a vector.
    public var isVector: Bool
    /// The symbol's LaTeX exactly as written, e.g. `x_1` or `w_{20}^{[0]}`.
    public var spelling: String
    /// Where it was written.
    public var range: DocumentRange
    /// Whether it was followed by `(`, as a function is applied: `\phi(z)` (general notation).
    public var isApplied: Bool = false
    /// For an entry written as the subscript of a parenthesized symbol, `(W_1)_{jk}`: the vector or matrix
    /// (`W_1`) whose entry ``symbol`` (`W_{1,jk}`) names. The document must give it that entry.
    public var entryOf: Symbol? = nil

    /// Creates an occurrence.
    public init(symbol: Symbol, isVector: Bool, spelling: String, range: DocumentRange) {
        self.symbol = symbol
        self.isVector = isVector
        self.spelling = spelling
        self.range = range
    }
}

/// A source map under construction: byte offsets instead of locations.
struct Span: Sendable {
    var range: Range<Int>
    var children: [Span]
    var depth: Int

    init(range: Range<Int>, children: [Span] = []) {
        self.range = range
        self.children = children
        self.depth = 1 + children.reduce(0) { max($0, $1.depth) }
    }

    func sourceMap(in source: SourceText) -> SourceMap {
        SourceMap(range: source.range(range), children: children.map { $0.sourceMap(in: source) })
    }
}
