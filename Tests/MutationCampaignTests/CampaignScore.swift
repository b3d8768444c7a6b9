import Foundation

/// The campaign's score as Markdown: `Fixtures/reports/mutation-campaign.md`.
/// Same outcomes, same bytes: nothing depends on time, machine or scheduling.
struct CampaignScore {
    var cases: Int
    var mutants: [(Scenario, required: Set<String>, outcome: Outcome)]
    var variants: [(Scenario, outcome: Outcome)]

    static let path = "Fixtures/reports/mutation-campaign.md"

    /// Every run of the campaign at `cases` cases (shared with the tests that run the same).
    static func measure(cases: Int) async throws -> CampaignScore {
        var score = CampaignScore(cases: cases, mutants: [], variants: [])
        for s in Campaign.mutants {
            score.mutants.append((s, try s.required() ?? [], try await CampaignRuns.shared.outcome(s, cases: cases)))
        }
        for s in Campaign.variants {
            score.variants.append((s, try await CampaignRuns.shared.outcome(s, cases: cases)))
        }
        return score
    }

    /// Groups in reading order: L, then W1, b1, W2, b2, …; "—" for none.
    static func list(_ groups: Set<String>) -> String {
        func key(_ g: String) -> (Int, Int) {
            g == "L" ? (0, 0) : (Int(g.dropFirst()) ?? 99, g.hasPrefix("W") ? 0 : 1)
        }
        return groups.isEmpty ? "—" : groups.sorted { key($0) < key($1) }.joined(separator: ", ")
    }

    var markdown: String {
        let changing = mutants.filter { !$0.required.isEmpty }
        let exact = changing.filter { $0.outcome.wrong == $0.required }
        let caught = changing.filter { !$0.outcome.wrong.isEmpty }
        let missed = changing.filter { $0.outcome.wrong.isEmpty }
        let noOps = mutants.filter { $0.required.isEmpty }
        let quietNoOps = noOps.filter { $0.outcome.wrong.isEmpty }
        let neverWrong = variants.filter { $0.outcome.wrong.isEmpty }
        var lines = [
            "# Mutation campaign",
            "",
            "The hand-written dense engine of `Tests/MutationCampaignTests` (forward pass, then the δ's backward),",
            "with one realistic mistake (a mutant) or one legitimate rewrite (a variant), judged by the conformance",
            "suite in its default, non-strict mode: \(cases) generated cases per run, seed \(Campaign.seed), no shrinking.",
            "A mutant is *caught* when some quantity is judged wrong, and caught on *exactly its tensors* when the",
            "tensor groups judged wrong (`L` for the objective) are the ones it corrupts. A variant must never be wrong.",
            "Regenerate with `BACKPROP_CHECK_WRITE_FIXTURES=1 swift test --filter MutationCampaignTests.score`",
            "(docs/tolerance.md, \"The mutation campaign\").",
            "",
            "- \(exact.count) of \(changing.count) mutants caught on exactly their tensors; "
                + "\(caught.count - exact.count) caught but mislocated; \(missed.count) missed.",
            "- \(quietNoOps.count) of \(noOps.count) mistakes that change nothing on their network judged wrong nowhere.",
            "- \(neverWrong.count) of \(variants.count) legitimate variant runs never wrong.",
            "",
            "## Mutants",
            "",
            "| mutation | network | corrupts | judged wrong | caught? | exactly its tensors? |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for (s, required, outcome) in mutants {
            let caught = required.isEmpty ? "— (changes nothing)" : (outcome.wrong.isEmpty ? "**no**" : "yes")
            let exactly = outcome.wrong == required ? "yes" : "**no**"
            lines.append("| `\(s.subject)` | `\(s.network)` | \(Self.list(required)) | \(Self.list(outcome.wrong)) "
                         + "| \(caught) | \(exactly) |")
        }
        lines += [
            "",
            "## Legitimate variants",
            "",
            "| variant | network | engine verdict | judged wrong | inaccurate | never wrong? |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for (s, outcome) in variants {
            lines.append("| `\(s.subject)` | `\(s.network)` | \(outcome.verdict.rawValue) | \(Self.list(outcome.wrong)) "
                         + "| \(Self.list(outcome.inaccurate)) | \(outcome.wrong.isEmpty ? "yes" : "**no**") |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
