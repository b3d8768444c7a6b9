/// Expands a document written with vectors, matrices and free indices into the scalar rows the kit
/// checks, entry by entry:
///
/// - a row with free indices (`z_k = \sum_{j=1}^{2} w_{kj} x_j + b_k`, a claim for all k and j, a
///   `\delta^l` recurrence) becomes one row per value of its indices: the stated range, or every value
///   for which the row speaks of quantities the document has (``IndexInstances``);
/// - a row about vectors and matrices (`z^{(1)} = W^{(1)} x + b^{(1)}`,
///   `\frac{\partial C}{\partial W^{(2)}} = \delta^{(2)} (a^{(1)})^T`) becomes one row per entry, with
///   (AB)ᵢⱼ = Σₖ AᵢₖBₖⱼ, (A ⊙ B)ᵢⱼ = AᵢⱼBᵢⱼ, (Aᵀ)ᵢⱼ = Aⱼᵢ, f(A)ᵢⱼ = f(Aᵢⱼ), ‖v‖² = Σᵢ vᵢ² and
///   softmax(v)ᵢ = e^{vᵢ} / Σⱼ e^{vⱼ}. Entry (i, j) of W is the scalar `W_{ij}` of index notation.
///
/// A claim whose right-hand side has the wrong shape for its left-hand side stays a claim (one per
/// entry) that cannot hold, with the reason ("a 3×2 matrix claimed for a 2×3 parameter: a missing
/// transpose?"); a model row with inconsistent shapes is an error.
struct TensorExpansion {
    let source: SourceText
    let sizes: SizeStatements
    /// Shapes of quantities: declared, then those the model rows give.
    var shapes: [Symbol: Shape]
    /// Where each expanded symbol came from (an entry `W_{12}` from `W`), to locate it in the text.
    var origins: [Symbol: Symbol] = [:]
    /// Symbols bound to a stated constant (`N` of `\sum_{n=1}^{N}`), replaced by their value.
    var constants: [Symbol: Int] = [:]
    /// Whether `\delta_{ik}` is the Kronecker delta: no row defines a δ of two indices.
    var hasKroneckerDelta = true

    /// δ_{ab} of two whole-number indices: 1 if a = b, else 0 (nil for any other symbol).
    func kronecker(_ s: Symbol) -> Int? {
        guard hasKroneckerDelta, let parts = s.parts, parts.base == "\\delta", parts.superscriptText == nil,
              let sub = parts.subscriptText else { return nil }
        let indices = sub.contains(",") ? sub.split(separator: ",").map(String.init) : sub.map(String.init)
        guard indices.count == 2, let a = Int(indices[0]), let b = Int(indices[1]) else { return nil }
        return a == b ? 1 : 0
    }

    /// The symbols the model's definitions write (each instance of an indexed one): the quantities whose
    /// shapes the expansion can know. See ``requireKnownOperands(of:)``.
    var definitionSymbols: Set<Symbol> = []
    /// Symbols defined by a right-hand side whose shape cannot be computed: presumed nothing.
    var shapeUnknown: Set<Symbol> = []
    /// Whether the block being expanded is inline math in prose.
    var expandingInlineBlock = false

    /// Whether the document writes this symbol (an entry `a_{1}^{3}` of a one-entry vector).
    var mentionsEntry: (Symbol) -> Bool = { _ in false }
    /// The values of a sum's index that its terms speak of (`\sum_k t_k \log p_k` with three p's: 1, 2, 3).
    var indexValues: (Character, Expression) -> [Int]? = { _, _ in nil }

    init(source: SourceText, sizes: SizeStatements) {
        self.source = source
        self.sizes = sizes
        self.shapes = sizes.shapes
        for (name, value) in sizes.constants { constants[Symbol(spelling: name)] = value }
    }

    /// The document with every equation expanded; unchanged when nothing in it is a vector or indexed.
    static func expand(_ document: Document, source: SourceText) throws(NotationError) -> Document {
        let sizes = sectionStatements(SizeReader(source: source).statements(), document: document)
        let document = aliasingEntries(document, shapes: sizes.shapes)
        var expansion = TensorExpansion(source: source, sizes: sizes)
        expansion.hasKroneckerDelta = !document.blocks.flatMap(\.equations).contains { equation in
            guard case .symbol(let s) = equation.lhs, let parts = s.parts, parts.base == "\\delta" else { return false }
            return (parts.subscriptText?.filter { $0 != "," }.count ?? 0) == 2
        }
        var instances = IndexInstances(document: document, sizes: sizes, shapes: sizes.shapes)
        // Shapes first (a model row's shape may be needed before the row, as in `\delta` rows written first);
        // then the indices again, knowing the entries of every vector the model defines.
        // Symbols as written (`a^3_1`, and `a^3_j` for every j).
        var written = Set<Symbol>()
        for equation in document.blocks.flatMap(\.equations) { written.formUnion(IndexInstances.symbols(of: equation)) }
        let letters = expansion.indexLetters
        let patterns = written.filter { IndexInstances.hasIndexLetters($0, among: letters) }
        expansion.mentionsEntry = { entry in
            written.contains(entry) || patterns.contains { IndexInstances.matches(entry, pattern: $0, among: letters) }
        }
        // Symbols of the model's rows: a claim infers no shape of theirs.
        var modelSymbols = Set<Symbol>()
        for equation in document.blocks.flatMap(\.equations) where equation.lhs.isSymbol {
            modelSymbols.formUnion(IndexInstances.symbols(of: equation))
        }
        for _ in 0..<2 {
            for block in document.blocks {
                for equation in block.equations {
                    for instance in instances.instances(of: equation) {
                        expansion.learnShapes(from: instance)
                    }
                }
            }
            for equation in document.blocks.flatMap(\.equations) where !equation.lhs.isSymbol {
                for instance in instances.instances(of: equation) { expansion.learnShapes(ofClaim: instance, besides: modelSymbols) }
            }
            instances = IndexInstances(document: document, sizes: sizes, shapes: expansion.shapes)
        }
        expansion.indexValues = { letter, body in instances.values(of: letter, in: body) }
        for equation in document.blocks.flatMap(\.equations) where equation.lhs.isSymbol {
            for instance in instances.instances(of: equation) {
                expansion.definitionSymbols.formUnion(IndexInstances.symbols(of: instance))
            }
        }
        expansion.inferVectorsOfDefinedEntries(in: document, instances: instances)
        try expansion.requireShapesOfBoldSymbols(in: document)
        var result = document
        var changed = false
        for b in result.blocks.indices {
            expansion.expandingInlineBlock = result.blocks[b].isInline
            var steps: [Step] = []
            for (order, equation) in result.blocks[b].equations.enumerated() {
                let written = instances.assignedInstances(of: equation)
                for (assignment, instance) in written {
                    if !expansion.expandingInlineBlock { try expansion.checkEntries(of: instance, writtenAs: equation) }
                    let expanded = try expansion.entries(of: instance)
                        .map { Self.outOfRangeEntries($0, writtenAs: equation, instances: instances) }
                    if expanded != [equation] { changed = true }
                    steps.append(Step(order: order, assignment: assignment, equations: expanded))
                }
            }
            result.blocks[b].equations = Self.interleaved(steps).flatMap(\.equations)
        }
        if let stacked = stackedRows(sizes.stackings, shapes: expansion.shapes, ranges: sizes.ranges, source: source, document: result) {
            result.blocks.append(stacked)
            changed = true
        }
        result.declaredParameters = document.declaredParameters.flatMap { expansion.entries(of: $0, instances: instances) }
        if result.declaredParameters != document.declaredParameters { changed = true }
        return changed ? result : document
    }

    /// The entries of matrices stacked from vectors (``Stacking``), M_{nj} = v^{(n)}_j, as inline definitions at the
    /// statement: the model reads them where no row defines the matrix. Nil if there are none.
    static func stackedRows(_ stackings: [Stacking], shapes: [Symbol: Shape], ranges: [Character: [Int]],
                            source: SourceText, document: Document) -> Block? {
        var equations: [Equation] = []
        var defined = Set<Symbol>()
        for equation in document.blocks.flatMap(\.equations) { if case .symbol(let s) = equation.lhs { defined.insert(s) } }
        for stacking in stackings {
            guard let shape = shapes[stacking.matrix], shape.rows > 1 || shape.columns > 1 else { continue }
            let indices = ranges[stacking.letter].flatMap { $0.count == shape.rows ? $0 : nil } ?? Array(1...shape.rows)
            let location = source.location(at: stacking.at)
            let range = DocumentRange(start: location, end: location)
            for (i, n) in indices.enumerated() {
                let row = IndexInstances.substitute(stacking.row, [stacking.letter: n])
                for j in 0..<shape.columns {
                    var entry = stacking.matrix.entry(i, j, of: shape)
                    var value = shape.columns == 1 ? row : row.entry(j, 0, of: .vector(shape.columns))
                    // `A = X W_1 + …` defined, "row n of A is a^{(n)⊤}": the rows are read from the matrix.
                    if defined.contains(entry) { swap(&entry, &value) }
                    guard !defined.contains(entry) else { continue }
                    var definition = Row(lhs: .symbol(entry), rhs: .symbol(value), rhsLaTeX: value.latex,
                                         latex: "\(entry.latex) = \(value.latex)", annotation: nil, location: location,
                                         rhsMap: SourceMap(range: range),
                                         lhsSymbols: [SymbolOccurrence(symbol: entry, isVector: false, spelling: entry.latex, range: range)],
                                         rhsSymbols: [SymbolOccurrence(symbol: value, isVector: false, spelling: value.latex, range: range)])
                    definition.entry = "[\(i + 1),\(j + 1)]"
                    equations.append(Equation(lhs: .symbol(entry), rows: [definition]))
                }
            }
        }
        guard !equations.isEmpty else { return nil }
        let heading = document.headings.last { $0.location <= source.location(at: stackings[0].at) }
        var block = Block(kind: .modelEquations, equations: equations, environment: nil, latex: "", location: equations[0].rows[0].location,
                          heading: heading, declaration: nil)
        block.isInline = true
        return block
    }

    /// The instances of one written equation at one assignment of its indices.
    struct Step {
        var order: Int
        var assignment: [Character: Int]
        var equations: [Equation]
    }

    /// `\mathbf{a}_t = \mathbf{W} \mathbf{h}_{t-1} + …, \quad \mathbf{h}_t = \tanh(\mathbf{a}_t)` for t = 1, 2 is a
    /// recurrence: computed step by step (a₁, h₁, a₂, h₂), not equation by equation (a₂ before the h₁ it reads).
    /// The instances of a block keep their written order, except that an instance waits for the instances of the
    /// block it reads; a block that cannot be so ordered (a cycle) keeps its order, for the model to report.
    static func interleaved(_ steps: [Step]) -> [Step] {
        let defines = steps.map { step in Set(step.equations.compactMap { e -> Symbol? in
            if case .symbol(let s) = e.lhs { s } else { nil }
        }) }
        let definedHere = defines.reduce(into: Set<Symbol>()) { $0.formUnion($1) }
        let reads = steps.map { step in
            Set(step.equations.flatMap { $0.rows.flatMap(\.rhs.allSymbols) }).intersection(definedHere)
        }
        var placed = Set<Symbol>(), done = Set<Int>(), order: [Int] = []
        while order.count < steps.count {
            guard let next = steps.indices.first(where: { !done.contains($0) && reads[$0].subtracting(defines[$0]).isSubset(of: placed) })
            else { return steps }
            order.append(next)
            done.insert(next)
            placed.formUnion(defines[next])
        }
        return order.map { steps[$0] }
    }

    /// "There are $L = 3$ layers": a stated upper-case constant written as an index (`a^L_j`, `w^L_{jk}`, `a^{L-1}_k`) is
    /// that number, as it is in arithmetic.
    static func constantIndices(_ document: Document, constants: [String: Int]) -> Document {
        let assignment = Dictionary(uniqueKeysWithValues: constants.compactMap { name, value -> (Character, Int)? in
            guard name.count == 1, let letter = name.first, letter.isUppercase, letter.isLetter else { return nil }
            return (letter, value)
        })
        guard !assignment.isEmpty else { return document }
        func substituted(_ symbol: Symbol) -> Symbol {
            guard let parts = symbol.parts, parts.subscriptText != nil || parts.superscriptText != nil,
                  !IndexInstances.freeLetters(of: symbol, among: Set(assignment.keys)).isEmpty else { return symbol }
            var result = IndexInstances.substitute(symbol, assignment)
            result.scope = symbol.scope
            return result
        }
        return document.mappingSymbols(substituted)
    }

    /// A shape stated by a tuple or in prose holds from its section on: a symbol that display math of an
    /// earlier section already uses (Example 1's scalar w, before Example 2's `\mathbf{w} = (w_1, w_2)^\top`)
    /// gets no shape from it (its size is then unstated, an error where it is needed as a vector).
    static func sectionStatements(_ sizes: SizeStatements, document: Document) -> SizeStatements {
        var result = sizes
        for (symbol, location) in sizes.statedInProse {
            let sectionStart = document.headings.map(\.location).filter { $0 < location }.max()
            guard let sectionStart else { continue }
            let usedBefore = document.blocks.contains { block in
                !block.isInline && block.location < sectionStart && block.equations.contains { equation in
                    equation.rows.contains { row in (row.lhsSymbols + row.rhsSymbols).contains { $0.symbol == symbol } }
                }
            }
            if usedBefore { result.shapes[symbol] = nil }
        }
        return result
    }

    /// A claim whose indices, run over their range, reach an entry the document does not have
    /// (`\sum_k (p_k - t_k) w_{jk}` with w of 3×2 reaches w_{13}) cannot hold: each such row is a shape
    /// error naming the entry. A definition is left alone (its unknown symbol is a located error).
    static func outOfRangeEntries(_ equation: Equation, writtenAs original: Equation,
                                  instances: IndexInstances) -> Equation {
        guard !equation.lhs.isSymbol else { return equation }
        let asWritten = Set(IndexInstances.symbols(of: original))
        var result = equation
        for r in result.rows.indices {
            guard let stray = result.rows[r].rhs.allSymbols.first(where: { !asWritten.contains($0) && instances.isStray($0) })
            else { continue }
            result.rows[r].rhs = shapeError("'\(stray.latex)' is not an entry the document has: an index beyond its range")
            result.rows[r].rhsSymbols = []
        }
        return result
    }

    /// A declared parameter's scalars: the entries of a vector or matrix (`\mathbf{w}` → w_{1}, w_{2}), the
    /// instances of an indexed name (`w_{ji}` → w_{11}, …), or the symbol itself.
    func entries(of parameter: SymbolOccurrence, instances: IndexInstances) -> [SymbolOccurrence] {
        func occurrence(_ s: Symbol) -> SymbolOccurrence {
            var copy = parameter
            copy.symbol = s
            copy.isVector = false
            return copy
        }
        if let shape = shapes[parameter.symbol], shape.hasEntries {
            var result: [SymbolOccurrence] = []
            for i in 0..<shape.rows { for j in 0..<shape.columns { result.append(occurrence(parameter.symbol.entry(i, j, of: shape))) } }
            return result
        }
        let matching = instances.instancesOf(parameter.symbol)
        return matching.isEmpty ? [parameter] : matching.map(occurrence)
    }

    /// Nielsen writes the matrix `W^3` and its entries `w^3_{jk}`: a lower-case name with indices is an entry
    /// of the upper-case matrix of stated shape, unless the lower-case name is a quantity of its own.
    static func aliasingEntries(_ document: Document, shapes: [Symbol: Shape]) -> Document {
        let matrices = Set(shapes.keys.filter { $0.parts.map { $0.subscriptText == nil && $0.base.count == 1 && $0.base.first!.isUppercase } ?? false })
        guard !matrices.isEmpty else { return document }
        var defined = Set<Symbol>(shapes.keys)
        for equation in document.blocks.flatMap(\.equations) { if case .symbol(let s) = equation.lhs { defined.insert(s) } }
        func alias(_ s: Symbol) -> Symbol {
            guard var parts = s.parts, parts.base.count == 1, parts.base.first!.isLowercase, let sub = parts.subscriptText else { return s }
            var whole = parts
            whole.subscriptText = nil
            guard !defined.contains(Symbol(spelling: whole.spelling)) else { return s }
            whole.base = parts.base.uppercased()
            guard matrices.contains(Symbol(spelling: whole.spelling)) else { return s }
            parts.base = parts.base.uppercased()
            parts.subscriptText = sub
            var result = Symbol(spelling: parts.spelling)
            result.scope = s.scope
            return result
        }
        return document.mappingSymbols(alias)
    }

    // MARK: - Shapes of the model

    /// A symbol written in bold (`\mathbf{w}`) is a vector or a matrix: its shape must be stated, or follow
    /// from the model, else its entries are unknown.
    func requireShapesOfBoldSymbols(in document: Document) throws(NotationError) {
        // Display rows of the model and the claims (prose may speak of `f'(\mathbf{a})` in general).
        let rows = document.blocks.filter { !$0.isInline }.flatMap(\.equations).filter {
            if case .function = $0.lhs { return false }
            return true
        }.flatMap(\.rows)
        for row in rows {
            for occurrence in row.lhsSymbols + row.rhsSymbols where occurrence.isVector {
                if shapes[occurrence.symbol]?.hasEntries == true { continue }
                // `\boldsymbol{\delta}^{(l)}`: its instances are checked where they are expanded.
                if IndexInstances.hasIndexLetters(occurrence.symbol, among: indexLetters) { continue }
                throw NotationError(kind: .modelError, location: occurrence.range.start,
                                    message: "vectors need a stated shape: the size of '\(occurrence.spelling)' is not stated",
                                    expected: "a statement such as \(occurrence.spelling) \\in \\mathbb{R}^{2}, or a definition from quantities of stated shape")
            }
        }
    }

    /// Letters that may be free indices: `i j k l m n L`, and any with a stated range (`t` of "for $t = 1, 2$").
    var indexLetters: Set<Character> { Set("ijklmnL").union(sizes.ranges.keys) }

    /// The shape of a quantity: its own, or that stated for its family (`\mathbf{x}_n \in \mathbb{R}^2` for `x_{1}`).
    func shape(of s: Symbol) -> Shape? {
        if let own = shapes[s] { return own }
        for (pattern, shape) in sizes.shapes where IndexInstances.hasIndexLetters(pattern, among: indexLetters) {
            if IndexInstances.matches(s, pattern: pattern, among: indexLetters) { return shape }
        }
        return nil
    }

    /// The shape a quantity of computed shape is named with: a column is a vector (one index).
    static func named(_ shape: Shape) -> Shape {
        shape.columns == 1 ? .vector(shape.rows) : shape
    }

    /// Records the shape a definition gives its symbol, and the shapes its context implies for inputs.
    mutating func learnShapes(from equation: Equation) {
        guard case .symbol(let symbol) = equation.lhs else { return }
        for row in equation.rows {
            inferOperandShapes(row.rhs)
            guard shapes[symbol] == nil else { continue }
            guard let tensor = try? tensor(row.rhs) else {
                // `X = [x^{(1)}\ x^{(2)}]`: defined, but by nothing whose shape the kit can compute.
                shapeUnknown.insert(symbol)
                continue
            }
            shapeUnknown.remove(symbol)
            if !tensor.shape.isScalar {
                shapes[symbol] = Self.named(tensor.shape)
            } else if mentionsEntry(symbol.entry(0, 0, of: .vector(1))), tensor.entries[0].usesEntries(of: shapes) {
                // `z^3 = W^3 a^2 + b^3` with one output, written `z^3_1` elsewhere: a vector of one entry.
                shapes[symbol] = .vector(1)
            }
        }
    }

    /// Nielsen's `\frac{\partial C}{\partial w^3} = (a^3 - y)(a^2)^T`, with the targets written `y_j` in the cost: a bare
    /// name that only claims use takes its shape from the claim (`a^3 - y` with a 2-vector a³), as a model row's
    /// operands do; its entries are then the model's `y_1, y_2`. No model quantity takes a shape from a claim.
    mutating func learnShapes(ofClaim equation: Equation, besides modelSymbols: Set<Symbol>) {
        let before = shapes
        for row in equation.rows { inferOperandShapes(row.rhs) }
        for symbol in shapes.keys where before[symbol] == nil && modelSymbols.contains(symbol) { shapes[symbol] = nil }
    }

    /// A bare name the document defines only entry by entry (`\delta_i = …` for i = 1, 2) and that no row
    /// defines as a whole, no model row reads, and no statement sizes, is the vector of those entries:
    /// `\frac{\partial L}{\partial b} = \delta` claims (δ_1, δ_2). Entries must be defined from the first on,
    /// without a gap and without an entry 0.
    mutating func inferVectorsOfDefinedEntries(in document: Document, instances: IndexInstances) {
        var definedWholes = Set<Symbol>(), modelReads = Set<Symbol>(), definedEntries = Set<Symbol>(), candidates = Set<Symbol>()
        for equation in document.blocks.flatMap(\.equations) {
            if case .symbol(let s) = equation.lhs {
                definedWholes.insert(s)
                for row in equation.rows { modelReads.formUnion(row.rhs.allSymbols) }
                for instance in instances.instances(of: equation) {
                    if case .symbol(let entry) = instance.lhs { definedEntries.insert(entry) }
                }
            }
            for row in equation.rows {
                for occurrence in row.rhsSymbols {
                    guard let parts = occurrence.symbol.parts, parts.subscriptText == nil, parts.superscriptText == nil else { continue }
                    candidates.insert(occurrence.symbol)
                }
            }
        }
        for s in candidates where shapes[s] == nil && constants[s] == nil && !definedWholes.contains(s) && !modelReads.contains(s) {
            // An entry 0 beside entries 1, 2, … makes the numbering ambiguous: nothing is inferred.
            guard !instances.isKnown(s.entry(-1, 0, of: .vector(2))) else { continue }
            var count = 0
            while count < 64, definedEntries.contains(s.entry(count, 0, of: .vector(count + 1))) { count += 1 }
            if count >= 2 { shapes[s] = .vector(count) }
        }
    }

    /// Infers the shapes of undeclared symbols from products and sums with shaped operands: in `W x`
    /// with W m×n, x is an n-vector; in `a - y` with a an n-vector, so is y.
    mutating func inferOperandShapes(_ e: Expression) {
        for child in e.children { inferOperandShapes(child) }
        func bare(_ e: Expression) -> Symbol? {
            if case .symbol(let s) = e, shapes[s] == nil, constants[s] == nil { return s }
            return nil
        }
        switch e {
        case .product(let a, let b):
            if let x = bare(b), let m = try? tensor(a), !m.shape.isScalar, m.shape.columns > 1 {
                shapes[x] = .vector(m.shape.columns)
            }
        case .sum(let a, let b), .difference(let a, let b), .hadamard(let a, let b):
            if let x = bare(b), let t = try? tensor(a), !t.shape.isScalar { shapes[x] = Self.named(t.shape) }
            if let x = bare(a), let t = try? tensor(b), !t.shape.isScalar { shapes[x] = Self.named(t.shape) }
        default:
            break
        }
    }

    // MARK: - Entries of an equation

    /// The equation entry by entry: for a vector or matrix left-hand side one equation per entry, each
    /// with the same rows' entries; otherwise the equation with its right-hand sides expanded.
    mutating func entries(of equation: Equation) throws(NotationError) -> [Equation] {
        guard let target = targetShape(of: equation.lhs) else {
            // A function row, `g(u) = \tanh(u)`: as written.
            return [equation]
        }
        var perEntry: [[Row]] = Array(repeating: [], count: target.shape.count)
        for row in equation.rows {
            let rhs: Tensor
            do {
                rhs = try tensor(row.rhs)
            } catch let failure as ShapeFailure {
                // A claim, or a definition (an adjoint `\delta`), that cannot hold: each entry says why. A
                // definition of the forward computation with it is refused by the model (it cannot be computed).
                try requireKnownOperands(of: row)
                rhs = Tensor(shape: target.shape, entries: Array(repeating: Self.shapeError(failure.message), count: target.shape.count))
            } catch {
                throw NotationError(kind: .modelError, location: row.rhsLocation, message: "\(error)", expected: "a valid expression")
            }
            let entries = try conform(rhs, to: target, equation: equation, row: row)
            for k in entries.indices {
                var entryRow = entryRow(row, lhs: row.lhs == nil ? nil : target.lhs[k], rhs: entries[k],
                                        entry: target.shape.isScalar ? nil : target.names[k])
                if let written = Self.writtenEntry(k, of: row, shape: rhs.shape) {
                    entryRow.rhsMap = Self.flatMap(entries[k], range: written)
                }
                perEntry[k].append(entryRow)
            }
        }
        // `W = \begin{pmatrix} W_{11} & W_{12} \\ … \end{pmatrix}` names W's entries: it defines none of them.
        return perEntry.indices.compactMap { k in
            guard case .symbol(let s) = target.lhs[k], perEntry[k].count == 1, perEntry[k][0].rhs == .symbol(s),
                  !target.shape.isScalar else { return Equation(lhs: target.lhs[k], rows: perEntry[k]) }
            return nil
        }
    }

    /// The right-hand side's entries for a left-hand side of `target`'s shape: the same shape, or for a
    /// claim of another shape, entries that state the shape error.
    private func conform(_ rhs: Tensor, to target: Target, equation: Equation, row: Row) throws(NotationError) -> [Expression] {
        if rhs.shape == target.shape { return rhs.entries }
        try requireKnownOperands(of: row)
        if Self.isNumeratorLayout(rhs, of: target, equation: equation) { return rhs.entries }
        if expandingInlineBlock, row.rhs.allSymbols.isEmpty {
            // Inline math in prose that reads no quantity, `(at $z = 0$ it is undefined)` of a vector z: a remark
            // about the scalar case, never a definition (``DocumentModel`` takes none that reads no symbol). Its
            // entries state the shape error. One that reads quantities is refused below, as in display math.
            return Array(repeating: Self.shapeError("a \(rhs.shape) where \(equation.lhs.latex) is a \(target.shape)"),
                         count: target.shape.count)
        }
        if rhs.shape.isScalar, !target.shape.isScalar, equation.lhs.parameter == nil {
            throw NotationError(kind: .modelError, location: row.rhsLocation,
                                message: "a scalar defines the \(target.shape) \(equation.lhs.latex)",
                                expected: "a right-hand side of shape \(target.shape)")
        }
        var message = "a \(rhs.shape) where \(equation.lhs.latex) is a \(target.shape)"
        if rhs.shape == target.shape.transposed {
            message += ": a missing transpose?"
        }
        guard equation.lhs.parameter != nil else {
            throw NotationError(kind: .modelError, location: row.rhsLocation, message: message,
                                expected: "a right-hand side of shape \(target.shape)")
        }
        return Array(repeating: Self.shapeError(message), count: target.shape.count)
    }

    /// A shape error is a verdict only when every operand's shape is known. A symbol no definition writes,
    /// whose shape is neither stated nor computed (`\Delta` and `X` of `\frac{1}{3} \Delta X^T`, named in
    /// prose as stacked columns), would be presumed a scalar: that is a located error, never a discrepancy.
    func requireKnownOperands(of row: Row) throws(NotationError) {
        // An inline formula in prose (`$\nabla_W L = (p - t) x^\top$`) is judged only if it is a claim of the
        // document's own (``DocumentModel``); its shape error stays as it was read.
        guard !expandingInlineBlock else { return }
        for occurrence in row.rhsSymbols {
            let s = occurrence.symbol
            if s == Self.onesSymbol || s == Self.identitySymbol || constants[s] != nil || kronecker(s) != nil || shape(of: s) != nil { continue }
            if !shapeUnknown.contains(s), definitionSymbols.contains(s) || origins[s] != nil { continue }
            throw NotationError(kind: .modelError, location: occurrence.range.start,
                                message: "the shape of '\(occurrence.spelling)' is neither stated nor computed from the model, so this right-hand side has no known shape",
                                expected: "a quantity of the model, or a statement of its shape such as \(occurrence.spelling) \\in \\mathbb{R}^{2 \\times 3} with a definition")
        }
    }

    /// `\frac{\partial y}{\partial \mathbf{h}} = \mathbf{v}^\top` or `\nabla_{\mathbf{w}} L = e\, \mathbf{x}^\top`: the
    /// derivative of a scalar by an n-vector written as a 1×n row, the numerator layout (in which the Jacobian
    /// ∂h/∂x has a row per entry of h, as the kit reads it). Texts use both layouts, for fractions and for ∇,
    /// with the same entries in the same order, so the entries are checked one by one and a correct row is no
    /// finding. A matrix has no such reading: its transpose is a different claim.
    static func isNumeratorLayout(_ rhs: Tensor, of target: Target, equation: Equation) -> Bool {
        switch equation.lhs {
        case .derivative, .expressionDerivative, .gradient: break
        case .symbol, .function: return false
        }
        return target.shape.columns == 1 && target.shape.rows > 1 && rhs.shape == target.shape.transposed
    }

    /// A right-hand side that cannot be evaluated because its shape is wrong: judged as a discrepancy.
    static func shapeError(_ message: String) -> Expression {
        .call(NotationFunction(spelling: "shape error: " + message, meaning: .shapeMismatch), .number("0"))
    }

    /// What a left-hand side expands to: its shape and, per entry, the left-hand side and the entry's name.
    struct Target {
        var shape: Shape
        var lhs: [LeftHandSide]
        var names: [String]
    }

    private func targetShape(of lhs: LeftHandSide) -> Target? {
        switch lhs {
        case .symbol(let s):
            let shape = self.shape(of: s) ?? .scalar
            return target(shape) { i, j in .symbol(s.entry(i, j, of: shape)) }
        case .derivative(let f, let v):
            let fs = shape(of: f) ?? .scalar, vs = shape(of: v) ?? .scalar
            if fs.isScalar { return target(vs) { i, j in .derivative(of: f, withRespectTo: v.entry(i, j, of: vs)) } }
            if vs.isScalar { return target(fs) { i, j in .derivative(of: f.entry(i, j, of: fs), withRespectTo: v) } }
            // ∂f/∂v of two vectors: the Jacobian, (J)ᵢⱼ = ∂fᵢ/∂vⱼ.
            guard fs.columns == 1, vs.columns == 1 else { return target(.scalar) { _, _ in lhs } }
            return target(Shape(rows: fs.rows, columns: vs.rows)) { i, j in
                .derivative(of: f.entry(i, 0, of: fs), withRespectTo: v.entry(j, 0, of: vs))
            }
        case .gradient(let f, let variables):
            // ∇L(w, b): the column (∂L/∂w, ∂L/∂b), each argument a scalar.
            guard variables.allSatisfy({ shape(of: $0)?.hasEntries != true }), shape(of: f)?.hasEntries != true else { return nil }
            return target(.vector(variables.count)) { i, _ in .derivative(of: f, withRespectTo: variables[i]) }
        case .function(let f, let argument):
            // `\sigma'(z^l) = a^l \odot (1 - a^l)`: a derivative of an activation at a vector holds entry by entry,
            // σ′(z^l_k) = a^l_k (1 − a^l_k). Any other function row (`g(u) = \tanh(u)`) stays as written.
            guard f.isDerivative, let shape = shape(of: argument), shape.hasEntries else { return nil }
            return target(shape) { i, j in .function(f, argument: argument.entry(i, j, of: shape)) }
        case .expressionDerivative(let e, let v):
            // `\frac{\partial}{\partial o_j} \log \operatorname{softmax}(\mathbf{o})_j`: the entry's expression.
            if e.containsEntry, let t = try? tensor(e), t.shape.isScalar {
                return target(.scalar) { _, _ in .expressionDerivative(t.entries[0], withRespectTo: v) }
            }
            // Of a scalar expression by a vector or matrix (`\nabla_{\theta} (X\theta - y)^T (X\theta - y)`): the
            // derivative of the expression's one entry by each entry of the variable.
            if let vs = shape(of: v), vs.hasEntries, let t = try? tensor(e), t.shape.isScalar {
                return target(vs) { i, j in .expressionDerivative(t.entries[0], withRespectTo: v.entry(i, j, of: vs)) }
            }
            return target(.scalar) { _, _ in lhs }
        }
    }

    private func target(_ shape: Shape, _ make: (Int, Int) -> LeftHandSide) -> Target {
        var lhs: [LeftHandSide] = [], names: [String] = []
        for i in 0..<shape.rows {
            for j in 0..<shape.columns {
                lhs.append(make(i, j))
                names.append(shape.columns == 1 ? "[\(i + 1)]" : shape.rows == 1 ? "[\(j + 1)]" : "[\(i + 1),\(j + 1)]")
            }
        }
        return Target(shape: shape, lhs: lhs, names: names)
    }

    /// Where entry k of a right-hand side written out as a matrix (`\begin{pmatrix} … \end{pmatrix}`, as
    /// the whole right-hand side) is written: a claim about that entry is located there, on its own line.
    static func writtenEntry(_ k: Int, of row: Row, shape: Shape) -> DocumentRange? {
        guard case .matrix(let rows, let columns, let written) = row.rhs, rows == shape.rows, columns == shape.columns,
              written.count == row.rhsMap.children.count, row.rhsMap.children.indices.contains(k) else { return nil }
        return row.rhsMap.children[k].range
    }

    /// A row for one entry: the entry's expression, mapped to the row's text as a whole.
    private func entryRow(_ row: Row, lhs: LeftHandSide?, rhs: Expression, entry: String?) -> Row {
        if lhs == row.lhs, rhs == row.rhs, entry == nil { return row }
        var result = row
        result.lhs = lhs
        result.rhs = rhs
        result.rhsMap = Self.flatMap(rhs, range: row.rhsMap.range)
        result.entry = entry.map { (row.entry.map { $0 + " " } ?? "") + $0 } ?? row.entry
        result.rhsSymbols = occurrences(of: rhs.allSymbols, among: row.rhsSymbols, fallback: row.rhsMap.range)
        if let lhs {
            result.lhsSymbols = occurrences(of: lhs.symbols, among: row.lhsSymbols,
                                            fallback: row.lhsSymbols.first?.range ?? row.rhsMap.range)
        }
        return result
    }

    /// A source map of `e`'s shape whose every node covers `range`.
    static func flatMap(_ e: Expression, range: DocumentRange) -> SourceMap {
        SourceMap(range: range, children: e.children.map { flatMap($0, range: range) })
    }

    /// Occurrences of `symbols`, each located where the symbol it expands was written.
    private func occurrences(of symbols: [Symbol], among written: [SymbolOccurrence], fallback: DocumentRange) -> [SymbolOccurrence] {
        symbols.map { symbol in
            var origin = symbol
            while let next = origins[origin], next != origin { origin = next }
            let match = written.first { $0.symbol == symbol } ?? written.first { $0.symbol == origin }
            return SymbolOccurrence(symbol: symbol, isVector: false, spelling: match?.spelling ?? symbol.latex,
                                    range: match?.range ?? fallback)
        }
    }

    // MARK: - Expressions as tensors

    struct ShapeFailure: Error {
        var message: String
    }

    /// The entries of `e` (see the type's documentation for the rules).
    func tensor(_ e: Expression) throws -> Tensor {
        switch e {
        case .number:
            return Tensor(scalar: e)
        case .symbol(let s), .vector(let s):
            if s == Self.onesSymbol { return .ones(.column) }
            if s == Self.identitySymbol { throw UnsizedIdentity() }
            if let value = constants[s] { return Tensor(scalar: .number(String(value))) }
            if let value = kronecker(s) { return Tensor(scalar: .number(String(value))) }
            guard let shape = shape(of: s), shape.hasEntries else { return Tensor(scalar: .symbol(s)) }
            var entries: [Expression] = []
            for i in 0..<shape.rows { for j in 0..<shape.columns { entries.append(.symbol(s.entry(i, j, of: shape))) } }
            return Tensor(shape: shape, entries: entries)
        case .transpose(let a):
            return try tensor(a).transposed
        case .sum(let a, let b), .difference(let a, let b), .hadamard(let a, let b):
            var x = try tensor(a, besideSummand: b), y = try tensor(b, besideSummand: a)
            if case .hadamard = e, x.shape != y.shape, !x.shape.isScalar, !y.shape.isScalar {
                throw ShapeFailure(message: "a \(x.shape) ⊙ a \(y.shape)")
            }
            // `W X + b`: a column vector is added to every column of a matrix of as many rows (b 𝟏ᵀ).
            if let broadcast = x.broadcast(to: y.shape) { x = broadcast }
            if let broadcast = y.broadcast(to: x.shape) { y = broadcast }
            guard x.shape == y.shape || x.shape.isScalar || y.shape.isScalar else {
                let what = if case .hadamard = e { "⊙" } else { "+" }
                throw ShapeFailure(message: "a \(x.shape) \(what) a \(y.shape)")
            }
            let shape = x.shape.isScalar ? y.shape : x.shape
            return Tensor(shape: shape, entries: (0..<shape.count).map { k in
                let p = x.shape.isScalar ? x.entries[0] : x.entries[k], q = y.shape.isScalar ? y.entries[0] : y.entries[k]
                switch e {
                case .sum: return .sum(p, q)
                case .difference: return .difference(p, q)
                default: return x.shape.isScalar && y.shape.isScalar ? .hadamard(p, q) : .product(p, q)
                }
            })
        case .product(let a, let b):
            // I X = X and X I = X, for an X of any shape (`(\mathbf{I} - \mathbf{h}\mathbf{h}^\top) \mathbf{g}`).
            if a == Self.identityExpression { return try tensor(b) }
            if b == Self.identityExpression { return try tensor(a) }
            let x = try tensor(a), y = try tensor(b)
            if let product = Self.productWithOnes(x, y) { return product }
            if x.shape.isScalar, y.shape.isScalar { return Tensor(scalar: .product(x.entries[0], y.entries[0])) }
            if x.shape.isScalar { return y.map { .product(x.entries[0], $0) } }
            if y.shape.isScalar { return x.map { .product($0, y.entries[0]) } }
            guard x.shape.columns == y.shape.rows else {
                var message = "a product of a \(x.shape) and a \(y.shape)"
                if x.shape.rows == y.shape.rows || x.shape.columns == y.shape.columns { message += ": a missing transpose?" }
                throw ShapeFailure(message: message)
            }
            let shape = Shape(rows: x.shape.rows, columns: y.shape.columns)
            var entries: [Expression] = []
            for i in 0..<shape.rows {
                for j in 0..<shape.columns {
                    var total: Expression? = nil
                    for k in 0..<x.shape.columns {
                        let term = Expression.product(x[i, k], y[k, j])
                        total = total.map { .sum($0, term) } ?? term
                    }
                    entries.append(total!)
                }
            }
            return Tensor(shape: shape, entries: entries)
        case .negation(let a):
            return try tensor(a).map { .negation($0) }
        case .partial(let a):
            return try tensor(a).map { .partial($0) }
        case .activation(let a):
            return try tensor(a).map { .activation($0) }
        case .activationDerivative(let a):
            return try tensor(a).map { .activationDerivative($0) }
        case .call(let f, let a):
            return try call(f, a)
        case .quotient(let a, let b):
            let x = try tensor(a), y = try tensor(b)
            guard y.shape.isScalar else { throw ShapeFailure(message: "a division by a \(y.shape)") }
            return x.map { .quotient($0, y.entries[0]) }
        case .power(.norm(let v, let kind), 2):
            return Tensor(scalar: try squaredNorm(tensor(v), kind))
        case .power(let a, let n):
            return try tensor(a).map { .power($0, n) }
        case .norm(let v, let kind):
            let squares = try squaredNorm(tensor(v), kind)
            return Tensor(scalar: .call(NotationFunction(spelling: "\\sqrt", meaning: .sqrt), squares))
        case .derivative(let f, let v):
            let fs = try tensor(f)
            let vs = shape(of: v) ?? .scalar
            if fs.shape.isScalar {
                var entries: [Expression] = []
                for i in 0..<vs.rows { for j in 0..<vs.columns { entries.append(.derivative(fs.entries[0], by: v.entry(i, j, of: vs))) } }
                return Tensor(shape: vs, entries: entries)
            }
            if fs.shape.columns == 1, vs.columns == 1, !vs.isScalar {
                // The Jacobian of a vector by a vector: row i holds the derivatives of entry i.
                var entries: [Expression] = []
                for i in 0..<fs.shape.rows { for j in 0..<vs.rows { entries.append(.derivative(fs.entries[i], by: v.entry(j, 0, of: vs))) } }
                return Tensor(shape: Shape(rows: fs.shape.rows, columns: vs.rows), entries: entries)
            }
            guard vs.isScalar else { throw ShapeFailure(message: "the derivative of a \(fs.shape) by a \(vs)") }
            return fs.map { .derivative($0, by: v) }
        case .entry(let inner, let indices):
            return Tensor(scalar: try Self.entry(indices, of: tensor(inner)))
        case .matrix(let rows, let columns, let written):
            var entries: [Expression] = []
            for entry in written {
                let t = try tensor(entry)
                guard t.shape.isScalar else { throw ShapeFailure(message: "a \(t.shape) as an entry of a matrix") }
                entries.append(t.entries[0])
            }
            return Tensor(shape: Shape(rows: rows, columns: columns), entries: entries)
        }
    }

    /// Entry `indices` of `t` (1-based, as written): one index for a vector, two for a matrix (`_{12}` of a
    /// matrix of fewer than ten rows and columns is (1, 2), as `W_{12}` is). A subscript on a scalar, an index
    /// that is still a letter (no range gave it a value) or beyond the shape fails.
    static func entry(_ indices: [String], of t: Tensor) throws -> Expression {
        guard t.shape.hasEntries, t.ones == nil else { throw ShapeFailure(message: "a subscript on a scalar, which has no entries") }
        var values = try indices.map { index in
            guard let value = Int(index) else {
                throw ShapeFailure(message: "the index \(index) has no value: no range of it is stated for this row")
            }
            return value
        }
        let isVector = t.shape.rows == 1 || t.shape.columns == 1
        if !isVector, values.count == 1, indices[0].count == 2 { values = indices[0].compactMap { Int(String($0)) } }
        let written = "_{" + indices.joined(separator: ",") + "}"
        if isVector {
            guard values.count == 1 else {
                throw ShapeFailure(message: "\(indices.count) indices \(written) of a \(t.shape), whose entries have one")
            }
            guard (1...t.entries.count).contains(values[0]) else {
                throw ShapeFailure(message: "entry \(values[0]) of a \(t.shape): an index beyond its range")
            }
            return t.entries[values[0] - 1]
        }
        guard values.count == 2 else {
            throw ShapeFailure(message: "one index \(written) of a \(t.shape), whose entries have two")
        }
        guard (1...t.shape.rows).contains(values[0]), (1...t.shape.columns).contains(values[1]) else {
            throw ShapeFailure(message: "entry (\(values[0]), \(values[1])) of a \(t.shape): an index beyond its range")
        }
        return t[values[0] - 1, values[1] - 1]
    }

    /// An entry written as a subscript, `\operatorname{softmax}(\mathbf{o})_j` or `(W_1)_{jk}`, must be one the
    /// document has: of a vector or matrix, with indices in its range. Otherwise a located error (at the
    /// subscript as written), never a guess. `instance` is `written` at some values of its free indices.
    func checkEntries(of instance: Equation, writtenAs written: Equation) throws(NotationError) {
        // Entries of scalars and indices too many or too few first: they explain an index left without value.
        for row in instance.rows { for occurrence in row.lhsSymbols + row.rhsSymbols { try checkEntry(occurrence, values: false) } }
        for (r, row) in instance.rows.enumerated() {
            for occurrence in row.lhsSymbols + row.rhsSymbols { try checkEntry(occurrence, values: true) }
            let map = r < written.rows.count && written.rows[r].rhs.children.count == row.rhs.children.count
                ? written.rows[r].rhsMap : nil
            try checkEntries(in: row.rhs, map: map, bound: [], fallback: row.rhsLocation)
        }
    }

    /// `bound`: the letters of the sums around `e` (`\sum_k (\mathbf{W}^\top \mathbf{e})_k`), whose entries are
    /// picked term by term when the sum is written out (a claim reaching beyond the shape is then a shape error).
    private func checkEntries(in e: Expression, map: SourceMap?, bound: Set<Character>,
                              fallback: DocumentLocation) throws(NotationError) {
        let children = e.children
        let maps = map.map { $0.children.count == children.count ? $0.children : nil } ?? nil
        var inner = bound
        if case .call(let f, _) = e, f.meaning == .unknown, f.spelling.hasPrefix("\\sum_"), let letter = IndexInstances.sumLetter(f.spelling) {
            inner.insert(letter)
        }
        for (k, child) in children.enumerated() { try checkEntries(in: child, map: maps?[k], bound: inner, fallback: fallback) }
        guard case .entry(let inner, let indices) = e,
              !indices.contains(where: { $0.count == 1 && bound.contains($0.first!) }),
              let t = try? tensor(inner) else { return }
        do {
            _ = try Self.entry(indices, of: t)
        } catch {
            let message = (error as? ShapeFailure)?.message ?? "\(error)"
            // At the subscript: just after the expression it follows.
            let location = maps?.first?.range.end ?? map?.range.start ?? fallback
            throw NotationError(kind: .modelError, location: location, message: "no such entry '\(e.latex)': \(message)",
                                expected: "an entry of a vector or matrix of the document, e.g. (\\mathbf{W}^\\top \\mathbf{e})_{j} with j in the range of its rows")
        }
    }

    /// `(W_1)_{jk}` names `W_{1,jk}`: W_1 must be a vector or matrix of the document and the instance one of its entries.
    private func checkEntry(_ occurrence: SymbolOccurrence, values: Bool) throws(NotationError) {
        guard let base = occurrence.entryOf else { return }
        guard let shape = shape(of: base), shape.hasEntries else {
            throw NotationError(kind: .modelError, location: occurrence.range.start,
                                message: "a subscript on '\(base.latex)', which has no entries: its shape is neither stated nor computed as a vector or matrix",
                                expected: "an entry of a vector or matrix, e.g. \(base.latex) \\in \\mathbb{R}^{3 \\times 2} stated")
        }
        for i in 0..<shape.rows { for j in 0..<shape.columns where base.entry(i, j, of: shape) == occurrence.symbol { return } }
        // The indices written after the base's own subscript: letters left there had no value.
        let subscriptText = occurrence.symbol.parts?.subscriptText ?? ""
        let indexText = base.parts?.subscriptText.map { own in
            subscriptText.hasPrefix(own + ",") ? String(subscriptText.dropFirst(own.count + 1)) : subscriptText
        } ?? subscriptText
        let indices = ExpressionParser.entryIndices(indexText) ?? []
        let isVector = shape.isVector || shape.rows == 1 || shape.columns == 1
        let arity = indices.count == 1 && !isVector && indices[0].count == 2 && indices[0].allSatisfy(\.isNumber) ? 2 : indices.count
        if arity != (isVector ? 1 : 2) {
            throw NotationError(kind: .modelError, location: occurrence.range.start,
                                message: "'\(occurrence.spelling)' has \(arity == 1 ? "one index" : "\(arity) indices"), but the entries of the \(shape) \(base.latex) have \(isVector ? "one" : "two")",
                                expected: isVector ? "one index, e.g. (\(base.latex))_{j}" : "two indices, e.g. (\(base.latex))_{jk}")
        }
        guard values else { return }
        throw NotationError(kind: .modelError, location: occurrence.range.start,
                            message: indexText.contains(where: \.isLetter)
                                ? "'\(occurrence.spelling)': its index has no value here (no stated range, and no quantity of the row it indexes tells it)"
                                : "'\(occurrence.spelling)' (\(occurrence.symbol.latex) here) is not an entry of the \(shape) \(base.latex), whose entries are \(base.entry(0, 0, of: shape).latex) … \(base.entry(shape.rows - 1, shape.columns - 1, of: shape).latex)",
                            expected: "indices within the \(shape) \(base.latex), e.g. a range such as j = 1, 2, 3 stated with the row")
    }

    /// The symbol `\mathbf{1}` is read as (see ``Tensor/Ones``).
    static let onesSymbol = Symbol(spelling: "\\mathbf{1}")

    /// The identity matrix `\mathbf{I}`: its size is that of the square matrix it is added to or
    /// subtracted from (`\mathbf{I} - \mathbf{h}\mathbf{h}^\top`, also `c\,\mathbf{I}`), and a product with it
    /// is the other factor. Anywhere else its size is unknown: an error, never a presumed 1.
    static let identitySymbol = Symbol(spelling: "\\mathbf{I}")
    /// (Computed: a stored global of an indirect enum is a one-time allocation LeakSanitizer reports.)
    static var identityExpression: Expression { .symbol(identitySymbol) }

    /// `\mathbf{I}` where nothing gives it a size.
    /// `\|A\|_2` of a matrix: the spectral norm, which the expansion does not compute.
    struct SpectralNorm: Error, CustomStringConvertible {
        var shape: Shape
        var description: String {
            "the spectral norm \\|A\\|_2 of a \(shape) (its largest singular value) is not read; write \\|A\\|_F for the Frobenius norm"
        }
    }

    struct UnsizedIdentity: Error, CustomStringConvertible {
        var description: String {
            "the identity matrix \\mathbf{I} has no size here: it takes the size of the square matrix it is added to, or is a factor of a product"
        }
    }

    /// A summand's entries; the identity (or a multiple `c\,\mathbf{I}` of it) beside a square n×n `other`
    /// is the n×n matrix with c on its diagonal: Iᵢⱼ = δᵢⱼ.
    private func tensor(_ e: Expression, besideSummand other: Expression) throws -> Tensor {
        let coefficient: Expression? = switch e {
        case Self.identityExpression: .number("1")
        case .product(let c, Self.identityExpression), .product(Self.identityExpression, let c): c
        default: nil
        }
        guard let coefficient else { return try tensor(e) }
        let scale = try tensor(coefficient)
        let partner = try tensor(other)
        guard scale.shape.isScalar, scale.ones == nil, partner.shape.rows == partner.shape.columns,
              partner.ones == nil, !partner.shape.isScalar else {
            throw ShapeFailure(message: "the identity beside a \(partner.shape): it is square")
        }
        let n = partner.shape.rows
        var entries: [Expression] = []
        for i in 0..<n { for j in 0..<n { entries.append(i == j ? scale.entries[0] : .number("0")) } }
        return Tensor(shape: partner.shape, entries: entries)
    }

    /// 𝟏ᵀA (column sums), A𝟏 (row sums), b𝟏ᵀ and 𝟏c (b, c broadcast by the sum they are in); nil when
    /// neither factor is a vector of ones, or the other is a scalar (then 𝟏 is 1).
    static func productWithOnes(_ x: Tensor, _ y: Tensor) -> Tensor? {
        func total(_ terms: [Expression]) -> Expression { terms.dropFirst().reduce(terms[0]) { .sum($0, $1) } }
        // A scalar times 𝟏 is still 𝟏 (its entries c): (c𝟏ᵀ)e = Σᵢ c eᵢ.
        func scaled(_ factor: Expression, _ e: Expression) -> Expression { factor == .number("1") ? e : .product(factor, e) }
        if x.shape.isScalar, x.ones == nil, let orientation = y.ones {
            var result = Tensor.ones(orientation)
            result.entries = [scaled(x.entries[0], y.entries[0])]
            return result
        }
        if y.shape.isScalar, y.ones == nil, let orientation = x.ones {
            var result = Tensor.ones(orientation)
            result.entries = [scaled(x.entries[0], y.entries[0])]
            return result
        }
        if x.ones == .row, !y.shape.isScalar {
            let entries = (0..<y.shape.columns).map { j in total((0..<y.shape.rows).map { i in scaled(x.entries[0], y[i, j]) }) }
            return Tensor(shape: Shape(rows: 1, columns: y.shape.columns), entries: entries)
        }
        if y.ones == .column, !x.shape.isScalar {
            let entries = (0..<x.shape.rows).map { i in total((0..<x.shape.columns).map { j in scaled(y.entries[0], x[i, j]) }) }
            return Tensor(shape: .vector(x.shape.rows), entries: entries)
        }
        if y.ones == .row, x.shape.columns == 1 { return x.ones == nil ? x : Tensor(scalar: .number("1")) }
        if x.ones == .column, y.shape.rows == 1 { return y.ones == nil ? y : Tensor(scalar: .number("1")) }
        return nil
    }

    /// Σᵢ vᵢ² over every entry.
    /// ‖v‖² = Σᵢ vᵢ² of a vector, ‖A‖_F² = Σᵢⱼ aᵢⱼ² of a matrix (written `\|A\|_F` or `\|A\|`).
    /// The spectral norm ‖A‖₂ of a matrix, its largest singular value, is not read: it is refused, never
    /// replaced by the Frobenius norm.
    private func squaredNorm(_ v: Tensor, _ kind: NormKind) throws -> Expression {
        if kind == .two, v.shape.rows > 1, v.shape.columns > 1 { throw SpectralNorm(shape: v.shape) }
        return v.entries.map { Expression.power($0, 2) }.dropFirst().reduce(.power(v.entries[0], 2)) { .sum($0, $1) }
    }

    private static let exp = NotationFunction(spelling: "\\exp", meaning: .exp)

    /// A function of a tensor: element-wise, or softmax, log-sum-exp, or a sum over a stated range.
    private func call(_ f: NotationFunction, _ a: Expression) throws -> Tensor {
        switch f.meaning {
        case .softmax:
            let v = try tensor(a)
            let total = v.entries.map { Expression.call(Self.exp, $0) }.dropFirst()
                .reduce(Expression.call(Self.exp, v.entries[0])) { .sum($0, $1) }
            return v.map { .quotient(.call(Self.exp, $0), total) }
        case .logSumExp:
            let v = try tensor(a)
            let total = v.entries.map { Expression.call(Self.exp, $0) }.dropFirst()
                .reduce(Expression.call(Self.exp, v.entries[0])) { .sum($0, $1) }
            return Tensor(scalar: .call(NotationFunction(spelling: "\\log", meaning: .log), total))
        case .unknown where f.spelling == Self.diagonalSpelling:
            return try diagonal(tensor(a))
        case .unknown where f.spelling.hasPrefix("\\operatorname{"):
            // `\operatorname{vec}`, `\operatorname{tr}`: whether it acts entry by entry is not known.
            let v = try tensor(a)
            guard v.shape.isScalar else { throw UnknownOperatorOfTensor(spelling: f.spelling, shape: v.shape) }
        case .unknown where f.spelling.hasPrefix("\\sum"):
            guard let (letter, values) = sumRange(f.spelling, body: a) else { break }
            var total: Tensor? = nil
            for value in values {
                let term = try tensor(IndexInstances.substitute(a, [letter: value]))
                if let t = total {
                    guard t.shape == term.shape else { throw ShapeFailure(message: "terms of different shapes in \(f.spelling)") }
                    total = Tensor(shape: t.shape, entries: zip(t.entries, term.entries).map { .sum($0, $1) })
                } else {
                    total = term
                }
            }
            if let total { return total }
        default:
            break
        }
        return try tensor(a).map { .call(f, $0) }
    }

    static let diagonalSpelling = "\\operatorname{diag}"

    /// diag(v), the square matrix with v on its diagonal: diag(v)ᵢᵢ = vᵢ, diag(v)ᵢⱼ = 0 for i ≠ j (the
    /// Jacobian of an element-wise function, `\operatorname{diag}(\mathbf{1} - \mathbf{h} \odot \mathbf{h})`).
    private func diagonal(_ v: Tensor) throws -> Tensor {
        guard v.shape.rows == 1 || v.shape.columns == 1 else {
            throw ShapeFailure(message: "diag of a \(v.shape)")
        }
        let n = v.entries.count
        var entries: [Expression] = []
        for i in 0..<n { for j in 0..<n { entries.append(i == j ? v.entries[i] : .number("0")) } }
        return Tensor(shape: Shape(rows: n, columns: n), entries: entries)
    }

    /// An operator the kit does not know (`\operatorname{vec}`) applied to a vector or matrix.
    struct UnknownOperatorOfTensor: Error, CustomStringConvertible {
        var spelling: String
        var shape: Shape
        var description: String {
            "'\(spelling)' of a \(shape): the kit does not know this operator, nor whether it acts entry by entry"
        }
    }

    /// The index and its values of `\sum_{k}`, `\sum_{n=1}^{N}` (N a stated constant), `\sum_k` with k's
    /// range stated or the values at which every term speaks of a quantity of shape.
    private func sumRange(_ spelling: String, body: Expression) -> (Character, [Int])? {
        guard let open = spelling.firstIndex(of: "{") else { return nil }
        let inside = spelling[spelling.index(after: open)...].prefix { $0 != "}" }
        guard let letter = inside.first, letter.isLetter else { return nil }
        if let eq = inside.firstIndex(of: "="), let from = Int(inside[inside.index(after: eq)...]),
           let caret = spelling.range(of: "^{") {
            let upper = spelling[caret.upperBound...].prefix { $0 != "}" }
            let to = Int(upper) ?? sizes.constants[String(upper)]
            guard let to, from <= to, to - from < 64 else { return nil }
            return (letter, Array(from...to))
        }
        // The values its terms speak of first: a range stated in prose ("for j = 1, 2") may belong to
        // another equation.
        if let values = indexValues(letter, body) { return (letter, values) }
        return sizes.ranges[letter].map { (letter, $0) }
    }
}

extension LeftHandSide {
    /// The symbols written on the left.
    var symbols: [Symbol] {
        switch self {
        case .symbol(let s): return [s]
        case .derivative(let f, let v): return [f, v]
        case .expressionDerivative(let e, let v): return e.allSymbols + [v]
        case .gradient(let f, let variables): return [f] + variables
        case .function(_, let a): return [a]
        }
    }
}

extension Expression {
    /// Whether an entry of an expression (``Expression/entry(_:indices:)``) is written in it.
    var containsEntry: Bool {
        if case .entry = self { return true }
        return children.contains { $0.containsEntry }
    }

    /// Every symbol, the variables of derivatives included, in reading order.
    package var allSymbols: [Symbol] {
        switch self {
        case .symbol(let s), .vector(let s): return [s]
        case .derivative(let e, let v): return e.allSymbols + [v]
        default: return children.flatMap(\.allSymbols)
        }
    }
}

extension Expression {
    /// Whether some symbol in it is an entry of a quantity of stated or computed shape (`W_{11}^{3}`).
    func usesEntries(of shapes: [Symbol: Shape]) -> Bool {
        let entries = Set(shapes.flatMap { symbol, shape -> [Symbol] in
            guard shape.hasEntries else { return [] }
            var result: [Symbol] = []
            for i in 0..<shape.rows { for j in 0..<shape.columns { result.append(symbol.entry(i, j, of: shape)) } }
            return result
        })
        return allSymbols.contains { entries.contains($0) }
    }
}
