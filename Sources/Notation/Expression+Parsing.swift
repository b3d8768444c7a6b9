extension Expression {
    /// Parses a right-hand side on its own, e.g. `\alpha'(z_{20}) \cdot x_{10}`.
    /// `functions`: symbols read as the generic activation where applied (``Document/appliedFunctions``).
    /// `labels`: bases written with numeric layer labels (``Document/numericLabelBases``).
    public static func parse(_ latex: String, fileName: String = "<expression>",
                             dialect: NotationDialect = .seed, functions: Set<Symbol> = [],
                             labels: Set<String> = []) throws(NotationError) -> Expression {
        try parseWithSourceMap(latex, fileName: fileName, dialect: dialect, functions: functions, labels: labels).expression
    }

    /// Parses a right-hand side on its own and returns where each node was written.
    public static func parseWithSourceMap(_ latex: String, fileName: String = "<expression>",
                                          dialect: NotationDialect = .seed, functions: Set<Symbol> = [],
                                          labels: Set<String> = [])
        throws(NotationError) -> (expression: Expression, map: SourceMap) {
        var source = SourceText(fileName: fileName, text: latex, dialect: dialect)
        source.appliedFunctions = functions
        source.numericLabelBases = labels
        return try LargeStack.run { () throws(NotationError) -> (expression: Expression, map: SourceMap) in
            var lexer = Lexer(source: source, range: 0..<source.bytes.count)
            var tokens = try lexer.tokenize()
            if dialect == .general { tokens = BlockParser.markingMatrixSeparators(tokens) }
            var parser = ExpressionParser(source: source, tokens: tokens, endOffset: source.bytes.count)
            let parsed = try parser.parseComplete()
            return (parsed.expression, parsed.span.sourceMap(in: source))
        }
    }
}

extension Expression {
    /// The expression with every symbol in the first example's scope (``Symbol/scope`` is not written in
    /// LaTeX, so a rendering reads back unscoped).
    public var unscoped: Expression { mapSymbols { $0.unscoped } }

    /// Whether a right-hand side states a shape mismatch (``NotationFunction/Meaning/shapeMismatch``),
    /// which has no LaTeX of its own.
    public var containsShapeMismatch: Bool {
        if case .call(let f, _) = self, f.meaning == .shapeMismatch { return true }
        return children.contains { $0.containsShapeMismatch }
    }
}
