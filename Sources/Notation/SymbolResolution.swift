import NetworkModel

/// What a symbol of the notation denotes in a ``Network``.
public enum ResolvedSymbol: Hashable, Sendable {
    /// The parameter at this index of ``Network/parameters`` (`w10`, `w20[0]`).
    case parameter(Int)
    /// The input at this index of ``Network/inputs`` (`x00`).
    case input(Int)
    /// The pre-activation z of the unit at this index of ``Network/units``.
    case preactivation(Int)
    /// The activated output x of the unit at this index of ``Network/units`` (`x20` for the seed's output unit).
    case unitOutput(Int)
    /// The network output `y`.
    case output
    /// A bold vector symbol and the scalars it stands for, in network order
    /// (`\mathbf{w}_{20}` → w20[0], w20[1]; `\mathbf{x}_1` → x10, x11).
    case vector([ResolvedSymbol])
}

/// Maps symbols of a derivation to the values of a ``Network``; unknown symbols are located errors.
public struct SymbolResolver: Sendable {
    /// The network symbols are resolved against.
    public let network: Network

    /// Creates a resolver for `network`.
    public init(network: Network) { self.network = network }

    /// What the scalar `symbol` denotes, or nil if the network has no such value.
    public func resolve(_ symbol: Symbol) -> ResolvedSymbol? {
        let name = symbol.name
        switch symbol.letter {
        case .y: return symbol.index == nil && symbol.superscript == nil ? .output : nil
        case .w, .b: return network.parameterIndex(name).map(ResolvedSymbol.parameter)
        case .z: return network.units.firstIndex { $0.preactivationName == name }.map(ResolvedSymbol.preactivation)
        case .x:
            if let input = network.inputIndex(name) { return .input(input) }
            return network.units.firstIndex { $0.outputName == name }.map(ResolvedSymbol.unitOutput)
        }
    }

    /// What the vector `symbol` (written `\mathbf{…}`) denotes: the network's scalars whose names are
    /// the vector's name followed by `[k]` or by more digits. Nil if there are none.
    public func resolve(vector symbol: Symbol) -> ResolvedSymbol? {
        guard symbol.superscript == nil else { return nil }
        let prefix = symbol.name
        let candidates: [(String, ResolvedSymbol)]
        switch symbol.letter {
        case .y: return nil
        case .w, .b: candidates = network.parameters.enumerated().map { ($1, .parameter($0)) }
        case .z: candidates = network.units.enumerated().map { ($1.preactivationName, .preactivation($0)) }
        case .x:
            candidates = network.inputs.enumerated().map { ($1, .input($0)) }
                + network.units.enumerated().map { ($1.outputName, .unitOutput($0)) }
        }
        let components = candidates.filter { Self.isComponent($0.0, of: prefix) }.map(\.1)
        return components.isEmpty ? nil : .vector(components)
    }

    private static func isComponent(_ name: String, of prefix: String) -> Bool {
        guard name.hasPrefix(prefix), name.count > prefix.count else { return false }
        let suffix = name.dropFirst(prefix.count)
        if suffix.hasPrefix("["), suffix.hasSuffix("]"), suffix.count > 2 {
            return suffix.dropFirst().dropLast().allSatisfy(\.isASCII) && Int(suffix.dropFirst().dropLast()) != nil
        }
        return suffix.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Resolves one written occurrence; an unknown symbol is an error at its location.
    public func resolve(_ occurrence: SymbolOccurrence) throws(NotationError) -> ResolvedSymbol {
        let resolved = occurrence.isVector ? resolve(vector: occurrence.symbol) : resolve(occurrence.symbol)
        guard let resolved else {
            throw NotationError(kind: .unknownSymbol, location: occurrence.range.start,
                                message: "unknown symbol '\(occurrence.spelling)' in network '\(network.name)'",
                                expected: knownSymbolsText)
        }
        return resolved
    }

    /// Resolves a parameter occurrence (a derivative's denominator or an operator declaration).
    public func resolveParameter(_ occurrence: SymbolOccurrence) throws(NotationError) -> Int {
        let resolved = try resolve(occurrence)
        guard case .parameter(let index) = resolved else {
            throw NotationError(kind: .unknownSymbol, location: occurrence.range.start,
                                message: "'\(occurrence.spelling)' is not a parameter of network '\(network.name)'",
                                expected: "one of " + network.parameters.compactMap { Symbol(name: $0)?.latex }
                                    .joined(separator: ", "))
        }
        return index
    }

    /// Resolves every symbol of a row (left-hand side first); throws at the first unknown one.
    /// Keys are symbol names, with vectors as `\mathbf{name}`.
    public func resolve(_ row: Row) throws(NotationError) -> [String: ResolvedSymbol] {
        var result: [String: ResolvedSymbol] = [:]
        for occurrence in row.lhsSymbols + row.rhsSymbols {
            let key = occurrence.isVector ? "\\mathbf{\(occurrence.symbol.name)}" : occurrence.symbol.name
            result[key] = try resolve(occurrence)
        }
        if let parameter = row.lhs?.parameter,
           let occurrence = row.lhsSymbols.first(where: { $0.symbol == parameter && !$0.isVector }) {
            _ = try resolveParameter(occurrence)
        }
        return result
    }

    /// Every unresolvable symbol of the document, one error per occurrence, in document order.
    public func unresolvedSymbols(in document: Document) -> [NotationError] {
        var errors: [NotationError] = []
        for row in document.rows {
            for occurrence in row.lhsSymbols + row.rhsSymbols {
                do throws(NotationError) { _ = try resolve(occurrence) } catch { errors.append(error) }
            }
        }
        return errors
    }

    /// The network's symbols in the notation, for "expected" texts.
    public var knownSymbolsText: String {
        let scalars = network.inputs + network.parameters + network.units.flatMap { [$0.preactivationName, $0.outputName] }
        return "one of " + (scalars.compactMap { Symbol(name: $0)?.latex } + ["y"]).joined(separator: ", ")
    }
}

extension Network {
    /// What the scalar `symbol` denotes in this network, if anything.
    public func resolve(_ symbol: Symbol) -> ResolvedSymbol? { SymbolResolver(network: self).resolve(symbol) }
}
