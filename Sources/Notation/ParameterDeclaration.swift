/// The one prose form that says which free symbols are parameters (general notation):
///
///     Parameters: $w_{1}, w_{2}, b$.
///     **Parameters:** $w_{1}$, $w_{2}$ and $b$
///     The parameters are $w_{1}$, $w_{2}$ and $b$.
///
/// A Markdown line whose prose before its first inline math ends with "parameters:" or "parameters
/// are" (ASCII case and `*`, `_` emphasis ignored) declares every symbol of every inline math on
/// the line; within one inline math, symbols are separated by commas, and a named set lists its members
/// (`$\theta = \{W, b\}$`). Math in a parenthetical remark ("$w_{ji}$ (a $3 \times 2$ array)") is not
/// listed, and the list ends with its sentence. In a `.tex` fragment the
/// comment directive `% parameters: w_{1}, w_{2}, b` says the same. Anything in the list that is not
/// a symbol is a located error.
enum ParameterDeclaration {
    /// Whether the prose before a line's first inline math introduces a parameter list.
    static func introducesParameters(_ bytes: [UInt8], _ prose: Range<Int>) -> Bool {
        let text = String(decoding: bytes[prose], as: UTF8.self).lowercased()
            .filter { $0 != "*" && $0 != "_" }.trimmingSpaces
        return text.hasSuffix("parameters:") || text.hasSuffix("parameters are")
    }

    /// The symbols of a comma-separated list in `range` (the general notation's symbols).
    static func symbols(in range: Range<Int>, of source: SourceText) throws(NotationError) -> [SymbolOccurrence] {
        var lexer = Lexer(source: source, range: range)
        var tokens = try lexer.tokenize()
        // `\mathbf{y} \in \{0, 1\}^2`: what follows `\in` is the set, a statement of its own.
        if let relation = tokens.firstIndex(where: { $0.isCommand("in") }) { tokens = Array(tokens[..<relation]) }
        // `\boldsymbol{\theta} = \{\boldsymbol{W}, b\}`: the set's members are the parameters, not its name.
        if let equals = RowParser.topLevelIndices(of: "=", in: tokens[...]).last { tokens = Array(tokens[(equals + 1)...]) }
        if let first = tokens.first, first.isCommand("{"), let last = tokens.last, last.isCommand("}"), tokens.count > 2 {
            tokens = Array(tokens.dropFirst().dropLast())
        }
        var result: [SymbolOccurrence] = []
        var item: [Token] = []
        func flush() throws(NotationError) {
            defer { item.removeAll() }
            guard let last = item.last else { return }
            var parser = ExpressionParser(source: source, tokens: item, endOffset: last.end)
            guard let first = parser.peek, parser.startsSymbol(first) else {
                throw parser.unexpected(expected: "a parameter such as w_{1}")
            }
            _ = try parser.parseAnySymbol()
            try parser.expectEnd(after: "the parameter; separate parameters with ','")
            result += parser.occurrences
        }
        let separators = Set(RowParser.topLevelIndices(of: ",", in: tokens[...]))
        for (i, token) in tokens.enumerated() {
            if separators.contains(i) { try flush() } else { item.append(token) }
        }
        try flush()
        return result
    }
}
