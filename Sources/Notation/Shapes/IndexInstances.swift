/// The instances of equations written with free indices: `z_k = \sum_{j=1}^{2} w_{kj} x_j + b_k`
/// "for k = 1, 2, 3", a claim `\frac{\partial L}{\partial w_{kj}} = (p_k - t_k) x_j` for every k and j,
/// `\delta^l = ((W^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l)` at each layer the model has.
///
/// An index takes its stated range (`k = 1, 2, 3`, `k \in \{1, \dots, K\}`). Without one it takes every
/// value at which the equation speaks only of quantities the document has: symbols it writes with
/// numbers (`x_{2}`, `W^{(2)}`), entries of declared shapes, and what other instances define or use.
/// An upper-case index (`\delta^L`) is the last such value: the output layer.
struct IndexInstances {
    /// Letters that may be free indices: `i j k l m n` and an upper-case `L`, and any with a stated range.
    let letters: Set<Character>
    let ranges: [Character: [Int]]
    /// Symbols the document has.
    private(set) var known: Set<Symbol> {
        didSet { families = Set(known.compactMap(Self.family)) }
    }
    /// The symbols the document writes (with numbers, in sums of stated range, as entries of stated
    /// shapes), before any instance: a definition `z_k = …` holds at the k where z_k is written.
    private var written: Set<Symbol> = []
    /// Symbols a row defines as written, or whose shape is stated: quantities in their own right.
    private var definitions: Set<Symbol> = []
    /// Symbols the right-hand sides of other rows' instances read (`a_{1}` of `h_{1} = \tanh(a_{1})`): a
    /// definition `a_n = W x_n + b` holds where they do, as where its left-hand side is written.
    private var read: Set<Symbol> = []
    /// The families of the known symbols (``family(_:)``).
    private var families: Set<String> = []
    /// The families of quantities some row defines or whose shape is stated (`z_{j}`, `W_{ij}` of a 2×3 W):
    /// only their members can be beyond what the document has. An input or parameter a definition reads
    /// (`u_{ji}` of `z_j = \sum_i u_{ji} x_i + b_j`) is introduced by that row.
    private var definedFamilies: Set<String> = []
    /// Left-hand sides of definitions written with free indices (`z_{k}`, `\delta^{l}`): their instances
    /// are quantities only where some instance defines them.
    private(set) var definedPatterns: Set<Symbol>
    /// Inferred index values run over 0…9 (one digit, so that `w_{kj}` stays one family).
    private let largestValue = 9

    init(document: Document, sizes: SizeStatements, shapes: [Symbol: Shape]) {
        ranges = sizes.ranges
        letters = Set("ijklmnL").union(sizes.ranges.keys)
        known = []
        definedPatterns = []
        let equations = document.blocks.flatMap(\.equations)
        for equation in equations {
            for symbol in Self.symbols(of: equation) where self.freeLetters(of: symbol).isEmpty { known.insert(symbol) }
            // The terms of `\sum_{n=1}^{N}` with N stated: z_{1}, z_{2} of `\sum_{n=1}^{N} z_n`.
            for row in equation.rows {
                for symbol in Self.boundedSumTerms(row.rhs, constants: sizes.constants) where self.freeLetters(of: symbol).isEmpty {
                    known.insert(symbol)
                }
            }
            if case .symbol(let s) = equation.lhs, !freeLetters(of: s).isEmpty { definedPatterns.insert(s) }
            if case .symbol(let s) = equation.lhs { definitions.insert(s) }
        }
        for (symbol, shape) in shapes where freeLetters(of: symbol).isEmpty {
            known.insert(symbol)
            definitions.insert(symbol)
            for i in 0..<shape.rows { for j in 0..<shape.columns { known.insert(symbol.entry(i, j, of: shape)) } }
            if let family = Self.family(symbol.entry(0, 0, of: shape)) { definedFamilies.insert(family) }
        }
        definedFamilies.formUnion(definitions.union(definedPatterns).compactMap(Self.family))
        // What instances define and use is known to the others: grow to a fixed point.
        written = known
        families = Set(known.compactMap(Self.family))
        for _ in 0..<4 {
            defer { families = Set(known.compactMap(Self.family)) }
            let before = known.count
            for equation in equations where equation.lhs.isSymbol && !freeLetters(of: equation).isEmpty {
                for assignment in assignments(of: equation) {
                    for symbol in Self.symbols(of: equation) { known.insert(Self.substitute(symbol, assignment)) }
                    for symbol in Self.rhsSymbols(of: equation) { read.insert(Self.substitute(symbol, assignment)) }
                }
            }
            if known.count == before { break }
        }
        // `E_n = \frac{1}{2} \sum_k (y_k - t_k)^2` for "one data point n", with no range of n and no E_1 anywhere:
        // a name written with an index letter, which another equation's letters need not run over.
        for equation in equations {
            guard case .symbol(let s) = equation.lhs, !freeLetters(of: s).isEmpty, assignments(of: equation).isEmpty
            else { continue }
            names.insert(s)
        }
    }

    /// Definitions written with index letters that hold at no value of them (``init(document:sizes:shapes:)``):
    /// names, not patterns.
    private var names: Set<Symbol> = []

    /// The equation at every value of its free indices; the equation itself if it has none (or no value
    /// of them speaks of the document's quantities).
    func instances(of equation: Equation) -> [Equation] { assignedInstances(of: equation).map(\.equation) }

    /// ``instances(of:)`` with the values of the free indices each holds at (empty for the equation itself).
    func assignedInstances(of equation: Equation) -> [(assignment: [Character: Int], equation: Equation)] {
        let free = freeLetters(of: equation)
        guard !free.isEmpty else { return [([:], equation)] }
        let chosen = assignments(of: equation)
        guard !chosen.isEmpty else { return [([:], equation)] }
        return chosen.map { assignment in (assignment, instance(of: equation, at: assignment)) }
    }

    private func instance(of equation: Equation, at assignment: [Character: Int]) -> Equation {
        // Nielsen's `\nabla_a C` in the row of `\delta^L`: a bare `a` that is no quantity is a^L.
        let lastLayer = assignment.first { $0.key.isUppercase }?.value
        func atLastLayer(_ s: Symbol) -> Symbol {
            guard let lastLayer, !definitions.contains(s), let parts = s.parts, parts.subscriptText == nil,
                  parts.superscriptText == nil else { return s }
            let candidate = Symbol(spelling: parts.base + "^{\(lastLayer)}")
            return known.contains(candidate) ? candidate : s
        }
        let description = assignment.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")
        return Equation(lhs: Self.variablesAtLastLayer(Self.substitute(equation.lhs, assignment), atLastLayer),
                        rows: equation.rows.map { row in
                            var copy = row
                            copy.lhs = row.lhs.map { Self.substitute($0, assignment) }
                            copy.rhs = Self.substitute(row.rhs, assignment).mapSymbols(atLastLayer)
                            copy.rhsMap = TensorExpansion.flatMap(copy.rhs, range: row.rhsMap.range)
                            copy.entry = description
                            copy.lhsSymbols = row.lhsSymbols.compactMap { $0.substituting(assignment) }
                            let written = Set(copy.rhs.allSymbols)
                            copy.rhsSymbols = row.rhsSymbols.compactMap { $0.substituting(assignment) }
                                .map { var o = $0; o.symbol = atLastLayer(o.symbol); return o }.filter { written.contains($0.symbol) }
                            return copy
                        })
    }

    /// The left-hand side with the variables of its derivative mapped (`\nabla_a C` beside `a^L`: by a^L).
    private static func variablesAtLastLayer(_ lhs: LeftHandSide, _ map: (Symbol) -> Symbol) -> LeftHandSide {
        switch lhs {
        case .derivative(let f, let v): return .derivative(of: f, withRespectTo: map(v))
        case .gradient(let f, let variables): return .gradient(of: f, by: variables.map(map))
        case .expressionDerivative(let e, let v): return .expressionDerivative(e, withRespectTo: map(v))
        case .symbol, .function: return lhs
        }
    }

    /// The assignments of values to the equation's free indices that it holds at.
    private func assignments(of equation: Equation) -> [[Character: Int]] {
        let free = freeLetters(of: equation).sorted()
        guard free.count <= 3 else { return [] }
        let ranges = self.ranges.merging(equation.rows.first?.statedRanges ?? [:]) { _, row in row }
        let declared = free.allSatisfy { ranges[$0] != nil }
        var all: [[Character: Int]] = [[:]]
        for letter in free {
            let values = ranges[letter] ?? Array(0...largestValue)
            all = all.flatMap { partial in values.map { partial.merging([letter: $0]) { a, _ in a } } }
        }
        // A stated range ("for j = 1, 2") may be stated for another equation: never beyond what the
        // document has (`a^3_2` of a one-entry a^3 is no instance).
        let symbols = Self.symbols(of: equation)
        // `w^{l-1}` at l = 0 is no quantity: an index whose arithmetic is negative or left undone names nothing.
        all = all.filter { assignment in
            symbols.allSatisfy { freeLetters(of: $0).isEmpty || Self.substitute($0, assignment).hasWholeIndices }
        }
        let lhsPatterns: Set<Symbol> = if case .symbol(let s) = equation.lhs { [s] } else { [] }
        if declared {
            // The row's own left-hand side is new where it is defined (`\delta^{(1)}_j = …` beside a known
            // `\delta^{(2)}_1` of the same family).
            let isDefinition = equation.lhs.isSymbol
            return all.filter { assignment in
                !symbols.contains { symbol in
                    guard !lhsPatterns.contains(symbol), !freeLetters(of: symbol).isEmpty else { return false }
                    let instance = Self.substitute(symbol, assignment)
                    if isDefinition, let family = Self.family(instance), !definedFamilies.contains(family) { return false }
                    return isStray(instance)
                }
            }
        }
        var kept = all.filter { assignment in
            var anchored = false
            // A definition whose left-hand side is written or read there is demanded: what it reads of other
            // definitions indexed by its own letters (`a_n` in `h_n = \tanh(a_n)`) is defined there too.
            let demandedLetters: Set<Character> = lhsPatterns.contains {
                let i = Self.substitute($0, assignment)
                return written.contains(i) || read.contains(i)
            } ? Set(lhsPatterns.flatMap { freeLetters(of: $0) }) : []
            for symbol in symbols where !freeLetters(of: symbol).isEmpty {
                let instance = Self.substitute(symbol, assignment)
                if known.contains(instance) {
                    if !lhsPatterns.contains(symbol) || written.contains(instance) || read.contains(instance) { anchored = true }
                    continue
                }
                // The row's own left-hand side need not exist yet; nor a quantity of a family the document
                // has no member of (an input it names only here). Outside a known family's range, no instance.
                if lhsPatterns.contains(symbol) { continue }
                let demanded = !demandedLetters.isEmpty && freeLetters(of: symbol).isSubset(of: demandedLetters)
                if !isStray(instance), !definedPatterns.contains(symbol) || demanded { continue }
                return false
            }
            return anchored
        }
        // An upper-case index is the last value: `\delta^L` at the output layer.
        for letter in free where letter.isUppercase {
            if let last = kept.compactMap({ $0[letter] }).max() { kept = kept.filter { $0[letter] == last } }
        }
        return kept
    }

    /// The values of `letter` at which every symbol of `body` that it indexes is a known quantity, or of a family
    /// with no known member, and one at least is known (the range of `\sum_k` written without one); nil if there is none.
    func values(of letter: Character, in body: Expression) -> [Int]? {
        let indexed = Self.freeSymbols(body, bound: []).filter { Symbol.mentions($0.spelling ?? "", index: letter) }
        guard !indexed.isEmpty else { return nil }
        // A term of a family the document has no member of (`y_j` of `\sum_j (a^L_j - y_j)^2`, the targets named
        // only here) takes the values of the known ones beside it.
        let values = (0...largestValue).filter { v in
            let instances = indexed.map { Self.substitute($0, [letter: v]) }
            return instances.contains(where: known.contains)
                && instances.allSatisfy { known.contains($0) || Self.family($0).map { !families.contains($0) } == true }
        }
        return values.isEmpty ? nil : values
    }

    /// The known instances of a name written with free indices (`w_{ji}` → w_{11}, w_{12}, …), in order.
    func instancesOf(_ pattern: Symbol) -> [Symbol] {
        let free = freeLetters(of: pattern).sorted()
        guard !free.isEmpty, free.count <= 3 else { return [] }
        var all: [[Character: Int]] = [[:]]
        for letter in free {
            let values = ranges[letter] ?? Array(0...largestValue)
            all = all.flatMap { partial in values.map { partial.merging([letter: $0]) { a, _ in a } } }
        }
        var seen = Set<Symbol>()
        return all.map { Self.substitute(pattern, $0) }.filter { known.contains($0) && seen.insert($0).inserted }
            .sorted { $0.latex < $1.latex }
    }

    /// Whether the document has this symbol (written, or an instance of a written one).
    func isKnown(_ symbol: Symbol) -> Bool { known.contains(symbol) }

    /// Whether `instance` is unknown while others of its family are known: `x_{3}` of a document with
    /// `x_{1}` and `x_{2}` only, `W_{31}` of a 2×2 W. Such an instance names no quantity.
    func isStray(_ instance: Symbol) -> Bool {
        guard !known.contains(instance), let family = Self.family(instance) else { return false }
        return families.contains(family)
    }

    /// A symbol's family: its base, its superscript and how many indices its subscript has
    /// (`w_{12}` and `w_{31}` are one family, `w_{1}` another).
    static func family(_ symbol: Symbol) -> String? {
        guard let parts = symbol.parts, parts.subscriptText != nil || parts.superscriptText != nil else { return nil }
        let sub = parts.subscriptText ?? ""
        let arity = sub.isEmpty ? 0 : sub.contains(",") ? sub.split(separator: ",").count : sub.count
        // Layers `z^{2}`, `W^{(3)}`: one family whatever the number.
        let layer = String((parts.superscriptText ?? "").map { $0.isNumber ? "#" : $0 })
        guard arity > 0 || layer.contains("#") else { return nil }
        return "\(parts.base)|\(layer)|\(arity)|\(symbol.scope)"
    }

    // MARK: - Free letters

    /// Whether `symbol` is an instance of `pattern` (`x_{1}` of `x_{n}`): the pattern with its index
    /// letters replaced by some digits.
    static func matches(_ symbol: Symbol, pattern: Symbol, among indexLetters: Set<Character> = Set("ijklmn")) -> Bool {
        // Substitution changes only the decorations: a different name before them cannot match (a cheap
        // test first, as shapes ask this of every pair of symbols).
        if let a = symbol.spelling, let b = pattern.spelling, let nameA = undecoratedName(a), let nameB = undecoratedName(b),
           nameA != nameB { return false }
        let letters = freeLetters(of: pattern, among: indexLetters).sorted()
        guard !letters.isEmpty, letters.count <= 2 else { return false }
        var all: [[Character: Int]] = [[:]]
        for letter in letters { all = all.flatMap { p in (0...9).map { p.merging([letter: $0]) { a, _ in a } } } }
        return all.contains { substitute(pattern, $0) == symbol }
    }

    /// The spelling before its first `_` or `^`, when it has no index arithmetic (`+`, `-`) there.
    private static func undecoratedName(_ spelling: String) -> Substring? {
        let name = spelling.prefix { $0 != "_" && $0 != "^" }
        return name.contains(where: { $0 == "+" || $0 == "-" }) ? nil : name
    }

    /// Whether a symbol is written with index letters (`\delta^{(l)}`, `w_{kj}`).
    static func hasIndexLetters(_ symbol: Symbol, among indexLetters: Set<Character> = Set("ijklmnL")) -> Bool {
        !freeLetters(of: symbol, among: indexLetters).isEmpty
    }

    func freeLetters(of equation: Equation) -> Set<Character> {
        var result = Set(Self.symbols(of: equation).filter { !names.contains($0) }.flatMap { freeLetters(of: $0) })
        // The indices of entries of expressions, `\operatorname{softmax}(\mathbf{o})_j`.
        for row in equation.rows {
            for letter in Self.entryIndexLetters(row.rhs, bound: []) where letters.contains(letter) { result.insert(letter) }
        }
        if case .expressionDerivative(let e, _) = equation.lhs {
            for letter in Self.entryIndexLetters(e, bound: []) where letters.contains(letter) { result.insert(letter) }
        }
        return result
    }

    /// The index letters of the entries of expressions (``Expression/entry(_:indices:)``) outside the bodies
    /// of sums that bind them.
    static func entryIndexLetters(_ e: Expression, bound: Set<Character>) -> Set<Character> {
        switch e {
        case .entry(let inner, let indices):
            var result = entryIndexLetters(inner, bound: bound)
            for index in indices where index.count == 1 {
                if let c = index.first, c.isLetter, !bound.contains(c) { result.insert(c) }
            }
            return result
        case .call(let f, let body) where f.meaning == .unknown && f.spelling.hasPrefix("\\sum_"):
            var inner = bound
            if let letter = sumLetter(f.spelling) { inner.insert(letter) }
            return entryIndexLetters(body, bound: inner)
        default:
            return e.children.reduce(into: Set<Character>()) { $0.formUnion(entryIndexLetters($1, bound: bound)) }
        }
    }

    func freeLetters(of symbol: Symbol) -> Set<Character> { Self.freeLetters(of: symbol, among: letters) }

    /// The letters of `letters` that stand alone in the symbol's subscript or superscript.
    static func freeLetters(of symbol: Symbol, among letters: Set<Character>) -> Set<Character> {
        guard let parts = symbol.parts, parts.subscriptText != nil || parts.superscriptText != nil else { return [] }
        let decorations = (parts.subscriptText ?? "") + " " + (parts.superscriptText ?? "")
        var result = Set<Character>()
        var inCommand = false
        var previous: Character = " "
        for c in decorations {
            if c == "\\" { inCommand = true } else if !c.isLetter { inCommand = false }
            // A letter alone (not part of a word such as `in` or `out`).
            if !inCommand, letters.contains(c), !previous.isLetter { result.insert(c) }
            if !inCommand, c.isLetter, previous.isLetter { result.remove(previous); result.remove(c) }
            previous = inCommand ? "\\" : c
        }
        // `w_{kj}`: two index letters side by side.
        if result.isEmpty, decorations.allSatisfy({ letters.contains($0) || !$0.isLetter }) {
            for c in decorations where letters.contains(c) { result.insert(c) }
        }
        return result
    }

    /// The symbols of the equation's right-hand sides outside the bodies of sums that bind their letters.
    static func rhsSymbols(of equation: Equation) -> [Symbol] {
        equation.rows.flatMap { freeSymbols($0.rhs, bound: []) }
    }

    /// Every symbol of the equation outside the bodies of sums that bind its letters.
    static func symbols(of equation: Equation) -> [Symbol] {
        var result = equation.lhs.symbols
        for row in equation.rows { result += freeSymbols(row.rhs, bound: []) }
        return result
    }

    static func freeSymbols(_ e: Expression, bound: Set<Character>) -> [Symbol] {
        switch e {
        case .symbol(let s), .vector(let s): return bound.isEmpty ? [s] : (bound.contains { Symbol.mentions(s.spelling ?? "", index: $0) } ? [] : [s])
        case .derivative(let inner, let v): return freeSymbols(inner, bound: bound) + freeSymbols(.symbol(v), bound: bound)
        case .call(let f, let body) where f.meaning == .unknown && f.spelling.hasPrefix("\\sum_"):
            var inner = bound
            if let letter = sumLetter(f.spelling) { inner.insert(letter) }
            return freeSymbols(body, bound: inner)
        default: return e.children.flatMap { freeSymbols($0, bound: bound) }
        }
    }

    /// The symbols of the terms of every sum `\sum_{k=1}^{K}` whose upper bound is a stated constant.
    static func boundedSumTerms(_ e: Expression, constants: [String: Int]) -> [Symbol] {
        var result: [Symbol] = []
        if case .call(let f, let body) = e, f.meaning == .unknown, f.spelling.hasPrefix("\\sum_"), let letter = sumLetter(f.spelling),
           let eq = f.spelling.firstIndex(of: "="), let caret = f.spelling.range(of: "^{") {
            let lower = f.spelling[f.spelling.index(after: eq)...].prefix { $0 != "}" }
            let upper = String(f.spelling[caret.upperBound...].prefix { $0 != "}" })
            if let from = Int(lower), let to = Int(upper) ?? constants[upper], from <= to, to - from < 64 {
                for v in from...to { result += freeSymbols(substitute(body, [letter: v]), bound: []) }
            }
        }
        for child in e.children { result += boundedSumTerms(child, constants: constants) }
        return result
    }

    /// The index letter `k` of `\sum_{k}` or `\sum_{k=1}^{K}`.
    static func sumLetter(_ spelling: String) -> Character? {
        guard let open = spelling.firstIndex(of: "{") else { return nil }
        let c = spelling[spelling.index(after: open)]
        return c.isLetter ? c : nil
    }

    // MARK: - Substitution

    static func substitute(_ symbol: Symbol, _ assignment: [Character: Int]) -> Symbol {
        guard var spelling = symbol.spelling else { return symbol }
        for (letter, value) in assignment { spelling = Symbol.substitutingIndex(spelling, letter, String(value)) }
        return Symbol(spelling: spelling).withIndexArithmeticDone
    }

    static func substitute(_ lhs: LeftHandSide, _ assignment: [Character: Int]) -> LeftHandSide {
        switch lhs {
        case .symbol(let s): return .symbol(substitute(s, assignment))
        case .derivative(let f, let v): return .derivative(of: substitute(f, assignment), withRespectTo: substitute(v, assignment))
        case .expressionDerivative(let e, let v):
            return .expressionDerivative(substitute(e, assignment), withRespectTo: substitute(v, assignment))
        case .gradient(let f, let variables):
            return .gradient(of: substitute(f, assignment), by: variables.map { substitute($0, assignment) })
        case .function(let f, let argument):
            // `h'(a_j) = 1 - z_j^2` at j = 1: an identity at the model's a_1, as its right-hand side reads z_1.
            return .function(f, argument: substitute(argument, assignment))
        }
    }

    /// The expression with the indices replaced, except inside sums that bind them again.
    static func substitute(_ e: Expression, _ assignment: [Character: Int]) -> Expression {
        switch e {
        case .symbol(let s):
            if let spelling = s.spelling, spelling.count == 1, let value = assignment[spelling.first!] {
                return .number(String(value))
            }
            // The Kronecker delta δ_{ik} of two indices: 1 where they agree, 0 elsewhere.
            if let parts = s.parts, parts.base == "\\delta", parts.superscriptText == nil, let sub = parts.subscriptText,
               sub.count == 2, let a = sub.first.flatMap({ assignment[$0] }), let b = sub.last.flatMap({ assignment[$0] }) {
                return .number(a == b ? "1" : "0")
            }
            return .symbol(substitute(s, assignment))
        case .vector(let s): return .vector(substitute(s, assignment))
        case .entry(let inner, let indices):
            return .entry(substitute(inner, assignment), indices: indices.map { index in
                guard index.count == 1, let value = assignment[index.first!] else { return index }
                return String(value)
            })
        case .number: return e
        case .derivative(let inner, let v): return .derivative(substitute(inner, assignment), by: substitute(v, assignment))
        case .call(let f, let body) where f.meaning == .unknown && f.spelling.hasPrefix("\\sum_"):
            var inner = assignment
            if let letter = sumLetter(f.spelling) { inner[letter] = nil }
            return .call(f, substitute(body, inner))
        default:
            return e.withChildren(e.children.map { substitute($0, assignment) })
        }
    }
}

extension SymbolOccurrence {
    /// The occurrence with the indices replaced.
    func substituting(_ assignment: [Character: Int]) -> SymbolOccurrence? {
        var copy = self
        copy.symbol = IndexInstances.substitute(symbol, assignment)
        copy.entryOf = entryOf.map { IndexInstances.substitute($0, assignment) }
        return copy
    }
}
