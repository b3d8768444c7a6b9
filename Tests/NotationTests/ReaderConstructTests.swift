import Testing
@testable import Notation

/// Vectors stated as the transposed tuple of their own entries, matrices named by their entries.
@Suite("Shapes stated by entries")
struct EntryShapeTests {
    static func shapes(_ math: String) -> [Shape] {
        let source = SourceText(fileName: "shapes.md", text: "Let $\(math)$ be given.\n", dialect: .general)
        return Array(SizeReader(source: source).statements().shapes.values)
    }

    @Test("The transposed tuple of a vector's own entries states its size", arguments: [
        #"\mathbf{x} = (x_1, x_2, x_3)^\top"#, #"x = (x_1, x_2, x_3)^T"#, #"\mathbf{x} = (x_{1}, x_{2}, x_{3})^{\top}"#,
    ])
    func tuple(_ math: String) {
        #expect(Self.shapes(math) == [.vector(3)])
    }

    @Test("A tuple of other names, out of order, or not transposed states nothing", arguments: [
        #"\mathbf{x} = (u_1, u_2)^\top"#, #"\mathbf{x} = (x_2, x_1)^\top"#, #"\mathbf{x} = (x_1, x_2)"#,
        #"\mathbf{x} = (x_1, x_1 + x_2)^\top"#,
    ])
    func notATuple(_ math: String) {
        #expect(Self.shapes(math).isEmpty)
    }

    @Test("(W_{ij}) names W's entries: the shape after it is W's; another letter's entries state nothing")
    func entryPattern() {
        #expect(Self.shapes(#"\mathbf{W} = (W_{ij}) \in \mathbb{R}^{2 \times 3}"#) == [Shape(rows: 2, columns: 3)])
        #expect(Self.shapes(#"\mathbf{W} = (V_{ij}) \in \mathbb{R}^{2 \times 3}"#).isEmpty)
    }

    @Test("W = (W_{ij}) in a row is notation, not a definition of W")
    func entryPatternRow() throws {
        let document = try Document.parse(markdown: "$$\\mathbf{W} = (W_{ij}), \\qquad z = w x$$\n", fileName: "w.md", dialect: .general)
        #expect(document.modelEquations.map(\.symbol.latex) == ["z"])
    }
}

@Suite("The row's '=' is outside groups")
struct TopLevelEqualsTests {
    @Test("An operator applied to an expression with a bounded sum: the '=' of the sum's bound is not the row's")
    func sumInLeftHandSide() throws {
        let document = try Document.parse(markdown: """
            $$l = \\log \\sum_{k=1}^{3} \\exp(o_k)$$

            $$\\frac{\\partial}{\\partial o_1} \\log \\sum_{k=1}^{3} \\exp(o_k) = \\frac{\\exp(o_1)}{\\sum_{k=1}^{3} \\exp(o_k)}$$
            """, fileName: "sum.md", dialect: .general)
        let claim = try #require(document.tableRows.first)
        #expect(claim.parameter == Symbol(spelling: "o_{1}"))
        #expect(claim.differentiatedExpression != nil)
    }
}

@Suite("Frobenius norm")
struct FrobeniusNormTests {
    @Test("\\|A\\|_F and \\|A\\|_{F} are the norm of all entries; another subscript is refused")
    func frobenius() throws {
        for latex in [#"\|A - B\|_F^2"#, #"\|A - B\|_{F}^2"#] {
            let e = try Expression.parse(latex, dialect: .general)
            #expect(e == .power(.norm(.difference(.symbol(Symbol(spelling: "A")), .symbol(Symbol(spelling: "B"))), .frobenius), 2))
        }
        #expect(throws: NotationError.self) { try Expression.parse(#"\|A - B\|_G^2"#, dialect: .general) }
    }
}
