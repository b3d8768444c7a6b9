import Verification

extension EngineReport {
    /// A terminal summary: one line per quantity, then faults.
    public var text: String {
        var lines = ["engine \(engine): \(verdict.rawValue) (\(cases) cases\(seed.map { ", seed \($0)" } ?? ""))"]
        for q in [value] + partials {
            let name = label(q)
            let regimes = q.regimes.isEmpty ? "" : "  beyond τ in: " + q.regimes.map(\.rawValue).joined(separator: ", ")
            lines.append("  \(name.padding(toLength: 10, withPad: " ", startingAt: 0)) "
                         + "\(q.verdict.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) "
                         + "max \(Format.short(q.maxULP)) ulp, \(Format.short(q.maxToleranceUnits)) τ\(regimes)")
        }
        for f in faults {
            lines.append("  fault \(f.kind)" + (f.caseIndex.map { " at case \($0)" } ?? "") + ": \(f.message)")
        }
        for (what, count) in unsupported.sorted(by: { $0.key < $1.key }) {
            lines.append("  unsupported \(what): \(count) cases skipped")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
