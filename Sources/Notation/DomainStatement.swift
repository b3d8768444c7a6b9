/// What an author states about the values a free symbol takes (general notation): the cases a
/// document's claims are checked on are drawn from it.
///
///     $y \in \{0, 1\}$            membership in a finite set of numbers
///     $t \in \{0,1\}^K$           every component of the vector t (t_{1}, t_{2}, …) in the set
///     $\lambda > 0$, $x_i \geq 0$, $0 < p < 1$      signs and bounds (an index letter: every x_{…})
///     $\sum_k t_k = 1$            the components sum to one
///     "where $t$ is one-hot", "a one-hot target $t$"   one component 1, the others 0
///
/// Read in display or inline math anywhere in the document, except inline math after "for", "if",
/// "when" or "unless" (a condition: "$\operatorname{ReLU}'(z) = 1$ for $z > 0$"). A line whose prose
/// before its first inline math ends with "Domain:" or "Domains:" declares: each of its inline maths
/// must be such a statement (anything else is a located error).
public struct DomainStatement: Hashable, Sendable {
    /// One side of an interval.
    public struct Bound: Hashable, Sendable {
        public var value: Double
        public var inclusive: Bool
    }

    public enum Constraint: Hashable, Sendable {
        /// v ∈ {a, b, …}.
        case member(of: [Double])
        /// lower < v < upper (either side may be open-ended).
        case interval(lower: Bound?, upper: Bound?)
        /// One component 1, the others 0.
        case oneHot
        /// The components sum to one.
        case sumsToOne
    }

    /// The symbol as written: `y`, `t`, `t_{k}`, `x_{i}`, `\lambda`.
    public var symbol: Symbol
    /// Whether the statement is about every component of a vector `symbol` (`\{0,1\}^K`, one-hot, Σ).
    public var isVector: Bool
    public var constraint: Constraint
    /// The statement as written.
    public var text: String
    public var location: DocumentLocation

    /// How the report names it: `y ∈ {0, 1}`, `\lambda > 0`, `t one-hot`.
    public var summary: String {
        let name = symbol.latex
        switch constraint {
        case .member(let set):
            return "\(name) ∈ {" + set.map(Self.number).joined(separator: ", ") + "}" + (isVector ? " (each component)" : "")
        case .interval(let lower, let upper):
            let l = lower.map { "\(Self.number($0.value)) \($0.inclusive ? "≤" : "<") " } ?? ""
            let u = upper.map { " \($0.inclusive ? "≤" : "<") \(Self.number($0.value))" } ?? ""
            return l + name + u
        case .oneHot: return "\(name) one-hot"
        case .sumsToOne: return "Σ \(name) = 1"
        }
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}

/// Reads ``DomainStatement``s from a document's text.
struct DomainReader {
    let source: SourceText
    private let bytes: [UInt8]

    init(source: SourceText) {
        self.source = source
        self.bytes = source.bytes
    }

    /// A piece of math: its content's byte range, whether inline, and whether a "Domain:" line holds it.
    struct MathSpan {
        var content: Range<Int>
        var isInline: Bool
        var declared: Bool
        var afterCondition: Bool
    }

    /// Every statement in the text, in order.
    func statements() throws(NotationError) -> [DomainStatement] {
        var result: [DomainStatement] = []
        for span in mathSpans() where !span.afterCondition {
            result += try statements(in: span)
        }
        result += proseOneHot()
        return result
    }

    // MARK: - Finding math

    private static let dollar = UInt8(ascii: "$"), backslash = UInt8(ascii: "\\"), newline = UInt8(ascii: "\n")

    /// `$…$`, `$$…$$`, `\[…\]`, `\(…\)` and the display environments, with the prose around inline math.
    func mathSpans() -> [MathSpan] {
        var spans: [MathSpan] = []
        var i = 0
        var lineStart = 0, lineDeclares = false, sawInline = false
        while i < bytes.count {
            let c = bytes[i]
            if c == Self.newline { i += 1; lineStart = i; lineDeclares = false; sawInline = false; continue }
            if c == Self.dollar {
                let display = i + 1 < bytes.count && bytes[i + 1] == Self.dollar
                let open = i + (display ? 2 : 1)
                guard let close = find(display ? "$$" : "$", from: open, sameLine: !display) else { i = open; continue }
                let prose = String(decoding: bytes[lineStart..<i], as: UTF8.self)
                if !display, !sawInline { lineDeclares = Self.declaresDomain(prose) }
                if !display { sawInline = true }
                spans.append(MathSpan(content: open..<close, isInline: !display, declared: !display && lineDeclares,
                                      afterCondition: !display && Self.endsWithCondition(prose)))
                i = close + (display ? 2 : 1)
                continue
            }
            if c == Self.backslash, i + 1 < bytes.count {
                let next = bytes[i + 1]
                if next == UInt8(ascii: "[") || next == UInt8(ascii: "(") {
                    let closer = next == UInt8(ascii: "[") ? "\\]" : "\\)"
                    if let close = find(closer, from: i + 2, sameLine: false) {
                        spans.append(MathSpan(content: i + 2..<close, isInline: false, declared: false, afterCondition: false))
                        i = close + 2
                        continue
                    }
                }
                for name in MarkdownScanner.displayEnvironments where TextLines.hasPrefix("\\begin{\(name)}", in: bytes, at: i) {
                    let open = i + "\\begin{\(name)}".utf8.count
                    if let close = find("\\end{\(name)}", from: open, sameLine: false) {
                        spans.append(MathSpan(content: open..<close, isInline: false, declared: false, afterCondition: false))
                        i = close
                    }
                    break
                }
                i += 2
                continue
            }
            i += 1
        }
        return spans
    }

    private func find(_ needle: String, from start: Int, sameLine: Bool) -> Int? {
        var end = bytes.count
        if sameLine, let newline = bytes[start...].firstIndex(of: Self.newline) { end = newline }
        guard start <= end else { return nil }
        return TextLines.find(needle, in: bytes, start..<end)
    }

    /// Prose ending with "domain:" or "domains:" (case and `*`, `_` emphasis ignored).
    static func declaresDomain(_ prose: String) -> Bool {
        let text = prose.lowercased().filter { $0 != "*" && $0 != "_" }.trimmingSpaces
        return text.hasSuffix("domain:") || text.hasSuffix("domains:")
    }

    /// Prose whose last word makes the next math a condition, not a statement of fact.
    static func endsWithCondition(_ prose: String) -> Bool {
        let words = prose.lowercased().split(whereSeparator: { !$0.isLetter })
        return ["for", "if", "when", "whenever", "unless", "while"].contains(words.last.map(String.init) ?? "")
    }

    // MARK: - Reading statements

    /// The statements of one piece of math: its parts separated by top-level `,` `;` `&` `\\` and text.
    func statements(in span: MathSpan) throws(NotationError) -> [DomainStatement] {
        var lexer = Lexer(source: source, range: span.content)
        let tokens: [Token]
        do { tokens = try lexer.tokenize() } catch {
            if span.declared { throw error }
            return []
        }
        var result: [DomainStatement] = []
        for part in Self.parts(tokens) where !part.isEmpty {
            if let statement = statement(part) {
                result += statement
            } else if span.declared {
                throw NotationError(kind: .unexpectedInput, location: source.location(at: part[0].start),
                                    message: "not a domain: '\(source.excerpt(part[0].start..<part[part.count - 1].end))'",
                                    expected: "a statement such as y \\in \\{0, 1\\}, \\lambda > 0, x_i \\geq 0 or \\sum_k t_k = 1")
            }
        }
        return result
    }

    /// Tokens split at top-level separators.
    static func parts(_ tokens: [Token]) -> [[Token]] {
        var parts: [[Token]] = [[]]
        var depth = 0
        for token in tokens {
            switch token.kind {
            case .punct(let c) where c == UInt8(ascii: "{") || c == UInt8(ascii: "("): depth += 1
            case .punct(let c) where c == UInt8(ascii: "}") || c == UInt8(ascii: ")"): depth -= 1
            case .command("{"), .left: depth += 1
            case .command("}"), .right: depth -= 1
            default: break
            }
            let separates: Bool
            switch token.kind {
            case .punct(let c): separates = depth == 0 && [",", ";", "&", "."].map { UInt8(ascii: $0) }.contains(c)
            case .rowSeparator, .text: separates = depth == 0
            default: separates = false
            }
            if separates { parts.append([]) } else { parts[parts.count - 1].append(token) }
        }
        return parts
    }

    /// Whether display math holds statements of domains only, row after row.
    func statesDomainsOnly(_ range: Range<Int>) -> Bool {
        var lexer = Lexer(source: source, range: range)
        guard let tokens = try? lexer.tokenize(), !tokens.isEmpty else { return false }
        let rows = tokens.split(whereSeparator: { $0.kind == .rowSeparator }).filter { !$0.isEmpty }
        return !rows.isEmpty && rows.allSatisfy { isStatementRow(Array($0)) }
    }

    /// Whether a row of display math states domains only (`\lambda > 0`, `y \in \{0, 1\}, \; x_i \geq 0`):
    /// then it is no equation of the model, and ``statements()`` reads it.
    func isStatementRow(_ tokens: [Token]) -> Bool {
        let parts = Self.parts(tokens).filter { !$0.isEmpty }
        // `W^{(1)}, W^{(2)} \in \mathbb{R}^{2 \times 2}`: the symbols listed before a shape are part of it.
        let statesShape = parts.contains { isShapeStatement($0) }
        return !parts.isEmpty && parts.allSatisfy { statement($0) != nil || isShapeStatement($0) || (statesShape && symbol($0[...]) != nil) }
    }

    /// `W \in \mathbb{R}^{3 \times 2}`: a statement of shape (``SizeReader``), no domain.
    func isShapeStatement(_ part: [Token]) -> Bool {
        guard let relation = part.firstIndex(where: { $0.isCommand("in") }), symbol(part[..<relation]) != nil,
              let (_, end) = SizeReader.realSpace(part, from: relation + 1) else { return false }
        return end == part.count && !(part[relation + 1].isCommand("{"))
    }

    /// The statement(s) a part makes, nil if it is none.
    func statement(_ part: [Token]) -> [DomainStatement]? {
        let text = source.text(part[0].start..<part[part.count - 1].end)
        let location = source.location(at: part[0].start)
        func make(_ symbol: Symbol, vector: Bool, _ constraint: DomainStatement.Constraint) -> DomainStatement {
            DomainStatement(symbol: symbol, isVector: vector, constraint: constraint, text: text, location: location)
        }
        if let (symbol, vector) = sumOfComponents(part) ?? writtenSumOfComponents(part) {
            return [make(symbol, vector: vector, .sumsToOne)]
        }
        guard let relation = part.firstIndex(where: { Self.relation($0) != nil }) else { return nil }
        // v ∈ {a, b, …} [^K]
        if part[relation].isCommand("in") {
            guard let symbol = symbol(part[..<relation]), let (set, vector) = numberSet(part[(relation + 1)...]) else { return nil }
            return [make(symbol, vector: vector, .member(of: set))]
        }
        // v > c, c < v, c < v < d
        let relations = part.indices.filter { Self.relation(part[$0]) != nil }
        if relations.count == 1 {
            let left = part[..<relation], right = part[(relation + 1)...]
            let (op, inclusive) = Self.relation(part[relation])!
            if let symbol = symbol(left), let c = number(right) {
                let bound = DomainStatement.Bound(value: c, inclusive: inclusive)
                return [make(symbol, vector: false, op == ">" ? .interval(lower: bound, upper: nil) : .interval(lower: nil, upper: bound))]
            }
            if let c = number(left), let symbol = symbol(right) {
                let bound = DomainStatement.Bound(value: c, inclusive: inclusive)
                return [make(symbol, vector: false, op == "<" ? .interval(lower: bound, upper: nil) : .interval(lower: nil, upper: bound))]
            }
            return nil
        }
        guard relations.count == 2, let a = number(part[..<relations[0]]),
              let symbol = symbol(part[(relations[0] + 1)..<relations[1]]), let b = number(part[(relations[1] + 1)...]),
              let (op1, inclusive1) = Self.relation(part[relations[0]]), let (op2, inclusive2) = Self.relation(part[relations[1]]),
              op1 == op2, op1 != "in" else { return nil }
        let lower = DomainStatement.Bound(value: op1 == "<" ? a : b, inclusive: op1 == "<" ? inclusive1 : inclusive2)
        let upper = DomainStatement.Bound(value: op1 == "<" ? b : a, inclusive: op1 == "<" ? inclusive2 : inclusive1)
        return [make(symbol, vector: false, .interval(lower: lower, upper: upper))]
    }

    /// `<`/`>` (with whether equality is allowed) or `in`.
    static func relation(_ token: Token) -> (String, Bool)? {
        switch token.kind {
        case .punct(let c) where c == UInt8(ascii: ">"): (">", false)
        case .punct(let c) where c == UInt8(ascii: "<"): ("<", false)
        case .command("geq"), .command("ge"), .command("geqslant"): (">", true)
        case .command("leq"), .command("le"), .command("leqslant"): ("<", true)
        case .command("gt"): (">", false)
        case .command("lt"): ("<", false)
        case .command("in"): ("in", false)
        default: nil
        }
    }

    /// A whole part that is one symbol of the general notation.
    func symbol(_ tokens: ArraySlice<Token>) -> Symbol? {
        guard let last = tokens.last else { return nil }
        var parser = ExpressionParser(source: source, tokens: Array(tokens), endOffset: last.end)
        guard let first = parser.peek, parser.startsSymbol(first),
              let (symbol, _) = try? parser.parseAnySymbol(), parser.isAtEnd else { return nil }
        return symbol
    }

    /// A number, possibly negative: `0`, `-1`, `0.5`.
    func number(_ tokens: ArraySlice<Token>) -> Double? {
        var tokens = tokens
        var sign = 1.0
        if tokens.first?.isPunct("-") == true { sign = -1; tokens = tokens.dropFirst() }
        guard tokens.count == 1, case .number(let literal) = tokens.first!.kind, let value = Double(literal) else { return nil }
        return sign * value
    }

    /// `\{a, b, …\}` with an optional `^K` / `^{K}` (then about every component).
    func numberSet(_ tokens: ArraySlice<Token>) -> ([Double], Bool)? {
        guard let open = tokens.first, open.isCommand("{") || open.kind == .left("\\{"),
              let close = tokens.firstIndex(where: { $0.isCommand("}") || $0.kind == .right("\\}") }) else { return nil }
        var values: [Double] = []
        for item in tokens[(tokens.startIndex + 1)..<close].split(whereSeparator: { $0.isPunct(",") }) {
            guard let value = number(item) else { return nil }
            values.append(value)
        }
        let rest = tokens[(close + 1)...]
        guard !values.isEmpty, rest.isEmpty || rest.first?.isPunct("^") == true else { return nil }
        return (values, !rest.isEmpty)
    }

    /// `\sum_{k} t_{k} = 1` or `\sum_{k=1}^{K} t_k = 1`: the summed symbol (its components).
    func sumOfComponents(_ part: [Token]) -> (Symbol, Bool)? {
        guard part.first?.isCommand("sum") == true, let equals = part.lastIndex(where: { $0.isPunct("=") }),
              number(part[(equals + 1)...]) == 1 else { return nil }
        // Skip the sum's limits: `_x` or `_{…}`, then `^x` or `^{…}`.
        var i = 1
        for marker in ["_", "^"] where i < equals && part[i].isPunct(Unicode.Scalar(marker)!) {
            i += 1
            if i < equals, part[i].isPunct("{") {
                var depth = 0
                while i < equals {
                    if part[i].isPunct("{") { depth += 1 }
                    if part[i].isPunct("}") { depth -= 1; if depth == 0 { i += 1; break } }
                    i += 1
                }
            } else {
                i += 1
            }
        }
        guard i < equals, let symbol = symbol(part[i..<equals]) else { return nil }
        return (symbol, true)
    }

    /// `t_1 + t_2 + t_3 = 1`: the components of one vector t, written out, summing to one.
    func writtenSumOfComponents(_ part: [Token]) -> (Symbol, Bool)? {
        guard let equals = part.lastIndex(where: { $0.isPunct("=") }), number(part[(equals + 1)...]) == 1 else { return nil }
        var bases = Set<String>(), count = 0
        for term in part[..<equals].split(whereSeparator: { $0.isPunct("+") }) {
            guard let symbol = symbol(term), let parts = symbol.parts, parts.subscriptText != nil else { return nil }
            bases.insert(Symbol.Parts(base: parts.base, subscriptText: nil, superscriptText: parts.superscriptText).spelling)
            count += 1
        }
        guard count >= 2, bases.count == 1 else { return nil }
        return (Symbol(spelling: bases.first!), true)
    }

    /// "where $t$ is one-hot", "$t$ is a one-hot vector", "a one-hot target $t$": inline math next to
    /// the word "one-hot" in prose.
    func proseOneHot() -> [DomainStatement] {
        var result: [DomainStatement] = []
        let spans = mathSpans().filter(\.isInline)
        var searchFrom = 0
        while let hit = TextLines.find("one-hot", in: bytes, searchFrom..<bytes.count) {
            searchFrom = hit + 7
            // Math just before ("$t$ is one-hot", "$t$ is a one-hot vector") or just after ("one-hot target $t$").
            let before = spans.last { $0.content.upperBound < hit && hit - $0.content.upperBound <= 16
                && Self.isLinkingProse(source.text($0.content.upperBound + 1..<hit)) }
            let after = spans.first { $0.content.lowerBound - 1 >= hit + 7 && $0.content.lowerBound - hit <= 24
                && Self.isNounProse(source.text(hit + 7..<$0.content.lowerBound - 1)) }
            guard let span = before ?? after else { continue }
            var lexer = Lexer(source: source, range: span.content)
            // `$t$`, or `$t \in \{0, 1\}^{3}$`: the symbol before `\in`.
            guard let tokens = try? lexer.tokenize(),
                  let symbol = symbol(tokens[...]) ?? tokens.firstIndex(where: { $0.isCommand("in") }).flatMap({ symbol(tokens[..<$0]) })
            else { continue }
            result.append(DomainStatement(symbol: symbol, isVector: true, constraint: .oneHot,
                                          text: source.text(min(span.content.lowerBound - 1, hit)..<max(span.content.upperBound + 1, hit + 7)),
                                          location: source.location(at: span.content.lowerBound)))
        }
        return result
    }

    /// " is ", " is a ", " are ": prose linking a symbol to "one-hot".
    static func isLinkingProse(_ text: String) -> Bool {
        ["is", "is a", "are", "is an", "being"].contains(text.trimmingSpaces.lowercased())
    }

    /// " target ", " vector ", " label ", "encoded target", empty: prose naming what is one-hot.
    static func isNounProse(_ text: String) -> Bool {
        let words = text.lowercased().split(separator: " ")
        return words.count <= 2 && words.allSatisfy { ["target", "targets", "vector", "label", "labels", "encoded", "encoding"].contains(String($0)) }
    }
}
