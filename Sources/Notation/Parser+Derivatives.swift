/// Derivatives written inside a right-hand side (general notation): `\frac{\partial F}{\partial V}`,
/// `\frac{dF}{dV}`, `\frac{\partial}{\partial V} e`, `\partial F / \partial V`.
extension ExpressionParser {
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

    /// `\frac{\partial F}{\partial V}` or `\frac{\partial}{\partial V} e` (e: the product after it) in a
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
        guard let token = peek, startsVariable(token) else { throw unexpected(expected: "a symbol after '\\partial'") }
        let (variable, _) = try parseVariable()
        guard let close = peek, close.isPunct("}") else { throw unexpected(expected: "'}'") }
        advance()
        if let numerator {
            return try node(.derivative(numerator.expression, by: variable), frac.start..<close.end, [numerator.span])
        }
        guard let next = peek, canStartFactor(next) else {
            throw unexpected(expected: "what '\\frac{\\partial}{\\partial \(variable.latex)}' differentiates")
        }
        let operand = try parseProduct()  // the operator covers the product after it
        return try node(.derivative(operand.expression, by: variable),
                        frac.start..<operand.span.range.upperBound, [operand.span])
    }

    /// `\partial F / \partial V` after `\partial F` (parsed as `operand`): the derivative of F by V.
    mutating func parseSlashDerivativeValue(of operand: Parsed, from partial: Token) throws(NotationError) -> Parsed {
        advance()  // /
        advance()  // \partial
        guard let token = peek, startsVariable(token) else { throw unexpected(expected: "a symbol after '\\partial'") }
        let (variable, range) = try parseVariable()
        return try node(.derivative(operand.expression, by: variable), partial.start..<range.upperBound, [operand.span])
    }

    private mutating func expectPunct(_ character: Unicode.Scalar, after what: String) throws(NotationError) {
        guard let token = peek, token.isPunct(character) else {
            throw unexpected(expected: "'\(character)' after \(what)")
        }
        advance()
    }
}
