/// Splits LaTeX math into ``Token``s. Works on the UTF-8 bytes of the whole file so token offsets are
/// file offsets; never fails on unknown characters (they become ``TokenKind/other`` for the parser
/// to report), only on malformed `\text{…}`, `\begin{…}` and `\end{…}`.
struct Lexer {
    private let source: SourceText
    private let bytes: [UInt8]
    private var position: Int
    private let end: Int

    /// Commands that only add space and are dropped.
    static let spacingCommands: Set<String> = [
        "quad", "qquad", "enspace", "thinspace", "medspace", "thickspace", "negthinspace",
        "negmedspace", "negthickspace", "displaystyle", "textstyle", "nonumber", "notag",
        ",", ";", "!", ":", ">", " ", "\t", "\n", "\r",
    ]

    /// Delimiter sizes, dropped in the general notation: `\big(` is `(`.
    static let sizeCommands: Set<String> = [
        "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
        "bigm", "Bigm", "limits",
    ]

    /// Commands whose braced argument is dropped with them in the general notation: `\tag{3}`, `\label{…}`.
    static let labelCommands: Set<String> = ["tag", "label", "eqref"]

    /// Commands whose braced argument is prose.
    static let textCommands: Set<String> = ["text", "textrm", "textit", "textbf", "textnormal", "mbox"]

    init(source: SourceText, range: Range<Int>) {
        self.source = source
        self.bytes = source.bytes
        self.position = max(0, range.lowerBound)
        self.end = min(range.upperBound, source.bytes.count)
    }


    private func byte(at offset: Int) -> UInt8? { offset < end && offset >= 0 ? bytes[offset] : nil }

    /// All tokens of the range.
    mutating func tokenize() throws(NotationError) -> [Token] {
        var tokens: [Token] = []
        while let token = try next() { tokens.append(token) }
        return tokens
    }

    private mutating func next() throws(NotationError) -> Token? {
        while let c = byte(at: position) {
            let start = position
            if Self.isSpace(c) { position += 1; continue }
            if c == 0xC2, byte(at: position + 1) == 0xA0 { position += 2; continue }  // no-break space
            if c == UInt8(ascii: "%") { skipComment(); continue }
            if c == UInt8(ascii: "\\") {
                if let token = try lexControlSequence() { return token }
                continue
            }
            if Self.isLetter(c) {
                position += 1
                return Token(kind: .letter(c), range: start..<position)
            }
            if Self.isDigit(c) { return lexNumber() }
            if c < 0x80 && c > 0x20 && c != 0x7F {
                position += 1
                return Token(kind: .punct(c), range: start..<position)
            }
            position = scalarEnd(from: position)
            return Token(kind: .other, range: start..<position)
        }
        return nil
    }

    static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C || c == UInt8(ascii: "~")
    }

    static func isLetter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    /// The offset after the UTF-8 sequence starting at `offset` (at least one byte).
    private func scalarEnd(from offset: Int) -> Int {
        var next = offset + 1
        while let c = byte(at: next), c & 0xC0 == 0x80, next - offset < 4 { next += 1 }
        return next
    }

    private mutating func skipComment() {
        while let c = byte(at: position), c != UInt8(ascii: "\n") { position += 1 }
    }

    private mutating func lexNumber() -> Token {
        let start = position
        while let c = byte(at: position), Self.isDigit(c) { position += 1 }
        if byte(at: position) == UInt8(ascii: "."), let d = byte(at: position + 1), Self.isDigit(d) {
            position += 1
            while let c = byte(at: position), Self.isDigit(c) { position += 1 }
        }
        return Token(kind: .number(source.text(start..<position)), range: start..<position)
    }

    /// Lexes `\…` at `position`; nil for spacing that produces no token.
    private mutating func lexControlSequence() throws(NotationError) -> Token? {
        let start = position
        position += 1
        guard let c = byte(at: position) else {
            return Token(kind: .other, range: start..<position)
        }
        if c == UInt8(ascii: "\\") {
            position += 1
            skipRowSpacing()
            return Token(kind: .rowSeparator, range: start..<position)
        }
        let name: String
        if Self.isLetter(c) {
            let nameStart = position
            while let l = byte(at: position), Self.isLetter(l) { position += 1 }
            name = source.text(nameStart..<position)
        } else {
            let nameStart = position
            position = scalarEnd(from: position)
            name = source.text(nameStart..<position)
        }
        if Self.spacingCommands.contains(name) { return nil }
        if source.dialect == .general, Self.sizeCommands.contains(name) {
            // `\Big(` is `(`, written from the `\Big`: the row's LaTeX and its ranges keep the size.
            guard var delimiter = try next() else { return nil }
            delimiter.range = start..<delimiter.end
            return delimiter
        }
        if source.dialect == .general, Self.labelCommands.contains(name) {
            if byte(at: position) == UInt8(ascii: "*") { position += 1 }
            _ = try lexTextArgument(commandStart: start, command: name)
            return nil
        }
        switch name {
        case "left": return Token(kind: .left(lexDelimiter()), range: start..<position)
        case "right": return Token(kind: .right(lexDelimiter()), range: start..<position)
        case "begin", "end":
            let environment = try lexEnvironmentName(commandStart: start, command: name)
            let kind: TokenKind = name == "begin" ? .begin(environment) : .end(environment)
            return Token(kind: kind, range: start..<position)
        default:
            if Self.textCommands.contains(name) {
                let text = try lexTextArgument(commandStart: start, command: name)
                return Token(kind: .text(text), range: start..<position)
            }
            return Token(kind: .command(name), range: start..<position)
        }
    }

    /// Skips `[2pt]` right after `\\`.
    private mutating func skipRowSpacing() {
        guard byte(at: position) == UInt8(ascii: "[") else { return }
        var probe = position + 1
        while let c = byte(at: probe), probe - position < 24 {
            if c == UInt8(ascii: "]") { position = probe + 1; return }
            let allowed = Self.isDigit(c) || Self.isLetter(c) || c == UInt8(ascii: ".")
                || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == 0x20
            guard allowed else { return }
            probe += 1
        }
    }

    private mutating func skipSpaces() {
        while let c = byte(at: position), Self.isSpace(c), c != UInt8(ascii: "~") { position += 1 }
    }

    /// The delimiter after `\left`/`\right`, normalized; empty if there is none.
    private mutating func lexDelimiter() -> String {
        skipSpaces()
        guard let c = byte(at: position) else { return "" }
        if c == UInt8(ascii: "\\") {
            guard let d = byte(at: position + 1) else { return "" }
            if Self.isLetter(d) {
                var probe = position + 1
                while let l = byte(at: probe), Self.isLetter(l) { probe += 1 }
                let name = source.text(position + 1..<probe)
                let normalized: [String: String] = [
                    "lbrace": "\\{", "rbrace": "\\}", "langle": "\\langle", "rangle": "\\rangle",
                    "vert": "|", "Vert": "\\|", "lbrack": "[", "rbrack": "]",
                ]
                guard let delimiter = normalized[name] else { return "" }
                position = probe
                return delimiter
            }
            guard d == UInt8(ascii: "{") || d == UInt8(ascii: "}") || d == UInt8(ascii: "|") else { return "" }
            position += 2
            return "\\" + String(UnicodeScalar(d))
        }
        let delimiters: Set<UInt8> = Set("()[]|./<>".utf8)
        guard delimiters.contains(c) else { return "" }
        position += 1
        return String(UnicodeScalar(c))
    }

    /// Reads `{name}` after `\begin` or `\end`.
    private mutating func lexEnvironmentName(commandStart: Int, command: String) throws(NotationError) -> String {
        skipSpaces()
        let failure = NotationError(
            kind: .unexpectedInput, location: source.location(at: commandStart),
            message: "malformed '\\\(command)'", expected: "'\\\(command){aligned}'")
        guard byte(at: position) == UInt8(ascii: "{") else { throw failure }
        var probe = position + 1
        while let c = byte(at: probe), Self.isLetter(c) || c == UInt8(ascii: "*") { probe += 1 }
        guard probe > position + 1, byte(at: probe) == UInt8(ascii: "}") else { throw failure }
        let name = source.text(position + 1..<probe)
        position = probe + 1
        return name
    }

    /// Reads the balanced `{…}` argument of a text command and returns its contents.
    private mutating func lexTextArgument(commandStart: Int, command: String) throws(NotationError) -> String {
        skipSpaces()
        guard byte(at: position) == UInt8(ascii: "{") else {
            throw NotationError(
                kind: .unexpectedInput, location: source.location(at: commandStart),
                message: "'\\\(command)' without an argument", expected: "'\\\(command){…}'")
        }
        let open = position
        var depth = 0
        while let c = byte(at: position) {
            if c == UInt8(ascii: "\\") { position = min(position + 2, end); continue }
            if c == UInt8(ascii: "{") { depth += 1 }
            if c == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 {
                    position += 1
                    return source.text(open + 1..<position - 1)
                }
            }
            position += 1
        }
        throw NotationError(
            kind: .unbalancedGroup, location: source.location(at: open),
            message: "unbalanced group: the '{' of '\\\(command)' is never closed", expected: "'}'")
    }
}
