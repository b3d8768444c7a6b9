/// Finds the blocks of a bare `.tex` fragment: each `\begin{…}` … `\end{…}` environment, and each
/// paragraph of rows outside environments (paragraphs end at blank lines).
///
/// Comment lines carry what a Markdown document says in prose:
///
///     % section: 2.1 Partial derivative w.r.t w_{10}
///     % with respect to: w_{10}
///
/// (`% with respect to:` also accepts `\frac{\partial}{\partial w_{10}}`). A section comment starts a
/// new section and clears the declaration.
struct TexScanner {
    let source: SourceText
    private let bytes: [UInt8]

    init(source: SourceText) {
        self.source = source
        self.bytes = source.bytes
    }

    func scan() throws(NotationError) -> (segments: [Segment], headings: [Heading], parameters: [SymbolOccurrence]) {
        var segments: [Segment] = []
        var headings: [Heading] = []
        var heading: Heading?
        var declaration: OperatorDeclaration?
        var paragraphStart: Int?
        var paragraphEnd = 0
        var inEnvironment = false
        var lineStart = 0
        var parameters: [SymbolOccurrence] = []

        func closeParagraph() {
            if let start = paragraphStart {
                segments.append(Segment(contentRange: start..<paragraphEnd, openerOffset: start,
                                        heading: heading, declaration: declaration))
            }
            paragraphStart = nil
            inEnvironment = false
        }

        while lineStart < bytes.count {
            let lineEnd = endOfLine(from: lineStart)
            let code = lineStart..<commentStart(in: lineStart..<lineEnd)
            if !inEnvironment, isBlank(code) {
                closeParagraph()
                if code.upperBound < lineEnd {
                    let comment = code.upperBound + 1..<lineEnd
                    if let text = directive("section:", in: comment) {
                        let new = Heading(text: source.text(text).trimmingSpaces, location: source.location(at: lineStart))
                        headings.append(new)
                        heading = new
                        declaration = nil
                    } else if let math = directive("with respect to:", in: comment) {
                        declaration = try parseDeclaration(math, line: lineStart..<lineEnd)
                    } else if source.dialect == .general, let list = directive("parameters:", in: comment) {
                        parameters += try ParameterDeclaration.symbols(in: list, of: source)
                    }
                }
                lineStart = lineEnd + 1
                continue
            }
            if paragraphStart == nil { paragraphStart = lineStart }
            paragraphEnd = lineEnd
            if !inEnvironment, let begin = TextLines.find("\\begin{", in: bytes, code) {
                inEnvironment = true
                if TextLines.find("\\end{", in: bytes, begin..<code.upperBound) != nil { closeParagraph() }
            } else if inEnvironment, TextLines.find("\\end{", in: bytes, code) != nil {
                closeParagraph()
            }
            lineStart = lineEnd + 1
        }
        paragraphEnd = bytes.count
        closeParagraph()
        return (segments, headings, parameters)
    }

    private func endOfLine(from offset: Int) -> Int {
        var position = offset
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
        return position
    }

    /// The offset of the line's `%` comment (not `\%`), or the line's end.
    private func commentStart(in line: Range<Int>) -> Int {
        var position = line.lowerBound
        while position < line.upperBound {
            if bytes[position] == UInt8(ascii: "\\") { position += 2; continue }
            if bytes[position] == UInt8(ascii: "%") { return position }
            position += 1
        }
        return line.upperBound
    }

    private func isBlank(_ range: Range<Int>) -> Bool {
        bytes[range].allSatisfy { Lexer.isSpace($0) && $0 != UInt8(ascii: "~") }
    }

    /// The range after `keyword` if the comment (ignoring leading spaces and case) starts with it.
    private func directive(_ keyword: String, in comment: Range<Int>) -> Range<Int>? {
        var start = comment.lowerBound
        while start < comment.upperBound, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        let length = keyword.utf8.count
        guard start + length <= comment.upperBound,
              TextLines.contains(bytes, start..<start + length, keyword) else { return nil }
        return start + length..<comment.upperBound
    }

    private func parseDeclaration(_ math: Range<Int>, line: Range<Int>) throws(NotationError) -> OperatorDeclaration {
        var lexer = Lexer(source: source, range: math)
        let tokens = try lexer.tokenize()
        var parser = ExpressionParser(source: source, tokens: tokens, endOffset: math.upperBound)
        let parameter = try parser.parseOperatorDeclaration()
        let start = tokens.first?.start ?? math.lowerBound
        return OperatorDeclaration(parameter: parameter, text: source.text(line).trimmingSpaces,
                                   location: source.location(at: start))
    }
}
