/// A scalar (or, inside ``Expression/vector(_:)``, vector) name of the notation:
/// a letter, an optional numeric subscript and an optional `^{[k]}` component index.
///
/// | LaTeX            | letter | index | superscript | ``name`` |
/// |------------------|--------|-------|-------------|----------|
/// | `x_{10}`         | x      | "10"  | nil         | `x10`    |
/// | `w_{20}^{[0]}`   | w      | "20"  | 0           | `w20[0]` |
/// | `y`              | y      | nil   | nil         | `y`      |
public struct Symbol: Hashable, Sendable, CustomStringConvertible {
    /// The letters of the notation.
    public enum Letter: String, Hashable, Sendable, CaseIterable {
        /// Inputs (`x_{0j}`) and unit outputs (`x_{ij}`).
        case x
        /// Pre-activations.
        case z
        /// Weights.
        case w
        /// Biases.
        case b
        /// The network output.
        case y
    }

    /// The letter.
    public var letter: Letter
    /// The subscript as written, digits only (`"10"`, `"00"`, `"1"`), or nil for `y`.
    public var index: String?
    /// The `k` of `^{[k]}`, if written.
    public var superscript: Int?
    /// A symbol of the general notation (``NotationDialect/general``), by its canonical LaTeX:
    /// `x`, `x_{1}`, `h_{j}^{(1)}`, `\hat{y}`, `\mathcal{L}`, `\delta`. Nil for the seed notation's
    /// letters (then ``letter``, ``index`` and ``superscript`` say what it is; for a general symbol
    /// they are `y`, nil, nil and mean nothing).
    public var spelling: String?
    /// Which worked example of the document the symbol belongs to (0 for the first): "Example 2" may
    /// give a name of Example 1 a new meaning. Not part of ``name`` or ``latex``.
    public var scope: Int = 0

    /// Creates a symbol.
    public init(_ letter: Letter, index: String? = nil, superscript: Int? = nil) {
        self.letter = letter
        self.index = index
        self.superscript = superscript
        self.spelling = nil
    }

    /// A symbol of the general notation, by its canonical LaTeX (see ``spelling``).
    public init(spelling: String) {
        self.letter = .y
        self.index = nil
        self.superscript = nil
        self.spelling = spelling
    }

    /// Whether this is a symbol of the general notation.
    public var isGeneral: Bool { spelling != nil }

    /// The network output `y`.
    public static let y = Symbol(.y)

    /// The canonical name the network uses: `x10`, `w20[0]`, `y`.
    public var name: String {
        if let spelling { return spelling }
        var result = letter.rawValue + (index ?? "")
        if let superscript { result += "[\(superscript)]" }
        return result
    }

    /// The canonical name.
    public var description: String { name }

    /// The symbol in the document's LaTeX notation: `x_{10}`, `w_{20}^{[0]}`, `y`.
    public var latex: String { spelling ?? letter.rawValue + decorations }

    /// The vector form: `\mathbf{w}_{20}`.
    public var vectorLaTeX: String { spelling.map { "\\mathbf{\($0)}" } ?? "\\mathbf{\(letter.rawValue)}" + decorations }

    private var decorations: String {
        var result = ""
        if let index { result += "_{\(index)}" }
        if let superscript { result += "^{[\(superscript)]}" }
        return result
    }

    /// Whether the symbol has the shape the notation allows: `y` bare, the other letters with a
    /// non-empty digit subscript, and a non-negative superscript.
    public var isWellFormed: Bool {
        if let spelling { return !spelling.isEmpty && index == nil && superscript == nil }
        if let superscript, superscript < 0 { return false }
        switch letter {
        case .y: return index == nil
        case .x, .z, .w, .b:
            guard let index, !index.isEmpty else { return false }
            return index.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
    }

    /// Parses a canonical name (`"w20[0]"`, `"x10"`, `"y"`); nil if it is not one.
    public init?(name: String) {
        guard let first = name.first, let letter = Letter(rawValue: String(first)) else { return nil }
        var rest = Substring(name.dropFirst())
        var superscript: Int?
        if rest.hasSuffix("]"), let open = rest.firstIndex(of: "[") {
            guard let value = Int(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)])
            else { return nil }
            superscript = value
            rest = rest[..<open]
        }
        self.init(letter, index: rest.isEmpty ? nil : String(rest), superscript: superscript)
        guard isWellFormed else { return nil }
    }
}
