/// Entries of vector and matrix expressions (general notation): `\operatorname{softmax}(\mathbf{o})_j`,
/// `(\mathbf{W}^\top \mathbf{e})_j`, `(W_1)_{jk}`, and `(W_1)_{jk}` as the variable of a derivative.
///
/// The parser only records what is written. Whether the expression has that entry (a vector or matrix of
/// that shape, an index in its range) is for the tensor expansion to decide, where shapes are known
/// (``TensorExpansion``): a subscript on a scalar or an index out of range is a located error there.
extension ExpressionParser {
    static let entryIndexDescription =
        "an entry's indices: whole numbers or index letters, e.g. _{j}, _{jk}, _{j,k} or _{2}"

    /// The entry named by the subscript `_{…}` at the cursor after `primary`: a symbol's entry is the symbol
    /// that names it (`(W_1)_{jk}` is `W_{1,jk}`, as ``Symbol/entry(_:_:of:)`` names W_1's entries), any other
    /// expression's an ``Expression/entry(_:indices:)``.
    mutating func parseEntry(of primary: Parsed) throws(NotationError) -> Parsed {
        guard let marker = advance() else { throw unexpected(expected: Self.entryIndexDescription) }
        if case .norm = primary.expression {
            // A norm is a number: only `_2` and `_F` (read with the norm) name which one.
            throw error(.unsupportedLaTeX, at: marker.start, "unsupported subscript on a norm",
                        expected: "\\|…\\|_2, \\|…\\|_F or no subscript")
        }
        let content = try decorationContent(after: marker, splitNumbers: true)
        guard let indices = Self.entryIndices(content.0) else {
            throw error(.unsupportedLaTeX, at: marker.start, "unsupported index '\(content.0)' of an entry",
                        expected: Self.entryIndexDescription)
        }
        let range = primary.span.range.lowerBound..<content.1
        if case .number = primary.expression {
            throw error(.unsupportedLaTeX, at: marker.start, "subscript on a number",
                        expected: "an entry of a vector or matrix, e.g. (\\mathbf{W} \\mathbf{x})_{j}")
        }
        if case .symbol(let s) = primary.expression, let entry = Self.entrySymbol(s, indices) {
            var occurrence = SymbolOccurrence(symbol: entry, isVector: false, spelling: source.text(range),
                                              range: source.range(range))
            if let k = occurrences.lastIndex(where: { $0.symbol == s }) {
                occurrence.isApplied = occurrences[k].isApplied
                occurrences.remove(at: k)
            }
            occurrence.entryOf = s
            occurrences.append(occurrence)
            return Parsed(expression: .symbol(entry), span: Span(range: range))
        }
        return try node(.entry(primary.expression, indices: indices), range, [primary.span])
    }

    /// The symbol naming entry `indices` of `s`: its subscript, then the indices (`W_1` → `W_{1,jk}`, `x` →
    /// `x_{j}`), written as ``Symbol/entry(_:_:of:)`` writes entries. Nil for `\mathbf{1}`, which has no name
    /// of its entries.
    static func entrySymbol(_ s: Symbol, _ indices: [String]) -> Symbol? {
        guard s.spelling != "\\mathbf{1}", var parts = s.parts else { return nil }
        let index = indices.allSatisfy { $0.count == 1 } ? indices.joined() : indices.joined(separator: ",")
        parts.subscriptText = parts.subscriptText.map { "\($0),\(index)" } ?? index
        var result = Symbol(spelling: parts.spelling)
        result.scope = s.scope
        return result
    }

    /// The indices of `_{jk}`, `_{j,k}`, `_{2}`, `_{12}`, `_{1k}`: comma-separated, or else each letter alone
    /// and each run of digits; one or two of them. Nil for anything else (`_{j+1}`, `_{\mu}`).
    static func entryIndices(_ content: String) -> [String]? {
        func isLetter(_ c: Character) -> Bool { c.isASCII && c.isLetter }
        func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        var items: [String] = []
        if content.contains(",") {
            items = content.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard items.allSatisfy({ item in
                (!item.isEmpty && item.allSatisfy(isDigit)) || (item.count == 1 && isLetter(item.first!))
            }) else { return nil }
        } else {
            for c in content {
                guard isLetter(c) || isDigit(c) else { return nil }
                if isDigit(c), let last = items.last, last.allSatisfy(isDigit) {
                    items[items.count - 1].append(c)
                } else {
                    items.append(String(c))
                }
            }
        }
        guard !items.isEmpty, items.count <= 2 else { return nil }
        return items
    }

    /// Whether `token` begins the variable of a derivative: a symbol, or `(` of an entry `(W_1)_{jk}`.
    func startsVariable(_ token: Token) -> Bool {
        startsSymbol(token) || (isGeneral && Self.opensArgument(token))
    }

    /// The variable of a derivative: a symbol, or an entry of one, `(W_1)_{jk}` (also `\left( … \right)`).
    mutating func parseVariable() throws(NotationError) -> (Symbol, Range<Int>) {
        guard isGeneral, let open = peek, Self.opensArgument(open) else { return try parseAnySymbol() }
        let closer: TokenKind = open.isPunct("(") ? .punct(UInt8(ascii: ")")) : .right(")")
        advance()
        guard let first = peek, startsSymbol(first) else {
            throw unexpected(expected: "a symbol in the parentheses of an entry, e.g. (W_1)_{jk}")
        }
        let (symbol, _) = try parseGeneralSymbol()
        if pendingTranspose {
            pendingTranspose = false
            throw error(.unsupportedLaTeX, at: first.start, "a transpose as the variable of a derivative",
                        expected: "a symbol or an entry of one, e.g. (W_1)_{jk}")
        }
        guard let close = peek, close.kind == closer else {
            throw unexpected(expected: "'\(closer == .punct(UInt8(ascii: ")")) ? ")" : "\\right)")' after the symbol, e.g. (W_1)_{jk}")
        }
        advance()
        guard let marker = peek, marker.isPunct("_") else {
            throw unexpected(expected: "the entry's indices after ')', e.g. (W_1)_{jk}")
        }
        let parsed = try parseEntry(of: Parsed(expression: .symbol(symbol), span: Span(range: open.start..<close.end)))
        guard case .symbol(let entry) = parsed.expression else {
            throw error(.unsupportedLaTeX, at: first.start, "unsupported variable of a derivative",
                        expected: "a symbol or an entry of one, e.g. (W_1)_{jk}")
        }
        return (entry, parsed.span.range)
    }
}
