import Conformance
import NetworkModel

extension EngineReport {
    /// A terminal summary: one line per quantity (per tensor group for large
    /// networks), then faults and capabilities.
    public func text(network: Network) -> String {
        var lines = ["engine \(engine): \(verdict.rawValue) (\(cases) cases\(seed.map { ", seed \($0)" } ?? ""))",
                     "  " + coverageSentence, "  " + referenceCheck.sentence]
        let rows = rows(network: network)
        let width = rows.map(\.label.count).max() ?? 10
        for row in rows {
            let regimes = row.regimes.isEmpty ? "" : "  beyond τ in: " + row.regimes.map(\.rawValue).joined(separator: ", ")
            let group = row.members.map { " over \($0) partials" + (row.worstMember.map { ", worst \($0)" } ?? "") } ?? ""
            lines.append("  \(row.label.padding(toLength: width, withPad: " ", startingAt: 0)) "
                         + "\(row.verdictLabel.padding(toLength: 18, withPad: " ", startingAt: 0)) "
                         + "max \(Format.short(row.maxULP)) ulp, \(Format.short(row.maxToleranceUnits)) τ\(group)\(regimes)")
        }
        if let entry = errorEntry(in: network) { lines.append("  " + entry) }
        for f in faults.prefix(20) {
            lines.append("  fault \(f.kind)" + (f.caseIndex.map { " at case \($0)" } ?? "") + ": \(f.message)")
        }
        if faults.count > 20 { lines.append("  … and \(faults.count - 20) more faults") }
        for (what, count) in unsupported.sorted(by: { $0.key < $1.key }) {
            lines.append("  unsupported \(what): \(count) cases skipped")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
