import NetworkModel
import Notation

/// The power of the document check: every single-symbol edit of every row
/// of a (correct) summary table — another index or superscript, α for α′,
/// another argument of α′, a dropped factor — must be flagged on its own
/// row, unless it is mathematically equivalent to the row (then it is
/// excluded, not counted as a miss).
public struct TableMutationScore: Sendable {
    public struct Mutant: Sendable, Hashable {
        public var parameter: String
        public var edit: String
        public var latex: String
        /// Equal to the original row on every case: not a real mutation.
        public var equivalent: Bool
        /// Judged discrepant (or not evaluable) on its own row.
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
        let checker = verifier.checker
        let edits = EditGenerator(network: verifier.network)
        var mutants: [Mutant] = []
        for (name, latex) in table {
            guard let p = verifier.network.parameterIndex(name) else { continue }
            let original = try Expression.parse(latex)
            let claim = Claim.partial(parameter: p, operatorParameter: nil, rhs: original)
            for edit in edits.edits(of: original) where edit.kind != .addFactor && edit.kind != .vector {
                let mutant = claim.with(rhs: edit.result)
                let equivalent = bench.cases.indices.allSatisfy { i in
                    sameValue(claim, mutant, at: bench.cases[i].case, verifier: verifier)
                }
                let flagged = bench.cases.indices.contains { i in
                    switch checker.outcome(mutant, at: bench.cases[i].case, truths: bench.truths[i]) {
                    case .disagree, .invalid: true
                    default: false
                    }
                }
                mutants.append(Mutant(parameter: name, edit: "\(edit.before.latex) → \(edit.after.latex)",
                                      latex: edit.result.latex, equivalent: equivalent, flagged: flagged))
            }
        }
        return TableMutationScore(mutants: mutants)
    }

    /// The two right-hand sides evaluate to the same value at `c`.
    static func sameValue(_ a: Claim, _ b: Claim, at c: NetworkCase, verifier: DocumentVerifier) -> Bool {
        let env = DocumentEnvironment(network: verifier.network, networkCase: c, precision: verifier.precision, parameter: nil)
        guard let x = try? env.evaluate(a.rhs).value, let y = try? env.evaluate(b.rhs).value else { return false }
        if case .agree = verifier.checker.compare(x, y, error: nil) { return true }
        return false
    }
}
