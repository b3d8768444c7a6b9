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
        if isGeneral, token.isCommand("nabla") {
            result = try parseGradientLeftHandSide()
        } else if isGeneral, let function = try parseFunctionLeftHandSide() {
            result = function
        } else if isGeneral, startsSymbol(token) {
            result = .symbol(try parseAnySymbol().0)
            try skipArgumentList()
        } else if isGeneral, token.isCommand("partial") || token.isPunct("{") {
            result = try parseSlashDerivative()
        } else {
        switch token.kind {
        case .letter:
            result = .symbol(try parseSymbol(isVector: false).0)
        case .command("frac"), .command("dfrac"), .command("tfrac"):
            let (numerator, parameter) = try parseDerivativeOperator()
            if let numerator {
                result = .derivative(of: numerator, withRespectTo: parameter)
                if isGeneral { try skipArgumentList() }
            } else if isGeneral, let next = peek, canStartFactor(next) {
                // `\frac{\partial}{\partial w} L` or, of an expression, `\frac{\partial}{\partial w} \ln p`.
                let operand = try parseProduct()
                if case .symbol(let symbol) = operand.expression {
                    result = .derivative(of: symbol, withRespectTo: parameter)
                } else {
                    result = .expressionDerivative(operand.expression, withRespectTo: parameter)
                }
            } else {
                guard let next = peek, startsSymbol(next) else {
                    throw unexpected(expected: "the differentiated symbol after the operator, e.g. y")
                }
                result = .derivative(of: try parseAnySymbol().0, withRespectTo: parameter)
            }
        case .command("mathbf"), .command("boldsymbol"), .command("vec"):
            throw error(.unsupportedLaTeX, at: token.start, "vector on the left-hand side",
                        expected: "a scalar symbol such as z_{10}")
        default:
            throw unexpected(expected: Self.leftHandSideDescription)
        }
        }
        if let extra = peek {
            throw error(.unexpectedInput, at: extra.start, "unexpected '\(text(of: extra))' in the left-hand side",
                        expected: "'=' after the left-hand side")
        }
        return result
    }

    /// `g(u)`, `\phi'(u)`, `\sigma(z)`, `\tanh'(z)`, `\alpha'(z)`, `\operatorname{ReLU}(z)`: a function of
    /// one symbol (general notation); nil, cursor unchanged, if the left-hand side is not one.
    mutating func parseFunctionLeftHandSide() throws(NotationError) -> LeftHandSide? {
        let start = index, recorded = occurrences.count
        var function: NotationFunction
        if let token = peek, token.isCommand("alpha") {
            advance()
            function = NotationFunction(spelling: "\\alpha", meaning: .generic)
        } else if let (known, _) = try functionAtCursor() {
            function = known
        } else if let token = peek, startsSymbol(token), !token.isCommand("partial") {
            let (symbol, _) = try parseAnySymbol()
            function = NotationFunction(spelling: symbol.latex, meaning: .generic)
        } else {
            return nil
        }
        function.isDerivative = (try? parsePrime()) ?? false
        guard let open = peek, Self.opensArgument(open), let variable = peek(1), startsSymbol(variable) else {
            index = start
            occurrences.removeSubrange(recorded...)
            return nil
        }
        advance()
        let (argument, _) = try parseAnySymbol()
        guard let close = peek, close.isPunct(")") || close.kind == .right(")") else {
            index = start
            occurrences.removeSubrange(recorded...)
            return nil
        }
        advance()
        occurrences.removeAll()  // neither the function nor its bound variable is a quantity of the model
        return .function(function, argument: argument)
    }

    /// `\nabla_{W} L` (also `\nabla_{\mathbf{W}} L`, `\nabla_W L(W)`): the gradient of L with respect to W,
    /// ∂L/∂W entry by entry. Of an expression, `\nabla_{\theta} \, \lambda \theta^T \theta`: the gradient of
    /// what is written, as `\frac{\partial}{\partial \theta}` of it.
    private mutating func parseGradientLeftHandSide() throws(NotationError) -> LeftHandSide {
        if let byArguments = try parseGradientByArguments() { return byArguments }
        let (_, parameter) = try parseGradientVariable()
        guard let next = peek, canStartFactor(next) else {
            throw unexpected(expected: "the differentiated symbol or expression, e.g. \\nabla_{W} L")
        }
        let operand = try parseProduct()
        if case .symbol(let of) = operand.expression {
            try skipArgumentList()
            return .derivative(of: of, withRespectTo: parameter)
        }
        return .expressionDerivative(operand.expression, withRespectTo: parameter)
    }

    /// `\nabla L(w, b)`: the gradient by the arguments listed (at least one symbol, separated by ','); nil
    /// (nothing read) when `\nabla` is followed by `_`, as in `\nabla_{W} L`.
    private mutating func parseGradientByArguments() throws(NotationError) -> LeftHandSide? {
        guard index + 1 < tokens.count, !tokens[index + 1].isPunct("_") else { return nil }
        if tokens[index + 1].isPunct("^") {
            throw error(.unsupportedLaTeX, at: tokens[index].start, "second derivatives (the Hessian '\\nabla^2') are not read",
                        expected: "a gradient \\nabla_{W} L")
        }
        advance()
        guard let first = peek, startsSymbol(first) else { throw unexpected(expected: "the function, e.g. \\nabla L(w, b)") }
        let (of, _) = try parseAnySymbol()
        guard let open = peek, Self.opensArgument(open) else {
            throw unexpected(expected: "the variables of the gradient, e.g. \\nabla L(w, b), or \\nabla_{W} L")
        }
        advance()
        var variables: [Symbol] = []
        while true {
            guard let token = peek, startsSymbol(token) else { throw unexpected(expected: "a variable of the gradient") }
            variables.append(try parseAnySymbol().0)
            guard let next = advance() else { throw error(.unbalancedGroup, at: open.start, "unbalanced group: '(' is never closed", expected: "')'") }
            if next.isPunct(",") { continue }
            guard next.isPunct(")") || next.kind == .right(")") else { throw error(.unexpectedInput, at: next.start, "unexpected token in the gradient's variables", expected: "',' or ')'") }
            break
        }
        return .gradient(of: of, by: variables)
    }

    /// Skips `(w, b)` after the symbol of a left-hand side, `L(w, b) = …`: a function written with its
    /// arguments names its value. The arguments are not quantities of the row.
    mutating func skipArgumentList() throws(NotationError) {
        guard let open = peek, Self.opensArgument(open) else { return }
        lhsArguments = try parseArgumentList(open)
    }

    /// `(a, b, …)` from its '(' on: the arguments' spellings. They are not quantities of the row.
    mutating func parseArgumentList(_ open: Token) throws(NotationError) -> [String] {
        let recorded = occurrences.count
        advance()
        var arguments: [String] = []
        while let token = peek, !(token.isPunct(")") || token.kind == .right(")")) {
            guard startsSymbol(token) || token.isPunct(",") || token.isPunct(";") else {
                throw unexpected(expected: "the arguments, symbols separated by ','")
            }
            if startsSymbol(token) { arguments.append(try parseAnySymbol().0.latex) } else { advance() }
        }
        guard advance() != nil else { throw error(.unbalancedGroup, at: open.start, "unbalanced group: '(' is never closed", expected: "')'") }
        occurrences.removeSubrange(recorded...)
        return arguments
    }

    /// Parses all tokens as the operator `\frac{\partial}{\partial P}` of a prose declaration; returns P.
    mutating func parseOperatorDeclaration() throws(NotationError) -> Symbol {
        guard let token = peek else { throw unexpected(expected: Self.operatorDescription) }
        if startsSymbol(token) {
            let symbol = try parseAnySymbol().0
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
        if let token = peek, startsSymbol(token) { numerator = try parseAnySymbol().0 }
        try expectClosingBrace(openedAt: numeratorOpen)
        let denominatorOpen = try expectOpeningBrace()
        try expectPartial()
        guard let token = peek, startsVariable(token) else {
            throw unexpected(expected: "the parameter, a symbol such as w_{10}")
        }
        let parameter = try parseVariable().0
        try expectClosingBrace(openedAt: denominatorOpen)
        return (numerator, parameter)
    }

    /// `\partial F / \partial V` or `{\partial F}/{\partial V}` (general notation).
    private mutating func parseSlashDerivative() throws(NotationError) -> LeftHandSide {
        func side(_ parser: inout ExpressionParser) throws(NotationError) -> Symbol {
            var brace: Token?
            if let open = parser.peek, open.isPunct("{") { brace = open; parser.advance() }
            try parser.expectPartial()
            guard let token = parser.peek, parser.startsVariable(token) else {
                throw parser.unexpected(expected: "a symbol after '\\partial'")
            }
            let symbol = try parser.parseVariable().0
            if let brace { try parser.expectClosingBrace(openedAt: brace) }
            return symbol
        }
        let of = try side(&self)
        guard let slash = peek, slash.isPunct("/") else {
            throw unexpected(expected: "'/' in '\\partial L / \\partial w'")
        }
        advance()
        let by = try side(&self)
        return .derivative(of: of, withRespectTo: by)
    }

    private mutating func expectOpeningBrace() throws(NotationError) -> Token {
        guard let token = peek, token.isPunct("{") else { throw unexpected(expected: Self.operatorDescription) }
        advance()
        return token
    }

    /// `\partial`, or in the general notation `d` / `\mathrm{d}` (``differentialLength(at:)``).
    private mutating func expectPartial() throws(NotationError) {
        guard let length = differentialLength(at: index) else { throw unexpected(expected: "'\\partial'") }
        index += length
    }

    private mutating func expectClosingBrace(openedAt open: Token) throws(NotationError) {
        guard let token = peek else {
            throw error(.unbalancedGroup, at: open.start, "unbalanced group: '{' is never closed", expected: "'}'")
        }
        guard token.isPunct("}") else { throw unexpected(expected: "'}'") }
        advance()
    }
}
