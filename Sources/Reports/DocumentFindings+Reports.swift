import DocumentVerification
import Engines
import Foundation
import NetworkModel
import Notation

/// The `verify` outputs: JSON for tools (docs/report-schema.md), Markdown
/// for people, text for a terminal.
extension DocumentFindings {
    /// The model's names for evidence, nil when unknown (then the seed network's).
    var names: (inputs: [String], parameters: [String])? {
        inputNames.isEmpty && parameterNames.isEmpty ? nil : (inputNames, parameterNames)
    }

    public var json: JSONValue {
        .object([
            "file": .string(file),
            "seed": .string(String(seed)),
            "cases": .number(Double(cases)),
            "precision": .number(Double(precision)),
            "model": .array(model.map { $0.json(key: "symbol", names: names) }),
            "rows": .array(rows.map { $0.json(key: "parameter", names: names) }),
            "derivations": .array(chains.map { chain in
                .object(["parameter": .string(chain.parameter),
                         "differentiated": .string(chain.differentiated),
                         "heading": chain.heading.map(JSONValue.string) ?? .null,
                         "steps": .array(chain.steps.enumerated().map { i, step in
                             var fields = step.fields(names: names)
                             fields["index"] = .number(Double(i + 1))
                             return .object(fields)
                         })])
            }),
            "annotations": .array(annotations.map { a in
                .object(["parameter": .string(a.parameter), "annotation": .string(a.annotation),
                         "location": .string(a.location.description),
                         "cited_conclusion": a.citedConclusion.map(JSONValue.string) ?? .null,
                         "checked": .bool(a.checked),
                         "message": .string(a.message)])
            }),
            "discrepancies": .number(Double(discrepancyCount)),
            "inconclusive": .number(Double(inconclusiveCount)),
            "checked": .number(Double(checkedCount)),
            "outcome": .string(outcome.rawValue),
            "domains": .array(domains.map(JSONValue.string)),
        ])
    }

    /// LaTeX written over several lines (a `pmatrix` row by row) on one line: each line break, with the
    /// indentation around it, becomes one space, so every claim stays one line of the listing.
    static func oneLine(_ latex: String) -> String {
        guard latex.contains("\n") else { return latex }
        return latex.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// One line per claim, discrepancies spelled out.
    public var text: String {
        var lines = ["\(file): \(headline) "
                     + "(\(cases) cases, seed \(seed), \(precision) bits)"]
        if !domains.isEmpty { lines.append("  cases within the stated domains: " + domains.joined(separator: "; ")) }
        func add(_ label: String, _ f: ClaimFinding) {
            lines.append("  \(label) \(f.verdict.rawValue): \(Self.oneLine(f.latex))")
            if f.verdict != .verified, let reason = f.reason { lines.append("      \(f.location): \(reason)") }
            if let e = f.evidence, f.verdict == .discrepant {
                lines.append("      at \(assignments(e.networkCase))"
                             + (usesGenericActivation ? " (\(e.networkCase.activation.rawValue))" : ""))
                lines.append("      claimed \(e.claimed), finite difference \(e.truth)"
                             + (e.truthErrorEstimate.map { " ± \($0)" } ?? ""))
            }
            for r in f.repairs.prefix(3) { lines.append("      repair: \(r.latex)   [\(r.edit)]") }
        }
        for f in model { add("model \(f.subject) =", f) }
        for chain in chains {
            for (i, step) in chain.steps.enumerated() { add("∂\(chain.differentiated)/∂\(chain.parameter) step \(i + 1)", step) }
        }
        for f in rows { add("\(rowWord) \(f.derivativeLabel)", f) }
        for a in annotations { lines.append("  annotation of ∂y/∂\(a.parameter) \(a.annotation): \(a.message)") }
        lines.append(summaryLine)
        return lines.joined(separator: "\n") + "\n"
    }

    /// One closing line: how many claims verified, and where the discrepancies are.
    var summaryLine: String {
        let chainClaims = chains.flatMap { chain in chain.steps.enumerated().map { ("∂\(chain.differentiated)/∂\(chain.parameter) step \($0.offset + 1)", $0.element) } }
        let claims = model.map { ("model \($0.subject)", $0) } + chainClaims + rows.map { ("\(rowWord) \($0.derivativeLabel)", $0) }
        let verified = claims.filter { $0.1.verdict == .verified }.count
        let discrepantClaims = claims.filter { $0.1.verdict == .discrepant }.map(\.0)
        let contradicted = annotations.filter(\.checked)
        let notChecked = annotations.filter { !$0.checked }.count
        let discrepant = discrepantClaims + contradicted.map { "annotation of ∂y/∂\($0.parameter)" }
        let inconclusive = claims.filter { $0.1.verdict == .inconclusive }.count
        let tail = discrepant.isEmpty ? "" : "; discrepant: " + discrepant.joined(separator: ", ")
        let annotationPart = annotationCount == 0 ? "" : "; annotations: \(contradicted.count) of \(annotationCount) "
            + "contradict what they cite" + (notChecked > 0 ? ", \(notChecked) not checked" : "")
        return "summary: \(verified) of \(claims.count) claims verified, \(discrepantClaims.count) discrepant, "
            + "\(inconclusive) inconclusive\(annotationPart)\(tail)" + outcomeNote
    }

    /// What an inconclusive claim means for the document: it is not verified.
    var outcomeNote: String {
        switch outcome {
        case .verified, .discrepant: ""
        case .partlyChecked: " — not verified: inconclusive claims were not checked"
        case .nothingChecked: " — nothing could be checked"
        }
    }

    /// The seed-document report people review.
    public var markdown: String {
        var out = ["# Verification of `\(file)`",
                   "\(discrepancyCount == 0 && inconclusiveCount == 0 ? "Every claim verified." : "**\(headline).**") "
                   + "\(cases) generated cases (all activations, all regimes), seed \(seed), reference \(precision) bits. "
                   + "Partials are compared with Richardson-extrapolated central differences computed in MPFR."
                   + (domains.isEmpty ? "" : " Cases are drawn within the stated domains: "
                      + domains.map { "`\($0)`" }.joined(separator: ", ") + ".")]
        if !model.isEmpty {
            out.append("## Model equations\n\n" + table(model, label: { Self.math(Self.latexName($0.subject)) }))
        }
        for chain in chains {
            let rows = chain.steps.enumerated().map { i, s in ("\(i + 1)", s) }
            out.append("## Derivation of " + Self.math(Self.derivativeLaTeX(chain.differentiated, chain.parameter))
                       + (chain.heading.map { " (\($0))" } ?? "")
                       + "\n\n" + table(rows.map(\.1), label: { step in rows.first { $0.1 == step }!.0 }))
        }
        if !rows.isEmpty {
            out.append((isOwnModel ? "## Claims" : "## Summary table") + "\n\n" + table(rows, label: {
                Self.math(Self.derivativeLaTeX($0.differentiated ?? "y", $0.subject))
            }))
        }
        if !annotations.isEmpty {
            out.append("## Annotations\n\n" + annotations.map { "- `\($0.location)` ∂y/∂\($0.parameter) \($0.annotation): \($0.message)" }
                .joined(separator: "\n"))
        }
        let details = (model + chains.flatMap(\.steps) + rows).filter { $0.verdict != .verified }
        if !details.isEmpty {
            out.append("## Evidence and repairs\n\n" + details.map(detail).joined(separator: "\n\n"))
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    /// "verified", "1 discrepancy", "no discrepancy, 2 claims inconclusive", "3 discrepancies, 1 claim inconclusive".
    var headline: String {
        let inconclusive = inconclusiveCount == 1 ? "1 claim inconclusive" : "\(inconclusiveCount) claims inconclusive"
        if outcome == .nothingChecked { return "nothing checked, " + inconclusive }
        switch (discrepancyCount, inconclusiveCount) {
        case (0, 0): return "verified"
        case (0, _): return "no discrepancy, " + inconclusive
        case (let d, 0): return Self.discrepancies(d)
        case (let d, _): return Self.discrepancies(d) + ", " + inconclusive
        }
    }

    /// How a single-row claim is labelled: a row of the seed's summary table, or a claim of a
    /// document's own model.
    var rowWord: String { isOwnModel ? "claim" : "table" }

    /// "1 discrepancy", "5 discrepancies".
    static func discrepancies(_ count: Int) -> String { count == 1 ? "1 discrepancy" : "\(count) discrepancies" }

    /// A formula as Markdown math, `$…$`, which GitHub and most Markdown viewers render: on one
    /// line, without spaces just inside the dollars, `|` written `\vert` so a table cell stays one.
    static func math(_ latex: String) -> String {
        let line = latex.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        return "$" + line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "|", with: "\\vert ") + "$"
    }

    /// A symbol's LaTeX from its name: `w20[0]` → `w_{20}^{[0]}`; a general symbol's name is its LaTeX.
    static func latexName(_ name: String) -> String { Symbol(name: name)?.latex ?? name }

    /// `\partial L / \partial w_{1}`.
    static func derivativeLaTeX(_ of: String, _ by: String) -> String {
        "\\partial \(latexName(of)) / \\partial \(latexName(by))"
    }

    func table(_ findings: [ClaimFinding], label: (ClaimFinding) -> String) -> String {
        Format.table(["", "as written", "verdict", "agree / disagree / n.d.", "suggested repair"],
                     findings.map { f in
                         [label(f), Self.math(f.latex), "**\(f.verdict.rawValue)**",
                          "\(f.agreeing) / \(f.disagreeing) / \(f.unusable)",
                          f.repairs.first.map { Self.math($0.latex) } ?? "—"]
                     })
    }

    func detail(_ f: ClaimFinding) -> String {
        var lines = ["### `\(f.location)`: \(f.verdict.rawValue)", "", "Written: " + Self.math(f.latex)]
        if let reason = f.reason { lines += ["", "Why: \(reason)."] }
        if !f.disagreeingRegimes.isEmpty {
            let agreeing = f.agreeingRegimes.isEmpty ? "none" : f.agreeingRegimes.map(\.rawValue).joined(separator: ", ")
            let disagreeing = f.disagreeingRegimes.map(\.rawValue).joined(separator: ", ")
            lines += ["", "Regimes of the disagreeing cases: \(disagreeing); of the agreeing cases: \(agreeing)."]
        }
        if let e = f.evidence { lines += ["", "Counterexample (shrunk): " + describe(e)] }
        if let e = f.originalEvidence { lines += ["", "Original counterexample: " + describe(e)] }
        if !f.repairs.isEmpty {
            lines += ["", "Suggested repairs, simplest first:"]
            lines += f.repairs.map { "- \(Self.math($0.latex)) (\($0.kind): \(Self.math($0.edit)))" }
        }
        return lines.joined(separator: "\n")
    }

    /// `x00 = 1.0, w10 = …`: a case's values named as the model names them.
    func assignments(_ c: NetworkCase) -> String {
        let names = inputNames + parameterNames
        guard names.count == c.inputs.count + c.parameters.count else {
            return Format.assignments(c, network: .seed)
        }
        return zip(names, c.inputs + c.parameters).map { "\($0.0) = \(Format.exact($0.1))" }.joined(separator: ", ")
    }

    func describe(_ e: ClaimEvidence) -> String {
        let values = assignments(e.networkCase)
        let error = e.truthErrorEstimate.map { " ± `\($0)`" } ?? ""
        let replay = e.caseIndex.map { " (replay: `BACKPROP_CHECK_SEED=\(e.seed ?? 0) BACKPROP_CHECK_CASE=\($0)`)" } ?? ""
        let setting = "\(e.regime?.rawValue ?? "given")"
            + (usesGenericActivation ? " \(e.networkCase.activation.rawValue)" : "")
        return "\(setting), `\(values)` — claimed `\(e.claimed)`, truth `\(e.truth)`\(error), "
            + "relative difference \(Format.short(e.relativeDifference))\(replay)"
    }
}

extension ClaimFinding {
    /// `∂y/∂w10`, `∂L/∂w_{1}`.
    var derivativeLabel: String { "∂\(differentiated ?? "y")/∂\(subject)" }

    var fields: [String: JSONValue] { fields(names: nil) }

    func fields(names: (inputs: [String], parameters: [String])?) -> [String: JSONValue] {
        var result: [String: JSONValue] = [
            "expression": .string(latex),
            "location": .string(location.description),
            "verdict": .string(verdict.rawValue),
            "reason": reason.map(JSONValue.string) ?? .null,
            "agreeing": .number(Double(agreeing)),
            "disagreeing": .number(Double(disagreeing)),
            "non_differentiable": .number(Double(unusable)),
            "agreeing_regimes": .array(agreeingRegimes.map { .string($0.rawValue) }),
            "disagreeing_regimes": .array(disagreeingRegimes.map { .string($0.rawValue) }),
            "repairs": .array(repairs.map { .string($0.latex) }),
            "repair_edits": .array(repairs.map { .object(["edit": .string($0.edit), "kind": .string($0.kind)]) }),
            "evidence": evidence.map { $0.json(names: names) } ?? .null,
            "original_evidence": originalEvidence.map { $0.json(names: names) } ?? .null,
        ]
        if let differentiated { result["differentiated"] = .string(differentiated) }
        return result
    }

    func json(key: String, names: (inputs: [String], parameters: [String])?) -> JSONValue {
        var f = fields(names: names)
        f[key] = .string(subject)
        return .object(f)
    }
}

extension ClaimEvidence {
    func json(names: (inputs: [String], parameters: [String])?) -> JSONValue {
        let network = Network.seed
        let inputs = names?.inputs ?? network.inputs, parameters = names?.parameters ?? network.parameters
        return .object([
            "regime": regime.map { .string($0.rawValue) } ?? .null,
            "activation": .string(networkCase.activation.rawValue),
            "inputs": .object(Dictionary(zip(inputs, networkCase.inputs.map(JSONValue.double)), uniquingKeysWith: { a, _ in a })),
            "params": .object(Dictionary(zip(parameters, networkCase.parameters.map(JSONValue.double)), uniquingKeysWith: { a, _ in a })),
            "claimed": .string(claimed),
            "truth": .string(truth),
            "truth_error_estimate": truthErrorEstimate.map(JSONValue.string) ?? .null,
            "relative_difference": .double(relativeDifference),
            "seed": seed.map { .string(String($0)) } ?? .null,
            "case_index": caseIndex.map { .number(Double($0)) } ?? .null,
            "shrunk": .bool(shrunk),
        ])
    }
}
