import Foundation
import Testing
import NetworkModel
import Notation
@testable import DocumentVerification

/// The claim is the derivative *of the symbol written*, *by the symbol written*.
@Suite("The differentiated symbol is part of the claim")
struct DifferentiatedSymbolTests {
    static let verifier = DocumentVerifier(network: .seed, cases: 24)

    static func verdicts(_ tex: String) async throws -> [ClaimVerdict] {
        let document = try Document.parse(tex: tex, fileName: "rows.tex")
        return try await verifier.verify(document).rows.map(\.verdict)
    }

    @Test("∂z20/∂w10 = w20[0] α′(z10) x00 is verified (it is not ∂y/∂w10)")
    func trueIntermediateRow() async throws {
        let tex = "\\frac{\\partial}{\\partial w_{10}} z_{20} = w_{20}^{[0]} \\alpha'(z_{10}) x_{00}\n"
        #expect(try await Self.verdicts(tex) == [.verified])
    }

    @Test("∂x10/∂w10 = α′(z20) w20[0] α′(z10) x00 is discrepant (that is ∂y/∂w10)")
    func falseIntermediateRow() async throws {
        let tex = "\\frac{\\partial}{\\partial w_{10}} x_{10} = \\alpha'(z_{20}) \\cdot w_{20}^{[0]} \\alpha'(z_{10}) x_{00}\n"
        #expect(try await Self.verdicts(tex) == [.discrepant])
    }

    @Test("Derivatives by an intermediate (the adjoint) and by an input")
    func adjointAndInput() async throws {
        let tex = """
            \\begin{aligned}
            \\frac{\\partial y}{\\partial z_{20}} &= \\alpha'(z_{20}) \\\\
            \\frac{\\partial y}{\\partial x_{10}} &= \\alpha'(z_{20}) w_{20}^{[0]} \\\\
            \\frac{\\partial y}{\\partial x_{00}} &= \\alpha'(z_{20}) w_{20}^{[0]} \\alpha'(z_{10}) w_{10} \\\\
            \\frac{\\partial y}{\\partial x_{11}} &= \\alpha'(z_{20}) w_{20}^{[0]}
            \\end{aligned}

            """
        #expect(try await Self.verdicts(tex) == [.verified, .verified, .verified, .discrepant])
    }
}
