extension ExpressionParser {
    static let leftHandSideDescription =
        "a left-hand side: a symbol such as z_{10}, \\frac{\\partial}{\\partial w_{10}} y or \\frac{\\partial y}{\\partial w_{10}}"
    static let operatorDescription = "'\\frac{\\partial}{\\partial P}' with P a symbol such as w_{10}"

    /// Parses all tokens as a left-hand side:
    ///
    ///     lhs = symbol | "\frac{\partial}{\partial" symbol "}" symbol | "\frac{\partial" symbol "}{\partial" symbol "}"
    mutating func parseLeftHandSide() throws(NotationError) -> LeftHandSide {
        guard let token = peek else { throw unexpected(expected: Self.leftHandSideDescription) }
        let result: LeftHandSide
        switch token.kind {
        case .letter:
            result = .symbol(try parseSymbol(isVector: false).0)
        case .command("frac"), .command("dfrac"), .command("tfrac"):
            let (numerator, parameter) = try parseDerivativeOperator()
            if let numerator {
                result = .derivative(of: numerator, withRespectTo: parameter)
            } else {
                guard let next = peek, case .letter = next.kind else {
                    throw unexpected(expected: "the differentiated symbol after the operator, e.g. y")
                }
                result = .derivative(of: try parseSymbol(isVector: false).0, withRespectTo: parameter)
            }
        case .command("mathbf"), .command("boldsymbol"), .command("vec"):
            throw error(.unsupportedLaTeX, at: token.start, "vector on the left-hand side",
                        expected: "a scalar symbol such as z_{10}")
        default:
            throw unexpected(expected: Self.leftHandSideDescription)
        }
        if let extra = peek {
            throw error(.unexpectedInput, at: extra.start, "unexpected '\(text(of: extra))' in the left-hand side",
                        expected: "'=' after the left-hand side")
        }
        return result
    }

    /// Parses all tokens as the operator `\frac{\partial}{\partial P}` of a prose declaration; returns P.
    mutating func parseOperatorDeclaration() throws(NotationError) -> Symbol {
        guard let token = peek else { throw unexpected(expected: Self.operatorDescription) }
        if case .letter = token.kind {
            let symbol = try parseSymbol(isVector: false).0
            try expectEnd(after: "the parameter")
            return symbol
        }
        guard token.isCommand("frac") || token.isCommand("dfrac") || token.isCommand("tfrac") else {
            throw unexpected(expected: Self.operatorDescription)
        }
        let (numerator, parameter) = try parseDerivativeOperator()
        if numerator != nil {
            throw error(.unexpectedInput, at: token.start, "the operator names what it differentiates",
                        expected: Self.operatorDescription)
        }
        try expectEnd(after: "the operator")
        return parameter
    }

    /// Parses `\frac{\partial [F]}{\partial P}`; returns F (if written) and P.
    private mutating func parseDerivativeOperator() throws(NotationError) -> (Symbol?, Symbol) {
        advance()
        let numeratorOpen = try expectOpeningBrace()
        try expectPartial()
        var numerator: Symbol?
        if let token = peek, case .letter = token.kind { numerator = try parseSymbol(isVector: false).0 }
        try expectClosingBrace(openedAt: numeratorOpen)
        let denominatorOpen = try expectOpeningBrace()
        try expectPartial()
        guard let token = peek, case .letter = token.kind else {
            throw unexpected(expected: "the parameter, a symbol such as w_{10}")
        }
        let parameter = try parseSymbol(isVector: false).0
        try expectClosingBrace(openedAt: denominatorOpen)
        return (numerator, parameter)
    }

    private mutating func expectOpeningBrace() throws(NotationError) -> Token {
        guard let token = peek, token.isPunct("{") else { throw unexpected(expected: Self.operatorDescription) }
        advance()
        return token
    }

    private mutating func expectPartial() throws(NotationError) {
        guard let token = peek, token.isCommand("partial") else { throw unexpected(expected: "'\\partial'") }
        advance()
    }

    private mutating func expectClosingBrace(openedAt open: Token) throws(NotationError) {
        guard let token = peek else {
            throw error(.unbalancedGroup, at: open.start, "unbalanced group: '{' is never closed", expected: "'}'")
        }
        guard token.isPunct("}") else { throw unexpected(expected: "'}'") }
        advance()
    }
}
