/// Matrices stacked from per-example vectors, as prose states them:
/// "$X \in \mathbb{R}^{2 \times 2}$ has rows $\mathbf{x}^{(n)\top}$, and $P, Y \in \mathbb{R}^{2 \times 3}$ have rows
/// $\mathbf{p}^{(n)\top}$ and $\mathbf{y}^{(n)\top}$", "row $n$ of $\mathbf{A}$ is $\mathbf{a}^{(n)\top}$".
///
/// Row n of the matrix is the vector at n: M_{nj} = v^{(n)}_j, for n = 1, …, rows and j = 1, …, columns of M's
/// stated shape (or, where the document defines M, v^{(n)}_j = M_{nj}). The matrices are listed before "has rows"/"have rows", the vectors after, in the same order and
/// number; each vector is written with one index letter in its superscript, `^{(n)}`, transposed or not. Anything
/// else is not a statement (a matrix left unstated stays unknown, a located error where a claim reads it).
public struct Stacking: Hashable, Sendable {
    /// The stacked matrix, `X`.
    public var matrix: Symbol
    /// Its row at index `letter`, `\mathbf{x}^{(n)}`.
    public var row: Symbol
    /// The index letter of the rows, `n`.
    public var letter: Character
    /// Where the statement is.
    public var at: Int
}

extension SizeReader {
    /// The stackings stated in the prose of each line.
    func readStackings(_ spans: [DomainReader.MathSpan]) -> [Stacking] {
        let inline = spans.filter(\.isInline)
        var result: [Stacking] = []
        for (k, span) in inline.enumerated() where k > 0 {
            guard let before = proseBetween(inline[k - 1], span)?.lowercased() else { continue }
            let words = before.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            if words == ["has", "rows"] || words == ["have", "rows"] || words == ["has", "the", "rows"] {
                // The matrices: the maths before, back across ", " and "and".
                var matrices: [Symbol] = []
                var m = k - 1
                while m >= 0, rowPattern(inline[m]) == nil {
                    matrices.insert(contentsOf: matrixSymbols(inline[m]), at: 0)
                    guard m > 0, let gap = proseBetween(inline[m - 1], inline[m]), Self.joinsSubjects(gap) else { break }
                    m -= 1
                }
                var rows: [(Symbol, Character)] = []
                var r = k
                while r < inline.count, let row = rowPattern(inline[r]) {
                    rows.append(row)
                    guard r + 1 < inline.count, let gap = proseBetween(inline[r], inline[r + 1]), Self.joinsSubjects(gap) else { break }
                    r += 1
                }
                guard !matrices.isEmpty, matrices.count == rows.count else { continue }
                for (matrix, (row, letter)) in zip(matrices, rows) {
                    result.append(Stacking(matrix: matrix, row: row, letter: letter, at: span.content.lowerBound))
                }
            } else if words.last == "row", k + 2 < inline.count,
                      proseBetween(span, inline[k + 1])?.trimmingSpaces.lowercased() == "of",
                      proseBetween(inline[k + 1], inline[k + 2])?.trimmingSpaces.lowercased() == "is",
                      let letterSymbol = symbol(tokens(of: span)), let name = letterSymbol.spelling, name.count == 1,
                      let matrix = matrixSymbols(inline[k + 1]).first, let (row, letter) = rowPattern(inline[k + 2]),
                      letter == name.first {
                // "row $n$ of $\mathbf{A}$ is $\mathbf{a}^{(n)\top}$"
                result.append(Stacking(matrix: matrix, row: row, letter: letter, at: span.content.lowerBound))
            }
        }
        return result
    }

    /// The prose between two inline maths of one line; nil across a line break.
    private func proseBetween(_ a: DomainReader.MathSpan, _ b: DomainReader.MathSpan) -> String? {
        prose(from: a.content.upperBound + 1, to: b.content.lowerBound - 1)
    }

    /// `X`, `\mathbf{A}`, `P, Y \in \mathbb{R}^{2 \times 3}`: the symbols before any `\in`.
    private func matrixSymbols(_ span: DomainReader.MathSpan) -> [Symbol] {
        var tokens = tokens(of: span)
        if let relation = tokens.firstIndex(where: { $0.isCommand("in") }) { tokens = Array(tokens[..<relation]) }
        var result: [Symbol] = []
        var item: [Token] = []
        for token in tokens + [Token(kind: .punct(UInt8(ascii: ",")), range: 0..<0)] {
            if token.isPunct(",") {
                guard let s = symbol(item) else { return [] }
                result.append(s)
                item = []
            } else {
                item.append(token)
            }
        }
        return result
    }

    /// `\mathbf{x}^{(n)\top}`, `\mathbf{x}^{(n)}`: the vector with its index letter, without the transpose.
    private func rowPattern(_ span: DomainReader.MathSpan) -> (Symbol, Character)? {
        var tokens = tokens(of: span)
        // A transpose written after the symbol, `\mathbf{x}^{(n)}^\top` or `(\mathbf{x}^{(n)})^\top`.
        if tokens.count >= 2, tokens[tokens.count - 2].isPunct("^"),
           tokens.last!.isCommand("top") || tokens.last!.isCommand("intercal") { tokens.removeLast(2) }
        guard let symbol = symbol(tokens), let parts = symbol.parts, var superscript = parts.superscriptText else { return nil }
        for mark in ["\\top", "\\intercal", "\\mathsf{T}", "T"] where superscript.hasSuffix(mark) {
            superscript = String(superscript.dropLast(mark.count)).trimmingSpaces
            break
        }
        let inner = superscript.filter { $0 != "(" && $0 != ")" && $0 != " " }
        guard superscript.hasPrefix("("), inner.count == 1, let letter = inner.first, letter.isLowercase else { return nil }
        var row = parts
        row.superscriptText = "(\(letter))"
        return (Symbol(spelling: row.spelling), letter)
    }
}
