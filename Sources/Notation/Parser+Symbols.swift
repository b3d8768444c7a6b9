extension ExpressionParser {
    /// Parses `x_{10}`, `w_{20}^{[0]}`, `y` (or, with `isVector`, `\mathbf{x}_1`) at the cursor and
    /// records the occurrence. Letters outside the notation and malformed subscripts are
    /// ``NotationError/Kind/unknownSymbol`` errors naming the symbol as written.
    mutating func parseSymbol(isVector: Bool) throws(NotationError) -> (Symbol, Range<Int>) {
        guard let first = peek else { throw unexpected(expected: expectedSymbolText) }
        let (letterByte, letterEnd) = try parseLetter(isVector: isVector)
        var end = letterEnd
        var index: String?
        var superscript: Int?
        var subscriptIsDigits = true
        while let token = peek {
            if token.isPunct("_") {
                if index != nil || !subscriptIsDigits {
                    throw error(.unsupportedLaTeX, at: token.start, "double subscript",
                                expected: "one subscript such as _{10}")
                }
                let (digits, subscriptEnd) = try parseSubscript()
                index = digits
                subscriptIsDigits = digits != nil
                end = subscriptEnd
            } else if token.isPunct("^"), isComponentSuperscript() {
                if superscript != nil {
                    throw error(.unsupportedLaTeX, at: token.start, "double superscript",
                                expected: "one superscript such as ^{[0]}")
                }
                let (value, superscriptEnd) = try parseComponentSuperscript()
                superscript = value
                end = superscriptEnd
            } else {
                break
            }
        }
        let spelling = source.text(first.start..<end)
        let letter = Symbol.Letter(rawValue: String(UnicodeScalar(letterByte)))
        guard let letter, subscriptIsDigits else { throw unknownSymbol(spelling, at: first.start) }
        let symbol = Symbol(letter, index: index, superscript: superscript)
        guard symbol.isWellFormed else { throw unknownSymbol(spelling, at: first.start) }
        occurrences.append(SymbolOccurrence(symbol: symbol, isVector: isVector, spelling: spelling,
                                            range: source.range(first.start..<end)))
        return (symbol, first.start..<end)
    }

    func unknownSymbol(_ spelling: String, at offset: Int) -> NotationError {
        error(.unknownSymbol, at: offset, "unknown symbol '\(spelling)'", expected: expectedSymbolText)
    }

    /// The letter of a symbol: the next token, or for vectors the argument of `\mathbf{…}`.
    private mutating func parseLetter(isVector: Bool) throws(NotationError) -> (UInt8, Int) {
        guard let first = advance() else { throw unexpected(expected: expectedSymbolText) }
        if !isVector {
            guard case .letter(let c) = first.kind else { throw unknownSymbol(text(of: first), at: first.start) }
            return (c, first.end)
        }
        if let letter = peek, case .letter(let c) = letter.kind {
            advance()
            return (c, letter.end)
        }
        if let open = peek, open.isPunct("{"), let letter = peek(1), case .letter(let c) = letter.kind,
           let close = peek(2), close.isPunct("}") {
            index += 3
            return (c, close.end)
        }
        throw error(.unexpectedInput, at: first.start, "malformed '\(text(of: first))'",
                    expected: "a bold letter such as '\\mathbf{x}_1'")
    }

    /// Parses `_{10}` or `_1`; returns the digits (nil if the subscript is not a whole number)
    /// and the offset after the subscript.
    private mutating func parseSubscript() throws(NotationError) -> (String?, Int) {
        guard let underscore = advance() else { throw unexpected(expected: "a subscript") }
        guard let next = peek else { throw unexpected(expected: "a subscript such as _{10}") }
        switch next.kind {
        case .number(let literal):
            return try splitOneCharacterSubscript(next, literal)
        case .letter:
            advance()
            return (nil, next.end)
        case .punct(let c) where c == UInt8(ascii: "{"):
            advance()
            var content: [Token] = []
            while let token = peek, !token.isPunct("}") {
                content.append(token)
                advance()
            }
            guard let close = advance() else {
                throw error(.unbalancedGroup, at: next.start,
                            "unbalanced group: the '{' of the subscript is never closed", expected: "'}'")
            }
            if content.count == 1, case .number(let literal) = content[0].kind,
               literal.utf8.allSatisfy(Lexer.isDigit) {
                return (literal, close.end)
            }
            return (nil, close.end)
        default:
            throw error(.unexpectedInput, at: underscore.start, "malformed subscript",
                        expected: "a subscript such as _{10}")
        }
    }

    /// `x_12` means x₁ times 2: takes the first digit and leaves the rest as a number token.
    private mutating func splitOneCharacterSubscript(_ token: Token, _ literal: String) throws(NotationError) -> (String?, Int) {
        let digit = String(literal.prefix(1))
        let rest = literal.dropFirst()
        if rest.isEmpty {
            advance()
            return (digit, token.end)
        }
        guard rest.utf8.allSatisfy(Lexer.isDigit) else {
            throw error(.unexpectedInput, at: token.start + 1, "ambiguous number after a one-character subscript",
                        expected: "braces, e.g. x_{1}")
        }
        replaceCurrentToken(with: Token(kind: .number(String(rest)), range: token.start + 1..<token.end))
        return (digit, token.start + 1)
    }

    /// Whether the cursor is at `^{[`.
    func isComponentSuperscript() -> Bool {
        guard let open = peek(1), let bracket = peek(2) else { return false }
        return open.isPunct("{") && bracket.isPunct("[")
    }

    /// Parses `^{[k]}`; returns k and the offset after it.
    private mutating func parseComponentSuperscript() throws(NotationError) -> (Int, Int) {
        let caretOffset = currentOffset
        guard let number = peek(3), case .number(let literal) = number.kind,
              literal.utf8.count <= 9, literal.utf8.allSatisfy(Lexer.isDigit), let value = Int(literal),
              let bracket = peek(4), bracket.isPunct("]"), let close = peek(5), close.isPunct("}")
        else {
            throw error(.unexpectedInput, at: caretOffset, "malformed component superscript",
                        expected: "'^{[k]}' with a whole number k")
        }
        index += 6
        return (value, close.end)
    }
}
