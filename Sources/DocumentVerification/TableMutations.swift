import NetworkModel
import Notation

/// The power of the document check: every single-symbol edit of every row
/// of a (correct) summary table — another index or superscript, α for α′,
/// another argument of α′, a dropped factor — must be flagged on its own
/// row, unless it is mathematically equivalent to the row (then it is
/// excluded, not counted as a miss).
///
/// A mutant that cannot be evaluated is neither: it is not shown equivalent
/// (`ClaimChecker.sameValue` answers false), and an evaluation
/// failure is not a detected wrong value, so it counts as missed. The score
/// never credits the check with a kill it did not make.
public struct TableMutationScore: Sendable {
    public struct Mutant: Sendable, Hashable {
        public var parameter: String
        public var edit: String
        public var latex: String
        /// Equal to the original row on every case: not a real mutation.
        public var equivalent: Bool
        /// Judged discrepant on its own row: it disagrees with the finite
        /// differences on some case (a mutant that cannot be evaluated is not flagged).
        public var flagged: Bool
    }

    public var mutants: [Mutant]

    /// Flagged / non-equivalent mutants.
    public var score: Double {
        let real = mutants.filter { !$0.equivalent }
        return Double(real.filter(\.flagged).count) / Double(max(1, real.count))
    }

    /// The mutants the check missed.
    public var survivors: [Mutant] { mutants.filter { !$0.equivalent && !$0.flagged } }

    /// Mutates every row of `table` (parameter name → LaTeX) and checks each mutant.
    public static func measure(table: [(parameter: String, latex: String)],
                               verifier: DocumentVerifier) async throws -> TableMutationScore {
        let bench = try await verifier.workbench()
        let edits = EditGenerator(network: verifier.network)
        var mutants: [Mutant] = []
        for (name, latex) in table {
            guard verifier.network.parameterIndex(name) != nil, let parameter = Symbol(name: name) else { continue }
            let original = try Expression.parse(latex)
            let claim = Claim.partial(of: .y, by: parameter, operatorVariable: nil, rhs: original)
            for edit in edits.edits(of: original) where edit.kind != .addFactor && edit.kind != .vector {
                let (equivalent, flagged) = judge(claim.with(rhs: edit.result), of: claim, bench: bench,
                                                  checker: verifier.checker)
                mutants.append(Mutant(parameter: name, edit: "\(edit.before.latex) → \(edit.after.latex)",
                                      latex: edit.result.latex, equivalent: equivalent, flagged: flagged))
            }
        }
        return TableMutationScore(mutants: mutants)
    }

    /// Whether `mutant` is equivalent to `original` (shown to have the same
    /// value on every case) and whether it is flagged (disagrees with the
    /// finite differences on some case).
    static func judge(_ mutant: Claim, of original: Claim, bench: DocumentVerifier.Workbench,
                      checker: ClaimChecker) -> (equivalent: Bool, flagged: Bool) {
        let equivalent = checker.sameValue(original.rhs, mutant.rhs, at: bench.cases.map(\.case))
        let flagged = bench.cases.indices.contains { i in
            checker.outcome(mutant, at: bench.cases[i].case, truths: bench.truths[i], reexamining: false).disagrees
        }
        return (equivalent, flagged)
    }
}
