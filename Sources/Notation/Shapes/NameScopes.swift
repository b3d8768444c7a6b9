/// Names as documents reuse them.
///
/// - A section that defines again a name an earlier section defined starts a new worked example
///   ("Example 2" may reuse f): from there on, the names it defines are new quantities (``Symbol/scope``),
///   and a name it does not define still means what the earlier example made it. A definition there that
///   reads only quantities the example already has, none defined anew in its section, restates the value
///   instead (a closed form of the loss under a later heading): a claim, checked.
/// - Within one section, a second definition in another display block restates the first (a closed
///   form beside its staging, `f = q z` after `f(x, y, z) = (x + y) z`): it is a claim about the value,
///   checked like `p = \sigma(z) = \frac{1}{1 + e^{-z}}`. In the same block it is still an error.
enum NameScopes {
    static func apply(_ document: Document) -> Document {
        let sections = sectionIndices(document)
        // The symbols each section defines (display rows only).
        var definedBySection: [Int: Set<Symbol>] = [:]
        for (b, block) in document.blocks.enumerated() where !block.isInline {
            for equation in block.equations {
                if case .symbol(let s) = equation.lhs { definedBySection[sections[b], default: []].insert(s) }
            }
        }
        // What each section's definitions read (display rows only).
        var readsBySection: [Int: [Symbol: Set<Symbol>]] = [:]
        for (b, block) in document.blocks.enumerated() where !block.isInline {
            for equation in block.equations {
                guard case .symbol(let s) = equation.lhs else { continue }
                readsBySection[sections[b], default: [:]][s, default: []].formUnion(equation.rows.flatMap(\.rhs.allSymbols))
            }
        }
        // A section redefining an earlier section's name opens a new scope, unless every such definition
        // restates the value (``restatements(in:defines:reads:known:)``).
        var scopeOfSection: [Int: Int] = [:]
        var restatedBySection: [Int: Set<Symbol>] = [:]
        var scope = 0
        var seen = Set<Symbol>()
        var known = Set<Symbol>()
        var readsInScope: [Symbol: Set<Symbol>] = [:]
        for section in Set(sections).sorted() {
            var defines = definedBySection[section] ?? []
            let reads = readsBySection[section] ?? [:]
            let overlap = defines.intersection(seen)
            // A heading that names an example ("Example 2", "A second example") starts one: its definitions are new.
            let namesExample = Self.headingText(section, document)?.lowercased().contains("example") == true
            let restated: Set<Symbol> = namesExample ? Set<Symbol>() : Self.restatements(of: overlap, defines: defines, reads: reads, known: known)
                .filter { Self.leaves(of: $0, reads: readsInScope) == Self.leaves(of: $0, reads: readsInScope.merging(reads) { _, new in new }) }
            if !overlap.isEmpty, restated != overlap {
                scope += 1
                seen = []
                known = []
            } else if !restated.isEmpty {
                restatedBySection[section] = restated
                defines.subtract(restated)
            }
            if !overlap.isEmpty, restated != overlap { readsInScope = [:] }
            readsInScope.merge(reads.filter { !restated.contains($0.key) }) { old, _ in old }
            seen.formUnion(defines)
            known.formUnion(defines)
            for symbols in reads.values { known.formUnion(symbols) }
            scopeOfSection[section] = scope
        }
        guard scope > 0 || !restatedBySection.isEmpty || hasRestatements(document, sections) else {
            return preferringStagedProse(document, sections)
        }
        // Which scopes define each name.
        var definingScopes: [Symbol: [Int]] = [:]
        for (section, symbols) in definedBySection {
            for s in symbols { definingScopes[s, default: []].append(scopeOfSection[section]!) }
        }
        func scoped(_ symbol: Symbol, in scope: Int) -> Symbol {
            guard let scopes = definingScopes[symbol] else { return symbol }
            var result = symbol
            result.scope = scopes.filter { $0 <= scope }.max() ?? 0
            return result
        }
        var result = document
        var firstDefinition: [Symbol: (block: Int, equation: Int, section: Int)] = [:]
        for b in result.blocks.indices {
            let s = scopeOfSection[sections[b]] ?? 0
            let isInline = result.blocks[b].isInline
            for e in result.blocks[b].equations.indices {
                var equation = result.blocks[b].equations[e].mapSymbols { scoped($0, in: s) }
                if !isInline, case .symbol(let defined) = equation.lhs,
                   restatedBySection[sections[b]]?.contains(defined.unscoped) == true {
                    // The loss restated in closed form in a later section: a claim about its value.
                    for r in equation.rows.indices { equation.rows[r].lhs = nil }
                } else if !isInline, case .symbol(let defined) = equation.lhs {
                    // Another block of the section, or an entry of a vector defined as a whole (`p = \operatorname{softmax}(o),
                    // \quad p_k = \frac{e^{o_k}}{…}`): a restatement.
                    let entryWise = equation.rows[0].entry != nil
                        || firstDefinition[defined].map { result.blocks[$0.block].equations[$0.equation].rows[0].entry != nil } == true
                    if let first = firstDefinition[defined], first.block != b || entryWise, first.section == sections[b] {
                        // A restatement: one definition is the computation, the other a claim about its value.
                        // The staged one (reading the section's other quantities) is the computation: the
                        // derivatives by its stages are then defined.
                        let defines = (definedBySection[sections[b]] ?? []).subtracting([defined.unscoped])
                        func isStaged(_ e: Equation) -> Bool { e.rows[0].rhsSymbols.contains { defines.contains($0.symbol.unscoped) } }
                        let earlier = result.blocks[first.block].equations[first.equation]
                        if isStaged(equation), !isStaged(earlier) {
                            for r in earlier.rows.indices { result.blocks[first.block].equations[first.equation].rows[r].lhs = nil }
                            firstDefinition[defined] = (b, e, sections[b])
                        } else {
                            for r in equation.rows.indices { equation.rows[r].lhs = nil }
                        }
                    } else if firstDefinition[defined] == nil {
                        firstDefinition[defined] = (b, e, sections[b])
                    }
                }
                result.blocks[b].equations[e] = equation
            }
        }
        return preferringStagedProse(result, sections)
    }

    /// A closed form in display math beside its staging in prose (CS231n: `f(x, y) = \frac{x + \sigma(y)}{…}`, then
    /// "with $n = x + s_y$, …, $v = 1/d$, the output is $f = n v$"): as between display blocks, the staged
    /// definition is the computation, so that ∂f/∂n and ∂f/∂v are derivatives of the model, and the closed form
    /// is a claim about its value, checked. Only within one section, and only when the closed form reads none
    /// of the section's stages.
    private static func preferringStagedProse(_ document: Document, _ sections: [Int]) -> Document {
        var display: [Symbol: (block: Int, equation: Int)] = [:]
        var definedBySection: [Int: Set<Symbol>] = [:]
        for (b, block) in document.blocks.enumerated() {
            for (e, equation) in block.equations.enumerated() {
                guard case .symbol(let s) = equation.lhs, equation.rows[0].lhs != nil else { continue }
                definedBySection[sections[b], default: []].insert(s)
                if !block.isInline, display[s] == nil { display[s] = (b, e) }
            }
        }
        var readsOfDefinitions: [Symbol: Set<Symbol>] = [:]
        for equation in document.blocks.flatMap(\.equations) {
            guard case .symbol(let s) = equation.lhs, equation.rows[0].lhs != nil, readsOfDefinitions[s] == nil else { continue }
            readsOfDefinitions[s] = Set(equation.rows.flatMap(\.rhs.allSymbols))
        }
        var result = document
        var restaged = Set<Symbol>()
        for (b, block) in document.blocks.enumerated() where block.isInline {
            for equation in block.equations {
                guard case .symbol(let f) = equation.lhs, !restaged.contains(f), let first = display[f], first.block < b,
                      sections[first.block] == sections[b] else { continue }
                let stages = (definedBySection[sections[b]] ?? []).subtracting([f])
                func isStaged(_ e: Equation) -> Bool { e.rows.contains { $0.rhsSymbols.contains { stages.contains($0.symbol) } } }
                let closedForm = result.blocks[first.block].equations[first.equation]
                guard isStaged(equation), !isStaged(closedForm) else { continue }
                // The staging of the same value reads the same inputs in the end: "for a zero target, $L = \frac{1}{2} a^2$"
                // is a special case (y is gone), not the computation.
                var reads = readsOfDefinitions
                reads[f] = Set(closedForm.rows[0].rhs.allSymbols)
                let closedLeaves = Self.leaves(of: f, reads: reads)
                reads[f] = Set(equation.rows[0].rhs.allSymbols)
                guard Self.leaves(of: f, reads: reads) == closedLeaves else { continue }
                for r in closedForm.rows.indices { result.blocks[first.block].equations[first.equation].rows[r].lhs = nil }
                restaged.insert(f)
            }
        }
        return restaged.isEmpty ? document : result
    }

    /// The names of `overlap` (defined in an earlier section of the scope, and again in this one) that this
    /// section restates: their definition here reads only quantities the scope already has, none that this
    /// section defines anew (`l = \log \sum_k e^{o_k} - \sum_j y_j o_j` under a later heading, after
    /// `l = -\sum_j y_j \log \hat{y}_j`). "Example 2" with stages of its own (`f = 2 s`, s defined there) or new
    /// inputs (`f(x, y, z, w)`) is a new worked example instead.
    private static func restatements(of overlap: Set<Symbol>, defines: Set<Symbol>, reads: [Symbol: Set<Symbol>],
                                     known: Set<Symbol>) -> Set<Symbol> {
        overlap.filter { name in
            guard let read = reads[name], !read.isEmpty else { return false }
            return read.isSubset(of: known) && read.isDisjoint(with: defines.subtracting([name]))
        }
    }

    /// The symbols `name` reads in the end, through the definitions `reads` (what no definition defines): a restatement
    /// of a value reads the same inputs (`f(x, y) = …` after `f = q z`, `q = x + y`, does not restate f: z is gone).
    private static func leaves(of name: Symbol, reads: [Symbol: Set<Symbol>]) -> Set<Symbol> {
        var result = Set<Symbol>(), seen = Set<Symbol>([name]), pending = Array(reads[name] ?? [])
        while let s = pending.popLast() {
            guard seen.insert(s).inserted else { continue }
            if let next = reads[s] { pending += next } else { result.insert(s) }
        }
        return result
    }

    /// Whether some name is defined twice in one section, in different blocks.
    private static func hasRestatements(_ document: Document, _ sections: [Int]) -> Bool {
        var first: [Symbol: Int] = [:]
        for (b, block) in document.blocks.enumerated() where !block.isInline {
            for equation in block.equations {
                guard case .symbol(let s) = equation.lhs else { continue }
                if let at = first[s], at != b || equation.rows[0].entry != nil, sections[at] == sections[b] { return true }
                if first[s] == nil { first[s] = b }
            }
        }
        return false
    }

    /// The text of section `section`'s heading (nil before the first heading).
    private static func headingText(_ section: Int, _ document: Document) -> String? {
        section > 0 && section <= document.headings.count ? document.headings[section - 1].text : nil
    }

    /// Each block's section: the index of its heading among the document's headings (blocks before the
    /// first heading are section 0).
    private static func sectionIndices(_ document: Document) -> [Int] {
        document.blocks.map { block in
            guard let heading = block.heading else { return 0 }
            return (document.headings.firstIndex(of: heading) ?? 0) + 1
        }
    }
}

extension Symbol {
    /// The symbol in the first example's scope.
    var unscoped: Symbol {
        var copy = self
        copy.scope = 0
        return copy
    }
}

extension Equation {
    /// The equation with every symbol mapped (left-hand sides, right-hand sides, occurrences).
    func mapSymbols(_ transform: (Symbol) -> Symbol) -> Equation {
        Equation(lhs: lhs.mapSymbols(transform), rows: rows.map { row in
            var copy = row
            copy.lhs = row.lhs?.mapSymbols(transform)
            copy.rhs = row.rhs.mapSymbols(transform)
            copy.lhsSymbols = row.lhsSymbols.map { var o = $0; o.symbol = transform(o.symbol); return o }
            copy.rhsSymbols = row.rhsSymbols.map { var o = $0; o.symbol = transform(o.symbol); return o }
            return copy
        })
    }
}

extension Document {
    /// The document with every equation's symbols mapped (``Equation/mapSymbols(_:)``).
    func mappingSymbols(_ transform: (Symbol) -> Symbol) -> Document {
        var result = self
        for b in result.blocks.indices {
            result.blocks[b].equations = result.blocks[b].equations.map { $0.mapSymbols(transform) }
        }
        return result
    }
}

extension LeftHandSide {
    func mapSymbols(_ transform: (Symbol) -> Symbol) -> LeftHandSide {
        switch self {
        case .symbol(let s): return .symbol(transform(s))
        case .derivative(let f, let v): return .derivative(of: transform(f), withRespectTo: transform(v))
        case .expressionDerivative(let e, let v): return .expressionDerivative(e.mapSymbols(transform), withRespectTo: transform(v))
        case .gradient(let f, let variables): return .gradient(of: transform(f), by: variables.map(transform))
        case .function: return self
        }
    }
}

extension Expression {
    func mapSymbols(_ transform: (Symbol) -> Symbol) -> Expression {
        switch self {
        case .symbol(let s): return .symbol(transform(s))
        case .vector(let s): return .vector(transform(s))
        case .derivative(let e, let v): return .derivative(e.mapSymbols(transform), by: transform(v))
        default: return withChildren(children.map { $0.mapSymbols(transform) })
        }
    }
}
