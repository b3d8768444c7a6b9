/// The general notation (``NotationDialect/general``): symbols of any spelling, named functions,
/// fractions, `/` and integer powers. See docs/notation.md, "The general notation".
extension ExpressionParser {
    var isGeneral: Bool { source.dialect == .general }

    /// The general notation's primaries (symbols of any spelling, functions, fractions, sums, …);
    /// nil for those both notations share. Kept out of ``parsePrimary()`` so that the recursion's
    /// stack frames stay small (a frame per nesting level).
    @inline(never)
    mutating func parseGeneralPrimary(_ token: Token) throws(NotationError) -> Parsed? {
        if let (function, start) = try functionAtCursor() { return try parseCall(function, at: start) }
        switch token.kind {
        case .letter(let c) where c == UInt8(ascii: "e") && isExponential():
            return try parseExponential()
        case .letter:
            let (symbol, range) = try parseGeneralSymbol()
            if let call = try parseApplication(of: symbol, range) { return call }
            return try symbolPrimary(symbol, range)
        case .command(let name) where Self.greekSymbols.contains(name) || Self.accentCommands.contains(name):
            let (symbol, range) = try parseGeneralSymbol()
            if let call = try parseApplication(of: symbol, range) { return call }
            return try symbolPrimary(symbol, range)
        case .command("sqrt"):
            return try parseSquareRoot()
        case .command("max"):
            return try parseMaximum()
        case .command("sum"):
            return try parseSum()
        case .command("frac"), .command("dfrac"), .command("tfrac"):
            if let open = peek(1), open.isPunct("{"), isDerivativeFraction(at: index) {
                return try parseDerivativeValue()
            }
            return try parseFraction()
        case .command(let name) where ["mathbb", "mathbf", "mathds", "mathbbm", "boldsymbol", "bm"].contains(name) && isBoldOne(at: index):
            // `\mathbf{1}`, `\mathbb{1}` alone: the vector of ones (its length is what its product needs).
            index += 3
            let close = advance()!
            return Parsed(expression: .symbol(Symbol(spelling: "\\mathbf{1}")), span: Span(range: token.start..<close.end))
        case .command(let name) where ["mathbf", "boldsymbol", "bm"].contains(name) && isBoldOne(at: index, letter: "I"):
            // `\mathbf{I}` alone: the identity matrix (its size is what its sum or product needs).
            index += 3
            let close = advance()!
            return Parsed(expression: .symbol(Symbol(spelling: "\\mathbf{I}")), span: Span(range: token.start..<close.end))
        case .command(let name) where ["mathbb", "mathbf", "mathds", "mathbbm"].contains(name) && isIndicator(at: index):
            return try parseIndicator()
        case .command(let name) where Self.boldCommands.contains(name):
            // `\mathbf{W}` is W: bold is typography, the shape comes from the document.
            let (symbol, range) = try parseGeneralSymbol()
            return try symbolPrimary(symbol, range)
        case .command("|"), .command("Vert"), .command("lVert"), .left("\\|"):
            return try parseNorm()
        case .command("nabla"):
            return try parseGradient()
        case .begin(let name) where BlockParser.matrixEnvironments.contains(name):
            return try parseMatrix()
        case .punct(let c) where c == UInt8(ascii: "["):
            return try parseGroup(closer: .punct(UInt8(ascii: "]")), closerText: "]")
        case .left("["):
            return try parseGroup(closer: .right("]"), closerText: "\\right]")
        default:
            break
        }
        return nil
    }

    /// Greek letters (and `\ell`) that are symbols. `\alpha` is the generic activation and `\sigma`
    /// the sigmoid, so neither is a symbol.
    static let greekSymbols: Set<String> = [
        "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota",
        "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "tau", "upsilon", "phi", "varphi", "chi", "psi",
        "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
        "ell",
    ]
    /// Commands that decorate one letter: `\hat{y}`, `\mathcal{L}`.
    /// Commands that set a letter in bold, as vectors and matrices are written: `\mathbf{x}`, `\boldsymbol{\delta}`.
    static let boldCommands: Set<String> = ["mathbf", "boldsymbol", "bm", "vec", "mathbfit", "symbf"]
    static let accentCommands: Set<String> = ["hat", "bar", "tilde", "widehat", "widetilde", "dot", "mathcal",
                                               "mathrm", "mathit", "mathsf", "check", "breve"]
    /// Function commands: `\sigma`, `\tanh`, `\exp`, `\log`, `\ln`.
    static let functionCommands: Set<String> = ["sigma", "tanh", "exp", "log", "ln"]

    static let generalSymbolDescription =
        "a symbol such as x, x_{1}, h^{(1)}_{j}, \\hat{y}, \\mathcal{L} or a Greek letter"

    /// Whether `token` can begin a symbol of the current dialect.
    func startsSymbol(_ token: Token) -> Bool {
        switch token.kind {
        case .letter: return true
        case .command(let name):
            return isGeneral && (Self.greekSymbols.contains(name) || Self.accentCommands.contains(name)
                                 || Self.boldCommands.contains(name))
        default: return false
        }
    }

    /// A symbol of the current dialect at the cursor.
    mutating func parseAnySymbol() throws(NotationError) -> (Symbol, Range<Int>) {
        isGeneral ? try parseGeneralSymbol() : try parseSymbol(isVector: false)
    }

    /// Parses a general symbol: a base (letter, Greek letter, or accent of one) and decorations
    /// `_{…}`, `_x`, `^{(…)}`, `^{[…]}`, `^{*}`, `^*` in either order. `^{2}` is left for a power.
    mutating func parseGeneralSymbol() throws(NotationError) -> (Symbol, Range<Int>) {
        guard let first = advance() else { throw unexpected(expected: Self.generalSymbolDescription) }
        var base: String
        var end = first.end
        switch first.kind {
        case .letter(let c):
            base = String(UnicodeScalar(c))
        case .command(let name) where Self.greekSymbols.contains(name):
            base = "\\" + name
        case .command(let name) where Self.accentCommands.contains(name):
            let (inner, innerEnd) = try accentArgument(after: first)
            base = "\\\(name){\(inner)}"
            end = innerEnd
        case .command(let name) where Self.boldCommands.contains(name):
            let (inner, innerEnd) = try accentArgument(after: first)
            guard !inner.contains(" ") else {
                throw error(.unsupportedLaTeX, at: first.start, "more than one letter in '\\\(name){…}'",
                            expected: "one bold letter, e.g. \\mathbf{x}")
            }
            base = inner
            end = innerEnd
        default:
            throw error(.unknownSymbol, at: first.start, "unknown symbol '\(text(of: first))'",
                        expected: Self.generalSymbolDescription)
        }
        var subscriptText: String?
        var superscriptText: String?
        while let token = peek {
            if token.isPunct("_") {
                if subscriptText != nil {
                    throw error(.unsupportedLaTeX, at: token.start, "double subscript", expected: "one subscript such as _{1}")
                }
                advance()
                let (content, contentEnd) = try decorationContent(after: token, splitNumbers: true)
                subscriptText = content
                end = contentEnd
            } else if token.isPunct("^"), isDecorationSuperscript() || isNumericLabel(base) {
                if superscriptText != nil {
                    throw error(.unsupportedLaTeX, at: token.start, "double superscript",
                                expected: "one superscript such as ^{(1)}")
                }
                advance()
                let (content, contentEnd) = try decorationContent(after: token, splitNumbers: false)
                superscriptText = content
                end = contentEnd
            } else {
                break
            }
        }
        if let subscriptText { base += "_{\(subscriptText)}" }
        if var superscriptText {
            // `\mathbf{h}^{(1)\top}`, `W^{(2)T}`: the label, then a transpose.
            for mark in ["\\top", "\\intercal", "T"] where superscriptText.count > mark.count && superscriptText.hasSuffix(mark)
                && (superscriptText.dropLast(mark.count).last == ")" || superscriptText.dropLast(mark.count).last == "]") {
                superscriptText.removeLast(mark.count)
                superscriptText = superscriptText.trimmingTrailingSpace
                pendingTranspose = true
            }
            base += "^{\(superscriptText)}"
        }
        let symbol = Symbol(spelling: base)
        let isBold: Bool = if case .command(let name) = first.kind { Self.boldCommands.contains(name) } else { false }
        occurrences.append(SymbolOccurrence(symbol: symbol, isVector: isBold, spelling: source.text(first.start..<end),
                                            range: source.range(first.start..<end)))
        return (symbol, first.start..<end)
    }

    /// `{y}` or `y` (also a Greek letter) after an accent command; the inner LaTeX and the end offset.
    private mutating func accentArgument(after command: Token) throws(NotationError) -> (String, Int) {
        if let open = peek, open.isPunct("{") {
            advance()
            var parts: [String] = []
            while let token = peek, !token.isPunct("}") {
                // `\hat{\mathbf{y}}`: the bold letter inside the accent.
                if case .command(let bold) = token.kind, Self.boldCommands.contains(bold), let open = peek(1), open.isPunct("{"),
                   let letter = peek(2), let close = peek(3), close.isPunct("}") {
                    switch letter.kind {
                    case .letter(let c): parts.append(String(UnicodeScalar(c)))
                    case .command(let name) where Self.greekSymbols.contains(name): parts.append("\\" + name)
                    default: throw error(.unsupportedLaTeX, at: letter.start, "unsupported '\(text(of: letter))' in '\(text(of: command))'",
                                         expected: "a letter, e.g. \\hat{y}")
                    }
                    index += 4
                    continue
                }
                switch token.kind {
                case .letter(let c): parts.append(String(UnicodeScalar(c)))
                case .command(let name) where Self.greekSymbols.contains(name): parts.append("\\" + name)
                default:
                    throw error(.unsupportedLaTeX, at: token.start, "unsupported '\(text(of: token))' in '\(text(of: command))'",
                                expected: "a letter, e.g. \\hat{y}")
                }
                advance()
            }
            guard let close = advance(), !parts.isEmpty else {
                throw error(.unbalancedGroup, at: open.start, "unbalanced group: '{' is never closed", expected: "'}'")
            }
            return (parts.joined(separator: " "), close.end)
        }
        guard let token = peek else { throw unexpected(expected: "a letter after '\(text(of: command))'") }
        switch token.kind {
        case .letter(let c):
            advance()
            return (String(UnicodeScalar(c)), token.end)
        case .command(let name) where Self.greekSymbols.contains(name):
            advance()
            return ("\\" + name, token.end)
        default:
            throw unexpected(expected: "a letter after '\(text(of: command))'")
        }
    }

    /// Whether the `^` at the cursor starts a decoration (`^{(1)}`, `^{[l]}`, `^{*}`, `^*`), not a power.
    /// A symbol as an operand, transposed if its superscript said so (`\mathbf{h}^{(1)\top}`).
    mutating func symbolPrimary(_ symbol: Symbol, _ range: Range<Int>) throws(NotationError) -> Parsed {
        let parsed = Parsed(expression: .symbol(symbol), span: Span(range: range))
        guard pendingTranspose else { return parsed }
        pendingTranspose = false
        return try node(.transpose(.symbol(symbol)), range, [parsed.span])
    }

    /// Whether `^2` at the cursor labels a layer of `base` (``SourceText/numericLabelBases``).
    func isNumericLabel(_ base: String) -> Bool {
        guard source.numericLabelBases.contains(base), let next = peek(1) else { return false }
        if case .number = next.kind { return true }
        if next.isPunct("{"), let inner = peek(2), case .number = inner.kind, peek(3)?.isPunct("}") == true { return true }
        return false
    }

    /// A letter is a layer label (`z^l`, `W^{l+1}`, `\delta^L`), except `T`, which transposes.
    func isDecorationSuperscript() -> Bool {
        guard let next = peek(1) else { return false }
        if next.isPunct("*") { return true }
        if case .letter(let c) = next.kind { return c != UInt8(ascii: "T") }
        guard next.isPunct("{"), let inner = peek(2) else { return false }
        if inner.isPunct("(") || inner.isPunct("[") || inner.isPunct("*") { return true }
        // `^{l+1}`, `^{L}`, `^{l-1}`: letters, digits and + or − only, with a letter other than a lone T.
        var probe = index + 2, sawLetter = false, count = 0
        while probe < tokens.count, !tokens[probe].isPunct("}") {
            switch tokens[probe].kind {
            case .letter: sawLetter = true
            case .number: break
            case .punct(let c) where c == UInt8(ascii: "+") || c == UInt8(ascii: "-"): break
            default: return false
            }
            probe += 1
            count += 1
        }
        guard probe < tokens.count, sawLetter else { return false }
        return !(count == 1 && inner.kind == .letter(UInt8(ascii: "T")))
    }

    /// The marks ``BlockParser/markingMatrixSeparators(_:)`` puts on a matrix's `&` and `\\\\`.
    static let matrixColumn = "&matrix-column", matrixRow = "&matrix-row"

    /// `\begin{pmatrix} a & b \\\\ c & d \end{pmatrix}`: the matrix of its entries, row by row.
    mutating func parseMatrix() throws(NotationError) -> Parsed {
        guard let begin = advance(), case .begin(let name) = begin.kind else { throw unexpected(expected: Self.operandDescription) }
        try enter(at: begin.start)
        defer { leave() }
        var rows: [[Parsed]] = [[]]
        while true {
            guard let token = peek else {
                throw error(.unbalancedGroup, at: begin.start, "unbalanced group: '\\begin{\(name)}' is never closed",
                            expected: "'\\end{\(name)}'")
            }
            if case .end(let closing) = token.kind {
                guard closing == name else { throw unexpected(expected: "'\\end{\(name)}'") }
                advance()
                if rows.count > 1, rows.last!.isEmpty { rows.removeLast() }  // `\\\\` before `\end`
                let columns = rows[0].count
                guard columns > 0, rows.allSatisfy({ $0.count == columns }) else {
                    throw error(.unexpectedInput, at: begin.start, "a matrix whose rows have different lengths",
                                expected: "the same number of entries in every row")
                }
                let entries = rows.flatMap { $0 }
                return try node(.matrix(rows: rows.count, columns: columns, entries: entries.map(\.expression)),
                                begin.start..<token.end, entries.map(\.span))
            }
            if token.isCommand(Self.matrixColumn) { advance(); continue }
            if token.isCommand(Self.matrixRow) { advance(); rows.append([]); continue }
            rows[rows.count - 1].append(try parseExpression())
        }
    }

    /// `\nabla_{W} L` in a right-hand side: ∂L/∂W (entry by entry when W is a vector or matrix).
    mutating func parseGradient() throws(NotationError) -> Parsed {
        let (nabla, variable, of, range) = try parseGradientOperator()
        return try node(.derivative(.symbol(of), by: variable), nabla.start..<range.upperBound, [Span(range: range)])
    }

    /// `\nabla_{W} L` or `\nabla_W L` at the cursor: the `\nabla` token, W, L and where L is written.
    mutating func parseGradientOperator() throws(NotationError) -> (Token, Symbol, Symbol, Range<Int>) {
        let (nabla, variable) = try parseGradientVariable()
        guard let next = peek, startsSymbol(next) else { throw unexpected(expected: "the differentiated symbol, e.g. \\nabla_{W} L") }
        let (of, range) = try parseAnySymbol()
        return (nabla, variable, of, range)
    }

    /// `\nabla_{W}` (or `\nabla_W`): the `\nabla` token and the variable W; the cursor after them.
    mutating func parseGradientVariable() throws(NotationError) -> (Token, Symbol) {
        guard let nabla = advance() else { throw unexpected(expected: Self.operandDescription) }
        guard let marker = peek, marker.isPunct("_") else {
            throw error(.unexpectedInput, at: nabla.start, "'\\nabla' without the variable it differentiates by",
                        expected: "'\\nabla_{W} L'")
        }
        advance()
        let braced = peek?.isPunct("{") == true
        if braced { advance() }
        guard let first = peek, startsSymbol(first) else { throw unexpected(expected: "a symbol, e.g. \\nabla_{W} L") }
        let (variable, _) = try parseAnySymbol()
        if braced {
            guard let close = peek, close.isPunct("}") else { throw unexpected(expected: "'}'") }
            advance()
        }
        return (nabla, variable)
    }

    /// Whether the tokens at `position` spell `\mathbf{1}` (or `\mathbf{I}` with `letter` I) not followed by an
    /// indicator's condition.
    func isBoldOne(at position: Int, letter: Character? = nil) -> Bool {
        guard position + 3 < tokens.count, tokens[position + 1].isPunct("{"), tokens[position + 3].isPunct("}") else { return false }
        switch tokens[position + 2].kind {
        case .number("1") where letter == nil: break
        case .letter(let c) where letter.map({ Character(UnicodeScalar(c)) == $0 }) == true: break
        default: return false
        }
        guard position + 4 < tokens.count else { return true }
        let next = tokens[position + 4]
        return !(next.isPunct("[") || next.isPunct("_") || next.isPunct("(") || next.kind == .left("[")
                 || next.kind == .left("(") || next.isCommand("{") || next.kind == .left("\\{"))
    }

    /// `\|e\|`, `\lVert e \rVert`, `\left\| e \right\|` (an optional `_2` after it, or `_F` for the
    /// Frobenius norm of a matrix, the square root of the sum of its entries' squares): the norm ‖e‖.
    mutating func parseNorm() throws(NotationError) -> Parsed {
        guard let open = advance() else { throw unexpected(expected: Self.operandDescription) }
        try enter(at: open.start)
        defer { leave() }
        normDepth += 1
        let inner = try parseExpression()
        normDepth -= 1
        guard let close = peek, close.isCommand("|") || close.isCommand("Vert") || close.isCommand("rVert")
                || close.kind == .right("\\|") else {
            throw error(.unbalancedGroup, at: open.start, "unbalanced norm: '\(text(of: open))' is never closed",
                        expected: "'\\|' after the vector")
        }
        advance()
        let (kind, end) = readNormSubscript() ?? (.unmarked, close.end)
        return try node(.norm(inner.expression, kind), open.start..<end, [inner.span])
    }

    /// `_2`, `_{2}`, `_F` or `_{F}` at the cursor (consumed): which norm, and where its subscript ends.
    private mutating func readNormSubscript() -> (NormKind, Int)? {
        guard let marker = peek, marker.isPunct("_"), let next = peek(1) else { return nil }
        let braced = next.isPunct("{")
        guard let label = braced ? peek(2) : next else { return nil }
        let kind: NormKind
        switch label.kind {
        case .number("2"): kind = .two
        case .letter(UInt8(ascii: "F")): kind = .frobenius
        default: return nil
        }
        guard braced else {
            index += 2
            return (kind, label.end)
        }
        guard let shut = peek(3), shut.isPunct("}") else { return nil }
        index += 4
        return (kind, shut.end)
    }

    /// The canonical text of a subscript or superscript after `_` or `^` (already consumed):
    /// `{…}` without spaces, or one token (`x_1`: one digit, as in LaTeX).
    mutating func decorationContent(after marker: Token, splitNumbers: Bool) throws(NotationError) -> (String, Int) {
        guard let next = peek else { throw unexpected(expected: "a subscript such as _{1}") }
        switch next.kind {
        case .punct(let c) where c == UInt8(ascii: "{"):
            advance()
            var depth = 0
            var pieces: [String] = []
            while let token = peek {
                if token.isPunct("{") { depth += 1 }
                if token.isPunct("}") {
                    if depth == 0 { break }
                    depth -= 1
                }
                switch token.kind {
                case .rowSeparator, .begin, .end, .other:
                    throw error(.unsupportedLaTeX, at: token.start, "unsupported '\(text(of: token))' in a subscript",
                                expected: "letters, digits and commas, e.g. _{j,k}")
                case .command(let name):
                    pieces.append("\\" + name + (name.first?.isLetter == true ? " " : ""))
                default:
                    pieces.append(source.text(token.range))
                }
                advance()
            }
            guard let close = advance() else {
                throw error(.unbalancedGroup, at: next.start, "unbalanced group: the '{' is never closed", expected: "'}'")
            }
            let content = pieces.joined().trimmingTrailingSpace
            guard !content.isEmpty else {
                throw error(.unexpectedInput, at: next.start, "empty subscript", expected: "a subscript such as _{1}")
            }
            return (content, close.end)
        case .number(let literal):
            advance()
            if splitNumbers, literal.utf8.count > 1 {
                let rest = literal.dropFirst()
                guard rest.utf8.allSatisfy(Lexer.isDigit) else {
                    throw error(.unexpectedInput, at: next.start + 1, "ambiguous number after a one-character subscript",
                                expected: "braces, e.g. x_{1}")
                }
                index -= 1
                replaceCurrentToken(with: Token(kind: .number(String(rest)), range: next.start + 1..<next.end))
                return (String(literal.prefix(1)), next.start + 1)
            }
            return (literal, next.end)
        case .letter(let c):
            advance()
            return (String(UnicodeScalar(c)), next.end)
        case .punct(let c) where c == UInt8(ascii: "*"):
            advance()
            return ("*", next.end)
        case .command(let name) where Self.greekSymbols.contains(name):
            advance()
            return ("\\" + name, next.end)
        default:
            throw error(.unexpectedInput, at: marker.start, "malformed subscript or superscript",
                        expected: "a subscript such as _{1} or a superscript such as ^{(1)}")
        }
    }

    /// If the tokens at `position` spell `^2` or `^{2}`, the exponent and the index after them.
    func integerExponent(at position: Int) -> (Int, Int)? {
        guard position < tokens.count, tokens[position].isPunct("^"), position + 1 < tokens.count else { return nil }
        func value(_ token: Token) -> Int? {
            guard case .number(let literal) = token.kind, literal.utf8.count <= 3,
                  literal.utf8.allSatisfy(Lexer.isDigit) else { return nil }
            return Int(literal)
        }
        let next = tokens[position + 1]
        if case .number(let literal) = next.kind, let first = literal.first, let digit = Int(String(first)) {
            guard literal.count == 1 else { return nil }
            return (digit, position + 2)
        }
        if next.isPunct("{"), position + 3 < tokens.count, let v = value(tokens[position + 2]),
           tokens[position + 3].isPunct("}") {
            return (v, position + 4)
        }
        if next.isPunct("{"), position + 4 < tokens.count, tokens[position + 2].isPunct("-"),
           let v = value(tokens[position + 3]), v > 0, tokens[position + 4].isPunct("}") {
            return (-v, position + 5)
        }
        return nil
    }

    /// `\frac{a}{b}` (also `\dfrac`, `\tfrac`, `\frac12`) in a right-hand side.
    mutating func parseFraction() throws(NotationError) -> Parsed {
        guard let frac = advance() else { throw unexpected(expected: Self.operandDescription) }
        if let digits = peek, case .number(let literal) = digits.kind, literal.utf8.count == 2,
           literal.utf8.allSatisfy(Lexer.isDigit) {
            advance()
            let numerator = String(literal.prefix(1)), denominator = String(literal.suffix(1))
            return try node(.quotient(.number(numerator), .number(denominator)), frac.start..<digits.end,
                            [Span(range: digits.start..<digits.start + 1), Span(range: digits.start + 1..<digits.end)])
        }
        try enter(at: frac.start)
        defer { leave() }
        guard let open = peek, open.isPunct("{") else { throw unexpected(expected: "'{' after '\(text(of: frac))'") }
        let numerator = try parseGroup(closer: .punct(UInt8(ascii: "}")), closerText: "}")
        guard let second = peek, second.isPunct("{") else { throw unexpected(expected: "the denominator '{…}'") }
        let denominator = try parseGroup(closer: .punct(UInt8(ascii: "}")), closerText: "}")
        return try node(.quotient(numerator.expression, denominator.expression),
                        frac.start..<denominator.span.range.upperBound, [numerator.span, denominator.span])
    }
}

extension String {
    var trimmingTrailingSpace: String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
