import Conformance
import Engines
import Judgement
import NetworkModel
import WireJSON

/// How many deliberately faulty engines the suite rejects with the right
/// verdict on the right quantities.
public struct MutationScore: Sendable {
    public struct Outcome: Sendable {
        public var mutation: MutantEngine.Mutation
        public var report: EngineReport
        /// The suite reached the verdict the mutation calls for.
        public var killed: Bool
    }

    public var outcomes: [Outcome]

    /// Killed mutants / all mutants.
    public var score: Double { Double(outcomes.filter(\.killed).count) / Double(max(1, outcomes.count)) }

    /// Runs every mutant through `suite`.
    public static func measure(suite: ConformanceSuite) async throws -> MutationScore {
        var outcomes: [Outcome] = []
        for mutation in MutantEngine.Mutation.allCases {
            let report = try await suite.run(MutantEngine(mutation))
            outcomes.append(Outcome(mutation: mutation, report: report,
                                    killed: Self.matches(report, mutation.expectedVerdict)))
        }
        return MutationScore(outcomes: outcomes)
    }

    /// The report shows exactly the expected verdict.
    public static func matches(_ report: EngineReport, _ expected: EngineVerdictExpectation) -> Bool {
        let quantities = [report.value] + report.partials
        switch expected {
        case .wrong(let names):
            return report.verdict == .nonconformant
                && quantities.allSatisfy { ($0.verdict == .wrong) == names.contains($0.name) }
        case .inaccurate:
            return report.verdict == .inaccurate
        }
    }

    public var markdown: String {
        let rows = outcomes.map { o -> [String] in
            let wrong = ([o.report.value] + o.report.partials).filter { $0.verdict == .wrong }.map(\.name)
            let expected: String
            switch o.mutation.expectedVerdict {
            case .wrong(let names): expected = "wrong on " + names.joined(separator: ", ")
            case .inaccurate: expected = "inaccurate"
            }
            return ["`\(o.mutation.rawValue)`", expected, o.report.verdict.rawValue,
                    wrong.isEmpty ? "—" : wrong.joined(separator: ", "), o.killed ? "killed" : "**survived**"]
        }
        return "# Mutation score of the conformance suite\n\n"
            + "\(outcomes.filter(\.killed).count) of \(outcomes.count) mutants rejected with the right verdict "
            + "(score \(Format.short(score))).\n\n"
            + Format.table(["mutant", "expected", "engine verdict", "quantities judged wrong", "result"], rows) + "\n"
    }

    /// The `mutation-score` JSON: the score and each mutant's outcome.
    public var json: JSONValue { ReportJSON.value(JSONForm(score: self)) }

    struct JSONForm: Encodable {
        struct Mutant: Encodable {
            let mutant: String
            let verdict: EngineVerdict
            let killed: Bool
            /// The quantities judged wrong.
            let wrong: [String]
        }

        let score: Double
        let mutants: [Mutant]

        init(score: MutationScore) {
            self.score = score.score
            mutants = score.outcomes.map { o in
                Mutant(mutant: o.mutation.rawValue, verdict: o.report.verdict, killed: o.killed,
                       wrong: ([o.report.value] + o.report.partials).filter { $0.verdict == .wrong }.map(\.name))
            }
        }
    }
}
