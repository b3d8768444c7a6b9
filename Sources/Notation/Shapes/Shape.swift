/// The shape of a quantity: a scalar (1×1), a column vector (n×1), a row vector (1×n) or an m×n matrix.
public struct Shape: Hashable, Sendable, CustomStringConvertible {
    public var rows: Int
    public var columns: Int
    /// Declared as a vector (`\mathbb{R}^{n}`): its entries have one index, even when n = 1 (`b^3_1` of
    /// `b^3 \in \mathbb{R}^1`). A matrix (`\mathbb{R}^{1 \times 2}`) has two. Not part of equality.
    public var isVector = false

    public init(rows: Int, columns: Int) {
        precondition(rows > 0 && columns > 0, "a shape has at least one row and one column")
        self.rows = rows
        self.columns = columns
    }

    public static func == (a: Shape, b: Shape) -> Bool { a.rows == b.rows && a.columns == b.columns }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rows)
        hasher.combine(columns)
    }

    public static let scalar = Shape(rows: 1, columns: 1)
    /// A column vector of n entries, as `x \in \mathbb{R}^{n}` declares.
    public static func vector(_ n: Int) -> Shape {
        var shape = Shape(rows: n, columns: 1)
        shape.isVector = true
        return shape
    }

    public var isScalar: Bool { rows == 1 && columns == 1 }
    /// Whether its entries are quantities of their own name (`b_{1}`), not the quantity itself.
    public var hasEntries: Bool { !isScalar || isVector }
    public var count: Int { rows * columns }
    /// Aᵀ's shape.
    public var transposed: Shape { Shape(rows: columns, columns: rows) }

    /// `3×2`, `3-vector`, `scalar`.
    public var description: String {
        if isScalar { return "scalar" }
        if columns == 1 { return "\(rows)-vector" }
        if rows == 1 { return "1×\(columns) row vector" }
        return "\(rows)×\(columns) matrix"
    }

    /// The subscript naming entry (i, j) (0-based) of a quantity of this shape, as index notation writes
    /// it: `2` for the second entry of a vector, `12` for row 1, column 2 of a matrix (`1,12` when an index
    /// has two digits).
    public func entrySubscript(_ i: Int, _ j: Int) -> String {
        if isVector { return "\(i + 1)" }
        return rows < 10 && columns < 10 ? "\(i + 1)\(j + 1)" : "\(i + 1),\(j + 1)"
    }
}

/// A quantity's entries as scalar expressions, row by row: what a vector or matrix expression of the
/// document expands to.
struct Tensor: Sendable {
    var shape: Shape
    /// Row-major: entry (i, j) is `entries[i * shape.columns + j]`.
    var entries: [Expression]

    init(shape: Shape, entries: [Expression]) {
        assert(entries.count == shape.count, "a tensor has one expression per entry")
        self.shape = shape
        self.entries = entries
    }

    init(scalar: Expression) { self.init(shape: .scalar, entries: [scalar]) }

    /// The vector of ones `\mathbf{1}` (a column), or its transpose (a row): its length is whatever the
    /// product it is in needs (𝟏ᵀe = Σᵢ eᵢ, Δ𝟏 = row sums, b𝟏ᵀ = b in every column); alone, it is 1.
    enum Ones { case column, row }
    var ones: Ones? = nil

    static func ones(_ orientation: Ones) -> Tensor {
        var t = Tensor(scalar: .number("1"))
        t.ones = orientation
        return t
    }

    subscript(i: Int, j: Int) -> Expression { entries[i * shape.columns + j] }

    /// The same shape, each entry mapped.
    func map(_ transform: (Expression) -> Expression) -> Tensor {
        Tensor(shape: shape, entries: entries.map(transform))
    }

    /// This column vector repeated across the columns of `shape` (same rows, more columns), or this row
    /// vector down its rows; nil if it is not one.
    func broadcast(to shape: Shape) -> Tensor? {
        guard self.shape != shape, !self.shape.isScalar else { return nil }
        if self.shape.columns == 1, self.shape.rows == shape.rows, shape.columns > 1 {
            var entries: [Expression] = []
            for i in 0..<shape.rows { for _ in 0..<shape.columns { entries.append(self.entries[i]) } }
            return Tensor(shape: shape, entries: entries)
        }
        if self.shape.rows == 1, self.shape.columns == shape.columns, shape.rows > 1 {
            var entries: [Expression] = []
            for _ in 0..<shape.rows { entries += self.entries }
            return Tensor(shape: shape, entries: entries)
        }
        return nil
    }

    var transposed: Tensor {
        if let ones { return .ones(ones == .column ? .row : .column) }
        let t = shape.transposed
        var result: [Expression] = []
        for i in 0..<t.rows { for j in 0..<t.columns { result.append(self[j, i]) } }
        return Tensor(shape: t, entries: result)
    }
}

extension Symbol {
    /// A general symbol's spelling split into its base and decorations: `W_{12}^{(1)}` is (`W`, `12`, `(1)`).
    struct Parts {
        var base: String
        var subscriptText: String?
        var superscriptText: String?

        var spelling: String {
            var result = base
            if let subscriptText { result += "_{\(subscriptText)}" }
            if let superscriptText { result += "^{\(superscriptText)}" }
            return result
        }
    }

    /// The parts of a general symbol's canonical spelling (see ``Symbol/spelling``).
    var parts: Parts? {
        guard let spelling else { return nil }
        let chars = Array(spelling)
        var i = 0
        // The base: `\command{…}`, `\command`, or one character.
        if chars.first == "\\" {
            i = 1
            while i < chars.count, chars[i].isLetter { i += 1 }
            if i < chars.count, chars[i] == "{" { i = Self.matchingBrace(chars, from: i) + 1 }
        } else {
            i = min(1, chars.count)
        }
        let base = String(chars[..<min(i, chars.count)])
        var parts = Parts(base: base, subscriptText: nil, superscriptText: nil)
        while i + 1 < chars.count, chars[i] == "_" || chars[i] == "^", chars[i + 1] == "{" {
            let close = Self.matchingBrace(chars, from: i + 1)
            guard close < chars.count else { return nil }
            let content = String(chars[(i + 2)..<close])
            if chars[i] == "_" { parts.subscriptText = content } else { parts.superscriptText = content }
            i = close + 1
        }
        return i == chars.count ? parts : nil
    }

    private static func matchingBrace(_ chars: [Character], from open: Int) -> Int {
        var depth = 0
        var k = open
        while k < chars.count {
            if chars[k] == "{" { depth += 1 }
            if chars[k] == "}" { depth -= 1; if depth == 0 { return k } }
            k += 1
        }
        return chars.count
    }

    /// Whether the symbol's decorations hold no sign: `w^{0-1}` done is `w^{-1}`, `w^{l-}` at l = 0 is `w^{0-}`,
    /// neither an instance of an index family.
    var hasWholeIndices: Bool {
        guard let parts else { return true }
        return [parts.subscriptText, parts.superscriptText].allSatisfy { text in
            !(text ?? "").contains { $0 == "-" || $0 == "+" }
        }
    }

    /// For a symbol of index 0 (`x_{0}`, `z_{0}^{(1)}`), its sibling of index 1 (`x_{1}`): the extra unit of the
    /// bias convention stands beside a family numbered from 1. Nil for any other symbol.
    public var indexOneSibling: Symbol? {
        guard var parts, parts.subscriptText == "0" else { return nil }
        parts.subscriptText = "1"
        return Symbol(spelling: parts.spelling)
    }

    /// Entry (i, j) of this quantity of shape `shape`: `W^{(1)}` → `W_{12}^{(1)}`, `x` → `x_{2}`; a scalar is itself.
    func entry(_ i: Int, _ j: Int, of shape: Shape) -> Symbol {
        guard shape.hasEntries, var parts else { return self }
        let index = shape.entrySubscript(i, j)
        parts.subscriptText = parts.subscriptText.map { "\($0),\(index)" } ?? index
        return Symbol(spelling: parts.spelling)
    }

    /// The symbol with whole-number arithmetic in its decorations done: `W^{(1+1)}` → `W^{(2)}`,
    /// `a^{2-1}` → `a^{1}`.
    var withIndexArithmeticDone: Symbol {
        guard let spelling, spelling.contains("+") || spelling.contains("-") else { return self }
        var result = ""
        var chars = Array(spelling)[...]
        while let c = chars.first {
            if c.isNumber, let (value, rest) = Self.arithmetic(chars) {
                result += String(value)
                chars = rest
            } else {
                result.append(c)
                chars = chars.dropFirst()
            }
        }
        return Symbol(spelling: result)
    }

    /// `1+1`, `3-1+2` at the start of `chars`: the value and what follows; nil if there is no operator.
    private static func arithmetic(_ chars: ArraySlice<Character>) -> (Int, ArraySlice<Character>)? {
        func number(_ s: ArraySlice<Character>) -> (Int, ArraySlice<Character>)? {
            let digits = s.prefix(while: { $0.isNumber && $0.isASCII })
            guard !digits.isEmpty, digits.count < 6, let v = Int(String(digits)) else { return nil }
            return (v, s.dropFirst(digits.count))
        }
        guard var (value, rest) = number(chars) else { return nil }
        var sawOperator = false
        while let op = rest.first, op == "+" || op == "-", let (next, after) = number(rest.dropFirst()) {
            value = op == "+" ? value + next : value - next
            rest = after
            sawOperator = true
        }
        return sawOperator ? (value, rest) : nil
    }
}
