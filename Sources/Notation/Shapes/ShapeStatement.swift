/// What a document states about sizes, in its math: shapes (`x \in \mathbb{R}^{2}`,
/// `W^{(1)} \in \mathbb{R}^{3 \times 2}`), the ranges of free indices (`k = 1, 2, 3`,
/// `j \in \{1, 2\}`, `k = 1, \dots, K`) and whole-number constants (`N = 2`, `K = 3`).
public struct SizeStatements: Hashable, Sendable {
    /// Declared shapes by symbol.
    public var shapes: [Symbol: Shape] = [:]
    /// Declared index ranges by index letter.
    public var ranges: [Character: [Int]] = [:]
    /// Whole numbers stated for single-letter symbols (`N = 2`), used as bounds of sums and ranges.
    public var constants: [String: Int] = [:]
    /// Where a shape was stated by a tuple or in prose (not with `\in`): such a statement holds from its
    /// section on (see ``TensorExpansion/sectionStatements(_:document:)``).
    public var statedInProse: [Symbol: DocumentLocation] = [:]
    /// Matrices stated in prose as stacks of vectors (``Stacking``).
    public var stackings: [Stacking] = []

    public init() {}
}

struct SizeReader {
    let source: SourceText

    /// Every statement of shape, range or constant in the document's math.
    func statements() -> SizeStatements {
        var result = SizeStatements()
        let reader = DomainReader(source: source)
        var pendingRanges: [(Character, [Token])] = []
        var tuples: [Symbol: (shape: Shape, at: Int)] = [:]
        var spans: [[Token]] = []
        for span in reader.mathSpans() {
            var lexer = Lexer(source: source, range: span.content)
            guard let tokens = try? lexer.tokenize() else { continue }
            spans.append(tokens)
        }
        let fonts = Self.fonts(of: spans)
        for tokens in spans {
            readShapes(tokens, into: &result)
            readTuples(tokens, into: &tuples, fonts: fonts)
            readConstants(tokens, into: &result, pendingRanges: &pendingRanges)
        }
        readProseShapes(reader.mathSpans(), into: &tuples)
        result.stackings = readStackings(reader.mathSpans())
        // A shape stated with `\in` wins over a tuple's or the prose's.
        for (symbol, statement) in tuples where result.shapes[symbol] == nil {
            result.shapes[symbol] = statement.shape
            result.statedInProse[symbol] = source.location(at: statement.at)
        }
        // `k = 1, \dots, K` once K is known.
        for (letter, tokens) in pendingRanges where result.ranges[letter] == nil {
            if let values = Self.rangeValues(tokens, constants: result.constants) { result.ranges[letter] = values }
        }
        return result
    }

    // MARK: - Shapes

    /// `a, b \in \mathbb{R}^{m \times n}` (also `\mathbb R^n`, `\R^{n}`, `\mathbb{R}^{m\times n}`).
    private func readShapes(_ tokens: [Token], into result: inout SizeStatements) {
        var start = 0
        for i in tokens.indices where tokens[i].isCommand("in") {
            guard let (shape, _) = Self.realSpace(tokens, from: i + 1) else { start = i + 1; continue }
            // The symbols before `\in`, separated by commas, back to the previous statement.
            var symbolStart = i
            var symbolEnd = i
            var k = i - 1
            while k >= start {
                let t = tokens[k]
                if t.isPunct("="), symbolEnd == i, let lhsStart = entryPattern(tokens, equalsAt: k, end: i) {
                    // `\mathbf{W} = (W_{ij}) \in \mathbb{R}^{2 \times 2}`: the shape is W's.
                    symbolStart = lhsStart
                    symbolEnd = k
                    k = lhsStart - 1
                    continue
                }
                if t.isPunct("&") || t.isPunct(";") || t.isPunct("=") || t.kind == .rowSeparator || t.isCommand("quad")
                    || t.isCommand("qquad") { break }
                if case .text = t.kind { break }
                symbolStart = k
                k -= 1
            }
            var group: [Token] = []
            func flush() {
                if let symbol = symbol(group) { result.shapes[symbol] = shape }
                group = []
            }
            var depth = 0
            for t in tokens[symbolStart..<symbolEnd] {
                if t.isPunct("{") || t.isPunct("(") { depth += 1 }
                if t.isPunct("}") || t.isPunct(")") { depth -= 1 }
                if depth == 0, t.isPunct(",") { flush() } else { group.append(t) }
            }
            flush()
            start = i + 1
        }
    }

    /// `x = (x_1, x_2)^\top` (also `^T`, `^{\top}`, `\intercal`, `\left( \right)`): a column vector
    /// listed by its entries. It states the shape only when the k-th component is written as the
    /// vector's k-th entry (`x_{k}`, `x_{n,k}` of `x_n`, `x_1` of `\mathbf{x}`); a tuple of other names
    /// (`(a, b)^\top`) states nothing.
    ///
    /// The tuple's font must be the only one the document writes the bare letter in: `\mathbf{x} = (x_1,
    /// x_2)^\top` beside a plain scalar `x` elsewhere (a second worked example reusing the letter) states
    /// nothing, and the vector is refused unless its shape is stated otherwise.
    private func readTuples(_ tokens: [Token], into tuples: inout [Symbol: (shape: Shape, at: Int)],
                            fonts: [UInt8: Set<Bool>]) {
        for i in tokens.indices where tokens[i].isPunct("=") {
            let lhsStart = Self.symbolStart(tokens, before: i)
            guard lhsStart < i, let symbol = symbol(Array(tokens[lhsStart..<i])),
                  let components = Self.transposedTuple(tokens, from: i + 1), components.count >= 2,
                  Self.writesOneFont(tokens[lhsStart..<i], fonts: fonts) else { continue }
            let shape = Shape.vector(components.count)
            let entries = components.map(self.symbol)
            let plain = Self.unbolded(symbol)
            let matches = entries.indices.allSatisfy { k in
                entries[k] == symbol.entry(k, 0, of: shape) || entries[k] == plain.entry(k, 0, of: shape)
            }
            if matches { tuples[symbol] = (shape, tokens[i].start) }
        }
    }

    /// Whether the letter of the symbol spelled by `tokens` is written bare in the document in this
    /// symbol's font only (bold or not); see ``fonts(of:)``.
    private static func writesOneFont(_ tokens: ArraySlice<Token>, fonts: [UInt8: Set<Bool>]) -> Bool {
        let bold = tokens.contains { if case .command(let c) = $0.kind { return ExpressionParser.boldCommands.contains(c) }; return false }
        guard let letter = tokens.lazy.compactMap({ if case .letter(let c) = $0.kind { return c }; return nil }).first
        else { return true }
        return fonts[letter, default: []].subtracting([bold]).isEmpty
    }

    /// `\mathbf{x}` → `x`, `\mathbf{W}^{(1)}` → `W^{(1)}`; any other symbol is itself.
    static func unbolded(_ symbol: Symbol) -> Symbol {
        guard let parts = symbol.parts else { return symbol }
        let base = unbolded(parts.base)
        guard base != parts.base else { return symbol }
        return Symbol(spelling: base + (parts.superscriptText.map { "^{\($0)}" } ?? ""))
    }

    /// `W = (W_{ij})` with the `=` at `equals` and the `)` just before `end`: the entry pattern of the
    /// symbol before the `=` (its base, a subscript of index letters only). Returns where that symbol
    /// starts (so the shape after `\in` is its), or nil if the tokens are not so.
    private func entryPattern(_ tokens: [Token], equalsAt equals: Int, end: Int) -> Int? {
        guard end - equals >= 4, tokens[equals + 1].isPunct("("), tokens[end - 1].isPunct(")"),
              let pattern = symbol(Array(tokens[(equals + 2)..<(end - 1)])) else { return nil }
        let lhsStart = Self.symbolStart(tokens, before: equals)
        guard lhsStart < equals, let lhs = symbol(Array(tokens[lhsStart..<equals])),
              Self.isEntryPattern(pattern, of: lhs) else { return nil }
        return lhsStart
    }

    /// Whether `pattern` names the entries of `symbol` by index letters: `W_{ij}` of `\mathbf{W}` or `W`,
    /// `x_i` of `\mathbf{x}` (same base and superscript; a subscript of lower-case index letters only).
    static func isEntryPattern(_ pattern: Symbol, of symbol: Symbol) -> Bool {
        guard let entry = pattern.parts, let whole = symbol.parts, whole.subscriptText == nil,
              let letters = entry.subscriptText, !letters.isEmpty, letters.count <= 2,
              letters.allSatisfy({ isIndexLetter($0) && $0.isLowercase }) else { return false }
        return unbolded(whole.base) == entry.base && whole.superscriptText == entry.superscriptText
    }

    /// `\mathbf{W}` → `W`; any other base is itself.
    static func unbolded(_ base: String) -> String {
        for command in ["\\mathbf{", "\\boldsymbol{", "\\bm{", "\\vec{"]
        where base.hasPrefix(command) && base.hasSuffix("}") {
            return String(base.dropFirst(command.count).dropLast())
        }
        return base
    }

    /// Where the symbol ending just before `end` starts: back to a separator (`,`, `;`, `&`, `=`, a
    /// row break, a space command, prose) outside braces.
    static func symbolStart(_ tokens: [Token], before end: Int) -> Int {
        var start = end
        var depth = 0
        while start > 0 {
            let t = tokens[start - 1]
            if t.isPunct("}") { depth += 1 }
            if t.isPunct("{") { depth -= 1 }
            if depth == 0 {
                if t.isPunct(",") || t.isPunct("&") || t.isPunct(";") || t.isPunct("=") || t.isPunct("(")
                    || t.kind == .rowSeparator || t.isCommand("quad") || t.isCommand("qquad") { break }
                if case .text = t.kind { break }
            }
            start -= 1
        }
        return start
    }

    /// The components of `(c_1, …, c_n)^\top` starting at `position`, each as its tokens; nil if the
    /// tokens there are not such a transposed tuple.
    static func transposedTuple(_ tokens: [Token], from position: Int) -> [[Token]]? {
        func at(_ k: Int) -> Token? { k < tokens.count ? tokens[k] : nil }
        guard let open = at(position), open.isPunct("(") || open.kind == .left("(") else { return nil }
        var components: [[Token]] = [[]]
        var depth = 0
        var i = position + 1
        while let t = at(i) {
            if depth == 0, t.isPunct(")") || t.kind == .right(")") { break }
            if t.isPunct("{") || t.isPunct("(") || t.kind == .left("(") { depth += 1 }
            if t.isPunct("}") || t.isPunct(")") || t.kind == .right(")") { depth -= 1 }
            if depth == 0, t.isPunct(",") { components.append([]) } else { components[components.count - 1].append(t) }
            i += 1
        }
        guard at(i) != nil, at(i + 1)?.isPunct("^") == true, components.allSatisfy({ !$0.isEmpty }) else { return nil }
        func isTranspose(_ t: Token?) -> Bool {
            guard let t else { return false }
            return t.kind == .letter(UInt8(ascii: "T")) || t.isCommand("top") || t.isCommand("intercal")
        }
        let marked = isTranspose(at(i + 2)) || (at(i + 2)?.isPunct("{") == true && isTranspose(at(i + 3)) && at(i + 4)?.isPunct("}") == true)
        return marked ? components : nil
    }

    /// Commands whose braced argument is a name or a decorated symbol, not the bare letter: `\operatorname{diag}`,
    /// `\mathbb{R}`, `\hat{x}`.
    static let nameCommands: Set<String> = ExpressionParser.accentCommands.union(["operatorname", "mathbb", "mathcal"])

    /// For each ASCII letter, the fonts (bold or not) in which the spans write it bare: not as a base with
    /// a subscript (`x_1`), not inside a subscript, a superscript, a name (`\operatorname{…}`) or an accent.
    static func fonts(of spans: [[Token]]) -> [UInt8: Set<Bool>] {
        var fonts: [UInt8: Set<Bool>] = [:]
        for tokens in spans {
            // For each open brace: whether it is a bold group, or a group whose letters are no symbols.
            var groups: [(bold: Bool, skipped: Bool)] = []
            for (k, token) in tokens.enumerated() {
                let previous = k > 0 ? tokens[k - 1] : nil
                if token.isPunct("{") {
                    var bold = false, skipped = previous?.isPunct("_") == true || previous?.isPunct("^") == true
                    if case .command(let name) = previous?.kind {
                        if ExpressionParser.boldCommands.contains(name) { bold = true }
                        if nameCommands.contains(name) { skipped = true }
                    }
                    groups.append((bold, skipped || groups.last?.skipped == true))
                    continue
                }
                if token.isPunct("}") { _ = groups.popLast(); continue }
                guard case .letter(let c) = token.kind, groups.last?.skipped != true,
                      previous?.isPunct("_") != true, previous?.isPunct("^") != true else { continue }
                let bold = groups.last?.bold == true
                let next = k + (bold ? 2 : 1)
                if next < tokens.count, tokens[next].isPunct("_") { continue }
                fonts[c, default: []].insert(bold)
            }
        }
        return fonts
    }

    /// A whole symbol of the general notation, `W^{(1)}`, `\mathbf{x}`.
    func symbol(_ tokens: [Token]) -> Symbol? {
        guard let last = tokens.last else { return nil }
        var parser = ExpressionParser(source: source, tokens: tokens, endOffset: last.end)
        guard let first = parser.peek, parser.startsSymbol(first),
              let (symbol, _) = try? parser.parseAnySymbol(), parser.isAtEnd else { return nil }
        return symbol
    }

    /// `\mathbb{R}^{m \times n}` at `position`: the shape and the index after it.
    static func realSpace(_ tokens: [Token], from position: Int) -> (Shape, Int)? {
        var i = position
        func at(_ k: Int) -> Token? { k < tokens.count ? tokens[k] : nil }
        if at(i)?.isCommand("{") == true {
            // `\{0, 1\}^{K}`: a vector of K entries from a set.
            while let t = at(i), !t.isCommand("}") { i += 1 }
            guard at(i + 1)?.isPunct("^") == true else { return nil }
            i += 1
        } else if at(i)?.isCommand("R") == true {
            i += 1
        } else if let bb = at(i), bb.isCommand("mathbb") || bb.isCommand("mathbf") {
            if at(i + 1)?.isPunct("{") == true, at(i + 2)?.kind == .letter(UInt8(ascii: "R")), at(i + 3)?.isPunct("}") == true {
                i += 4
            } else if at(i + 1)?.kind == .letter(UInt8(ascii: "R")) {
                i += 2
            } else { return nil }
        } else { return nil }
        guard at(i)?.isPunct("^") == true else { return (.scalar, i) }
        i += 1
        var dims: [Int] = []
        if at(i)?.isPunct("{") == true {
            i += 1
            while let t = at(i), !t.isPunct("}") {
                switch t.kind {
                case .number(let literal):
                    guard let v = Int(literal), v > 0, v <= 4096 else { return nil }
                    dims.append(v)
                case .command("times"), .punct(UInt8(ascii: ",")), .letter(UInt8(ascii: "x")): break
                default: return nil
                }
                i += 1
            }
            i += 1
        } else if let t = at(i), case .number(let literal) = t.kind {
            // `\mathbb{R}^2`: LaTeX takes one character.
            guard let v = Int(String(literal.prefix(1))), v > 0 else { return nil }
            dims = [v]
            i += 1
        }
        switch dims.count {
        case 1: return (.vector(dims[0]), i)
        case 2: return (Shape(rows: dims[0], columns: dims[1]), i)
        default: return nil
        }
    }

    // MARK: - Ranges and constants

    /// `N = 2`, `k = 1, 2, 3`, `k = 1, \dots, 3`, `k \in \{1, 2, 3\}`, `1 \leq k \leq 3`.
    private func readConstants(_ tokens: [Token], into result: inout SizeStatements,
                               pendingRanges: inout [(Character, [Token])]) {
        var i = 0
        while i < tokens.count {
            guard case .letter(let c) = tokens[i].kind, i == 0 || !Self.continuesSymbol(tokens[i - 1]) else { i += 1; continue }
            let letter = Character(UnicodeScalar(c))
            // `k = …` up to the next statement.
            if i + 2 < tokens.count, tokens[i + 1].isPunct("=") {
                var end = i + 2
                while end < tokens.count, Self.isRangeToken(tokens[end]) { end += 1 }
                let body = Array(tokens[(i + 2)..<end])
                let followsSymbol = end < tokens.count && !Self.endsStatement(tokens[end])
                if !followsSymbol, let values = Self.rangeValues(body, constants: result.constants) {
                    if values.count == 1, body.count == 1, letter.isUppercase { result.constants[String(letter)] = values[0] }
                    if letter.isLowercase, Self.isIndexLetter(letter), values.count > 1 { result.ranges[letter] = values }
                } else if !followsSymbol, body.contains(where: { if case .letter = $0.kind { return true }; return false }) {
                    pendingRanges.append((letter, body))
                }
                i = end
                continue
            }
            // `k \in \{1, 2, 3\}` or `k \in \{1, \dots, K\}`.
            if i + 2 < tokens.count, tokens[i + 1].isCommand("in"), tokens[i + 2].isCommand("{") {
                var end = i + 3
                while end < tokens.count, !tokens[end].isCommand("}") { end += 1 }
                let body = Array(tokens[(i + 3)..<min(end, tokens.count)])
                // `t \in \{0, 1\}` is a binary target, not the range of a time step.
                if letter.isLowercase, Self.isIndexLetter(letter), letter != "t" {
                    if let values = Self.rangeValues(body, constants: result.constants) {
                        result.ranges[letter] = values
                    } else {
                        pendingRanges.append((letter, body))
                    }
                }
                i = end
                continue
            }
            i += 1
        }
    }

    /// Letters that name indices (not `x`, `y`, `w`, `b`, …, which name quantities): `t` is a time step
    /// ("for $t = 1, 2$": `\mathbf{h}_t`), read as an index only where its range is stated.
    static func isIndexLetter(_ c: Character) -> Bool { "ijklmnpqrst".contains(c) || c.isUppercase }

    private static func continuesSymbol(_ token: Token) -> Bool {
        token.isPunct("_") || token.isPunct("^") || token.isPunct("{")
    }

    private static func endsStatement(_ token: Token) -> Bool {
        switch token.kind {
        case .text, .rowSeparator: return true
        case .punct(let c): return [",", ";", "&", ".", ")", "$"].map { UInt8(ascii: $0) }.contains(c)
        case .command(let name): return ["quad", "qquad", "text", "}"].contains(name)
        default: return false
        }
    }

    private static func isRangeToken(_ token: Token) -> Bool {
        switch token.kind {
        case .number, .letter: return true
        case .punct(let c): return c == UInt8(ascii: ",")
        case .command(let name): return ["dots", "ldots", "cdots", "dotsc"].contains(name)
        default: return false
        }
    }

    /// `1, 2, 3`, `1, \dots, 3`, `1, \ldots, K` (K a stated constant), `2`: the values, nil if not a range.
    static func rangeValues(_ tokens: [Token], constants: [String: Int]) -> [Int]? {
        var values: [Int] = []
        var sawDots = false
        for t in tokens {
            switch t.kind {
            case .number(let literal):
                guard let v = Int(literal) else { return nil }
                if sawDots, let last = values.last {
                    guard v > last, v - last <= 64 else { return nil }
                    values += Array((last + 1)...v)
                    sawDots = false
                } else {
                    values.append(v)
                }
            case .letter(let c):
                guard let v = constants[String(UnicodeScalar(c))] else { return nil }
                if sawDots, let last = values.last {
                    guard v > last, v - last <= 64 else { return nil }
                    values += Array((last + 1)...v)
                    sawDots = false
                } else {
                    values.append(v)
                }
            case .command(let name) where ["dots", "ldots", "cdots", "dotsc"].contains(name):
                sawDots = true
            case .punct(let c) where c == UInt8(ascii: ","):
                break
            default:
                return nil
            }
        }
        guard !values.isEmpty, !sawDots, values.count <= 64 else { return nil }
        return values
    }
}
