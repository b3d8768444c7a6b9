/// Shapes stated in prose about inline math, as authors who do not write `\in` state them:
/// "$w^2$ and $w^3$ are $2 \times 2$ matrices", "$W$ is a $3 \times 2$ matrix",
/// "$b^2$, $b^3$ are vectors in $\mathbb{R}^2$", "$h$ is a vector in $\mathbb{R}^3$".
///
/// The subjects are the inline maths just before, each one whole symbol, joined only by commas and
/// "and"; the statement is the prose "is"/"are" (with "a", "an") followed by either a size
/// `$m \times n$` and the word "matrix"/"matrices", or "vector(s) in" and `$\mathbb{R}^{n}$`.
/// Anything else is not a statement.
extension SizeReader {
    /// Records the shapes the prose of each line states.
    func readProseShapes(_ spans: [DomainReader.MathSpan], into shapes: inout [Symbol: (shape: Shape, at: Int)]) {
        let inline = spans.filter(\.isInline)
        var subjects: [Symbol] = []
        for (k, span) in inline.enumerated() {
            let before = k > 0 ? prose(from: inline[k - 1].content.upperBound + 1, to: span.content.lowerBound - 1) : nil
            // A subject list continues across ", " and " and " on the same line; other prose ends it.
            if let before, Self.joinsSubjects(before) {
                // continues
            } else if let before, !subjects.isEmpty, let shape = statedShape(before, size: span, after: k + 1 < inline.count ? inline[k + 1] : nil) {
                for s in subjects { shapes[s] = (shape, span.content.lowerBound) }
                subjects = []
            } else {
                subjects = []
            }
            if let symbol = wholeSymbol(span) { subjects.append(symbol) } else { subjects = [] }
        }
    }

    /// The prose between two byte offsets; nil if it crosses a line.
    func prose(from start: Int, to end: Int) -> String? {
        guard start <= end, end <= source.bytes.count else { return nil }
        let text = source.text(start..<end)
        return text.contains("\n") ? nil : text
    }

    static func joinsSubjects(_ prose: String) -> Bool {
        let words = prose.replacingOccurrences(of: ",", with: " , ").split(separator: " ")
        return !words.isEmpty && words.allSatisfy { $0 == "," || $0 == "and" }
    }

    /// The shape stated by `prose` (before the inline math `size`) and the prose after it.
    private func statedShape(_ prose: String, size: DomainReader.MathSpan, after next: DomainReader.MathSpan?) -> Shape? {
        let words = prose.split(separator: " ").map { $0.lowercased() }
        guard let verb = words.first, verb == "is" || verb == "are" else { return nil }
        let rest = Array(words.dropFirst().drop { $0 == "a" || $0 == "an" })
        let tokens = tokens(of: size)
        if rest.isEmpty {
            // "are $2 \times 2$ matrices"
            let followingEnd = min(next.map { $0.content.lowerBound - 1 } ?? Int.max, lineEnd(after: size.content.upperBound))
            guard let following = self.prose(from: size.content.upperBound + 1, to: followingEnd),
                  let word = following.split(separator: " ").first?.lowercased(),
                  word.hasPrefix("matrix") || word.hasPrefix("matrices") else { return nil }
            return Self.matrixSize(tokens)
        }
        // "are vectors in $\mathbb{R}^2$", "is a column vector in $\mathbb{R}^3$"
        let vectorWords: Set<String> = ["vector", "vectors", "column"]
        guard rest.last == "in", rest.dropLast().allSatisfy(vectorWords.contains), rest.count >= 2,
              let (shape, end) = Self.realSpace(tokens, from: 0), end == tokens.count, shape.isVector else { return nil }
        return shape
    }

    /// `m \times n` of two whole numbers.
    static func matrixSize(_ tokens: [Token]) -> Shape? {
        guard tokens.count == 3, case .number(let m) = tokens[0].kind, tokens[1].isCommand("times"),
              case .number(let n) = tokens[2].kind, let rows = Int(m), let columns = Int(n),
              (1...4096).contains(rows), (1...4096).contains(columns) else { return nil }
        return Shape(rows: rows, columns: columns)
    }

    private func lineEnd(after offset: Int) -> Int {
        var i = offset
        while i < source.bytes.count, source.bytes[i] != UInt8(ascii: "\n") { i += 1 }
        return i
    }

    func tokens(of span: DomainReader.MathSpan) -> [Token] {
        var lexer = Lexer(source: source, range: span.content)
        return (try? lexer.tokenize()) ?? []
    }

    /// The inline math's symbol, if it is exactly one symbol.
    private func wholeSymbol(_ span: DomainReader.MathSpan) -> Symbol? {
        let tokens = tokens(of: span)
        return tokens.isEmpty ? nil : symbol(tokens)
    }
}
