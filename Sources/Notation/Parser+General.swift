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
            return Parsed(expression: .symbol(symbol), span: Span(range: range))
        case .command(let name) where Self.greekSymbols.contains(name) || Self.accentCommands.contains(name):
            let (symbol, range) = try parseGeneralSymbol()
            if let call = try parseApplication(of: symbol, range) { return call }
            return Parsed(expression: .symbol(symbol), span: Span(range: range))
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
        case .command("mathbf"), .command("boldsymbol"), .command("vec"):
            throw error(.unsupportedLaTeX, at: token.start, "vectors are not part of the general notation",
                        expected: "scalars, e.g. w_{1} x_{1} + w_{2} x_{2}")
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
            return isGeneral && (Self.greekSymbols.contains(name) || Self.accentCommands.contains(name))
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
            } else if token.isPunct("^"), isDecorationSuperscript() {
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
        if let superscriptText { base += "^{\(superscriptText)}" }
        let symbol = Symbol(spelling: base)
        occurrences.append(SymbolOccurrence(symbol: symbol, isVector: false, spelling: source.text(first.start..<end),
                                            range: source.range(first.start..<end)))
        return (symbol, first.start..<end)
    }

    /// `{y}` or `y` (also a Greek letter) after an accent command; the inner LaTeX and the end offset.
    private mutating func accentArgument(after command: Token) throws(NotationError) -> (String, Int) {
        if let open = peek, open.isPunct("{") {
            advance()
            var parts: [String] = []
            while let token = peek, !token.isPunct("}") {
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
    func isDecorationSuperscript() -> Bool {
        guard let next = peek(1) else { return false }
        if next.isPunct("*") { return true }
        guard next.isPunct("{"), let inner = peek(2) else { return false }
        return inner.isPunct("(") || inner.isPunct("[") || inner.isPunct("*")
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

    /// A named function at the cursor: `\sigma`, `\tanh`, `\exp`, `\log`, `\ln`, `f`, `g`,
    /// `\operatorname{ReLU}`, `\mathrm{softplus}`; nil (cursor unchanged) if there is none.
    mutating func functionAtCursor() throws(NotationError) -> (NotationFunction, Token)? {
        guard isGeneral, let token = peek else { return nil }
        switch token.kind {
        case .command(let name) where Self.functionCommands.contains(name):
            advance()
            return (NotationFunction.named(name, spelling: "\\" + name)!, token)
        case .letter(let c) where c == UInt8(ascii: "f") || c == UInt8(ascii: "g"):
            guard let next = peek(1), next.isPunct("(") || next.isPunct("'") || next.kind == .left("(")
                    || (next.isPunct("^") && peek(2)?.isCommand("prime") == true)
                    || (next.isPunct("^") && peek(2)?.isPunct("{") == true && peek(3)?.isCommand("prime") == true)
            else { return nil }
            advance()
            let name = String(UnicodeScalar(c))
            return (NotationFunction.named(name, spelling: name)!, token)
        case .command(let command) where command == "operatorname" || command == "mathrm":
            guard let open = peek(1), open.isPunct("{") else { return nil }
            var probe = index + 2
            var name = ""
            while probe < tokens.count, case .letter(let c) = tokens[probe].kind {
                name.append(Character(UnicodeScalar(c)))
                probe += 1
            }
            guard probe < tokens.count, tokens[probe].isPunct("}") else { return nil }
            guard let function = NotationFunction.named(name, spelling: "\\operatorname{\(name)}") else {
                if command == "mathrm" { return nil }
                index = probe + 1
                return (NotationFunction(spelling: "\\operatorname{\(name)}", meaning: .unknown), token)
            }
            index = probe + 1
            return (function, token)
        default:
            return nil
        }
    }

    /// `f(z)`, `\sigma'(z)`, `\tanh^{2}(z)`, `\log p` after the function name (consumed).
    mutating func parseCall(_ function: NotationFunction, at start: Token,
                            from startOffset: Int? = nil) throws(NotationError) -> Parsed {
        // A call nests one level besides its group: its frames are the deepest of the recursion.
        try enter(at: start.start)
        defer { leave() }
        var function = function
        var exponent: Int?
        if let caret = peek, caret.isPunct("^"), let (value, next) = integerExponent(at: index) {
            _ = caret
            exponent = value
            index = next
        }
        if exponent == nil { function.isDerivative = try parsePrime() }
        guard let open = peek else { throw unexpected(expected: "the argument of '\(function.latex)'") }
        let argument: Parsed
        if open.isPunct("(") {
            argument = try parseGroup(closer: .punct(UInt8(ascii: ")")), closerText: ")")
        } else if open.kind == .left("(") {
            argument = try parseGroup(closer: .right(")"), closerText: "\\right)")
        } else if function.meaning != .generic, canStartFactor(open) {
            try enter(at: open.start)
            defer { leave() }
            argument = try parseFactor()
        } else {
            throw unexpected(expected: "'(' after '\(function.latex)'")
        }
        let range = (startOffset ?? start.start)..<argument.span.range.upperBound
        let call = try node(.call(function, argument.expression), range, [argument.span])
        guard let exponent else { return call }
        return try node(.power(call.expression, exponent), range, [call.span])
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

    /// Whether the `e` at the cursor is Euler's number raised to a power that is not an integer
    /// (`e^{-z}`, `e^{z_{1}}`, `e^z`); `e^{2}` stays the symbol e squared.
    func isExponential() -> Bool {
        guard let caret = peek(1), caret.isPunct("^"), let next = peek(2) else { return false }
        if next.isPunct("*") { return false }
        if next.isPunct("{"), let inner = peek(3), inner.isPunct("(") || inner.isPunct("[") || inner.isPunct("*") {
            return false
        }
        return integerExponent(at: index + 1) == nil
    }

    /// `e^{x}` or `e^x`: the exponential function, written as a power.
    mutating func parseExponential() throws(NotationError) -> Parsed {
        guard let e = advance(), advance() != nil else { throw unexpected(expected: Self.operandDescription) }
        try enter(at: e.start)
        defer { leave() }
        let function = NotationFunction(spelling: NotationFunction.eulerPower, meaning: .exp)
        guard let open = peek else { throw unexpected(expected: "the exponent after 'e^'") }
        let argument: Parsed
        if open.isPunct("{") {
            argument = try parseGroup(closer: .punct(UInt8(ascii: "}")), closerText: "}")
        } else {
            guard case .letter = open.kind else { throw unexpected(expected: "'{' after 'e^'") }
            let (symbol, range) = try parseGeneralSymbol()
            argument = Parsed(expression: .symbol(symbol), span: Span(range: range))
        }
        return try node(.call(function, argument.expression), e.start..<argument.span.range.upperBound, [argument.span])
    }

    /// How many tokens at `position` spell a differential: `\partial`, or in the general notation
    /// `d` or `\mathrm{d}` (`\frac{dL}{dw}`) — `d` only before a symbol or `}`, never `d_{1}`.
    func differentialLength(at position: Int) -> Int? {
        guard position < tokens.count else { return nil }
        let token = tokens[position]
        if token.isCommand("partial") { return 1 }
        guard isGeneral else { return nil }
        let next = position + 1 < tokens.count ? tokens[position + 1] : nil
        if case .letter(let c) = token.kind, c == UInt8(ascii: "d"), let next,
           next.isPunct("}") || startsSymbol(next) {
            return 1
        }
        if token.isCommand("mathrm"), position + 3 < tokens.count, tokens[position + 1].isPunct("{"),
           case .letter(let c) = tokens[position + 2].kind, c == UInt8(ascii: "d"), tokens[position + 3].isPunct("}") {
            return 4
        }
        return nil
    }

    /// Whether the `\frac` at `position` is a derivative: a differential opens its numerator and,
    /// after the numerator's `}`, its denominator.
    func isDerivativeFraction(at position: Int) -> Bool {
        guard position + 2 < tokens.count, tokens[position + 1].isPunct("{"),
              let length = differentialLength(at: position + 2) else { return false }
        var probe = position + 2 + length
        var depth = 0
        while probe < tokens.count {
            if tokens[probe].isPunct("{") { depth += 1 }
            if tokens[probe].isPunct("}") {
                if depth == 0 { break }
                depth -= 1
            }
            probe += 1
        }
        guard probe + 2 < tokens.count, tokens[probe + 1].isPunct("{") else { return false }
        return differentialLength(at: probe + 2) != nil
    }

    /// `\frac{\partial F}{\partial V}` or `\frac{\partial}{\partial V} e` (one factor) in a
    /// right-hand side: the derivative of what is written by V.
    mutating func parseDerivativeValue() throws(NotationError) -> Parsed {
        guard let frac = advance() else { throw unexpected(expected: Self.operandDescription) }
        try enter(at: frac.start)
        defer { leave() }
        advance()  // {
        index += differentialLength(at: index) ?? 1
        var numerator: Parsed?
        if let token = peek, startsSymbol(token) {
            let (symbol, range) = try parseGeneralSymbol()
            numerator = Parsed(expression: .symbol(symbol), span: Span(range: range))
        }
        try expectPunct("}", after: "the numerator '\\partial …'")
        try expectPunct("{", after: "the numerator")
        guard let length = differentialLength(at: index) else {
            throw unexpected(expected: "'\\partial' in the denominator")
        }
        index += length
        guard let token = peek, startsSymbol(token) else { throw unexpected(expected: "a symbol after '\\partial'") }
        let (variable, _) = try parseGeneralSymbol()
        guard let close = peek, close.isPunct("}") else { throw unexpected(expected: "'}'") }
        advance()
        if let numerator {
            return try node(.derivative(numerator.expression, by: variable), frac.start..<close.end, [numerator.span])
        }
        guard let next = peek, canStartFactor(next) else {
            throw unexpected(expected: "what '\\frac{\\partial}{\\partial \(variable.latex)}' differentiates")
        }
        let operand = try parseFactor()
        return try node(.derivative(operand.expression, by: variable),
                        frac.start..<operand.span.range.upperBound, [operand.span])
    }

    /// `\partial F / \partial V` after `\partial F` (parsed as `operand`): the derivative of F by V.
    mutating func parseSlashDerivativeValue(of operand: Parsed, from partial: Token) throws(NotationError) -> Parsed {
        advance()  // /
        advance()  // \partial
        guard let token = peek, startsSymbol(token) else { throw unexpected(expected: "a symbol after '\\partial'") }
        let (variable, range) = try parseGeneralSymbol()
        return try node(.derivative(operand.expression, by: variable), partial.start..<range.upperBound, [operand.span])
    }

    private mutating func expectPunct(_ character: Unicode.Scalar, after what: String) throws(NotationError) {
        guard let token = peek, token.isPunct(character) else {
            throw unexpected(expected: "'\(character)' after \(what)")
        }
        advance()
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
