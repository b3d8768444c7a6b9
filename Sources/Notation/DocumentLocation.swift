/// A position in a source file: a file name, a 1-based line and a 1-based column.
///
/// Columns count Unicode scalars from the start of the line, so a column
/// points at the same character an editor shows, also after non-ASCII prose
/// such as `∂` or `α`.
public struct DocumentLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file name as given to the reader (usually the last path component).
    public var file: String
    /// 1-based line number, counting from the start of the file.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the format compilers use.
    public var description: String { "\(file):\(line):\(column)" }

    /// Orders by line, then column (locations in the same file).
    public static func < (a: DocumentLocation, b: DocumentLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// A half-open span of source text: from `start` up to, not including, `end`.
public struct DocumentRange: Hashable, Sendable, CustomStringConvertible {
    /// The first character of the span.
    public var start: DocumentLocation
    /// The position just after the last character of the span.
    public var end: DocumentLocation

    /// Creates a range.
    public init(start: DocumentLocation, end: DocumentLocation) {
        self.start = start
        self.end = end
    }

    /// `file:line:column-line:column`.
    public var description: String { "\(start)-\(end.line):\(end.column)" }
}

/// The UTF-8 bytes of a whole file and the offsets where its lines start;
/// turns byte offsets into ``DocumentLocation``s.
struct SourceText: Sendable {
    let fileName: String
    /// Which notation the text is read in.
    var dialect: NotationDialect = .seed
    /// Symbols read as the generic activation where applied, `\phi(z)` (general notation): those a
    /// document only ever applies (see ``Document/appliedFunctions``).
    var appliedFunctions: Set<Symbol> = []
    /// Bases written with whole-number layer labels (`W^2`, `a^3`, `\delta^3`, Nielsen's notation): a
    /// superscript number on them is a label, not a power (see ``NumericLabels``).
    var numericLabelBases: Set<String> = []
    /// The text read (after macro expansion, if any), as UTF-8.
    var bytes: [UInt8]
    private let lineStarts: [Int]
    /// `scalarCounts[i]`: how many Unicode scalars start before byte `i` (so columns are O(1)).
    private let scalarCounts: [Int]

    /// For text after macro expansion (``MacroExpansion``): the offset in the file as written of each
    /// byte of ``bytes`` (and of its end); nil when ``bytes`` is the file as written.
    private let origins: [Int]?

    init(fileName: String, text: String, dialect: NotationDialect = .seed) {
        self.fileName = fileName
        self.dialect = dialect
        self.bytes = Array(text.utf8)
        (self.lineStarts, self.scalarCounts) = Self.lines(of: bytes)
        self.origins = nil
    }

    /// Text after macro expansion: ``bytes`` are the expanded text, locations those of the original.
    init(fileName: String, expanded: ExpandedText, dialect: NotationDialect = .seed) {
        self.fileName = fileName
        self.dialect = dialect
        self.bytes = expanded.bytes
        (self.lineStarts, self.scalarCounts) = Self.lines(of: Array(expanded.original.utf8))
        self.origins = expanded.origins
    }

    /// The offsets where the lines of `bytes` start, and the scalar count before each byte.
    private static func lines(of bytes: [UInt8]) -> (lineStarts: [Int], scalarCounts: [Int]) {
        var starts = [0]
        var counts = [Int](repeating: 0, count: bytes.count + 1)
        var scalars = 0
        for (offset, byte) in bytes.enumerated() {
            counts[offset] = scalars
            if byte & 0xC0 != 0x80 { scalars += 1 }
            if byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        }
        counts[bytes.count] = scalars
        return (starts, counts)
    }

    /// The location of the byte at `offset` (clamped to the text).
    func location(at offset: Int) -> DocumentLocation {
        var offset = min(max(offset, 0), bytes.count)
        if let origins { offset = origins[offset] }
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let column = scalarCounts[offset] - scalarCounts[lineStarts[low]] + 1
        return DocumentLocation(file: fileName, line: low + 1, column: column)
    }

    /// The source range of the byte offsets `range`.
    func range(_ range: Range<Int>) -> DocumentRange {
        DocumentRange(start: location(at: range.lowerBound), end: location(at: range.upperBound))
    }

    /// The text of the byte offsets `range` (clamped to the text).
    func text(_ range: Range<Int>) -> String {
        let lower = min(max(range.lowerBound, 0), bytes.count)
        let upper = min(max(range.upperBound, lower), bytes.count)
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    /// The text of `range`, shortened to at most `limit` characters for messages.
    func excerpt(_ range: Range<Int>, limit: Int = 40) -> String {
        let whole = text(range)
        guard whole.count > limit else { return whole }
        return String(whole.prefix(limit)) + "…"
    }
}
