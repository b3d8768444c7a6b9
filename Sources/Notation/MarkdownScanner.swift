/// Finds the `$$ … $$` display blocks of a Markdown document, the headings, and the prose lines that
/// declare the `\partial` operator. Inline `$…$` math is skipped (except to read a declaration), as are
/// fenced code blocks and code spans.
struct MarkdownScanner {
    let source: SourceText
    private let bytes: [UInt8]

    private static let dollar = UInt8(ascii: "$")
    private static let backslash = UInt8(ascii: "\\")
    private static let backtick = UInt8(ascii: "`")
    private static let newline = UInt8(ascii: "\n")

    init(source: SourceText) {
        self.source = source
        self.bytes = source.bytes
    }

    /// The display blocks in order, and all headings.
    func scan() throws(NotationError) -> (segments: [Segment], headings: [Heading], parameters: [SymbolOccurrence]) {
        var state = ScanState()
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = endOfLine(from: lineStart)
            if let fence = state.fence {
                if let closing = TextLines.fence(in: bytes, lineStart..<lineEnd),
                   closing.marker == fence.marker, closing.length >= fence.length {
                    state.fence = nil
                }
                lineStart = lineEnd + 1
                continue
            }
            if let opening = TextLines.fence(in: bytes, lineStart..<lineEnd) {
                if TextLines.isMathFence(in: bytes, lineStart..<lineEnd, marker: opening.marker) {
                    lineStart = try scanMathFence(opening, openedAt: lineStart, from: lineEnd + 1, state: &state)
                    continue
                }
                state.fence = opening
                lineStart = lineEnd + 1
                continue
            }
            if let text = TextLines.headingText(in: bytes, lineStart..<lineEnd) {
                let heading = Heading(text: text, location: source.location(at: lineStart))
                state.headings.append(heading)
                state.heading = heading
                state.declaration = nil
                lineStart = lineEnd + 1
                continue
            }
            lineStart = try scanLine(from: lineStart, to: lineEnd, state: &state) + 1
        }
        return (state.segments, state.headings, state.parameters)
    }

    /// Scans prose from `start`; returns the end of the line where scanning stopped (a display block
    /// may carry the scan onto later lines).
    private func scanLine(from start: Int, to end: Int, state: inout ScanState) throws(NotationError) -> Int {
        var position = start
        var lineEnd = end
        var proseStart = start
        var declaresParameters = false
        var remarkDepth = 0
        while position < lineEnd {
            let c = bytes[position]
            if c == Self.backslash, let display = try displayDelimited(at: position) {
                state.segments.append(Segment(contentRange: display.content, openerOffset: position,
                                              heading: state.heading, declaration: state.declaration))
                position = display.end
                lineEnd = endOfLine(from: max(position - 1, start))
                proseStart = position
                continue
            }
            if c == Self.backslash { position += 2; continue }
            if c == Self.backtick { position = skipCodeSpan(at: position, lineEnd: lineEnd); continue }
            guard c == Self.dollar else { position += 1; continue }
            if position + 1 < bytes.count, bytes[position + 1] == Self.dollar {
                let close: Int
                switch displayClose(from: position + 2) {
                case .closed(let offset): close = offset
                case .blankLine(let offset):
                    let blank = source.location(at: offset)
                    throw NotationError(kind: .unterminatedDisplayMath, location: source.location(at: position),
                                        message: "unterminated display math: '$$' is not closed before the blank "
                                            + "line at \(blank.line):\(blank.column)",
                                        expected: "a closing '$$' (display math holds no blank line)")
                case .end:
                    throw NotationError(kind: .unterminatedDisplayMath, location: source.location(at: position),
                                        message: "unterminated display math: '$$' is never closed",
                                        expected: "a closing '$$'")
                }
                state.segments.append(Segment(contentRange: position + 2..<close, openerOffset: position,
                                              heading: state.heading, declaration: state.declaration))
                position = close + 2
                lineEnd = endOfLine(from: close)
                proseStart = position
                continue
            }
            guard let close = inlineClose(from: position + 1, lineEnd: lineEnd) else { position += 1; continue }
            if TextLines.contains(bytes, proseStart..<position, "denote the operator") {
                state.declaration = try declaration(math: position + 1..<close, line: lineRange(around: position))
            }
            if proseStart == start, source.dialect == .general,
               ParameterDeclaration.introducesParameters(bytes, start..<position) {
                declaresParameters = true
                remarkDepth = 0
            } else if declaresParameters, endsSentence(proseStart..<position) {
                // "The parameters are $u$ and $v$. The target is $t = (t_1, t_2)$": the list ended with its sentence.
                declaresParameters = false
            }
            if declaresParameters { remarkDepth += parenthesisBalance(proseStart..<position) }
            if declaresParameters, remarkDepth > 0 {
                // "$w_{ji}$ (a $3 \times 2$ array)": a remark about a parameter, not one.
            } else if declaresParameters {
                // "$\theta = \{W, b\}$ with $b \in \mathbb{R}$": a parameter named twice is declared once.
                for occurrence in try ParameterDeclaration.symbols(in: position + 1..<close, of: source)
                where !state.parameters.contains(where: { $0.symbol == occurrence.symbol }) {
                    state.parameters.append(occurrence)
                }
            } else if source.dialect == .general, holdsEquals(position + 1..<close) {
                var segment = Segment(contentRange: position + 1..<close, openerOffset: position,
                                      heading: state.heading, declaration: state.declaration)
                segment.isInline = true
                state.segments.append(segment)
            }
            position = close + 1
            proseStart = position  // the phrase must come between the previous math and this one
        }
        return lineEnd
    }

    /// The prose's '(' less its ')'.
    private func parenthesisBalance(_ prose: Range<Int>) -> Int {
        prose.reduce(0) { $0 + (bytes[$1] == UInt8(ascii: "(") ? 1 : bytes[$1] == UInt8(ascii: ")") ? -1 : 0) }
    }

    /// Whether the prose holds the end of a sentence: a '.', '!' or '?' before a space or a line break.
    private func endsSentence(_ prose: Range<Int>) -> Bool {
        prose.dropLast().contains { Self.sentenceEnders.contains(bytes[$0]) && Self.sentenceSpaces.contains(bytes[$0 + 1]) }
    }

    private static let sentenceEnders: Set<UInt8> = [UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?")]
    private static let sentenceSpaces: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\n")]

    /// Whether inline math may hold an equation: it has an `=` (or `\equiv`, `\triangleq`, …). Such math becomes an inline block when
    /// it reads; the model decides what its rows mean (a claim, a definition, or prose — see
    /// `DocumentModel`). Other inline math (`$x$`) is prose.
    private func holdsEquals(_ range: Range<Int>) -> Bool {
        TextLines.find("=", in: bytes, range) != nil
            || RowParser.definitionRelations.contains { TextLines.find("\\\($0)", in: bytes, range) != nil }
    }

    /// Environments that open display math by themselves in Markdown (MathJax and KaTeX read them
    /// without `$$`).
    static let displayEnvironments: [String] = [
        "align", "align*", "aligned", "equation", "equation*", "gather", "gather*", "eqnarray", "eqnarray*",
        "multline", "multline*", "split",
    ]

    /// Display math at a backslash: `\[ … \]` (the content between), or `\begin{align} … \end{align}`
    /// (the environment included, for the block reader to unwrap); the offset after it.
    private func displayDelimited(at offset: Int) throws(NotationError) -> (content: Range<Int>, end: Int)? {
        guard offset + 1 < bytes.count else { return nil }
        if bytes[offset + 1] == UInt8(ascii: "[") {
            guard let close = TextLines.find("\\]", in: bytes, offset + 2..<bytes.count) else {
                throw NotationError(kind: .unterminatedDisplayMath, location: source.location(at: offset),
                                    message: "unterminated display math: '\\[' is never closed",
                                    expected: "a closing '\\]'")
            }
            // Markdown also escapes brackets (`\[1\]`): without an '=' (or `\equiv`, …) it is prose, not an equation.
            guard holdsEquals(offset + 2..<close) else { return nil }
            return (offset + 2..<close, close + 2)
        }
        for name in Self.displayEnvironments where TextLines.hasPrefix("\\end{\(name)}", in: bytes, at: offset) {
            // Rows between a closed environment and a stray \end would silently be prose.
            throw NotationError(kind: .unbalancedGroup, location: source.location(at: offset),
                                message: "unbalanced group: '\\end{\(name)}' without '\\begin{\(name)}'",
                                expected: "'\\begin{\(name)}' before it, or no '\\end{\(name)}'")
        }
        for name in Self.displayEnvironments {
            let opener = "\\begin{\(name)}"
            guard TextLines.hasPrefix(opener, in: bytes, at: offset) else { continue }
            let closer = "\\end{\(name)}"
            guard let close = TextLines.find(closer, in: bytes, offset + opener.utf8.count..<bytes.count) else {
                throw NotationError(kind: .unterminatedDisplayMath, location: source.location(at: offset),
                                    message: "unterminated display math: '\(opener)' is never closed",
                                    expected: "'\(closer)'")
            }
            let end = close + closer.utf8.count
            return (offset..<end, end)
        }
        return nil
    }

    /// A fenced ```` ```math ```` block (GitHub, GitLab): its lines are one display block. Returns
    /// where scanning resumes.
    private func scanMathFence(_ fence: (marker: UInt8, length: Int), openedAt opener: Int, from start: Int,
                               state: inout ScanState) throws(NotationError) -> Int {
        var lineStart = start
        while lineStart < bytes.count {
            let lineEnd = endOfLine(from: lineStart)
            if let closing = TextLines.fence(in: bytes, lineStart..<lineEnd),
               closing.marker == fence.marker, closing.length >= fence.length {
                if lineStart > start {
                    state.segments.append(Segment(contentRange: start..<lineStart, openerOffset: start,
                                                  heading: state.heading, declaration: state.declaration))
                }
                return lineEnd + 1
            }
            lineStart = lineEnd + 1
        }
        throw NotationError(kind: .unterminatedDisplayMath, location: source.location(at: opener),
                            message: "unterminated display math: the ```math block is never closed",
                            expected: "a closing fence")
    }

    private func declaration(math: Range<Int>, line: Range<Int>) throws(NotationError) -> OperatorDeclaration {
        var lexer = Lexer(source: source, range: math)
        let tokens = try lexer.tokenize()
        var parser = ExpressionParser(source: source, tokens: tokens, endOffset: math.upperBound)
        let parameter = try parser.parseOperatorDeclaration()
        let text = source.text(line).trimmingSpaces
        return OperatorDeclaration(parameter: parameter, text: text, location: source.location(at: math.lowerBound))
    }

    /// The physical line containing `offset`.
    private func lineRange(around offset: Int) -> Range<Int> {
        var start = offset
        while start > 0, bytes[start - 1] != Self.newline { start -= 1 }
        return start..<endOfLine(from: offset)
    }

    private func endOfLine(from offset: Int) -> Int {
        var position = offset
        while position < bytes.count, bytes[position] != Self.newline { position += 1 }
        return position
    }

    /// The offset of the `$$` closing a display block whose content starts at `offset`.
    /// How a `$$` block whose content starts at `offset` ends: at its closing `$$`, at a blank line
    /// (Markdown ends a paragraph there, so the `$$` was never closed), or at the end of the text.
    private enum DisplayEnd { case closed(Int), blankLine(Int), end }

    private func displayClose(from offset: Int) -> DisplayEnd {
        var position = offset
        while position < bytes.count {
            let c = bytes[position]
            if c == Self.backslash { position += 2; continue }
            if c == Self.dollar, position + 1 < bytes.count, bytes[position + 1] == Self.dollar { return .closed(position) }
            if c == Self.newline {
                var next = position + 1
                while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 || bytes[next] == 0x0D { next += 1 }
                if next < bytes.count, bytes[next] == Self.newline { return .blankLine(next) }
            }
            position += 1
        }
        return .end
    }

    /// The offset of the `$` closing inline math on this line; nil if there is none before a `$$`.
    private func inlineClose(from offset: Int, lineEnd: Int) -> Int? {
        var position = offset
        while position < lineEnd {
            let c = bytes[position]
            if c == Self.backslash { position += 2; continue }
            if c == Self.dollar {
                if position + 1 < bytes.count, bytes[position + 1] == Self.dollar { return nil }
                return position
            }
            position += 1
        }
        return nil
    }

    /// Skips a code span opened by the backtick run at `offset` (same line only).
    private func skipCodeSpan(at offset: Int, lineEnd: Int) -> Int {
        var runEnd = offset
        while runEnd < lineEnd, bytes[runEnd] == Self.backtick { runEnd += 1 }
        let length = runEnd - offset
        var position = runEnd
        while position < lineEnd {
            guard bytes[position] == Self.backtick else { position += 1; continue }
            var closeEnd = position
            while closeEnd < lineEnd, bytes[closeEnd] == Self.backtick { closeEnd += 1 }
            if closeEnd - position == length { return closeEnd }
            position = closeEnd
        }
        return runEnd
    }
}

/// What the Markdown scan has found so far.
private struct ScanState {
    var segments: [Segment] = []
    var headings: [Heading] = []
    var heading: Heading?
    var declaration: OperatorDeclaration?
    var fence: (marker: UInt8, length: Int)?
    var parameters: [SymbolOccurrence] = []
}

/// Line-level recognizers shared by the Markdown and `.tex` readers.
enum TextLines {
    /// A code fence (three or more backticks or tildes, indented at most three spaces).
    static func fence(in bytes: [UInt8], _ line: Range<Int>) -> (marker: UInt8, length: Int)? {
        var position = line.lowerBound
        while position < line.upperBound, bytes[position] == 0x20, position - line.lowerBound < 3 { position += 1 }
        guard position < line.upperBound else { return nil }
        let marker = bytes[position]
        guard marker == UInt8(ascii: "`") || marker == UInt8(ascii: "~") else { return nil }
        var end = position
        while end < line.upperBound, bytes[end] == marker { end += 1 }
        return end - position >= 3 ? (marker, end - position) : nil
    }

    /// Whether a fence line opens a ```` ```math ```` block (its info string is `math`).
    static func isMathFence(in bytes: [UInt8], _ line: Range<Int>, marker: UInt8) -> Bool {
        let text = String(decoding: bytes[line], as: UTF8.self).trimmingSpaces
        let info = String(text.drop { $0 == Character(UnicodeScalar(marker)) }).trimmingSpaces
        return info == "math"
    }

    /// Whether `pattern` starts at `offset`.
    static func hasPrefix(_ pattern: String, in bytes: [UInt8], at offset: Int) -> Bool {
        let needle = Array(pattern.utf8)
        return offset + needle.count <= bytes.count && bytes[offset..<offset + needle.count].elementsEqual(needle)
    }

    /// The text of a heading line: `# Title` (ATX), or a numbered title such as `2.1 Partial derivative`.
    static func headingText(in bytes: [UInt8], _ line: Range<Int>) -> String? {
        guard let first = bytes[line].first(where: { $0 != 0x20 && $0 != 0x09 }),
              first == UInt8(ascii: "#") || Lexer.isDigit(first) else { return nil }
        let text = String(decoding: bytes[line], as: UTF8.self).trimmingSpaces
        guard !text.isEmpty, text.unicodeScalars.count <= 100, !text.contains("$$") else { return nil }
        if text.hasPrefix("#") {
            let marks = text.prefix { $0 == "#" }
            let rest = text.dropFirst(marks.count)
            guard marks.count <= 6, rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
            let title = String(rest).trimmingSpaces
            let withoutClosing = String(title.reversed().drop { $0 == "#" }.reversed()).trimmingSpaces
            return withoutClosing.isEmpty ? nil : withoutClosing
        }
        return isNumberedTitle(text) ? text : nil
    }

    /// `1 The Model`, `2.1 Partial derivative w.r.t w_{10}`: numbers of at most three digits joined by
    /// dots, a space, then a letter; not ending in `:` (which introduces a formula). `1. Item` is an
    /// ordered-list item, not a heading.
    static func isNumberedTitle(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var position = 0
        while true {
            let groupStart = position
            while position < scalars.count, ("0"..."9").contains(scalars[position]) { position += 1 }
            guard (1...3).contains(position - groupStart) else { return false }
            guard position + 1 < scalars.count, scalars[position] == ".",
                  ("0"..."9").contains(scalars[position + 1]) else { break }
            position += 1
        }
        guard position < scalars.count, scalars[position] == " " || scalars[position] == "\t" else { return false }
        let title = scalars[position...].drop { $0 == " " || $0 == "\t" }
        guard let first = title.first, first.properties.isAlphabetic else { return false }
        return text.last != ":"
    }

    /// Whether `bytes[range]` contains `phrase`, ignoring ASCII case.
    static func contains(_ bytes: [UInt8], _ range: Range<Int>, _ phrase: String) -> Bool {
        let needle = Array(phrase.lowercased().utf8)
        guard !needle.isEmpty, range.count >= needle.count else { return false }
        var start = range.lowerBound
        while start + needle.count <= range.upperBound {
            var matched = true
            for (offset, expected) in needle.enumerated() where lowercased(bytes[start + offset]) != expected {
                matched = false
                break
            }
            if matched { return true }
            start += 1
        }
        return false
    }

    /// The offset of the first `pattern` in `bytes[range]`.
    static func find(_ pattern: String, in bytes: [UInt8], _ range: Range<Int>) -> Int? {
        let needle = Array(pattern.utf8)
        guard !needle.isEmpty else { return nil }
        var start = range.lowerBound
        while start + needle.count <= range.upperBound {
            if bytes[start..<start + needle.count].elementsEqual(needle) { return start }
            start += 1
        }
        return nil
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and carriage returns.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
