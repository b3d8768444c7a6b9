/// Bishop's convention, where the index *letter* names the layer, refused where it would change the meaning.
///
/// PRML §5.3 writes `a_j = \sum_i w^{(1)}_{ji} x_i` for the hidden units and `y_k = \sum_j w^{(2)}_{kj} z_j` for the
/// outputs, names `\delta_j \equiv \partial E_n / \partial a_j` "for every hidden or output unit", and then writes
/// `\delta_k = y_k - t_k`, "where for the output units $a_k = y_k$": δ_k and a_k are the *output* unit's because
/// their letter is k. Read with letters as mere indices, δ_k is ∂E_n/∂a_k of the *hidden* unit numbered k, and a
/// correct derivation is flagged.
///
/// Each letter that indexes definitions belongs to the layer they define: `j ↦ {a, z}`, `k ↦ {y}` (its
/// *families*). The letters name layers when
/// - one family is defined with two letters whose layers otherwise share nothing (`a_j = …` and `a_k = y_k`), or
/// - a name given to a derivative with one letter (`\delta_j ≡ ∂E_n/∂a_j`) is written with a letter of another
///   layer that defines no such denominator (`\delta_k`, with k's layer `{y}`).
///
/// Either is refused where it is written, never guessed.
enum LayerLetters {
    /// A family: a base written with one index letter, in its scope.
    private struct Family: Hashable, Comparable {
        var base: String
        var scope: Int
        static func < (a: Family, b: Family) -> Bool { (a.base, a.scope) < (b.base, b.scope) }
    }

    /// Throws at the first definition or name that only Bishop's convention makes sense of.
    static func check(_ document: Document) throws(NotationError) {
        let equations = document.blocks.flatMap(\.equations)
        var layers: [Character: [Family: DocumentLocation]] = [:]
        var namings: [Family: (letter: Character, by: Family)] = [:]
        for equation in equations {
            guard case .symbol(let s) = equation.lhs, let (family, letter) = indexed(s) else { continue }
            if case .derivative(_, let v) = equation.rows[0].rhs, let (by, byLetter) = indexed(v), byLetter == letter {
                if namings[family] == nil { namings[family] = (letter, by) }
            } else if !equation.rows.contains(where: { if case .derivative = $0.rhs { true } else { false } }) {
                if layers[letter]?[family] == nil { layers[letter, default: [:]][family] = equation.rows[0].location }
            }
        }
        // A name's own formulas (`\delta_k = y_k - t_k`) are claims about its derivative, not a layer's quantities.
        for letter in layers.keys { for name in namings.keys { layers[letter]![name] = nil } }
        try checkDefinitions(layers)
        try checkNames(document, namings: namings, layers: layers.mapValues { Set($0.keys) })
    }

    /// One family defined with two letters of otherwise different layers: `a_j = …` and `a_k = y_k`.
    private static func checkDefinitions(_ layers: [Character: [Family: DocumentLocation]]) throws(NotationError) {
        let letters = layers.keys.sorted()
        for (n, first) in letters.enumerated() {
            for second in letters[(n + 1)...] {
                let a = layers[first]!, b = layers[second]!
                for family in Set(a.keys).intersection(b.keys).sorted() {
                    let others = (Set(a.keys).subtracting([family]), Set(b.keys).subtracting([family]))
                    guard !others.0.isEmpty, !others.1.isEmpty, others.0.isDisjoint(with: others.1) else { continue }
                    let (earlier, later) = a[family]! < b[family]! ? ((first, a[family]!), (second, b[family]!))
                                                                    : ((second, b[family]!), (first, a[family]!))
                    let layerOf = { (l: Character) in Set(layers[l]!.keys).subtracting([family]).map(\.base).sorted().joined(separator: ", ") }
                    throw NotationError(
                        kind: .modelError, location: later.1,
                        message: "'\(family.base)_\(later.0)' is defined here and '\(family.base)_\(earlier.0)' at "
                            + "\(earlier.1.line):\(earlier.1.column), where \(earlier.0) indexes \(layerOf(earlier.0)) and "
                            + "\(later.0) indexes \(layerOf(later.0)): an index letter that names a layer (Bishop's convention) "
                            + "is not read",
                        expected: "the layer marked on the name (a^{(1)}_j and a^{(2)}_k)")
                }
            }
        }
    }

    /// A derivative's name written with a letter of a layer without its denominator: `\delta_k` beside
    /// `\delta_j ≡ ∂E_n/∂a_j`, where k indexes only y.
    private static func checkNames(_ document: Document, namings: [Family: (letter: Character, by: Family)],
                                   layers: [Character: Set<Family>]) throws(NotationError) {
        guard !namings.isEmpty else { return }
        for block in document.blocks {
            for equation in block.equations {
                for row in equation.rows {
                    for occurrence in row.lhsSymbols + row.rhsSymbols {
                        guard let (name, letter) = indexed(occurrence.symbol), let naming = namings[name],
                              letter != naming.letter, let layer = layers[letter], !layer.isEmpty, !layer.contains(naming.by),
                              let namedLayer = layers[naming.letter], layer.isDisjoint(with: namedLayer) else { continue }
                        throw NotationError(
                            kind: .modelError, location: occurrence.range.start,
                            message: "'\(occurrence.spelling)': \(name.base) is named ∂/∂\(naming.by.base)_\(naming.letter), "
                                + "but the letter \(letter) indexes another layer (\(layer.map(\.base).sorted().joined(separator: ", "))), "
                                + "where no \(naming.by.base) is defined: an index letter that names a layer (Bishop's convention) "
                                + "is not read",
                            expected: "the layer marked on the name (\\delta^{(1)}_j and \\delta^{(2)}_k), or "
                                + "\(name.base)_\(letter) named explicitly")
                    }
                }
            }
        }
    }

    /// A symbol written with one index letter as its whole subscript and nothing else: its family and letter
    /// (`a_j` ↦ (a, j)); nil for `w_{kj}`, `a^{(1)}_j`, `x_1`.
    private static func indexed(_ symbol: Symbol) -> (Family, Character)? {
        guard let parts = symbol.parts, parts.superscriptText == nil, let sub = parts.subscriptText,
              sub.count == 1, let letter = sub.first, Set("ijklmn").contains(letter) else { return nil }
        return (Family(base: parts.base, scope: symbol.scope), letter)
    }
}
