import Conformance
import Judgement
import NetworkModel

/// One row of a report's summary: a quantity, or a tensor group of partials
/// (`∂L/∂W1`, 100,352 partials) when the network is too large to list them.
struct QuantityRow {
    var label: String
    var verdict: PartialVerdict
    var cases: Int
    var maxULP: Double
    var maxRelativeError: Double
    var maxToleranceUnits: Double
    var regimes: [Regime]
    /// For a group: how many partials it has, and the one with the largest error.
    var members: Int?
    var worstMember: String?

    /// The verdict as the summary shows it: "not evaluated" when no case was
    /// judged (the engine declined or faulted on every one), rather than a
    /// verdict that speaks for no case.
    var verdictLabel: String { cases == 0 ? "not evaluated" : verdict.rawValue }
}

extension EngineReport {
    /// Quantities listed one by one up to this many partials; beyond, grouped by tensor.
    static let listedPartials = 64

    /// The summary rows: every quantity for small networks; the objective
    /// and one row per parameter group (plus ungrouped partials) for large ones.
    func rows(network: Network) -> [QuantityRow] {
        let quantities = [value] + partials
        guard partials.count > Self.listedPartials, !network.parameterGroups.isEmpty,
              partials.count == network.parameters.count else {
            return quantities.map { row($0) }
        }
        var grouped = Set<Int>()
        var rows = [row(value)]
        for group in network.parameterGroups {
            grouped.formUnion(group.indices)
            rows.append(row(group: "∂\(value.name)/∂\(group.name)", group.indices.map { partials[$0] }))
        }
        rows += partials.indices.filter { !grouped.contains($0) }.map { row(partials[$0]) }
        return rows
    }

    func row(_ q: QuantityReport) -> QuantityRow {
        QuantityRow(label: label(q), verdict: q.verdict, cases: q.cases, maxULP: q.maxULP,
                    maxRelativeError: q.maxRelativeError, maxToleranceUnits: q.maxToleranceUnits, regimes: q.regimes)
    }

    /// A group's row: the worst verdict, the largest errors, every regime.
    func row(group label: String, _ members: [QuantityReport]) -> QuantityRow {
        let worst = members.max { $0.maxToleranceUnits < $1.maxToleranceUnits }
        return QuantityRow(label: label, verdict: Self.worstVerdict(members.map(\.verdict)),
                           cases: members.map(\.cases).max() ?? 0, maxULP: members.map(\.maxULP).max() ?? 0,
                           maxRelativeError: members.map(\.maxRelativeError).max() ?? 0,
                           maxToleranceUnits: worst?.maxToleranceUnits ?? 0,
                           regimes: Array(Set(members.flatMap(\.regimes))).sorted(),
                           members: members.count, worstMember: worst?.name)
    }

    /// wrong, then inaccurate, then conforms, then non-differentiable.
    static func worstVerdict(_ verdicts: [PartialVerdict]) -> PartialVerdict {
        for v in [PartialVerdict.wrong, .inaccurate, .conforms] where verdicts.contains(v) { return v }
        return .nonDifferentiable
    }
}
