/// An expression under construction and the offsets of its parts.
struct Parsed: Sendable {
    var expression: Expression
    var span: Span
}

/// Recursive-descent parser for right-hand sides (see `docs/notation.md` for the grammar):
///
///     expression = term { ("+" | "-") term }
///     term       = "-" term | product
///     product    = factor { ["\cdot" | "\times"] factor }
///     factor     = "\partial" operand | primary [ "^\top" ]
///     operand    = factor { ["\cdot" | "\times"] factor }   (up to a "/": the product after ∂)
///     primary    = number | symbol | vector | activation | group
///
/// Collects the symbols it meets in ``occurrences``. Recursion and tree depth are bounded by
/// ``Limits/maximumNestingDepth`` and ``Limits/maximumExpressionDepth``.
struct ExpressionParser {
    let source: SourceText
    var tokens: [Token]
    var index: Int
    /// Offset used to locate "expected …" errors at the end of the input.
    private let endOffset: Int
    private var depth = 0
    /// How many norms `\|…\|` are open: inside one, `\|` closes rather than opens.
    var normDepth = 0
    /// Set when a symbol's superscript ends in a transpose (`\mathbf{h}^{(1)\top}`), for its operand to apply.
    var pendingTranspose = false
    var occurrences: [SymbolOccurrence] = []
    /// The argument list a left-hand side is written with (``skipArgumentList()``).
    var lhsArguments: [String]? = nil
    /// Calls of several arguments read as values (``parseValueCall(of:_:)``).
    var valueCalls: [ValueCall] = []

    init(source: SourceText, tokens: [Token], endOffset: Int) {
        self.source = source
        self.tokens = tokens
        self.index = 0
        self.endOffset = endOffset
    }

    static let operandDescription =
        "an operand: a symbol such as x_{10}, a number, \\alpha(…), \\alpha'(…), \\partial or a group"

    // MARK: - Cursor

    var peek: Token? { index < tokens.count ? tokens[index] : nil }

    func peek(_ offset: Int) -> Token? {
        index + offset < tokens.count ? tokens[index + offset] : nil
    }

    var isAtEnd: Bool { index >= tokens.count }

    @discardableResult
    mutating func advance() -> Token? {
        guard let token = peek else { return nil }
        index += 1
        return token
    }

    /// Replaces the token at the cursor (used to split `x_12` into `x_1` and `2`).
    mutating func replaceCurrentToken(with token: Token) {
        guard index < tokens.count else { return }
        tokens[index] = token
    }

    /// Offset of the next token, or the end of the input.
    var currentOffset: Int { peek?.start ?? endOffset }

    func text(of token: Token) -> String { source.excerpt(token.range) }

    func error(_ kind: NotationError.Kind, at offset: Int, _ message: String,
               expected: String) -> NotationError {
        NotationError(kind: kind, location: source.location(at: offset), message: message, expected: expected)
    }

    /// "unexpected 'x'" or "unexpected end of row" at the next token.
    func unexpected(expected: String) -> NotationError {
        guard let token = peek else {
            return error(.unexpectedInput, at: endOffset, "unexpected end of input", expected: expected)
        }
        return error(.unexpectedInput, at: token.start, "unexpected '\(text(of: token))'", expected: expected)
    }

    mutating func enter(at offset: Int) throws(NotationError) {
        depth += 1
        if depth > Limits.maximumNestingDepth {
            throw error(.nestingTooDeep, at: offset,
                        "expression nested more than \(Limits.maximumNestingDepth) levels deep",
                        expected: "a shallower expression")
        }
    }

    mutating func leave() { depth -= 1 }

    /// A node over `children`, refusing trees deeper than the limit (located at the last child, where
    /// the tree became too deep).
    func node(_ expression: Expression, _ range: Range<Int>, _ children: [Span]) throws(NotationError) -> Parsed {
        let span = Span(range: range, children: children)
        if span.depth > Limits.maximumExpressionDepth {
            throw error(.nestingTooDeep, at: children.last?.range.lowerBound ?? range.lowerBound,
                        "expression tree deeper than \(Limits.maximumExpressionDepth) levels",
                        expected: "a shorter or shallower expression")
        }
        return Parsed(expression: expression, span: span)
    }

    // MARK: - Entry points

    /// Parses all tokens as one expression.
    mutating func parseComplete() throws(NotationError) -> Parsed {
        let result = try parseExpression()
        try expectEnd(after: "the expression")
        return result
    }

    /// Throws unless all tokens are consumed, naming the problem with the leftover token.
    func expectEnd(after what: String) throws(NotationError) {
        guard let token = peek else { return }
        throw leftover(token, after: what)
    }

    /// The error for `token` left over after `what`.
    func leftover(_ token: Token, after what: String) -> NotationError {
        switch token.kind {
        case .punct(let c) where c == UInt8(ascii: ")") || c == UInt8(ascii: "}"):
            return strayCloser(token)
        case .command("}"), .right:
            return strayCloser(token)
        case .punct(let c) where c == UInt8(ascii: "/") || c == UInt8(ascii: "*"):
            return error(.unsupportedLaTeX, at: token.start, "unsupported operator '\(text(of: token))'",
                         expected: "'+', '-', '\\cdot', '\\times' or juxtaposition")
        case .punct(let c) where c == UInt8(ascii: "="):
            return error(.unexpectedInput, at: token.start, "unexpected second '='",
                         expected: "one '=' per row; start a new row with '\\\\'")
        default:
            return unexpected(expected: "an operator or the end of \(what)")
        }
    }

    func strayCloser(_ token: Token) -> NotationError {
        error(.unbalancedGroup, at: token.start,
              "unbalanced group: '\(text(of: token))' has no matching opening delimiter",
              expected: "an operator or the end of the expression")
    }

    // MARK: - Grammar

    mutating func parseExpression() throws(NotationError) -> Parsed {
        var left = try parseTerm()
        while let token = peek, token.isPunct("+") || token.isPunct("-") {
            advance()
            let right = try parseTerm()
            let range = left.span.range.lowerBound..<right.span.range.upperBound
            let expression: Expression = token.isPunct("+")
                ? .sum(left.expression, right.expression)
                : .difference(left.expression, right.expression)
            left = try node(expression, range, [left.span, right.span])
        }
        return left
    }

    mutating func parseTerm() throws(NotationError) -> Parsed {
        guard let minus = peek, minus.isPunct("-") else { return try parseProduct() }
        advance()
        try enter(at: minus.start)
        defer { leave() }
        let operand = try parseTerm()
        return try node(.negation(operand.expression), minus.start..<operand.span.range.upperBound, [operand.span])
    }

    mutating func parseProduct() throws(NotationError) -> Parsed {
        var left = try parseFactor()
        while let token = peek {
            var isQuotient = false
            if isGeneral, token.isCommand("odot") || token.isCommand("circ") {
                advance()
                // Juxtaposition binds tighter than ⊙: `\mathbf{g} \odot W^\top \mathbf{e}` is g ⊙ (Wᵀe), as
                // authors mean it (left to right it would not even have a shape).
                var right = try parseFactor()
                while let next = peek, canStartFactor(next) {
                    let factor = try parseFactor()
                    right = try node(.product(right.expression, factor.expression),
                                     right.span.range.lowerBound..<factor.span.range.upperBound, [right.span, factor.span])
                }
                left = try node(.hadamard(left.expression, right.expression),
                                left.span.range.lowerBound..<right.span.range.upperBound, [left.span, right.span])
                continue
            }
            if token.isCommand("cdot") || token.isCommand("times") {
                advance()
            } else if isGeneral, token.isPunct("/") {
                advance()
                isQuotient = true
            } else if !canStartFactor(token) {
                break
            }
            let right = try parseFactor()
            let range = left.span.range.lowerBound..<right.span.range.upperBound
            var expression: Expression = isQuotient ? .quotient(left.expression, right.expression)
                                                    : .product(left.expression, right.expression)
            if isQuotient, case .partial(let f) = left.expression, case .partial(.symbol(let v)) = right.expression {
                expression = .derivative(f, by: v)  // `{\partial L}/{\partial w}`
            }
            left = try node(expression, range, [left.span, right.span])
        }
        return left
    }

    /// Whether `token` begins a factor (so that juxtaposition continues a product). Unsupported
    /// commands and characters count, so that they are reported as such rather than as leftovers.
    func canStartFactor(_ token: Token) -> Bool {
        switch token.kind {
        case .letter, .number, .left, .text, .begin, .other: return true
        case .command(let name):
            if normDepth > 0, ["|", "Vert", "rVert"].contains(name) { return false }
            return !["cdot", "times", "}", "geq", "ge", "geqslant", "leq", "le", "leqslant", "odot", "circ", "rVert",
                     Self.matrixColumn, Self.matrixRow].contains(name)
        case .punct(let c): return c == UInt8(ascii: "(") || c == UInt8(ascii: "{") || c == UInt8(ascii: "[")
        case .end, .rowSeparator, .right: return false
        }
    }

    mutating func parseFactor() throws(NotationError) -> Parsed {
        guard let token = peek else { throw unexpected(expected: Self.operandDescription) }
        guard token.isCommand("partial") else { return try parsePostfix(parsePrimary()) }
        advance()
        try enter(at: token.start)
        defer { leave() }
        guard let next = peek, canStartFactor(next) else {
            throw unexpected(expected: "an operand after '\\partial'")
        }
        let operand = try parsePartialOperand()
        if isGeneral, let slash = peek, slash.isPunct("/"), peek(1)?.isCommand("partial") == true {
            return try parseSlashDerivativeValue(of: operand, from: token)
        }
        return try node(.partial(operand.expression), token.start..<operand.span.range.upperBound, [operand.span])
    }

    /// What a bare `\partial` differentiates: the whole product after it (juxtaposed, `\cdot` or
    /// `\times` factors), as `\frac{\partial}{\partial w}` takes it — `\partial \frac{1}{2} (\hat{y} - t)^{2}`
    /// is ∂(½ (ŷ − t)²), not (∂½)·(ŷ − t)². A `+`, `-` or `/` ends it (`\partial L / \partial w`).
    mutating func parsePartialOperand() throws(NotationError) -> Parsed {
        var left = try parseFactor()
        while let token = peek {
            if token.isCommand("cdot") || token.isCommand("times") {
                advance()
            } else if token.isPunct("/") || !canStartFactor(token) {
                break
            }
            let right = try parseFactor()
            left = try node(.product(left.expression, right.expression),
                            left.span.range.lowerBound..<right.span.range.upperBound, [left.span, right.span])
        }
        return left
    }

    mutating func parsePrimary() throws(NotationError) -> Parsed {
        guard let token = peek else { throw unexpected(expected: Self.operandDescription) }
        if isGeneral, let primary = try parseGeneralPrimary(token) { return primary }
        switch token.kind {
        case .number(let literal):
            advance()
            return Parsed(expression: .number(literal), span: Span(range: token.range))
        case .letter:
            let (symbol, range) = try parseSymbol(isVector: false)
            return Parsed(expression: .symbol(symbol), span: Span(range: range))
        case .command("mathbf"), .command("boldsymbol"), .command("vec"):
            let (symbol, range) = try parseSymbol(isVector: true)
            return Parsed(expression: .vector(symbol), span: Span(range: range))
        case .command("alpha"):
            return try parseActivation()
        case .punct(let c) where c == UInt8(ascii: "("):
            return try parseGroup(closer: .punct(UInt8(ascii: ")")), closerText: ")")
        case .punct(let c) where c == UInt8(ascii: "{"):
            return try parseGroup(closer: .punct(UInt8(ascii: "}")), closerText: "}")
        case .command("{"):
            return try parseGroup(closer: .command("}"), closerText: "\\}")
        case .left(let delimiter):
            switch delimiter {
            case "(": return try parseGroup(closer: .right(")"), closerText: "\\right)")
            case "\\{": return try parseGroup(closer: .right("\\}"), closerText: "\\right\\}")
            case "": throw error(.unexpectedInput, at: token.start, "'\\left' without a delimiter",
                                 expected: "'\\left(' or '\\left\\{'")
            default: throw error(.unsupportedLaTeX, at: token.start,
                                 "unsupported delimiter '\(text(of: token))'", expected: "'\\left(' or '\\left\\{'")
            }
        default:
            throw unsupportedOperand(token)
        }
    }

    /// The error for a token that cannot start an operand.
    func unsupportedOperand(_ token: Token) -> NotationError {
        let spelling = text(of: token)
        switch token.kind {
        case .command(let name):
            let known = UnsupportedCommands.explanation(for: name)
            return error(.unsupportedLaTeX, at: token.start, "unsupported LaTeX '\\\(name)'\(known)",
                         expected: Self.operandDescription)
        case .begin(let name):
            return error(.unsupportedLaTeX, at: token.start, "unsupported environment '\(name)' inside an expression",
                         expected: Self.operandDescription)
        case .text:
            return error(.unsupportedLaTeX, at: token.start, "text inside an expression",
                         expected: "annotations after '&&' at the end of the row")
        case .punct(let c) where c == UInt8(ascii: "["):
            return error(.unsupportedLaTeX, at: token.start, "unsupported '[' (brackets and vector literals)",
                         expected: "'(' or '\\left\\{'")
        case .punct(let c) where c == UInt8(ascii: ")") || c == UInt8(ascii: "}"):
            return strayCloser(token)
        case .right, .command("}"):
            return strayCloser(token)
        case .other:
            return error(.unsupportedLaTeX, at: token.start, "unsupported character '\(spelling)'",
                         expected: Self.operandDescription)
        default:
            return error(.unexpectedInput, at: token.start, "unexpected '\(spelling)'",
                         expected: Self.operandDescription)
        }
    }

    /// Parses a group from its opening delimiter (the next token) to `closer`; the inner
    /// expression's span is widened to cover the delimiters.
    mutating func parseGroup(closer: TokenKind, closerText: String) throws(NotationError) -> Parsed {
        guard let opener = advance() else { throw unexpected(expected: Self.operandDescription) }
        try enter(at: opener.start)
        defer { leave() }
        if let next = peek, next.kind == closer {
            throw error(.unexpectedInput, at: next.start, "empty group", expected: Self.operandDescription)
        }
        var inner = try parseExpression()
        guard let token = peek else {
            throw error(.unbalancedGroup, at: opener.start,
                        "unbalanced group: '\(text(of: opener))' is never closed", expected: "'\(closerText)'")
        }
        if token.kind == closer {
            advance()
            inner.span.range = opener.start..<token.end
            return inner
        }
        if isCloser(token) {
            let openedAt = source.location(at: opener.start)
            throw error(.unbalancedGroup, at: token.start,
                        "unbalanced group: '\(text(of: token))' does not match '\(text(of: opener))' "
                            + "opened at \(openedAt.line):\(openedAt.column)",
                        expected: "'\(closerText)'")
        }
        throw leftover(token, after: "the group, or '\(closerText)'")
    }

    func isCloser(_ token: Token) -> Bool {
        switch token.kind {
        case .right, .command("}"): return true
        case .punct(let c): return c == UInt8(ascii: ")") || c == UInt8(ascii: "}") || (isGeneral && c == UInt8(ascii: "]"))
        default: return false
        }
    }

    /// `^\top` (also `^{\top}`, `^T`, `^\intercal`) after a primary.
    mutating func parsePostfix(_ primary: Parsed) throws(NotationError) -> Parsed {
        guard let caret = peek else { return primary }
        if caret.isPunct("'") {
            throw error(.unsupportedLaTeX, at: caret.start, "prime on something other than \\alpha",
                        expected: "\\alpha'(…)")
        }
        if isGeneral, caret.isPunct("_") {
            // `\operatorname{softmax}(\mathbf{o})_j`, `(W_1)_{jk}`: an entry of what precedes.
            let entry = try parseEntry(of: primary)
            if let again = peek, again.isPunct("_") {
                throw error(.unsupportedLaTeX, at: again.start, "double subscript", expected: "one subscript such as _{jk}")
            }
            return try parsePostfix(entry)
        }
        if caret.isPunct("_") {
            throw error(.unsupportedLaTeX, at: caret.start, "subscript on something other than a symbol",
                        expected: "a subscript directly after x, z, w or b")
        }
        guard caret.isPunct("^") else { return primary }
        if isGeneral, let end = transposeEnd() {
            index = end.tokenIndex
            return try node(.transpose(primary.expression), primary.span.range.lowerBound..<end.offset, [primary.span])
        }
        if isGeneral {
            if let (exponent, next) = integerExponent(at: index) {
                let end = tokens[next - 1].end
                index = next
                let result = try node(.power(primary.expression, exponent), primary.span.range.lowerBound..<end, [primary.span])
                if let again = peek, again.isPunct("^") || again.isPunct("'") {
                    throw error(.unsupportedLaTeX, at: again.start, "double superscript", expected: "parentheses, e.g. (x^{2})^{2}")
                }
                return result
            }
            throw error(.unsupportedLaTeX, at: caret.start,
                        "unsupported superscript '\(source.excerpt(caret.start..<(peek(1)?.end ?? caret.end)))'",
                        expected: "an integer power such as ^{2}, or a label such as ^{(1)} directly on a symbol")
        }
        guard let end = transposeEnd() else {
            throw error(.unsupportedLaTeX, at: caret.start,
                        "unsupported superscript '\(source.excerpt(caret.start..<(peek(1)?.end ?? caret.end)))'",
                        expected: "'^\\top' (transpose) or '^{[k]}' directly on a symbol")
        }
        index = end.tokenIndex
        let result = try node(.transpose(primary.expression), primary.span.range.lowerBound..<end.offset, [primary.span])
        if let next = peek, next.isPunct("^") || next.isPunct("'") {
            throw error(.unsupportedLaTeX, at: next.start, "double superscript",
                        expected: "parentheses, e.g. (x^\\top)^\\top")
        }
        return result
    }

    /// If the tokens at the cursor spell `^\top`, the index and offset after them.
    func transposeEnd() -> (tokenIndex: Int, offset: Int)? {
        func isTop(_ token: Token?) -> Bool {
            guard let token else { return false }
            if token.isCommand("top") || token.isCommand("intercal") { return true }
            if case .letter(let c) = token.kind, c == UInt8(ascii: "T") { return true }
            return false
        }
        if isTop(peek(1)), let top = peek(1) { return (index + 2, top.end) }
        if let open = peek(1), open.isPunct("{"), isTop(peek(2)), let close = peek(3), close.isPunct("}") {
            return (index + 4, close.end)
        }
        if let open = peek(1), open.isPunct("{"), let style = peek(2), style.isCommand("mathsf") || style.isCommand("mathrm"),
           let brace = peek(3), brace.isPunct("{"), isTop(peek(4)), let shut = peek(5), shut.isPunct("}"),
           let close = peek(6), close.isPunct("}") {
            return (index + 7, close.end)
        }
        return nil
    }

    /// `\alpha(…)`, `\alpha'(…)`, `\alpha^\prime(…)`, `\alpha^{\prime}(…)`, with `(` or `\left(`.
    mutating func parseActivation() throws(NotationError) -> Parsed {
        guard let alpha = advance() else { throw unexpected(expected: Self.operandDescription) }
        let isDerivative = try parsePrime()
        guard let open = peek else { throw unexpected(expected: "'(' after '\\alpha'") }
        let argument: Parsed
        if open.isPunct("(") {
            argument = try parseGroup(closer: .punct(UInt8(ascii: ")")), closerText: ")")
        } else if open.kind == .left("(") {
            argument = try parseGroup(closer: .right(")"), closerText: "\\right)")
        } else {
            throw unexpected(expected: "'(' after '\\alpha\(isDerivative ? "'" : "")'")
        }
        let range = alpha.start..<argument.span.range.upperBound
        let expression: Expression = isDerivative
            ? .activationDerivative(argument.expression) : .activation(argument.expression)
        return try node(expression, range, [argument.span])
    }

    /// Consumes `'`, `^\prime` or `^{\prime}` after `\alpha`; whether there was one.
    mutating func parsePrime() throws(NotationError) -> Bool {
        guard let token = peek else { return false }
        if token.isPunct("'") {
            advance()
            if let again = peek, again.isPunct("'") || again.isPunct("^") {
                throw error(.unsupportedLaTeX, at: again.start, "higher derivatives of \\alpha",
                            expected: "\\alpha'(…)")
            }
            return true
        }
        guard token.isPunct("^") else { return false }
        if let prime = peek(1), prime.isCommand("prime") {
            index += 2
            return true
        }
        if let open = peek(1), open.isPunct("{"), let prime = peek(2), prime.isCommand("prime"),
           let close = peek(3), close.isPunct("}") {
            index += 4
            return true
        }
        throw error(.unsupportedLaTeX, at: token.start, "unsupported superscript on \\alpha",
                    expected: "\\alpha'(…) or \\alpha^\\prime(…)")
    }
}

/// Explanations for LaTeX commands people are likely to try.
enum UnsupportedCommands {
    static func explanation(for name: String) -> String {
        switch name {
        case "sqrt": return " (roots are not part of the notation)"
        case "sum", "prod": return " (write the terms out)"
        case "frac", "dfrac", "tfrac": return " (fractions are only read as \\frac{\\partial}{\\partial P} on the left-hand side)"
        case "sigma", "tanh", "exp", "log", "ln": return " (write activations as \\alpha(…))"
        default: return ""
        }
    }
}
