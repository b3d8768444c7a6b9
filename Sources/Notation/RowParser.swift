/// Reads one row: `lhs &= rhs && annotation`, `&= rhs`, or `lhs = rhs`.
struct RowParser {
    let source: SourceText

    /// The equations of one physical row. In the seed notation a row holds one equation. In the
    /// general notation a row may hold several, in columns (`z &= w x & h &= \sigma(z)`), or one
    /// left-hand side with several right-hand sides (`a = b = c`, read as `a = b` and the
    /// continuation `= c`); a trailing `\text{…}` is an annotation and a trailing `,` `.` `;` is
    /// punctuation.
    func parseEquations(_ tokens: [Token]) throws(NotationError) -> [Row] {
        guard source.dialect == .general else { return [try parse(tokens)] }
        // Separators before the first left-hand side (`\text{where } z = w x`) separate nothing.
        let (withoutRanges, statedRanges) = Self.rangeStatements(in: Self.withoutTrailingPunctuation(
            Self.definitionRelationsAsEquals(tokens)))
        let tokens = Array(Self.commasAsSeparators(withoutRanges).drop { $0.isPunct("&") })
        guard !tokens.isEmpty else { return [] }
        return try equations(of: tokens).map { row in
            var row = row
            row.statedRanges = statedRanges
            return row
        }
    }

    /// The equations of a row's tokens without range statements (see ``parseEquations(_:)``).
    private func equations(of written: [Token]) throws(NotationError) -> [Row] {
        let tokens = Self.withoutNamingCalls(written)
        let equals = Self.topLevelIndices(of: "=", in: tokens[...])
        guard equals.count > 1 else { return [try parse(tokens)] }
        var rows: [Row] = []
        var lhsStart = 0
        for (k, position) in equals.enumerated() {
            // A left-hand side of only '&' (or none) makes a continuation row; `parse` reads it so.
            guard k + 1 < equals.count else {
                rows.append(try parse(Array(tokens[lhsStart...])))
                break
            }
            var stretch = tokens[(position + 1)..<equals[k + 1]]
            if let first = stretch.first, first.isPunct("&") { stretch = stretch.dropFirst() }
            while let last = stretch.last, last.isPunct("&") { stretch = stretch.dropLast() }
            let ampersands = Self.topLevelIndices(of: "&", in: stretch)
            let rhsEnd = ampersands.first ?? stretch.endIndex
            let rowTokens = Array(tokens[lhsStart..<rhsEnd])
            rows.append(try parse(rowTokens))
            // The next equation's left-hand side: after the last '&' of the stretch, or none.
            lhsStart = ampersands.last.map { $0 + 1 } ?? equals[k + 1]
            if lhsStart < equals[k + 1], tokens[lhsStart..<equals[k + 1]].allSatisfy({ $0.isPunct("&") }) {
                lhsStart = equals[k + 1]
            }
        }
        return rows
    }

    /// The tokens without the right-hand sides that only name the value by a function of several arguments,
    /// `J = L(\hat{\mathbf{y}}, \mathbf{y}) = \|\hat{\mathbf{y}} - \mathbf{y}\|^2`: such a right-hand side
    /// (``isNamingCall(_:)``) between two `=` is dropped with the `=` after it, so that the chain reads
    /// `J = \|…\|^2`. Only between two `=`: a last right-hand side is always read.
    static func withoutNamingCalls(_ tokens: [Token]) -> [Token] {
        let equals = topLevelIndices(of: "=", in: tokens[...])
        guard equals.count > 1 else { return tokens }
        var dropped = Set<Int>()
        for k in 0..<(equals.count - 1) {
            let stretch = tokens[(equals[k] + 1)..<equals[k + 1]]
            if isNamingCall(stretch) { dropped.formUnion((equals[k] + 1)...equals[k + 1]) }
        }
        return dropped.isEmpty ? tokens : tokens.indices.filter { !dropped.contains($0) }.map { tokens[$0] }
    }

    /// Whether the tokens are a name applied to two or more arguments and nothing else: `L(w, b)`,
    /// `\mathcal{L}(\hat{y}, y)`. A known function of two arguments (`\max(0, z)`) is a value, not a name.
    static func isNamingCall(_ stretch: ArraySlice<Token>) -> Bool {
        guard let open = stretch.firstIndex(where: { $0.isPunct("(") || $0.kind == .left("(") }), open > stretch.startIndex,
              let last = stretch.last, last.isPunct(")") || last.kind == .right(")") else { return false }
        let name = stretch[..<open]
        let nameOnly = name.allSatisfy { token in
            switch token.kind {
            case .letter, .number: return true
            case .command(let c): return Self.namingCommands.contains(c) || ExpressionParser.greekSymbols.contains(c)
            case .punct(let c): return c == UInt8(ascii: "{") || c == UInt8(ascii: "}") || c == UInt8(ascii: "_") || c == UInt8(ascii: "^")
            default: return false
            }
        }
        return nameOnly && hasArgumentCommas(stretch[open...])
    }

    /// Commands a name of a function may be written with: `\mathcal{L}`, `\ell`, `\hat{f}`.
    private static let namingCommands: Set<String> = ["mathcal", "mathrm", "mathbf", "mathit", "ell", "hat", "tilde", "bar",
                                                      "operatorname"]

    /// Whether `(a, b, …)` (the whole slice, one group) separates its arguments with top-level commas.
    private static func hasArgumentCommas(_ group: ArraySlice<Token>) -> Bool {
        guard group.count > 2 else { return false }
        let inner = group.dropFirst().dropLast()
        return !topLevelIndices(of: ",", in: inner).isEmpty && topLevelIndices(of: "=", in: inner).isEmpty
    }

    /// Offsets in `tokens` of `character` outside braces, parentheses, brackets and `\left … \right`.
    static func topLevelIndices(of character: Unicode.Scalar, in tokens: ArraySlice<Token>) -> [Int] {
        topLevelPositions(in: tokens).filter { tokens[$0].isPunct(character) }
    }

    /// Offsets in `tokens` of the tokens outside braces, parentheses, brackets and `\left … \right`
    /// (the openers and closers themselves excluded).
    static func topLevelPositions(in tokens: ArraySlice<Token>) -> [Int] {
        var depth = 0
        var result: [Int] = []
        for i in tokens.indices {
            switch tokens[i].kind {
            case .left, .begin, .command("{"): depth += 1
            case .right, .end, .command("}"): depth -= 1
            case .punct(let c) where c == UInt8(ascii: "{") || c == UInt8(ascii: "(") || c == UInt8(ascii: "["):
                depth += 1
            case .punct(let c) where c == UInt8(ascii: "}") || c == UInt8(ascii: ")") || c == UInt8(ascii: "]"):
                depth -= 1
            default:
                if depth == 0 { result.append(i) }
            }
        }
        return result
    }

    /// Top-level `,` and `;` separate equations (`a = b, \qquad c = d`) or end one before its
    /// annotation, as `&` does: the notation has no other use for them outside a group.
    static func commasAsSeparators(_ tokens: [Token]) -> [Token] {
        var result = tokens
        for i in topLevelIndices(of: ",", in: tokens[...]) + topLevelIndices(of: ";", in: tokens[...]) {
            result[i].kind = .punct(UInt8(ascii: "&"))
        }
        // Prose between two equations, `a = b \qquad \text{and} \qquad c = d`, separates them too.
        if let lastEquals = topLevelIndices(of: "=", in: result[...]).last {
            for i in result.indices where i < lastEquals {
                if case .text = result[i].kind { result[i].kind = .punct(UInt8(ascii: "&")) }
            }
        }
        return result
    }

    /// The commands of the relations read as `=` (see ``definitionRelationsAsEquals(_:)``).
    static let definitionRelations: Set<String> = ["equiv", "triangleq", "coloneqq", "eqqcolon", "doteq"]

    /// Relations that define or state an identity, `\delta \equiv \nabla_{\mathbf{a}} L`, `\triangleq`,
    /// `\coloneqq`, `\eqqcolon`, read as `=` (at the top level of the row).
    static func definitionRelationsAsEquals(_ tokens: [Token]) -> [Token] {
        let relations = definitionRelations
        var result = tokens
        for i in topLevelPositions(in: tokens[...]) {
            guard case .command(let name) = tokens[i].kind, relations.contains(name) else { continue }
            result[i].kind = .punct(UInt8(ascii: "="))
        }
        return result
    }

    /// The row's tokens without the ranges it states beside its equations (`h_j = \sigma(z_j), \qquad j = 1, 2`:
    /// an index letter `=` a list of whole numbers, `1, 2, 3` or `1, \dots, K`, is no equation; ``SizeReader``
    /// reads it as the index's range), and the ranges they state, by letter: a range written of whole
    /// numbers (`k = 1, 2,\ j = 0, 1, 2`) holds for this row's equations, whatever another row states
    /// for the same letter. A range up to a named constant (`k = 1, \dots, K`) is left to the document's
    /// statements (``SizeStatements/ranges``).
    static func rangeStatements(in tokens: [Token]) -> (tokens: [Token], ranges: [Character: [Int]]) {
        var ranges: [Character: [Int]] = [:]
        var result = tokens
        var i = result.count - 1
        while i >= 1 {
            defer { i -= 1 }
            guard case .letter(let c) = result[i - 1].kind, "ijklmn".contains(Character(UnicodeScalar(c))),
                  result[i].isPunct("="), i - 1 == 0 || isSeparator(result[i - 2]) else { continue }
            var end = i + 1
            var values = 0
            while end < result.count {
                let token = result[end]
                if case .number(let n) = token.kind, Int(n) != nil { values += 1 } else if token.isPunct(",")
                    || token.isCommand("dots") || token.isCommand("ldots") || token.isCommand("cdots") {
                } else if case .letter(let u) = token.kind, Character(UnicodeScalar(u)).isUppercase, values > 0 {
                    values += 1
                } else { break }
                end += 1
            }
            while end > i + 1, result[end - 1].isPunct(",") { end -= 1 }
            guard values >= 2 else { continue }
            if case .letter(let c) = result[i - 1].kind, let stated = wholeNumbers(result[(i + 1)..<end]) {
                ranges[Character(UnicodeScalar(c))] = stated
            }
            result.removeSubrange((i - 1)..<end)
            while let last = result.last, last.isPunct(",") { result.removeLast() }
            i = min(i, result.count)
        }
        return (result, ranges)
    }

    /// `1, 2, 3` or `0, \dots, 3` as the numbers they list; nil if a bound is not a whole number.
    private static func wholeNumbers(_ tokens: ArraySlice<Token>) -> [Int]? {
        var listed: [Int] = []
        var ellipsis = false
        for token in tokens {
            if case .number(let n) = token.kind, let value = Int(n) {
                if ellipsis, let last = listed.last, value > last { listed += Array((last + 1)...value) } else { listed.append(value) }
                ellipsis = false
            } else if token.isCommand("dots") || token.isCommand("ldots") || token.isCommand("cdots") {
                ellipsis = true
            } else if !token.isPunct(",") {
                return nil
            }
        }
        return listed.count >= 2 && !ellipsis ? listed : nil
    }

    private static func isSeparator(_ token: Token) -> Bool {
        token.isPunct(",") || token.isPunct("&") || token.isPunct(";")
        || { if case .text = token.kind { return true } else { return false } }()
    }

    /// A row without the `,` `.` or `;` that ends a sentence around display math.
    static func withoutTrailingPunctuation(_ tokens: [Token]) -> [Token] {
        var result = tokens
        while let last = result.last, last.isPunct(",") || last.isPunct(".") || last.isPunct(";") {
            result.removeLast()
        }
        return result
    }

    func parse(_ tokens: [Token]) throws(NotationError) -> Row {
        guard let first = tokens.first, let last = tokens.last else {
            throw NotationError(kind: .unexpectedInput, location: source.location(at: 0), message: "empty row",
                                expected: BlockParser.rowExample)
        }
        // The row's `=` is outside groups: `\frac{\partial}{\partial o_j} \log \sum_{k=1}^{3} e^{o_k} = …`.
        let topLevelEquals = source.dialect == .general ? Self.topLevelIndices(of: "=", in: tokens[...]).first
                                                         : tokens.firstIndex(where: { $0.isPunct("=") })
        guard let equals = topLevelEquals else {
            throw NotationError(kind: .unexpectedInput, location: source.location(at: first.start),
                                message: "row without '='",
                                expected: "'&=' or '=' between the left- and right-hand sides")
        }
        let (lhsTokens, alignedBefore) = try leftTokens(tokens[..<equals])
        var rest = tokens[(equals + 1)...]
        if !alignedBefore, let next = rest.first, next.isPunct("&") { rest = rest.dropFirst() }
        let ampersand = rest.firstIndex { $0.isPunct("&") }
        var rhsTokens = Array(rest[..<(ampersand ?? rest.endIndex)])
        // `a^1 = x \in \mathbb{R}^2`: what follows `\in` states a shape or a domain (read elsewhere).
        if source.dialect == .general, let relation = Self.topLevelIndices(of: "\u{0}", in: rhsTokens[...]).first
            ?? rhsTokens.firstIndex(where: { $0.isCommand("in") }), relation > 0 {
            rhsTokens = Array(rhsTokens[..<relation])
        }
        var annotationTokens = ampersand.map { Array(rest[$0...].drop { $0.isPunct("&") }) } ?? []
        if source.dialect == .general, let qualifier = Self.proseQualifier(in: rhsTokens) {
            // `= \delta_k h_j \quad \text{for all } k, j`: from the prose on, the row qualifies the claim.
            annotationTokens = Array(rhsTokens[qualifier...]) + annotationTokens
            rhsTokens = Array(rhsTokens[..<qualifier])
            while let last = rhsTokens.last, last.isPunct(",") || last.isPunct(";") { rhsTokens.removeLast() }
        }
        if source.dialect == .general {
            // `= x \quad \text{(chain rule)}`: trailing prose is an annotation.
            while let last = rhsTokens.last, case .text = last.kind, rhsTokens.count > 1 {
                annotationTokens.insert(rhsTokens.removeLast(), at: 0)
            }
        }
        guard let rhsFirst = rhsTokens.first, let rhsLast = rhsTokens.last else {
            throw NotationError(kind: .unexpectedInput, location: source.location(at: tokens[equals].end),
                                message: "missing right-hand side", expected: ExpressionParser.operandDescription)
        }
        var lhs: LeftHandSide?
        var lhsSymbols: [SymbolOccurrence] = []
        var lhsArguments: [String]? = nil
        if !lhsTokens.isEmpty {
            var parser = ExpressionParser(source: source, tokens: lhsTokens, endOffset: tokens[equals].start)
            lhs = try parser.parseLeftHandSide()
            lhsSymbols = parser.occurrences
            lhsArguments = parser.lhsArguments
        }
        var parser = ExpressionParser(source: source, tokens: rhsTokens, endOffset: rhsLast.end)
        let rhs = try parser.parseComplete()
        var row = Row(lhs: lhs, rhs: rhs.expression, rhsLaTeX: source.text(rhsFirst.start..<rhsLast.end),
                      latex: source.text(first.start..<last.end), annotation: annotation(annotationTokens),
                      location: source.location(at: first.start), rhsMap: rhs.span.sourceMap(in: source),
                      lhsSymbols: lhsSymbols, rhsSymbols: parser.occurrences)
        row.lhsArguments = lhsArguments
        row.valueCalls = parser.valueCalls
        return row
    }

    /// Words that open a qualifying phrase after an equation: `\text{for all } k`, `\text{where } …`.
    static let qualifierWords: Set<String> = ["for", "where", "with", "if", "when", "whenever", "since", "because",
                                              "and", "as", "i.e.", "e.g.", "so", "using", "at", "all", "each", "every"]

    /// The index of the first top-level `\text{…}` (after the first token) that opens a qualifying phrase.
    static func proseQualifier(in tokens: [Token]) -> Int? {
        topLevelPositions(in: tokens[...]).first { i in
            guard i > 0, case .text(let text) = tokens[i].kind else { return false }
            let first = text.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map { $0.lowercased() } ?? ""
            return qualifierWords.contains(first)
        }
    }

    /// The left-hand side's tokens without the alignment `&`; whether there was one.
    private func leftTokens(_ tokens: ArraySlice<Token>) throws(NotationError) -> ([Token], Bool) {
        var result = Array(tokens)
        // `\delta := …` defines as `=` does.
        if source.dialect == .general, let last = result.last, last.isPunct(":") { result.removeLast() }
        var aligned = false
        while let last = result.last, last.isPunct("&") {
            result.removeLast()
            aligned = true
        }
        if let stray = result.first(where: { $0.isPunct("&") }) {
            throw NotationError(kind: .unexpectedInput, location: source.location(at: stray.start),
                                message: "unexpected '&' in the left-hand side",
                                expected: "'&=' after the left-hand side")
        }
        return (result, aligned)
    }

    /// The annotation text: the arguments of `\text{…}`, or the raw LaTeX of anything else.
    private func annotation(_ tokens: [Token]) -> String? {
        guard let first = tokens.first, let last = tokens.last else { return nil }
        var texts: [String] = []
        for token in tokens {
            guard case .text(let text) = token.kind else { return source.text(first.start..<last.end) }
            texts.append(text)
        }
        return texts.joined(separator: " ")
    }
}
