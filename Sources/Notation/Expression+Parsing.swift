extension Expression {
    /// Parses a right-hand side on its own, e.g. `\alpha'(z_{20}) \cdot x_{10}`.
    /// `functions`: symbols read as the generic activation where applied (``Document/appliedFunctions``).
    public static func parse(_ latex: String, fileName: String = "<expression>",
                             dialect: NotationDialect = .seed, functions: Set<Symbol> = []) throws(NotationError) -> Expression {
        try parseWithSourceMap(latex, fileName: fileName, dialect: dialect, functions: functions).expression
    }

    /// Parses a right-hand side on its own and returns where each node was written.
    public static func parseWithSourceMap(_ latex: String, fileName: String = "<expression>",
                                          dialect: NotationDialect = .seed, functions: Set<Symbol> = [])
        throws(NotationError) -> (expression: Expression, map: SourceMap) {
        var source = SourceText(fileName: fileName, text: latex, dialect: dialect)
        source.appliedFunctions = functions
        var lexer = Lexer(source: source, range: 0..<source.bytes.count)
        let tokens = try lexer.tokenize()
        var parser = ExpressionParser(source: source, tokens: tokens, endOffset: source.bytes.count)
        let parsed = try parser.parseComplete()
        return (parsed.expression, parsed.span.sourceMap(in: source))
    }
}
