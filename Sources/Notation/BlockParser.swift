/// The byte range of one display block's LaTeX and the context it appears in.
struct Segment: Sendable {
    /// The LaTeX between the delimiters.
    var contentRange: Range<Int>
    /// Where the block opens (`$$`, or the first byte of a `.tex` paragraph).
    var openerOffset: Int
    var heading: Heading?
    var declaration: OperatorDeclaration?
    /// Inline math holding a claim (general notation).
    var isInline = false
}

/// Turns a ``Segment`` into a ``Block``: environment, rows, equations, classification.
struct BlockParser {
    let source: SourceText

    /// Environments whose rows are read.
    static let environments: Set<String> = ["aligned", "align", "align*", "split"]
    /// The general notation's environments: also `equation`, `gather`, `eqnarray`, `multline` (one of
    /// them may wrap an `aligned` or `split`).
    static let generalEnvironments: Set<String> = environments.union([
        "equation", "equation*", "gather", "gather*", "eqnarray", "eqnarray*", "multline", "multline*",
    ])

    var allowedEnvironments: Set<String> {
        source.dialect == .general ? Self.generalEnvironments : Self.environments
    }

    static let rowExample = "an equation such as z_{10} &= w_{10}x_{00} + b_{10}"

    func error(_ kind: NotationError.Kind, at offset: Int, _ message: String, expected: String) -> NotationError {
        NotationError(kind: kind, location: source.location(at: offset), message: message, expected: expected)
    }

    func parse(_ segment: Segment) throws(NotationError) -> Block {
        var lexer = Lexer(source: source, range: segment.contentRange)
        var tokens = try lexer.tokenize()
        if source.dialect == .general { tokens = Self.markingMatrixSeparators(tokens) }
        guard !tokens.isEmpty else {
            throw error(.unexpectedInput, at: segment.openerOffset, "empty display math", expected: Self.rowExample)
        }
        let (environment, body) = try unwrapEnvironment(tokens)
        let equations = try parseEquations(body, emptyAt: segment.openerOffset)
        var block = Block(kind: Block.classify(equations), equations: equations, environment: environment,
                          latex: source.text(segment.contentRange), location: source.location(at: segment.openerOffset),
                          heading: segment.heading, declaration: segment.declaration)
        block.isInline = segment.isInline
        return block
    }

    /// Splits rows on `\\` and groups continuation rows under the preceding left-hand side.
    private func parseEquations(_ body: ArraySlice<Token>, emptyAt offset: Int) throws(NotationError) -> [Equation] {
        var equations: [Equation] = []
        var rowTokens: [Token] = []
        for token in body {
            if token.kind == .rowSeparator {
                try appendRow(rowTokens, to: &equations)
                rowTokens.removeAll(keepingCapacity: true)
            } else {
                rowTokens.append(token)
            }
        }
        try appendRow(rowTokens, to: &equations)
        guard !equations.isEmpty else {
            throw error(.unexpectedInput, at: body.first?.start ?? offset, "display math without equations",
                        expected: Self.rowExample)
        }
        return equations
    }

    private func appendRow(_ tokens: [Token], to equations: inout [Equation]) throws(NotationError) {
        guard let first = tokens.first else { return }  // `\\` at the very end: no row
        // `\lambda > 0`, `y \in \{0, 1\}`: a statement of domains, not an equation (DomainStatement).
        if source.dialect == .general, DomainReader(source: source).isStatementRow(tokens) { return }
        for row in try RowParser(source: source).parseEquations(tokens) where !Self.namesEntries(row) {
            if let lhs = row.lhs {
                equations.append(Equation(lhs: lhs, rows: [row]))
            } else if !equations.isEmpty {
                equations[equations.count - 1].rows.append(row)
            } else {
                throw error(.unexpectedInput, at: first.start, "continuation row without a left-hand side",
                            expected: ExpressionParser.leftHandSideDescription + " before it")
            }
        }
    }

    /// `\mathbf{W} = (W_{ij})`: notation naming the entries of W, not a definition of W (the general
    /// notation; see ``SizeReader/isEntryPattern(_:of:)``).
    static func namesEntries(_ row: Row) -> Bool {
        guard case .symbol(let whole) = row.lhs, whole.isGeneral, case .symbol(let pattern) = row.rhs else { return false }
        return SizeReader.isEntryPattern(pattern, of: whole)
    }

    /// Written-out matrices: `\begin{pmatrix} a & b \\ c & d \end{pmatrix}` (also `bmatrix`, `matrix`, …).
    static let matrixEnvironments: Set<String> = ["pmatrix", "bmatrix", "Bmatrix", "matrix", "smallmatrix"]

    /// The tokens with the `&` and `\\` inside matrices marked as the matrix's own column and row
    /// separators (``ExpressionParser/parseMatrix()``), so that they split no row of the block.
    static func markingMatrixSeparators(_ tokens: [Token]) -> [Token] {
        var result = tokens
        var depth = 0
        for i in result.indices {
            switch result[i].kind {
            case .begin(let name) where matrixEnvironments.contains(name): depth += 1
            case .end(let name) where matrixEnvironments.contains(name): depth -= 1
            case .punct(let c) where depth > 0 && c == UInt8(ascii: "&"): result[i].kind = .command(ExpressionParser.matrixColumn)
            case .rowSeparator where depth > 0: result[i].kind = .command(ExpressionParser.matrixRow)
            default: break
            }
        }
        return result
    }

    /// Strips `\begin{aligned}` … `\end{aligned}` if the block is one environment.
    private func unwrapEnvironment(_ tokens: [Token]) throws(NotationError) -> (String?, ArraySlice<Token>) {
        guard let first = tokens.first, case .begin(let name) = first.kind, !Self.matrixEnvironments.contains(name) else {
            try rejectEnvironments(in: tokens[...])
            return (nil, tokens[...])
        }
        if source.dialect == .general, tokens.count > 3, case .end(name) = tokens[tokens.count - 1].kind,
           case .begin(let inner) = tokens[1].kind, case .end(inner) = tokens[tokens.count - 2].kind,
           Self.generalEnvironments.contains(name) {
            // `\begin{equation}\begin{aligned} … \end{aligned}\end{equation}`
            let (_, body) = try unwrapEnvironment(Array(tokens[1..<(tokens.count - 1)]))
            return (inner, body)
        }
        guard allowedEnvironments.contains(name) else {
            throw error(.unsupportedLaTeX, at: first.start, "unsupported environment '\(name)'",
                        expected: "'\\begin{aligned}'")
        }
        var matrices = 0
        for position in 1..<max(1, tokens.count) {
            switch tokens[position].kind {
            case .begin(let inner) where Self.matrixEnvironments.contains(inner):
                matrices += 1
            case .end(let inner) where Self.matrixEnvironments.contains(inner) && matrices > 0:
                matrices -= 1
            case .begin(let inner):
                throw error(.unsupportedLaTeX, at: tokens[position].start,
                            "nested environment '\(inner)'", expected: "'\\end{\(name)}'")
            case .end(let closing):
                guard closing == name else {
                    let opened = source.location(at: first.start)
                    throw error(.unbalancedGroup, at: tokens[position].start,
                                "unbalanced group: '\\end{\(closing)}' does not match '\\begin{\(name)}' "
                                    + "opened at \(opened.line):\(opened.column)",
                                expected: "'\\end{\(name)}'")
                }
                if position + 1 < tokens.count {
                    throw error(.unexpectedInput, at: tokens[position + 1].start,
                                "unexpected '\(source.excerpt(tokens[position + 1].range))' after '\\end{\(name)}'",
                                expected: "the end of the display math")
                }
                return (name, tokens[1..<position])
            default:
                continue
            }
        }
        throw error(.unbalancedGroup, at: first.start, "unbalanced group: '\\begin{\(name)}' is never closed",
                    expected: "'\\end{\(name)}'")
    }

    /// Environments are only allowed around the whole block.
    private func rejectEnvironments(in tokens: ArraySlice<Token>) throws(NotationError) {
        for token in tokens {
            switch token.kind {
            case .begin(let name) where Self.matrixEnvironments.contains(name) && source.dialect == .general:
                continue
            case .end(let name) where Self.matrixEnvironments.contains(name) && source.dialect == .general:
                continue
            case .end(let name):
                throw error(.unbalancedGroup, at: token.start,
                            "unbalanced group: '\\end{\(name)}' without '\\begin{\(name)}'",
                            expected: "'\\begin{\(name)}' at the start of the display math")
            case .begin(let name) where allowedEnvironments.contains(name):
                throw error(.unexpectedInput, at: token.start, "'\\begin{\(name)}' inside a row",
                            expected: "'\\begin{\(name)}' at the start of the display math")
            case .begin(let name):
                throw error(.unsupportedLaTeX, at: token.start, "unsupported environment '\(name)'",
                            expected: "'\\begin{aligned}'")
            default:
                continue
            }
        }
    }
}
