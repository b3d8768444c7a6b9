import NetworkModel
import Notation

/// Checks "(derived in 2.1)" annotations of table rows: the cited section's
/// derivation must be about the same parameter and end in an expression
/// equal to the row's.
struct AnnotationCheck {
    let verifier: DocumentVerifier
    let bench: DocumentVerifier.Workbench

    /// A finding for every annotated row that cites no derivation, a derivation of another parameter, or
    /// one whose conclusion is not shown to equal the row (``ClaimChecker/sameValue(_:_:at:)``: a
    /// conclusion that cannot be evaluated is reported, never taken as consistent).
    func contradictions(in document: Document) -> [AnnotationFinding] {
        let checker = verifier.checker
        let cases = bench.cases.map(\.case)
        return document.tableRows.compactMap { row in
            guard let annotation = row.annotation, let section = citedSection(annotation) else { return nil }
            guard document.headings.contains(where: { $0.text.hasPrefix(section + " ") || $0.text == section }) else {
                var finding = AnnotationFinding(parameter: row.parameter.name, annotation: annotation,
                                                location: row.row.location, citedConclusion: nil,
                                                message: "not checked: section \(section) is not among the documents given")
                finding.checked = false
                return finding
            }
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
                                         message: "cites section \(section), which derives ∂\(chain.differentiated.name)/∂\(chain.parameter.name)")
            }
            if checker.sameValue(row.rhs, conclusion.rhs, at: cases) { return nil }
            if let failure = checker.evaluationFailure(of: [row.rhs, conclusion.rhs], at: cases) {
                return AnnotationFinding(
                    parameter: row.parameter.name, annotation: annotation, location: row.row.location,
                    citedConclusion: conclusion.rhsLaTeX,
                    message: "the row cannot be compared with the conclusion of section \(section), "
                        + "\(conclusion.rhsLaTeX): \(failure)")
            }
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
}
