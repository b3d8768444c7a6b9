import DocumentVerification

extension TableMutationScore {
    /// The mutation score of the document check, with every mutant.
    public var markdown: String {
        let real = mutants.filter { !$0.equivalent }
        let rows = mutants.map { m in
            ["∂y/∂\(m.parameter)", "`\(m.edit)`", m.equivalent ? "equivalent (excluded)" : (m.flagged ? "flagged" : "**missed**")]
        }
        return "# Mutation score of the document check\n\n"
            + "Every single-symbol edit of every row of the corrected summary table (another index or superscript, "
            + "α for α′, another argument of α′, a dropped factor) is checked like a row of a document. "
            + "\(real.filter(\.flagged).count) of \(real.count) non-equivalent mutants are flagged on their own row "
            + "(score \(Format.short(score))); \(mutants.count - real.count) mutants are mathematically equivalent "
            + "to their row and excluded.\n\n"
            + Format.table(["row", "edit", "result"], rows) + "\n"
    }
}
