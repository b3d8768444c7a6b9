import NetworkModel
import Notation

/// Checks "(derived in 2.1)" annotations of table rows: the cited section's
/// derivation must be about the same parameter and end in an expression
/// equal to the row's.
struct AnnotationCheck {
    let verifier: DocumentVerifier
    let bench: DocumentVerifier.Workbench

    func contradictions(in document: Document) -> [AnnotationFinding] {
        document.tableRows.compactMap { row in
            guard let annotation = row.annotation, let section = citedSection(annotation) else { return nil }
            guard let chain = document.chains.first(where: { $0.heading?.text.hasPrefix(section + " ") ?? false })
            else {
                return AnnotationFinding(parameter: row.parameter.name, annotation: annotation,
                                         location: row.row.location, citedConclusion: nil,
                                         message: "cites section \(section), which has no derivation")
            }
            guard let conclusion = chain.steps.last else { return nil }
            if chain.parameter != row.parameter {
                return AnnotationFinding(parameter: row.parameter.name, annotation: annotation, location: row.row.location,
                                         citedConclusion: conclusion.rhsLaTeX,
                                         message: "cites section \(section), which derives ∂y/∂\(chain.parameter.name)")
            }
            guard !sameValue(row.rhs, conclusion.rhs, parameter: row.parameter) else { return nil }
            return AnnotationFinding(
                parameter: row.parameter.name, annotation: annotation, location: row.row.location,
                citedConclusion: conclusion.rhsLaTeX,
                message: "the row differs from the conclusion of section \(section), \(conclusion.rhsLaTeX)")
        }
    }

    /// The section number in "(derived in 2.1)".
    func citedSection(_ annotation: String) -> String? {
        guard let range = annotation.range(of: "derived in ") else { return nil }
        let number = annotation[range.upperBound...].prefix { $0.isNumber || $0 == "." }
        let trimmed = number.hasSuffix(".") ? number.dropLast() : number
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    /// Equal on every case where both evaluate (exact evaluation in MPFR).
    func sameValue(_ a: Expression, _ b: Expression, parameter: Symbol) -> Bool {
        let checker = verifier.checker
        return bench.cases.allSatisfy { c in
            let env = DocumentEnvironment(network: verifier.network, networkCase: c.case,
                                          precision: verifier.precision, parameter: nil)
            guard let x = try? env.evaluate(a).value, let y = try? env.evaluate(b).value else { return true }
            if case .agree = checker.compare(x, y, error: nil) { return true }
            return false
        }
    }
}
