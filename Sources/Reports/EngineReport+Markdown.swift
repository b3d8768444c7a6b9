import Conformance
import Judgement
import NetworkModel

/// The engine report people read.
extension EngineReport {
    /// Markdown with a summary table, the worst case and first counterexample
    /// of every quantity that is not conforming, faults and capabilities.
    /// `chart` is the file name of the error-distribution SVG, if written.
    public func markdown(network: Network, chart: String? = nil) -> String {
        var sections = [header, summaryTable(network: network)]
        if let chart { sections.append("![Error distribution per quantity](\(chart))") }
        sections.append(findings(network: network))
        if !faults.isEmpty { sections.append(faultSection) }
        if !unsupported.isEmpty { sections.append(unsupportedSection) }
        sections.append(Self.legend)
        return sections.joined(separator: "\n\n") + "\n"
    }

    var header: String {
        let seedText = seed.map { " · seed \($0)" } ?? ""
        return "# Engine `\(engine)`: \(verdict.rawValue)\n\nNetwork `\(self.network)` · \(cases) cases\(seedText)\n\n"
            + coverageSentence + "\n\n" + referenceCheck.sentence
    }

    func summaryTable(network: Network) -> String {
        Format.table(["quantity", "verdict", "cases", "max ulp", "max rel. error", "max τ-units", "beyond τ in"],
                     rows(network: network).map { row in
                         [row.label + (row.members.map { " (\($0) partials" + (row.worstMember.map { "; worst \($0)" } ?? "") + ")" } ?? ""),
                          "**\(row.verdictLabel)**", "\(row.cases)",
                          Format.short(row.maxULP), Format.short(row.maxRelativeError), Format.short(row.maxToleranceUnits),
                          row.regimes.isEmpty ? "—" : row.regimes.map(\.rawValue).joined(separator: ", ")]
                     })
    }

    func findings(network: Network) -> String {
        let notable = ([value] + partials).filter { $0.verdict != .conforms }
        guard !notable.isEmpty else {
            let worst = ([value] + partials).compactMap(\.worst).max { $0.deviation.toleranceUnits < $1.deviation.toleranceUnits }
            return "## Findings\n\nEvery quantity is within tolerance on every case."
                + (worst.map { "\n\nClosest call: " + describe($0, network: network) } ?? "")
        }
        let shown = 20
        let items = notable.prefix(shown).map { q -> String in
            var text = "### \(label(q)): \(q.verdict.rawValue)\n\n" + q.failureSummary.prefix(1).uppercased()
                + q.failureSummary.dropFirst() + "."
            if let why = q.whyNotWrong { text += " " + why }
            if let cause = q.likelyCause { text += " Cause: \(cause)." }
            if let shrunk = q.counterexample {
                let label = q.shrink == nil ? "Counterexample" : "Shrunk counterexample"
                text += "\n\n- \(label): " + describe(shrunk, network: network)
            }
            if let original = q.originalCounterexample, q.shrink != nil {
                text += "\n- Original counterexample: " + describe(original, network: network)
            }
            if let shrink = q.shrink {
                text += "\n- Shrinking: \(shrink.steps) steps, \(shrink.engineCalls) engine calls"
                    + (shrink.budgetExhausted ? " (budget exhausted)" : "")
                    + "; replay the original case with `\(shrink.replay)`"
            }
            if let worst = q.worst { text += "\n- Worst case: " + describe(worst, network: network) }
            return text
        }
        let more = notable.count > shown ? "\n\n… and \(notable.count - shown) more quantities that do not conform (see the JSON report)." : ""
        let entry = errorEntry(in: network).map { "**\($0)**\n\n" } ?? ""
        return "## Findings\n\n" + entry + tensorTable(network: network) + "\n\n" + items.joined(separator: "\n\n") + more
    }

    /// The verdict per tensor group.
    func tensorTable(network: Network) -> String {
        Format.table(["tensor", "verdict", "entries", "max error / allowance"], tensors(in: network).map {
            [$0.name, "**\($0.verdict.rawValue)**", $0.entrySummary, Format.short($0.maxAllowanceUnits)]
        })
    }

    func describe(_ c: CaseDeviation, network: Network) -> String {
        let d = c.deviation
        let error = d.expected == 0
            ? "absolute error \(Format.short(d.ulps * binary64Ulp(0))) against an exact 0, "
            : "\(Format.short(d.ulps)) ulp, relative \(Format.short(d.relativeError)), "
        return "case \(c.index), \(c.regime?.rawValue ?? "given") \(network.activationLabel(c.networkCase))"
            + (c.saturated ? " (saturated)" : "") + ": "
            + "expected \(Format.exact(d.expected)), got \(Format.exact(d.actual)) — " + error
            + "\(Format.short(d.toleranceUnits)) τ, \(Format.short(d.allowanceUnits)) × the allowance, "
            + "κ = \(Format.short(d.conditioning)); "
            + "`\(Format.assignments(c.networkCase, network: network))`"
    }

    var faultSection: String {
        "## Faults\n\n" + faults.map { f in
            "- **\(f.kind)**" + (f.caseIndex.map { " at case \($0)" } ?? "") + ": \(f.message)"
        }.joined(separator: "\n")
    }

    var unsupportedSection: String {
        "## Capabilities the engine lacks\n\n" + unsupported.keys.sorted().map { "- \($0): \(unsupported[$0]!) cases skipped" }
            .joined(separator: "\n")
    }

    static let legend = """
        ---
        τ is the tolerance of each value: twice a first-order bound on the rounding error of a careful binary64 \
        evaluation, computed in MPFR for that case (docs/tolerance.md). κ is the value's conditioning in units \
        of roundoff. The allowance bounds the error of *any* legitimate evaluation (another formula, another \
        order, binary32 arithmetic). *inaccurate* means beyond τ but within an allowance; *wrong* means beyond \
        every allowance on some case (whatever κ), non-finite, or missing.
        """
}
