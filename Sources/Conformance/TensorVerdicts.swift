import Judgement
import NetworkModel

/// The verdict on one tensor group (`W2`, `b2`, or a lone parameter) over
/// its entries: where a bug is, in the units a reader acts on.
public struct TensorVerdict: Sendable, Hashable, Codable {
    /// The group's name (`W2`), the parameter's name, or the objective's.
    public var name: String
    /// Quantities of the report in the group, in report order.
    public var quantities: [QuantityID]
    /// The worst entry verdict: wrong, then inaccurate, then conforms, then
    /// non-differentiable (every case on a kink).
    public var verdict: PartialVerdict
    /// Entries per verdict.
    public var counts: [PartialVerdict: Int]
    /// Largest error in units of the binary64 allowance over the entries.
    public var maxAllowanceUnits: Double
    /// The layer of the units its entries feed (the objective: one past the
    /// last): tensors of one layer share it, and a larger depth is nearer
    /// the output.
    public var depth: Int
}

extension PartialVerdict {
    /// wrong > inaccurate > conforms > non-differentiable.
    var rank: Int {
        switch self {
        case .wrong: 3
        case .inaccurate: 2
        case .conforms: 1
        case .nonDifferentiable: 0
        }
    }
}

extension EngineReport {
    /// One verdict per tensor group of `network` (its ``Network/parameterGroups``,
    /// then every parameter in no group on its own), the objective first.
    public func tensors(in network: Network) -> [TensorVerdict] {
        let depths = network.parameterDepths()
        var grouped = Set<Int>()
        var groups: [(String, [Int])] = []
        for g in network.parameterGroups {
            let members = g.indices.filter { partials.indices.contains($0) }
            grouped.formUnion(members)
            groups.append((g.name, members))
        }
        for p in partials.indices where !grouped.contains(p) { groups.append((partials[p].name, [p])) }
        let objective = TensorVerdict.make(name: value.name, reports: [value], depth: (depths.max() ?? 0) + 1)
        return [objective] + groups.map { name, members in
            TensorVerdict.make(name: name, reports: members.map { partials[$0] },
                               depth: members.map { depths[$0] }.max() ?? 0)
        }
    }

    /// Where a wrong gradient enters, read backward from the output: the
    /// wrong tensors nearest the output are where the error enters; wrong
    /// tensors of the layers right below inherit it. "The error enters at
    /// layer 2: W2, b2 are wrong; W1, b1 inherit it." Nil when no partial is wrong.
    public func errorEntry(in network: Network) -> String? {
        let wrong = tensors(in: network).dropFirst().filter { $0.verdict == .wrong }
        guard !wrong.isEmpty else { return nil }
        let layers = Dictionary(grouping: tensors(in: network).dropFirst(), by: \.depth)
        var sentences: [String] = []
        var inherited: [String] = []
        var previousWrong = false
        for depth in layers.keys.sorted(by: >) {
            let layer = layers[depth]!
            let names = layer.filter { $0.verdict == .wrong }.map(\.name)
            if names.isEmpty { previousWrong = false; continue }
            if previousWrong {
                inherited += names
            } else {
                if !inherited.isEmpty { sentences.append(Self.inheritSentence(inherited)); inherited = [] }
                let verb = names.count == 1 ? "is" : "are"
                sentences.append("the error enters at \(Self.layerName(depth)): \(names.joined(separator: ", ")) \(verb) wrong")
            }
            previousWrong = true
        }
        if !inherited.isEmpty { sentences.append(Self.inheritSentence(inherited)) }
        let text = sentences.joined(separator: "; ")
        return text.prefix(1).uppercased() + text.dropFirst() + "."
    }

    static func inheritSentence(_ names: [String]) -> String {
        "\(names.joined(separator: ", ")) inherit\(names.count == 1 ? "s" : "") it"
    }

    /// "layer 2": layers count from the inputs (see ``Network/unitLayers()``).
    static func layerName(_ depth: Int) -> String { "layer \(depth)" }
}

extension TensorVerdict {
    static func make(name: String, reports: [QuantityReport], depth: Int) -> TensorVerdict {
        var counts: [PartialVerdict: Int] = [:]
        for q in reports { counts[q.verdict, default: 0] += 1 }
        let verdict = reports.map(\.verdict).max { $0.rank < $1.rank } ?? .nonDifferentiable
        return TensorVerdict(name: name, quantities: reports.map(\.id), verdict: verdict, counts: counts,
                             maxAllowanceUnits: reports.map(\.maxAllowanceUnits).max() ?? 0, depth: depth)
    }

    /// "40 wrong, 24 conform of 64".
    public var entrySummary: String {
        let parts = [PartialVerdict.wrong, .inaccurate, .conforms, .nonDifferentiable].compactMap { v in
            counts[v].map { "\($0) \(v.rawValue)" }
        }
        return parts.joined(separator: ", ") + " of \(quantities.count)"
    }
}

extension Network {
    /// The layer of each unit: 1 + the largest layer among the units it
    /// reads (inputs are layer 0), so parallel units share a layer.
    func unitLayers() -> [Int] {
        var layers = Array(repeating: 1, count: units.count)
        for (u, unit) in units.enumerated() {
            for t in unit.terms {
                switch t.source {
                case .unit(let v): layers[u] = max(layers[u], layers[v] + 1)
                case .input: break
                }
            }
        }
        return layers
    }

    /// For each parameter, the largest layer of the units it feeds (as a
    /// weight or bias of a term, or a unit's bias); 0 for an unused parameter.
    func parameterDepths() -> [Int] {
        let layers = unitLayers()
        var depths = Array(repeating: 0, count: parameters.count)
        for (u, unit) in units.enumerated() {
            for t in unit.terms {
                depths[t.weight] = max(depths[t.weight], layers[u])
                if let b = t.bias { depths[b] = max(depths[b], layers[u]) }
            }
            if let b = unit.bias { depths[b] = max(depths[b], layers[u]) }
        }
        return depths
    }
}
