import Notation
import PropertyTesting
import NetworkModel

/// The domains a document states (``DomainStatement``), applied to its model's free symbols: the
/// cases its claims are checked on are drawn from them, so a claim is judged on the author's terms
/// (`∂L/∂b_k = p_k - t_k` holds for a one-hot t, not for every t).
///
/// Variables are numbered as in a case: the model's inputs, then its parameters. A statement about
/// a symbol the model computes (a definition) constrains nothing and is not used.
struct CaseDomains: Sendable {
    /// v ∈ {a, b, …}.
    var member: [Int: [Double]] = [:]
    /// lower < v < upper.
    var interval: [Int: (lower: DomainStatement.Bound?, upper: DomainStatement.Bound?)] = [:]
    /// Groups with one component 1 and the others 0.
    var oneHot: [[Int]] = []
    /// Groups whose components sum to one (multiples of ¼, so that the sum is exactly 1).
    var sumsToOne: [[Int]] = []
    /// The statements used, as the report names them.
    var used: [String] = []

    init() {}

    init(_ statements: [DomainStatement], graph: ModelGraph) {
        let free = graph.inputs + graph.parameters
        var binary: Set<Int> = []
        var oneHotGroups: [[Int]] = [], sumGroups: [[Int]] = []
        for statement in statements {
            // `\mathbf{y}^{(n)} \in \{0, 1\}^3` one-hot, for every example n: one group per example.
            for variables in Self.groups(statement, among: free) {
            guard !variables.isEmpty else { continue }
            used.append(statement.summary + (variables.count > 1 || variables != [free.firstIndex(of: statement.symbol)]
                ? " (" + variables.map { free[$0].latex }.joined(separator: ", ") + ")" : ""))
            switch statement.constraint {
            case .member(let set):
                for v in variables { member[v] = set }
                if Set(set) == [0, 1] { binary.formUnion(variables) }
            case .interval(let lower, let upper):
                for v in variables { interval[v] = (lower, upper) }
            case .oneHot: oneHotGroups.append(variables)
            case .sumsToOne: sumGroups.append(variables)
            }
            }
        }
        // Σ t_k = 1 with every t_k ∈ {0, 1} is one-hot.
        for group in sumGroups {
            if Set(group).isSubset(of: binary) { oneHotGroups.append(group) } else { sumsToOne.append(group) }
        }
        oneHot = oneHotGroups
        for group in oneHot + sumsToOne { for v in group { member[v] = nil; interval[v] = nil } }
    }

    var isEmpty: Bool { member.isEmpty && interval.isEmpty && oneHot.isEmpty && sumsToOne.isEmpty }

    /// The groups of free symbols a statement is about: ``variables(_:among:)``; or, for a vector of a family
    /// written with its index in parentheses (`\mathbf{y}^{(n)}`, one per example), the entries of each member
    /// (`y_{1}^{(1)}, y_{2}^{(1)}, y_{3}^{(1)}` and those of `y^{(2)}`): a one-hot statement holds for each.
    static func groups(_ statement: DomainStatement, among free: [Symbol]) -> [[Int]] {
        let (base, subscriptText, label) = Self.decorations(statement.symbol.latex)
        let written: [Int]
        // `\mathbf{y}^{(n)}`, `y^{(n)}_k`: the entries of every example's member.
        let isIndexLetter = subscriptText.map { $0.count == 1 && $0.first!.isLetter } ?? true
        if isIndexLetter, let label, label.count == 3, label.hasPrefix("("), label.hasSuffix(")"), label.dropFirst().first!.isLetter {
            written = free.indices.filter { i in
                let (otherBase, otherSubscript, _) = Self.decorations(free[i].latex)
                return otherBase == base && otherSubscript != nil
            }
        } else {
            written = variables(statement, among: free)
        }
        // `\sum_k y_k = 1` ("for one example") over y_{k}^{(1)} and y_{k}^{(2)}: one group per example.
        var byMember: [String: [Int]] = [:]
        for i in written {
            let member = Self.decorations(free[i].latex).superscript ?? ""
            let isExample = member.hasPrefix("(") && member.hasSuffix(")") && member.dropFirst().dropLast().allSatisfy { $0.isNumber }
            byMember[isExample ? member : "", default: []].append(i)
        }
        guard byMember.count > 1 || byMember[""] == nil else { return [written] }
        return byMember.keys.sorted().map { byMember[$0]! }
    }

    /// The free symbols a statement is about: the symbol itself; or, for a vector statement or a
    /// symbol with an index letter (`x_{i}`, `t_{k}`), every symbol of the same base with a subscript
    /// (`x_{1}`, `x_{2}`).
    static func variables(_ statement: DomainStatement, among free: [Symbol]) -> [Int] {
        if let exact = free.firstIndex(of: statement.symbol), !statement.isVector { return [exact] }
        let (base, subscriptText) = parts(statement.symbol.latex)
        let isIndex = subscriptText.map { $0.count == 1 && $0.first!.isLetter } ?? true
        guard isIndex else { return [] }
        return free.indices.filter { i in
            let (b, s) = parts(free[i].latex)
            return b == base && s != nil
        }
    }

    /// `y_{1}^{(2)}` → (`y`, `1`, `(2)`): the base, the subscript and the superscript, without braces.
    static func decorations(_ latex: String) -> (base: String, subscript: String?, superscript: String?) {
        var base = "", sub: String? = nil, sup: String? = nil
        var rest = Substring(latex)
        base = String(rest.prefix { $0 != "_" && $0 != "^" })
        rest = rest.dropFirst(base.count)
        func group() -> String {
            if rest.first == "{" {
                var depth = 0, taken = ""
                for c in rest {
                    taken.append(c)
                    if c == "{" { depth += 1 } else if c == "}" { depth -= 1; if depth == 0 { break } }
                }
                rest = rest.dropFirst(taken.count)
                return String(taken.dropFirst().dropLast())
            }
            let one = rest.first.map(String.init) ?? ""
            rest = rest.dropFirst(one.count)
            return one
        }
        while let mark = rest.first, mark == "_" || mark == "^" {
            rest = rest.dropFirst()
            if mark == "_" { sub = group() } else { sup = group() }
        }
        return (base, sub, sup)
    }

    /// `t_{k}` → (`t`, `k`); `x` → (`x`, nil).
    static func parts(_ latex: String) -> (base: String, subscript: String?) {
        guard let underscore = latex.firstIndex(of: "_") else { return (latex, nil) }
        var sub = String(latex[latex.index(after: underscore)...])
        if sub.hasPrefix("{"), sub.hasSuffix("}") { sub = String(sub.dropFirst().dropLast()) }
        return (String(latex[..<underscore]), sub)
    }

    /// A value for variable `v`: from its set, within its interval, or `free` (the regime's draw).
    ///
    /// A one-sided interval is its bound plus (or minus) a magnitude drawn like the regime's values:
    /// lower + m with m in [10⁻³, 2] (ordinary) or log-uniform in [10⁻³, 10³] (wide).
    func value(_ v: Int, regime: Regime, free: Gen<Double>) -> Gen<Double> {
        if let set = member[v] { return .element(of: set) }
        guard let (lower, upper) = interval[v] else { return free }
        let magnitude = regime == .wide ? Gen<Double>.logUniform(magnitudes: 1e-3...1e3, signed: false)
                                        : Gen<Double>.uniform(in: 1e-3...2)
        switch (lower, upper) {
        case (let l?, let u?): return .uniform(in: min(l.value, u.value)...max(l.value, u.value))
        case (let l?, nil): return magnitude.map { l.value + $0 }
        case (nil, let u?): return magnitude.map { u.value - $0 }
        case (nil, nil): return free
        }
    }

    /// `count` values, each from ``value(_:regime:free:)``, then the groups: one-hot groups get a 1 at
    /// a drawn position, sum-to-one groups multiples of ¼ whose sum is exactly 1.
    func values(count: Int, regime: Regime, free: Gen<Double>) -> Gen<[Double]> {
        var all = Gen<[Double]>.constant([])
        for v in 0..<count { all = all.zip(value(v, regime: regime, free: free)).map { $0 + [$1] } }
        for group in oneHot {
            all = all.zip(Gen<Int>.int(in: 0...(group.count - 1))).map { values, hot in
                var values = values
                for (k, v) in group.enumerated() { values[v] = k == hot ? 1 : 0 }
                return values
            }
        }
        for group in sumsToOne {
            let quarters = Gen<Int>.int(in: 0...4).array(count: group.count...group.count)
            all = all.zip(quarters).map { values, draws in
                var values = values
                var remaining = 4
                for (k, v) in group.enumerated() {
                    let share = k == group.count - 1 ? remaining : min(draws[k], remaining)
                    values[v] = Double(share) / 4
                    remaining -= share
                }
                return values
            }
        }
        return all
    }
}
