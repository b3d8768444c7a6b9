import PropertyTesting
import Testing
import Notation

@Suite("Rendering LaTeX")
struct RenderingTests {
    @Test("renders in the document's notation", arguments: [
        "\\alpha'(z_{20}) \\cdot w_{20}^{[0]} \\alpha'(z_{10}) x_{00}",
        "\\alpha'(z_{20}) \\cdot x_{10}",
        "\\alpha'(z_{20}) \\cdot \\partial z_{20}",
        "w_{20}^{[0]} \\partial x_{10} + w_{20}^{[1]} \\partial x_{11}",
        "\\partial (w_{10} x_{00} + b_{10})",
        "\\partial \\alpha(z_{20})",
        "w_{20}^{[0]} x_{10} + b_{20}^{[0]} + (w_{20}^{[1]} x_{10} + b_{20}^{[1]})",
        "\\mathbf{w}_{20}^\\top \\mathbf{x}_{1} + \\mathbf{b}_{20}",
        "x_{10} - (x_{11} - x_{20})",
        "-(x_{10} + x_{11})",
        "2 \\cdot 3",
        "x_{10} \\cdot 0.5",
        "(-x_{10}) x_{11}",
        "-x_{10} x_{11}",
        "-(-x_{10})",
        "(w_{20}^{[0]})^\\top",
        "(x_{10}^\\top)^\\top",
    ])
    func rendersAsWritten(_ latex: String) throws {
        #expect(try Expression.parse(latex).latex == latex)
    }

    @Test("left-hand sides render in the document's notation")
    func leftHandSides() {
        #expect(LeftHandSide.derivative(of: .y, withRespectTo: symbolNamed("w20[0]")).latex
            == "\\frac{\\partial}{\\partial w_{20}^{[0]}} y")
        #expect(LeftHandSide.symbol(symbolNamed("z10")).latex == "z_{10}")
    }

    @Test("parse(render(e)) == e for random expressions", arguments: 0..<8)
    func roundTrip(seed: UInt64) throws {
        var generator = ExpressionGenerator(rng: SplitMix64(seed: 0xB0BA_CAFE &+ seed))
        for _ in 0..<500 {
            let expression = generator.expression(depth: 6)
            let latex = expression.latex
            let reparsed = try Expression.parse(latex)
            #expect(reparsed == expression, "\(latex)")
            if reparsed != expression { return }
        }
    }

    @Test("every row of the seed document survives render and parse")
    func seedRoundTrip() throws {
        let document = try Document.parse(markdown: try Fixtures.seedDocumentText(), fileName: Fixtures.seedDocumentName)
        for row in document.rows {
            #expect(try Expression.parse(row.rhs.latex) == row.rhs, "\(row.location)")
        }
    }
}
