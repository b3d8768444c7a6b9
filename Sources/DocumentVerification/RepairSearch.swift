import Foundation
import NetworkModel
import Notation

/// Searches single edits of a discrepant claim for ones that make it
/// verify, and writes each in the document's own notation by splicing the
/// edited node into the row's LaTeX as written.
struct RepairSearch {
    let verifier: DocumentVerifier
    let bench: DocumentVerifier.Workbench
    /// Cases a candidate must agree on before the full check.
    let probeCount = 6

    func repairs(_ claim: Claim, row: Row) -> [Repair] {
        let checker = verifier.checker
        let probes = probeIndices(claim)
        guard !probes.isEmpty else { return [] }
        var found: [(Repair, ExpressionEdit.Kind, Int)] = []
        var seen = Set<String>()
        for edit in EditGenerator(verifier: verifier).edits(of: claim.rhs) {
            let candidate = claim.with(rhs: edit.result)
            let agreesOnProbes = probes.allSatisfy {
                if case .agree = checker.outcome(candidate, at: bench.cases[$0].case, truths: bench.truths[$0], reexamining: false) { return true }
                return false
            }
            guard agreesOnProbes, verifiesEverywhere(candidate) else { continue }
            let repair = Repair(edit: "\(edit.before.latex) → \(edit.after.latex)",
                                latex: splice(row, edit), kind: edit.kind.rawValue)
            if seen.insert(repair.latex).inserted { found.append((repair, edit.kind, generality(candidate))) }
        }
        // Simplest kind first; within a kind, the repair that stays true for
        // more choices of the parameter ∂ stands for (a derivation's early
        // steps hold for every parameter, so the right edit keeps them so).
        return found.enumerated().sorted { a, b in
            (a.element.1, -a.element.2, a.offset) < (b.element.1, -b.element.2, b.offset)
        }.map(\.element.0)
    }

    /// For a step that uses ∂: the number of parameters θ for which the
    /// step, with ∂ = ∂/∂θ, equals ∂y/∂θ on the probe cases. 0 otherwise.
    func generality(_ claim: Claim) -> Int {
        guard case .partial(let f, _, _?, let rhs) = claim else { return 0 }
        let checker = verifier.checker
        return checker.graph.parameters.filter { theta in
            let general = Claim.partial(of: f, by: theta, operatorVariable: theta, rhs: rhs)
            return probeIndices(general).allSatisfy { i in
                if case .agree = checker.outcome(general, at: bench.cases[i].case, truths: bench.truths[i], reexamining: false) { return true }
                return false
            }
        }.count
    }

    /// Cases where the truth is defined and checkable, and index mistakes show.
    func probeIndices(_ claim: Claim) -> [Int] {
        Array(bench.cases.indices.filter { i in
            guard !verifier.indexMistakesInvisible(bench.cases[i].case) else { return false }
            if let key = claim.truthKey { return bench.truths[i][key]?.isCheckable ?? false }
            return true
        }.prefix(probeCount))
    }

    func verifiesEverywhere(_ claim: Claim) -> Bool {
        let checker = verifier.checker
        return bench.cases.indices.allSatisfy { i in
            switch checker.outcome(claim, at: bench.cases[i].case, truths: bench.truths[i], reexamining: false) {
            case .agree, .unusable: true
            default: false
            }
        }
    }

    /// The row's LaTeX with the edited node's source text replaced; the
    /// whole expression re-rendered when the node's text cannot be located.
    func splice(_ row: Row, _ edit: ExpressionEdit) -> String {
        let text = row.rhsLaTeX
        guard let range = row.rhsMap[edit.path]?.range,
              let lower = offset(of: range.start, in: text, origin: row.rhsLocation),
              let upper = offset(of: range.end, in: text, origin: row.rhsLocation),
              lower <= upper, upper <= text.count else { return edit.result.latex }
        let start = text.index(text.startIndex, offsetBy: lower), end = text.index(text.startIndex, offsetBy: upper)
        let replacement: String
        switch edit.kind {
        case .dropFactor:
            // Keep the surviving factor exactly as written.
            let kept = edit.before.children.firstIndex(of: edit.after) ?? 0
            guard let keptRange = row.rhsMap[edit.path + [kept]]?.range,
                  let a = offset(of: keptRange.start, in: text, origin: row.rhsLocation),
                  let b = offset(of: keptRange.end, in: text, origin: row.rhsLocation), a <= b, b <= text.count
            else { return edit.result.latex }
            replacement = String(text[text.index(text.startIndex, offsetBy: a)..<text.index(text.startIndex, offsetBy: b)])
        case .addFactor:
            return text + " \\cdot " + edit.after.children[1].latex
        default:
            replacement = Self.grouped(edit.after.latex, like: String(text[start..<end]))
        }
        return String(text[..<start]) + replacement + String(text[end...])
    }

    /// `replacement` in the delimiters `original` was written in: a node written `(1 - \sigma(z))`
    /// covers its parentheses, so its replacement keeps them.
    static func grouped(_ replacement: String, like original: String) -> String {
        let pairs = [("\\left(", "\\right)"), ("\\left[", "\\right]"), ("(", ")"), ("[", "]"), ("\\{", "\\}"), ("{", "}")]
        for (open, close) in pairs where original.hasPrefix(open) && original.hasSuffix(close) {
            return open + replacement + close
        }
        // `\Big( … \Big)`, `\bigl[ … \bigr]`: the sizes stay with the delimiters.
        guard original.hasPrefix("\\"), let last = original.last, last == ")" || last == "]",
              let open = original.firstIndex(where: { $0 == "(" || $0 == "[" }),
              isSize(original[original.index(after: original.startIndex)..<open]) else { return replacement }
        let body = original[..<original.index(before: original.endIndex)]
        let closeStart = body.range(of: "\\", options: .backwards).map { range -> String.Index in
            body[range.upperBound...].allSatisfy(\.isLetter) ? range.lowerBound : body.endIndex
        } ?? body.endIndex
        return String(original[...open]) + replacement + String(original[closeStart...])
    }

    /// `big`, `Big`, `bigg`, `Bigg`, each with an optional `l`, `r` or `m`: a delimiter size, not a function.
    static func isSize(_ word: Substring) -> Bool {
        var rest = word.lowercased()
        guard rest.hasPrefix("big") else { return false }
        rest.removeFirst(3)
        if rest.hasPrefix("g") { rest.removeFirst() }
        return rest.isEmpty || rest == "l" || rest == "r" || rest == "m"
    }

    /// Character offset of a document location inside text that starts at `origin`.
    func offset(of location: DocumentLocation, in text: String, origin: DocumentLocation) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let lineIndex = location.line - origin.line
        guard lineIndex >= 0, lineIndex < lines.count else { return nil }
        let before = lines[..<lineIndex].reduce(0) { $0 + $1.count + 1 }
        let column = lineIndex == 0 ? location.column - origin.column : location.column - 1
        guard column >= 0, column <= lines[lineIndex].count else { return nil }
        return before + column
    }
}
