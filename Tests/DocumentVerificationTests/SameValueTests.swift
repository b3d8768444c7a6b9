import Testing
import NetworkModel
import Notation
@testable import DocumentVerification

/// `ClaimChecker.sameValue`, the one answer to "do these two expressions have
/// the same value?" for the annotation check and the table mutation score:
/// sameness is shown, never assumed, so an evaluation failure answers false.
@Suite("Sameness of written expressions")
struct SameValueTests {
    static let checker = ClaimChecker(network: .seed, precision: 256)
    static let cases = [
        NetworkCase(activation: .sigmoid, inputs: [0.25, -1.5],
                    parameters: [0.1, -0.3, 2.0, 0.5, -1.25, 0.75, 0.0625, -2.5]),
        NetworkCase(activation: .tanh, inputs: [-0.75, 2.0],
                    parameters: [1.5, 0.25, -0.5, 0.125, 3.0, -2.0, 1.0, 0.5]),
    ]

    @Test("Equal values are the same; different values are not")
    func evaluableExpressions() throws {
        let row = try Expression.parse("\\alpha'(z_{20}) \\cdot w_{20}^{[0]} \\alpha'(z_{10}) x_{00}")
        let reordered = try Expression.parse("x_{00} \\alpha'(z_{10}) w_{20}^{[0]} \\cdot \\alpha'(z_{20})")
        let wrongIndex = try Expression.parse("\\alpha'(z_{20}) \\cdot w_{20}^{[1]} \\alpha'(z_{10}) x_{00}")
        #expect(Self.checker.sameValue(row, reordered, at: Self.cases))
        #expect(!Self.checker.sameValue(row, wrongIndex, at: Self.cases))
        #expect(Self.checker.evaluationFailure(of: [row, reordered], at: Self.cases) == nil)
    }

    @Test("An expression that cannot be evaluated is not the same as anything, itself included", arguments: [
        "\\partial x_{20}",            // \partial with no parameter
        "z_{20} + \\mathbf{b}_{20}",   // a scalar plus a vector
    ])
    func unevaluableIsNeverTheSame(latex: String) throws {
        let e = try Expression.parse(latex)
        let fine = try Expression.parse("z_{20}")
        #expect(!Self.checker.sameValue(e, e, at: Self.cases))
        #expect(!Self.checker.sameValue(e, fine, at: Self.cases))
        #expect(!Self.checker.sameValue(fine, e, at: Self.cases))
        #expect(Self.checker.evaluationFailure(of: [fine, e], at: Self.cases) != nil)
    }

    @Test("No cases show nothing")
    func noCases() throws {
        let e = try Expression.parse("z_{20}")
        #expect(!Self.checker.sameValue(e, e, at: []))
    }

    @Test("An annotation citing a conclusion that cannot be evaluated is reported, not taken as consistent")
    func annotationWithUnevaluableConclusion() async throws {
        let derivation = """
            % section: 2.1 Partial derivative w.r.t w_{10}
            % with respect to: w_{10}
            \\begin{aligned}
            \\frac{\\partial}{\\partial w_{10}} y &= \\partial x_{20} \\\\
            &= \\partial \\alpha(z_{20})
            \\end{aligned}
            """
        let table = """
            % section: 2.3 Other partial derivatives
            \\begin{aligned}
            \\frac{\\partial}{\\partial w_{10}} y &= \\alpha'(z_{20}) \\cdot w_{20}^{[0]} \\alpha'(z_{10}) x_{00} && \\text{(derived in 2.1)}
            \\end{aligned}
            """
        let document = Document(merging: [try Document.parse(tex: derivation, fileName: "derivation.tex"),
                                          try Document.parse(tex: table, fileName: "table.tex")])
        let findings = try await DocumentVerifier(network: .seed, cases: 8).verify(document)
        // The row and both steps are right: only the annotation check cannot evaluate ∂ (it has no parameter).
        #expect(findings.rows.map(\.verdict) == [.verified])
        #expect(findings.chains.flatMap(\.steps).map(\.verdict) == [.verified, .verified])
        let annotation = try #require(findings.annotations.first)
        #expect(findings.annotations.count == 1)
        #expect(annotation.parameter == "w10")
        #expect(annotation.message.contains("cannot be compared"), "\(annotation.message)")
    }

    @Test("A mutant that cannot be evaluated is neither equivalent nor flagged (it counts as missed)")
    func unevaluableMutantIsMissed() async throws {
        let verifier = DocumentVerifier(network: .seed, cases: 8)
        let bench = try await verifier.workbench()
        let w10 = try #require(Symbol(name: "w10"))
        let original = Claim.partial(of: .y, by: w10, operatorVariable: nil, rhs: try Expression.parse(
            "\\alpha'(z_{20}) \\cdot w_{20}^{[0]} \\alpha'(z_{10}) x_{00}"))
        let unevaluable = original.with(rhs: try Expression.parse("\\alpha'(z_{20}) \\cdot \\partial z_{20}"))
        let judged = TableMutationScore.judge(unevaluable, of: original, bench: bench, checker: verifier.checker)
        #expect(!judged.equivalent)
        #expect(!judged.flagged)
        // A wrong but evaluable mutant is flagged; the row itself is equivalent and not flagged.
        let wrong = original.with(rhs: try Expression.parse("\\alpha'(z_{20}) \\cdot w_{20}^{[1]} \\alpha'(z_{10}) x_{00}"))
        #expect(TableMutationScore.judge(wrong, of: original, bench: bench, checker: verifier.checker) == (false, true))
        #expect(TableMutationScore.judge(original, of: original, bench: bench, checker: verifier.checker) == (true, false))
    }
}
