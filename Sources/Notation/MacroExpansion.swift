/// The author's own macros, expanded before anything else reads the text: `\newcommand`,
/// `\renewcommand`, `\providecommand` (with or without `*`, with or without `[n]` arguments), `\def` with
/// undelimited arguments `#1#2`, and `\DeclareMathOperator{\sech}{sech}` (`\operatorname{sech}`).
///
///     \newcommand{\pd}[2]{\frac{\partial #1}{\partial #2}}
///     \pd{E_n}{w_{kj}}   →   \frac{\partial E_n}{\partial w_{kj}}
///
/// Each definition is blanked (spaces, newlines kept) and every later use is replaced by the body with
/// its arguments substituted, expanded again until no user macro is left. The expanded text keeps, for
/// each of its bytes, the offset in the original text it comes from (``ExpandedText/origins``): an
/// argument's bytes point where the argument was written, the body's bytes to the macro's use, so every
/// location the reader reports is in the file as written.
///
/// What cannot be read soundly is refused with its location: an optional argument `[2][x]`, a delimited
/// `\def` parameter (`\def\f#1.{…}`), an argument missing at a use, a definition nested too deep.
enum MacroExpansion {
    /// A macro: its number of arguments, its body's bytes, and where its definition ends (it applies after).
    struct Macro: Sendable {
        var arity: Int
        var body: [UInt8]
        var definedBefore: Int
    }

    /// How deep macros may expand inside macros (`\def\a{\a}` is refused, not looped).
    static let maximumDepth = 32
    /// Output allowed per byte of input (plus a constant): bounds hostile exponential bodies.
    static let maximumGrowth = 16

    /// The text with its macros expanded, or nil if it defines none. `comments`: whether `%` starts a
    /// comment (LaTeX) — definitions and uses inside one are not read.
    static func expand(_ text: String, fileName: String, comments: Bool) throws(NotationError) -> ExpandedText? {
        let original = SourceText(fileName: fileName, text: text)
        var reader = DefinitionReader(source: original, comments: comments)
        let (macros, blanked) = try reader.readDefinitions()
        guard !macros.isEmpty else { return nil }
        var expander = Expander(source: original, macros: macros, comments: comments,
                                limit: maximumGrowth * blanked.count + (1 << 20))
        let (bytes, origins) = try expander.expand(blanked, origins: Array(0...blanked.count), depth: 0)
        return ExpandedText(bytes: bytes, origins: origins, original: text)
    }
}

/// Text after macro expansion, with the original offset of each byte (one more entry for the end).
struct ExpandedText: Sendable {
    var bytes: [UInt8]
    /// `origins[i]`: where byte `i` comes from in ``original``; `origins[bytes.count]` is the end.
    var origins: [Int]
    /// The text as written.
    var original: String
}

/// Byte-level helpers shared by the definition reader and the expander.
private enum TeXBytes {
    static let backslash = UInt8(ascii: "\\")
    static let open = UInt8(ascii: "{")
    static let close = UInt8(ascii: "}")
    static let hash = UInt8(ascii: "#")
    static let percent = UInt8(ascii: "%")
    static let newline = UInt8(ascii: "\n")

    /// The end of the control sequence starting with the backslash at `start`: letters, or one byte.
    static func controlSequenceEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var end = start + 1
        guard end < bytes.count else { return end }
        if Lexer.isLetter(bytes[end]) {
            while end < bytes.count, Lexer.isLetter(bytes[end]) { end += 1 }
            return end
        }
        return end + 1
    }

    /// The offset just past the `}` closing the `{` at `start`, or nil if it is never closed.
    static func groupEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var depth = 0
        var position = start
        while position < bytes.count {
            let c = bytes[position]
            if c == backslash { position += 2; continue }
            if c == open { depth += 1 }
            if c == close {
                depth -= 1
                if depth == 0 { return position + 1 }
            }
            position += 1
        }
        return nil
    }

    /// The first offset from `position` that is not a space or a newline.
    static func skipSpaces(_ bytes: [UInt8], from position: Int) -> Int {
        var position = position
        while position < bytes.count, Lexer.isSpace(bytes[position]), bytes[position] != UInt8(ascii: "~") { position += 1 }
        return position
    }

    /// The end of the `%` comment at `position` (its newline, not included).
    static func commentEnd(_ bytes: [UInt8], from position: Int) -> Int {
        var end = position
        while end < bytes.count, bytes[end] != newline { end += 1 }
        return end
    }
}

/// Finds the definitions of a text, reads them into ``MacroExpansion/Macro``s and blanks them.
private struct DefinitionReader {
    let source: SourceText
    let comments: Bool
    private var bytes: [UInt8]

    init(source: SourceText, comments: Bool) {
        self.source = source
        self.comments = comments
        self.bytes = source.bytes
    }

    static let commandForms: Set<String> = ["newcommand", "renewcommand", "providecommand"]

    /// The macros by name, and the text with every definition blanked.
    mutating func readDefinitions() throws(NotationError) -> ([String: MacroExpansion.Macro], [UInt8]) {
        var macros: [String: MacroExpansion.Macro] = [:]
        var position = 0
        while position < bytes.count {
            let c = bytes[position]
            if comments, c == TeXBytes.percent { position = TeXBytes.commentEnd(bytes, from: position); continue }
            guard c == TeXBytes.backslash else { position += 1; continue }
            let nameEnd = TeXBytes.controlSequenceEnd(bytes, from: position)
            let command = source.text(position + 1..<nameEnd)
            guard let (name, macro) = try definition(command, at: position, after: nameEnd) else {
                position = nameEnd
                continue
            }
            macros[name] = macro
            blank(position..<macro.definedBefore)
            position = macro.definedBefore
        }
        return (macros, bytes)
    }

    /// The macro `\command` defines at `start` (its name, without the backslash), or nil if it defines none.
    private func definition(_ command: String, at start: Int,
                            after nameEnd: Int) throws(NotationError) -> (String, MacroExpansion.Macro)? {
        if Self.commandForms.contains(command) { return try newCommand(at: start, after: nameEnd) }
        if command == "def" { return try def(at: start, after: nameEnd) }
        if command == "DeclareMathOperator" { return try mathOperator(at: start, after: nameEnd) }
        return nil
    }

    /// `\newcommand{\name}[n]{body}` (also `\newcommand*`, `\newcommand\name`).
    private func newCommand(at start: Int, after nameEnd: Int) throws(NotationError) -> (String, MacroExpansion.Macro) {
        var position = skipStar(TeXBytes.skipSpaces(bytes, from: nameEnd))
        let (name, afterName) = try macroName(at: position, definition: start)
        position = TeXBytes.skipSpaces(bytes, from: afterName)
        var arity = 0
        if position < bytes.count, bytes[position] == UInt8(ascii: "[") {
            (arity, position) = try argumentCount(at: position, definition: start)
            position = TeXBytes.skipSpaces(bytes, from: position)
            if position < bytes.count, bytes[position] == UInt8(ascii: "[") {
                throw refusal(at: position, "a macro with an optional argument", expected: "'\\newcommand{\\name}[n]{…}'")
            }
        }
        let (body, end) = try body(at: position, definition: start)
        return (name, MacroExpansion.Macro(arity: arity, body: body, definedBefore: end))
    }

    /// `\def\name#1#2{body}`: undelimited arguments only.
    private func def(at start: Int, after nameEnd: Int) throws(NotationError) -> (String, MacroExpansion.Macro) {
        let (name, afterName) = try macroName(at: TeXBytes.skipSpaces(bytes, from: nameEnd), definition: start)
        var position = afterName
        var arity = 0
        while position + 1 < bytes.count, bytes[position] == TeXBytes.hash,
              bytes[position + 1] == UInt8(ascii: "1") + UInt8(arity) {
            arity += 1
            position += 2
        }
        guard position < bytes.count, bytes[position] == TeXBytes.open else {
            throw refusal(at: position, "a '\\def' with delimited or unnumbered parameters",
                          expected: "'\\def\\name#1#2{…}'")
        }
        let (body, end) = try body(at: position, definition: start)
        return (name, MacroExpansion.Macro(arity: arity, body: body, definedBefore: end))
    }

    /// `\DeclareMathOperator{\sech}{sech}` (or `*`): `\sech` is `\operatorname{sech}`.
    private func mathOperator(at start: Int, after nameEnd: Int) throws(NotationError) -> (String, MacroExpansion.Macro) {
        let position = skipStar(TeXBytes.skipSpaces(bytes, from: nameEnd))
        let (name, afterName) = try macroName(at: position, definition: start)
        let (text, end) = try body(at: TeXBytes.skipSpaces(bytes, from: afterName), definition: start)
        let body = Array("\\operatorname{".utf8) + text + [TeXBytes.close]
        return (name, MacroExpansion.Macro(arity: 0, body: body, definedBefore: end))
    }

    private func skipStar(_ position: Int) -> Int {
        position < bytes.count && bytes[position] == UInt8(ascii: "*") ? TeXBytes.skipSpaces(bytes, from: position + 1) : position
    }

    /// `\name` or `{\name}` at `position`: the name without its backslash, and the offset after it.
    private func macroName(at position: Int, definition: Int) throws(NotationError) -> (String, Int) {
        let braced = position < bytes.count && bytes[position] == TeXBytes.open
        let start = braced ? TeXBytes.skipSpaces(bytes, from: position + 1) : position
        guard start < bytes.count, bytes[start] == TeXBytes.backslash else {
            throw refusal(at: definition, "a definition without a '\\name'", expected: "'\\newcommand{\\name}{…}'")
        }
        let end = TeXBytes.controlSequenceEnd(bytes, from: start)
        let name = source.text(start + 1..<end)
        guard braced else { return (name, end) }
        let close = TeXBytes.skipSpaces(bytes, from: end)
        guard close < bytes.count, bytes[close] == TeXBytes.close else {
            throw refusal(at: definition, "a definition whose name is not one '\\name'", expected: "'{\\name}'")
        }
        return (name, close + 1)
    }

    /// `[n]` at `position`, n from 0 to 9: n and the offset after `]`.
    private func argumentCount(at position: Int, definition: Int) throws(NotationError) -> (Int, Int) {
        let digit = TeXBytes.skipSpaces(bytes, from: position + 1)
        let close = TeXBytes.skipSpaces(bytes, from: digit + 1)
        guard close < bytes.count, Lexer.isDigit(bytes[digit]), bytes[close] == UInt8(ascii: "]") else {
            throw refusal(at: position, "a malformed argument count", expected: "'[n]' with n from 0 to 9")
        }
        return (Int(bytes[digit] - UInt8(ascii: "0")), close + 1)
    }

    /// The braced body at `position` (its bytes, newlines as spaces) and the offset after its `}`.
    private func body(at position: Int, definition: Int) throws(NotationError) -> ([UInt8], Int) {
        guard position < bytes.count, bytes[position] == TeXBytes.open else {
            throw refusal(at: definition, "a definition without a braced body", expected: "'{…}'")
        }
        guard let end = TeXBytes.groupEnd(bytes, from: position) else {
            throw NotationError(kind: .unbalancedGroup, location: source.location(at: position),
                                message: "unbalanced group: the '{' of a definition is never closed", expected: "'}'")
        }
        let body = bytes[(position + 1)..<(end - 1)].map { $0 == TeXBytes.newline ? UInt8(ascii: " ") : $0 }
        return (body, end)
    }

    private mutating func blank(_ range: Range<Int>) {
        for k in range where bytes[k] != TeXBytes.newline { bytes[k] = UInt8(ascii: " ") }
    }

    private func refusal(at offset: Int, _ what: String, expected: String) -> NotationError {
        NotationError(kind: .unsupportedLaTeX, location: source.location(at: offset),
                      message: "\(what) is not read", expected: expected)
    }
}

/// Replaces every use of a user macro by its body, arguments substituted, until none is left.
private struct Expander {
    let source: SourceText
    let macros: [String: MacroExpansion.Macro]
    let comments: Bool
    /// The most bytes the expansion may produce.
    let limit: Int
    private var produced = 0

    init(source: SourceText, macros: [String: MacroExpansion.Macro], comments: Bool, limit: Int) {
        self.source = source
        self.macros = macros
        self.comments = comments
        self.limit = limit
    }

    /// `bytes` (with `origins`, one more than the bytes) with every macro use expanded.
    mutating func expand(_ bytes: [UInt8], origins: [Int],
                         depth: Int) throws(NotationError) -> ([UInt8], [Int]) {
        var output: [UInt8] = []
        var outputOrigins: [Int] = []
        output.reserveCapacity(bytes.count)
        var position = 0
        while position < bytes.count {
            let c = bytes[position]
            if comments, c == TeXBytes.percent {
                let end = TeXBytes.commentEnd(bytes, from: position)
                output += bytes[position..<end]
                outputOrigins += origins[position..<end]
                position = end
                continue
            }
            guard c == TeXBytes.backslash else {
                output.append(c)
                outputOrigins.append(origins[position])
                position += 1
                continue
            }
            let nameEnd = TeXBytes.controlSequenceEnd(bytes, from: position)
            let name = String(decoding: bytes[(position + 1)..<min(nameEnd, bytes.count)], as: UTF8.self)
            guard let macro = macros[name], origins[position] >= macro.definedBefore else {
                output += bytes[position..<min(nameEnd, bytes.count)]
                outputOrigins += origins[position..<min(nameEnd, bytes.count)]
                position = nameEnd
                continue
            }
            let (expansion, expansionOrigins, end) = try use(macro, name: name, in: bytes, origins: origins,
                                                             at: position, after: nameEnd, depth: depth)
            output += expansion
            outputOrigins += expansionOrigins
            position = end
        }
        outputOrigins.append(origins[bytes.count])
        return (output, outputOrigins)
    }

    /// The expansion of the use of `macro` at `start`, and the offset after its last argument.
    private mutating func use(_ macro: MacroExpansion.Macro, name: String, in bytes: [UInt8], origins: [Int],
                              at start: Int, after nameEnd: Int,
                              depth: Int) throws(NotationError) -> ([UInt8], [Int], Int) {
        let location = source.location(at: origins[start])
        guard depth < MacroExpansion.maximumDepth else {
            throw NotationError(kind: .nestingTooDeep, location: location,
                                message: "macros expand deeper than \(MacroExpansion.maximumDepth) levels",
                                expected: "a macro that does not expand into itself")
        }
        var arguments: [Range<Int>] = []
        var position = nameEnd
        for _ in 0..<macro.arity {
            guard let argument = Self.argument(in: bytes, at: position) else {
                throw NotationError(kind: .unexpectedInput, location: location,
                                    message: "'\\\(name)' with fewer than \(macro.arity) arguments",
                                    expected: "\(macro.arity) braced arguments")
            }
            arguments.append(argument.content)
            position = argument.end
        }
        let (body, bodyOrigins) = substitute(macro.body, arguments, bytes: bytes, origins: origins,
                                             useOrigin: origins[start])
        produced += body.count
        guard produced <= limit else {
            throw NotationError(kind: .nestingTooDeep, location: location,
                                message: "macros expand to more than \(limit) bytes", expected: "smaller macros")
        }
        var sentinel = bodyOrigins
        sentinel.append(origins[min(position, bytes.count)])
        let (expanded, expandedOrigins) = try expand(body, origins: sentinel, depth: depth + 1)
        return (expanded, Array(expandedOrigins.dropLast()), position)
    }

    /// Tokens that end or structure the math around a use and so are never an argument.
    private static let structural: Set<String> = ["}", "$", "&", "#", "%", "^", "_", "\\]", "\\)", "\\\\", "\\end", "\\begin"]

    /// The argument at `position` (spaces skipped): a braced group's content or one token; nil if there
    /// is none (the math ends, or a `}`, `&`, `$`, `\\]` … follows).
    private static func argument(in bytes: [UInt8], at position: Int) -> (content: Range<Int>, end: Int)? {
        let start = TeXBytes.skipSpaces(bytes, from: position)
        guard start < bytes.count else { return nil }
        let tokenEnd = bytes[start] == TeXBytes.backslash ? min(TeXBytes.controlSequenceEnd(bytes, from: start), bytes.count) : start + 1
        guard !structural.contains(String(decoding: bytes[start..<tokenEnd], as: UTF8.self)) else { return nil }
        if bytes[start] == TeXBytes.open {
            guard let end = TeXBytes.groupEnd(bytes, from: start) else { return nil }
            return ((start + 1)..<(end - 1), end)
        }
        var end = bytes[start] == TeXBytes.backslash ? min(TeXBytes.controlSequenceEnd(bytes, from: start), bytes.count)
                                                      : start + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }  // a whole UTF-8 scalar
        return (start..<end, end)
    }

    /// The body with `#k` replaced by argument k (its bytes keep their origins; the body's own bytes
    /// take the use's) and `##` by `#`.
    private func substitute(_ body: [UInt8], _ arguments: [Range<Int>], bytes: [UInt8], origins: [Int],
                            useOrigin: Int) -> ([UInt8], [Int]) {
        var output: [UInt8] = []
        var outputOrigins: [Int] = []
        var k = 0
        while k < body.count {
            if body[k] == TeXBytes.hash, k + 1 < body.count {
                let next = body[k + 1]
                if next == TeXBytes.hash {
                    output.append(TeXBytes.hash)
                    outputOrigins.append(useOrigin)
                    k += 2
                    continue
                }
                // `#1`…`#9`; `#0` (no argument of TeX's) stays as written and is refused where it is read.
                if Lexer.isDigit(next), case let index = Int(next) - Int(UInt8(ascii: "1")), arguments.indices.contains(index) {
                    output += bytes[arguments[index]]
                    outputOrigins += origins[arguments[index]]
                    k += 2
                    continue
                }
            }
            output.append(body[k])
            outputOrigins.append(useOrigin)
            k += 1
        }
        return (output, outputOrigins)
    }
}
