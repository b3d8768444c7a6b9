/// Function-like constructs of the general notation: named functions (`\sigma`, `\log p`, `e^{z}`,
/// `\operatorname{…}`), symbols applied as functions (`\phi(z)`, `h'(z)`), `\sqrt{…}`, `\max(0, z)`,
/// and sums `\sum_{k=1}^{2} …`.
extension ExpressionParser {
    // MARK: - Named functions and their calls

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

    /// Whether the `e` at the cursor is Euler's number raised to a power that is not an integer
    /// (`e^{-z}`, `e^{z_{1}}`, `e^z`); `e^{2}` stays the symbol e squared.
    func isExponential() -> Bool {
        guard let caret = peek(1), caret.isPunct("^"), let next = peek(2) else { return false }
        if next.isPunct("*") || next.isCommand("top") || next.kind == .letter(UInt8(ascii: "T")) { return false }
        if next.isPunct("{"), let inner = peek(3), inner.isCommand("top") { return false }
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

    // MARK: - Symbols applied as functions

    /// After a symbol: `\phi'(z)` (any symbol with a prime, then an argument) is the generic
    /// activation's derivative; `\phi(z)` is the generic activation when the document only ever
    /// applies φ (``SourceText/appliedFunctions``), else a product. Nil when the symbol stands alone.
    mutating func parseApplication(of symbol: Symbol, _ range: Range<Int>) throws(NotationError) -> Parsed? {
        guard let next = peek else { return nil }
        let startsPrime = next.isPunct("'") || (next.isPunct("^") && (peek(1)?.isCommand("prime") == true
            || (peek(1)?.isPunct("{") == true && peek(2)?.isCommand("prime") == true)))
        if startsPrime {
            var probe = self
            guard (try? probe.parsePrime()) == true, let open = probe.peek, Self.opensArgument(open) else { return nil }
            occurrences.removeLast()
            return try parseCall(NotationFunction(spelling: symbol.latex, meaning: .generic), at: tokens[index - 1],
                                 from: range.lowerBound)
        }
        guard Self.opensArgument(next) else { return nil }
        if source.dialect == .general, opensSeveralArguments() {
            // `L = l(\mathbf{o}, \mathbf{y})`: the value l, checked against its definition's arguments.
            let arguments = try parseArgumentList(next)
            let offsets = range.lowerBound..<tokens[index - 1].end
            valueCalls.append(ValueCall(symbol: symbol, arguments: arguments, range: source.range(offsets)))
            return Parsed(expression: .symbol(symbol), span: Span(range: offsets))
        }
        if source.appliedFunctions.contains(symbol) {
            occurrences.removeLast()
            return try parseCall(NotationFunction(spelling: symbol.latex, meaning: .generic), at: tokens[index - 1],
                                 from: range.lowerBound)
        }
        occurrences[occurrences.count - 1].isApplied = true
        return nil
    }

    /// Whether the group at the next token, `(a, b)`, separates arguments with top-level commas.
    func opensSeveralArguments() -> Bool {
        var depth = 0
        for i in index..<tokens.count {
            switch tokens[i].kind {
            case .left, .begin, .command("{"): depth += 1
            case .right, .end, .command("}"): depth -= 1
            case .punct(let c) where c == UInt8(ascii: "(") || c == UInt8(ascii: "{") || c == UInt8(ascii: "["): depth += 1
            case .punct(let c) where c == UInt8(ascii: ")") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]"): depth -= 1
            case .punct(let c) where c == UInt8(ascii: ",") && depth == 1: return true
            case .punct(let c) where c == UInt8(ascii: "=") && depth == 1: return false
            default: break
            }
            if depth == 0 { return false }
        }
        return false
    }

    static func opensArgument(_ token: Token) -> Bool { token.isPunct("(") || token.kind == .left("(") }

    // MARK: - \sqrt, \max, unknown functions

    /// `\sqrt{x}`.
    mutating func parseSquareRoot() throws(NotationError) -> Parsed {
        guard let root = advance() else { throw unexpected(expected: Self.operandDescription) }
        try enter(at: root.start)
        defer { leave() }
        guard let open = peek, open.isPunct("{") else { throw unexpected(expected: "'{' after '\\sqrt'") }
        let argument = try parseGroup(closer: .punct(UInt8(ascii: "}")), closerText: "}")
        return try node(.call(NotationFunction(spelling: "\\sqrt", meaning: .sqrt), argument.expression),
                        root.start..<argument.span.range.upperBound, [argument.span])
    }

    /// `\max(0, z)` or `\max(z, 0)`: ReLU. Other maxima are not part of the notation.
    mutating func parseMaximum() throws(NotationError) -> Parsed {
        guard let max = advance() else { throw unexpected(expected: Self.operandDescription) }
        guard let open = peek, Self.opensArgument(open) || open.isCommand("{") else {
            throw unexpected(expected: "'(' after '\\max'")
        }
        advance()
        try enter(at: open.start)
        defer { leave() }
        let first = try parseExpression()
        guard let comma = peek, comma.isPunct(",") else { throw unexpected(expected: "',' in '\\max(0, z)'") }
        advance()
        let second = try parseExpression()
        guard let close = advance(), isCloser(close) else {
            throw error(.unbalancedGroup, at: open.start, "unbalanced group: '\\max(' is never closed", expected: "')'")
        }
        let relu = NotationFunction(spelling: "\\operatorname{ReLU}", meaning: .activation(.relu))
        let argument: Parsed
        switch (first.expression, second.expression) {
        case (.number(let zero), _) where Double(zero) == 0: argument = second
        case (_, .number(let zero)) where Double(zero) == 0: argument = first
        default:
            // max(a, b) = b + ReLU(a − b), exactly (the kink where a = b).
            let span = Span(range: first.span.range.lowerBound..<second.span.range.upperBound, children: [first.span, second.span])
            let difference = try node(.difference(first.expression, second.expression), span.range, [first.span, second.span])
            let call = try node(.call(relu, difference.expression), max.start..<close.end, [difference.span])
            return try node(.sum(second.expression, call.expression), max.start..<close.end, [second.span, call.span])
        }
        return try node(.call(relu, argument.expression), max.start..<close.end, [argument.span])
    }

    // MARK: - Indicators

    /// Whether the tokens at `position` spell an indicator's name: `\mathbb{1}`, `\mathbf{1}`,
    /// `\mathds{1}`, `\mathbb{I}`.
    func isIndicator(at position: Int) -> Bool {
        guard position + 3 < tokens.count, tokens[position + 1].isPunct("{"), tokens[position + 3].isPunct("}") else {
            return false
        }
        switch tokens[position + 2].kind {
        case .number("1"): return true
        case .letter(let c): return c == UInt8(ascii: "I")
        default: return false
        }
    }

    /// `\mathbb{1}[z > 0]`, `\mathbb{1}_{z > 0}`, `\mathbb{1}_{\{z > 0\}}`, `\mathbb{1}(z \geq 0)`,
    /// `\mathbf{1}\{0 < z\}`: the indicator of z > 0, ReLU′(z) (its value at the kink is no claim).
    mutating func parseIndicator() throws(NotationError) -> Parsed {
        guard let name = advance() else { throw unexpected(expected: Self.operandDescription) }
        index += 3  // {1}
        try enter(at: name.start)
        defer { leave() }
        var closers: [TokenKind] = []
        if let marker = peek, marker.isPunct("_") {
            advance()
            guard let open = advance(), open.isPunct("{") else { throw unexpected(expected: "'{' after '_'") }
            closers.append(.punct(UInt8(ascii: "}")))
            if let brace = peek, brace.isCommand("{") { advance(); closers.append(.command("}")) }
        } else if let open = advance() {
            switch open.kind {
            case .punct(let c) where c == UInt8(ascii: "["): closers = [.punct(UInt8(ascii: "]"))]
            case .punct(let c) where c == UInt8(ascii: "("): closers = [.punct(UInt8(ascii: ")"))]
            case .command("{"): closers = [.command("}")]
            case .left("["): closers = [.right("]")]
            case .left("("): closers = [.right(")")]
            case .left("\\{"): closers = [.right("\\}")]
            default: throw error(.unsupportedLaTeX, at: open.start, "unsupported indicator",
                                 expected: "\\mathbb{1}[z > 0] or \\mathbb{1}_{z > 0}")
            }
        }
        let argument = try parseCondition()
        for closer in closers.reversed() {
            guard let close = advance(), close.kind == closer else {
                throw error(.unbalancedGroup, at: name.start, "unbalanced group: the indicator's condition is never closed",
                            expected: "the closing delimiter after 'z > 0'")
            }
        }
        let end = tokens[index - 1].end
        return try node(.call(NotationFunction(spelling: "\\operatorname{ReLU}", meaning: .activation(.relu), isDerivative: true),
                              argument.expression), name.start..<end, [argument.span])
    }

    /// `a - b`, the argument whose positivity is `a > b` (the max gate's `\mathbb{1}[z > w]`), spanning both.
    private func difference(_ a: Parsed, _ b: Parsed) throws(NotationError) -> Parsed {
        let lower = min(a.span.range.lowerBound, b.span.range.lowerBound)
        let upper = max(a.span.range.upperBound, b.span.range.upperBound)
        return try node(.difference(a.expression, b.expression), lower..<upper, [a.span, b.span])
    }

    /// `z > 0`, `z \geq 0`, `z \ge 0` or `0 < z`: the z; `a > b` (`b < a`): a − b.
    private mutating func parseCondition() throws(NotationError) -> Parsed {
        func isZero(_ e: Expression) -> Bool { if case .number(let n) = e { return Double(n) == 0 }; return false }
        func isGreater(_ t: Token?) -> Bool {
            guard let t else { return false }
            return t.isPunct(">") || t.isCommand("geq") || t.isCommand("ge") || t.isCommand("geqslant")
        }
        let left = try parseExpression()
        if isGreater(peek) {
            advance()
            let right = try parseExpression()
            if isZero(right.expression) { return left }
            return try difference(left, right)
        } else if let less = peek, less.isPunct("<") || less.isCommand("leq") || less.isCommand("le") {
            advance()
            let right = try parseExpression()
            if isZero(left.expression) { return right }
            return try difference(right, left)
        }
        throw error(.unsupportedLaTeX, at: left.span.range.lowerBound, "unsupported condition in an indicator",
                    expected: "z > 0 (the indicator of a positive argument, ReLU′)")
    }

    // MARK: - Sums

    /// `\sum_{k=1}^{2} w_{k} x_{k}`: the sum of the product that follows, written out term by term
    /// (k replaced by 1 and 2 in every subscript and superscript, and where it stands alone). A sum
    /// without numeric bounds (`\sum_{k}`, `\sum_{k=1}^{K}`) is read, and evaluating it is
    /// inconclusive (``NotationFunction/Meaning/unknown``).
    mutating func parseSum() throws(NotationError) -> Parsed {
        guard let sum = advance() else { throw unexpected(expected: Self.operandDescription) }
        try enter(at: sum.start)
        defer { leave() }
        var lower: String?, upper: String?
        if let marker = peek, marker.isPunct("_") {
            advance()
            lower = try decorationContent(after: marker, splitNumbers: false).0
        }
        if let marker = peek, marker.isPunct("^") {
            advance()
            upper = try decorationContent(after: marker, splitNumbers: false).0
        }
        // `\sum_{i=1}^{N} -\log P_i`: a negated term.
        let minus = peek.flatMap { $0.isPunct("-") ? advance() : nil }
        guard let next = peek, canStartFactor(next) else { throw unexpected(expected: "the terms after '\\sum'") }
        let occurrencesBefore = occurrences.count
        var body = try parseProduct()
        if let minus { body = try node(.negation(body.expression), minus.start..<body.span.range.upperBound, [body.span]) }
        let range = sum.start..<body.span.range.upperBound
        if let (letter, values) = Self.numericRange(lower: lower, upper: upper) {
            let bodyOccurrences = Array(occurrences[occurrencesBefore...])
            occurrences.removeSubrange(occurrencesBefore...)
            var total: Parsed?
            for value in values {
                let term = body.expression.substituting(index: letter, with: value)
                occurrences += bodyOccurrences.compactMap { $0.substituting(index: letter, with: value) }
                let parsed = try node(term, body.span.range, body.span.children)
                total = try total.map { t throws(NotationError) in
                    try node(.sum(t.expression, parsed.expression), range, [t.span, parsed.span])
                } ?? parsed
            }
            return total ?? body
        }
        // Not evaluable: keep what is written; its index is no quantity of the model.
        if let letter = lower.flatMap(Self.indexLetter) {
            occurrences.removeAll { $0.symbol.spelling.map { Symbol.mentions($0, index: letter) } ?? false }
        }
        var spelling = "\\sum" + (lower.map { "_{\($0)}" } ?? "")
        if let upper { spelling += "^{\(upper)}" }
        return try node(.call(NotationFunction(spelling: spelling, meaning: .unknown), body.expression), range, [body.span])
    }

    /// `k=1` and `2`: the index letter and the values 1…2 (at most 64 terms), nil unless both bounds are integers.
    static func numericRange(lower: String?, upper: String?) -> (Character, [Int])? {
        guard let lower, let upper, let equals = lower.firstIndex(of: "="),
              let letter = indexLetter(String(lower[..<equals])),
              let from = Int(lower[lower.index(after: equals)...]), let to = Int(upper),
              from <= to, to - from < 64 else { return nil }
        return (letter, Array(from...to))
    }

    /// The index letter of `k` or `k=1`.
    static func indexLetter(_ text: String) -> Character? {
        let name = text.split(separator: "=").first.map(String.init) ?? text
        guard name.count == 1, let c = name.first, c.isASCII, c.isLetter else { return nil }
        return c
    }
}

extension Symbol {
    /// Whether a canonical spelling mentions the index letter in its subscript or superscript, or is it.
    static func mentions(_ spelling: String, index: Character) -> Bool {
        spelling == String(index) || substitutingIndex(spelling, index, "\u{0}") != spelling
    }

    /// The spelling with the index letter replaced by `value` in its subscript and superscript
    /// (letters only; command names such as `\kappa` are left alone).
    static func substitutingIndex(_ spelling: String, _ index: Character, _ value: String) -> String {
        var result = ""
        var inDecoration = false, inCommand = false
        for c in spelling {
            if c == "_" || c == "^" { inDecoration = true }
            if c == "\\" { inCommand = true } else if !c.isLetter { inCommand = false }
            result += inDecoration && !inCommand && c == index ? value : String(c)
        }
        return result
    }
}

extension SymbolOccurrence {
    /// The occurrence in the term of a sum where the index is `value`; nil for the index itself.
    func substituting(index: Character, with value: Int) -> SymbolOccurrence? {
        guard let spelling = symbol.spelling else { return self }
        if spelling == String(index) { return nil }
        var copy = self
        copy.symbol = Symbol(spelling: Symbol.substitutingIndex(spelling, index, String(value)))
        if let base = entryOf, let baseSpelling = base.spelling {
            copy.entryOf = Symbol(spelling: Symbol.substitutingIndex(baseSpelling, index, String(value)))
        }
        return copy
    }
}

extension Expression {
    /// The expression with a sum's index replaced by `value`: in symbols' subscripts and
    /// superscripts, and the index standing alone becomes the number.
    func substituting(index: Character, with value: Int) -> Expression {
        switch self {
        case .symbol(let s):
            guard let spelling = s.spelling else { return self }
            if spelling == String(index) { return .number(String(value)) }
            return .symbol(Symbol(spelling: Symbol.substitutingIndex(spelling, index, String(value))))
        case .vector(let s):
            // `\sum_{n=1}^{2} \mathbf{x}_n`: the vector of each term.
            guard let spelling = s.spelling else { return self }
            return .vector(Symbol(spelling: Symbol.substitutingIndex(spelling, index, String(value))))
        case .derivative(let inner, let variable):
            // `\sum_{k=1}^{2} \frac{\partial L}{\partial y_k} \frac{\partial y_k}{\partial h_j}`: the variable too.
            guard let spelling = variable.spelling else { return self }
            return .derivative(inner.substituting(index: index, with: value),
                               by: Symbol(spelling: Symbol.substitutingIndex(spelling, index, String(value))))
        case .call(let f, _) where f.meaning == .unknown && f.spelling.hasPrefix("\\sum_")
                                   && IndexInstances.sumLetter(f.spelling) == index:
            return self  // an inner sum that binds the same letter again
        case .entry(let inner, let indices):
            // `\sum_{k=1}^{3} (\mathbf{W}^\top \mathbf{e})_k`: the entry of each term.
            return .entry(inner.substituting(index: index, with: value),
                          indices: indices.map { $0 == String(index) ? String(value) : $0 })
        case .number: return self
        default:
            return withChildren(children.map { $0.substituting(index: index, with: value) })
        }
    }
}
