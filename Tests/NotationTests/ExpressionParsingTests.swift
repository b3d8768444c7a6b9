import Testing
import Notation

/// One supported construct: LaTeX and the tree it must read as.
struct ConstructCase: CustomTestStringConvertible, Sendable {
    let latex: String
    let expected: Expression
    var testDescription: String { latex }
    init(_ latex: String, _ expected: Expression) {
        self.latex = latex
        self.expected = expected
    }
}

@Suite("Expressions")
struct ExpressionParsingTests {
    static let a = sym("x10"), b = sym("x11"), c = sym("x20")

    static let symbolsCases: [ConstructCase] = [
        ConstructCase("x_{10}", sym("x10")),
        ConstructCase("x_1", .symbol(Symbol(.x, index: "1"))),
        ConstructCase("x_{00}", sym("x00")),
        ConstructCase("z_{20}", sym("z20")),
        ConstructCase("w_{10}", sym("w10")),
        ConstructCase("b_{11}", sym("b11")),
        ConstructCase("y", .symbol(.y)),
        ConstructCase("w_{20}^{[0]}", sym("w20[0]")),
        ConstructCase("b_{20}^{[1]}", sym("b20[1]")),
        ConstructCase("w^{[1]}_{20}", sym("w20[1]")),
        ConstructCase("w_{20}^{ [ 12 ] }", .symbol(Symbol(.w, index: "20", superscript: 12))),
        ConstructCase("\\mathbf{x}_1", .vector(Symbol(.x, index: "1"))),
        ConstructCase("\\mathbf{w}_{20}", vec("w20")),
        ConstructCase("\\boldsymbol{b}_{20}", vec("b20")),
        ConstructCase("\\mathbf{y}", .vector(.y)),
    ]

    static let numbersCases: [ConstructCase] = [
        ConstructCase("0", num("0")),
        ConstructCase("12", num("12")),
        ConstructCase("0.5", num("0.5")),
        ConstructCase("007.250", num("007.250")),
    ]

    static let operatorsCases: [ConstructCase] = [
        ConstructCase("x_{10} + x_{11}", .sum(a, b)),
        ConstructCase("x_{10} - x_{11}", .difference(a, b)),
        ConstructCase("x_{10} x_{11}", .product(a, b)),
        ConstructCase("x_{10}x_{11}", .product(a, b)),
        ConstructCase("x_{10} \\cdot x_{11}", .product(a, b)),
        ConstructCase("x_{10} \\times x_{11}", .product(a, b)),
        ConstructCase("-x_{10}", .negation(a)),
        ConstructCase("x_{10} + x_{11} + x_{20}", .sum(.sum(a, b), c)),
        ConstructCase("x_{10} - x_{11} + x_{20}", .sum(.difference(a, b), c)),
        ConstructCase("x_{10} + x_{11} x_{20}", .sum(a, .product(b, c))),
        ConstructCase("x_{10} x_{11} + x_{20}", .sum(.product(a, b), c)),
        ConstructCase("x_{10} \\cdot x_{11} x_{20}", .product(.product(a, b), c)),
        ConstructCase("-x_{10} x_{11}", .negation(.product(a, b))),
        ConstructCase("-x_{10} + x_{11}", .sum(.negation(a), b)),
        ConstructCase("x_{10} - -x_{11}", .difference(a, .negation(b))),
        ConstructCase("2 x_{10}", .product(num("2"), a)),
        ConstructCase("x_12", .product(.symbol(Symbol(.x, index: "1")), num("2"))),
        ConstructCase("w_{10}x_{00} + b_{10}", .sum(.product(sym("w10"), sym("x00")), sym("b10"))),
    ]

    static let groupsCases: [ConstructCase] = [
        ConstructCase("(x_{10} + x_{11}) x_{20}", .product(.sum(a, b), c)),
        ConstructCase("x_{10} (x_{11} + x_{20})", .product(a, .sum(b, c))),
        ConstructCase("x_{10} + (x_{11} + x_{20})", .sum(a, .sum(b, c))),
        ConstructCase("\\left( x_{10} + x_{11} \\right) x_{20}", .product(.sum(a, b), c)),
        ConstructCase("\\{ x_{10} + x_{11} \\} x_{20}", .product(.sum(a, b), c)),
        ConstructCase("\\left\\{ x_{10} + x_{11} \\right\\} x_{20}", .product(.sum(a, b), c)),
        ConstructCase("\\left\\lbrace x_{10} \\right\\rbrace", a),
        ConstructCase("{x_{10} + x_{11}} x_{20}", .product(.sum(a, b), c)),
        ConstructCase("-(x_{10} + x_{11})", .negation(.sum(a, b))),
        ConstructCase("((x_{10}))", a),
    ]

    static let spacingCases: [ConstructCase] = [
        ConstructCase("x_{10}\\,x_{11}", .product(a, b)),
        ConstructCase("x_{10}\\;x_{11}", .product(a, b)),
        ConstructCase("x_{10}\\!x_{11}", .product(a, b)),
        ConstructCase("x_{10}\\:x_{11}", .product(a, b)),
        ConstructCase("x_{10}\\ x_{11}", .product(a, b)),
        ConstructCase("x_{10} \\quad + \\qquad x_{11}", .sum(a, b)),
        ConstructCase("x_{10}~x_{11}", .product(a, b)),
        ConstructCase("x_{10} % a comment\n + x_{11}", .sum(a, b)),
        ConstructCase("\\displaystyle x_{10}", a),
        ConstructCase("x_{10}\u{A0}+ x_{11}", .sum(a, b)),
    ]

    static let activationsCases: [ConstructCase] = [
        ConstructCase("\\alpha(z_{10})", .activation(sym("z10"))),
        ConstructCase("\\alpha'(z_{10})", .activationDerivative(sym("z10"))),
        ConstructCase("\\alpha^\\prime(z_{10})", .activationDerivative(sym("z10"))),
        ConstructCase("\\alpha^{\\prime}(z_{10})", .activationDerivative(sym("z10"))),
        ConstructCase("\\alpha\\left(z_{10}\\right)", .activation(sym("z10"))),
        ConstructCase("\\alpha'\\left( z_{10} \\right)", .activationDerivative(sym("z10"))),
        ConstructCase("\\alpha(w_{10} x_{00} + b_{10})",
                      .activation(.sum(.product(sym("w10"), sym("x00")), sym("b10")))),
        ConstructCase("\\alpha'(z_{20}) \\cdot x_{10}", .product(.activationDerivative(sym("z20")), a)),
    ]

    static let partialsCases: [ConstructCase] = [
        ConstructCase("\\partial x_{20}", .partial(c)),
        ConstructCase("\\partial w_{10}", .partial(sym("w10"))),
        ConstructCase("\\partial \\alpha(z_{20})", .partial(.activation(sym("z20")))),
        ConstructCase("\\partial (w_{10} x_{00} + b_{10})",
                      .partial(.sum(.product(sym("w10"), sym("x00")), sym("b10")))),
        ConstructCase("\\partial \\left\\{ x_{10} + x_{11} \\right\\}", .partial(.sum(a, b))),
        ConstructCase("x_{00} \\partial w_{10}", .product(sym("x00"), .partial(sym("w10")))),
        // The bare ∂ covers the whole product after it, as the ∂/∂w operator does.
        ConstructCase("\\partial x_{10} x_{11}", .partial(.product(a, b))),
        ConstructCase("\\partial \\partial x_{10}", .partial(.partial(a))),
        ConstructCase("-\\partial x_{10}", .negation(.partial(a))),
    ]

    static let vectorsCases: [ConstructCase] = [
        ConstructCase("\\mathbf{w}_{20}^\\top \\mathbf{x}_1 + \\mathbf{b}_{20}",
                      .sum(.product(.transpose(vec("w20")), .vector(Symbol(.x, index: "1"))), vec("b20"))),
        ConstructCase("x_{10}^\\top", .transpose(a)),
        ConstructCase("x_{10}^{\\top}", .transpose(a)),
        ConstructCase("x_{10}^T", .transpose(a)),
        ConstructCase("x_{10}^\\intercal", .transpose(a)),
        ConstructCase("(x_{10} + x_{11})^\\top", .transpose(.sum(a, b))),
        ConstructCase("\\partial x_{10}^\\top", .partial(.transpose(a))),
    ]

    @Test("symbols", arguments: symbolsCases)
    func symbols(_ construct: ConstructCase) throws {
        #expect(try Expression.parse(construct.latex) == construct.expected)
    }

    @Test("numbers", arguments: numbersCases)
    func numbers(_ construct: ConstructCase) throws {
        #expect(try Expression.parse(construct.latex) == construct.expected)
    }

    @Test("operators and precedence", arguments: operatorsCases)
    func operators(_ construct: ConstructCase) throws {
        #expect(try Expression.parse(construct.latex) == construct.expected)
    }

    @Test("groups", arguments: groupsCases)
    func groups(_ construct: ConstructCase) throws {
        #expect(try Expression.parse(construct.latex) == construct.expected)
    }

    @Test("spacing and comments", arguments: spacingCases)
    func spacing(_ construct: ConstructCase) throws {
        #expect(try Expression.parse(construct.latex) == construct.expected)
    }

    @Test("activations", arguments: activationsCases)
    func activations(_ construct: ConstructCase) throws {
        #expect(try Expression.parse(construct.latex) == construct.expected)
    }

    @Test("the partial operator", arguments: partialsCases)
    func partials(_ construct: ConstructCase) throws {
        #expect(try Expression.parse(construct.latex) == construct.expected)
    }

    @Test("vector notation", arguments: vectorsCases)
    func vectors(_ construct: ConstructCase) throws {
        #expect(try Expression.parse(construct.latex) == construct.expected)
    }

    @Test("canonical symbol names")
    func canonicalNames() {
        #expect(Symbol(.w, index: "20", superscript: 0).name == "w20[0]")
        #expect(Symbol(.x, index: "10").name == "x10")
        #expect(Symbol.y.name == "y")
        #expect(Symbol(name: "w20[0]") == Symbol(.w, index: "20", superscript: 0))
        #expect(Symbol(name: "q3") == nil)
        #expect(Symbol(name: "x") == nil)
        #expect(Symbol(name: "y1") == nil)
    }

    @Test("the source map points at every node")
    func sourceMap() throws {
        let (expression, map) = try Expression.parseWithSourceMap("\\alpha'(z_{20}) \\cdot (x_{10} + w_{20}^{[0]})")
        #expect(expression == .product(.activationDerivative(sym("z20")), .sum(sym("x10"), sym("w20[0]"))))
        #expect(map.range.start.column == 1)
        #expect(map.location(of: [0])?.column == 1)
        #expect(map.location(of: [0, 0])?.column == 8)  // the argument, from its '('
        #expect(map.location(of: [1])?.column == 23)  // the group, from its '('
        #expect(map.location(of: [1, 1])?.column == 33)
        #expect(map[[1, 1]]?.range.end.column == 45)
        #expect(map[[2]] == nil)
    }
}
