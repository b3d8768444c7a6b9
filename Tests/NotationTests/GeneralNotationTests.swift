import Testing
@testable import Notation

/// The general notation as people write it (docs/notation.md, "The general notation";
/// /work/shared/notes/latex-in-the-wild.md): each idiom is read into the tree it means, and every
/// right-hand side renders to LaTeX that reads back to the same tree.
@Suite("General notation idioms")
struct GeneralNotationTests {
    static func read(_ markdown: String) throws -> Document {
        let document = try Document.parse(markdown: markdown, fileName: "idiom.md", dialect: .general)
        for row in document.rows {
            let again = try Expression.parse(row.rhs.latex, dialect: .general, functions: document.appliedFunctions)
            #expect(again == row.rhs, "round trip of \(row.rhs.latex)")
        }
        return document
    }

    static func rhs(_ latex: String) throws -> Expression {
        try #require(try read("$$q = \(latex)$$").modelEquations.first).rhs
    }

    static func symbol(_ spelling: String) -> Expression { .symbol(Symbol(spelling: spelling)) }

    @Test("Display math in every delimiter people use", arguments: [
        "\\[ z = w x \\]",
        "\\begin{align} z &= w x \\end{align}",
        "\\begin{align*} z &= w x \\end{align*}",
        "\\begin{equation} z = w x \\tag{1} \\label{eq:z} \\end{equation}",
        "\\begin{equation}\\begin{aligned} z &= w x \\end{aligned}\\end{equation}",
        "\\begin{gather} z = w x \\end{gather}",
        "```math\nz = w x\n```",
        "$$ z = w x, $$",
        "$$ z = w x. $$",
    ])
    func delimiters(_ text: String) throws {
        let document = try Self.read("Prose.\n\n" + text + "\n\nMore prose.\n")
        #expect(document.modelEquations.map(\.symbol) == [Symbol(spelling: "z")])
        #expect(document.modelEquations.first?.rhs == .product(Self.symbol("w"), Self.symbol("x")))
    }

    @Test("Inline math: a derivative is a claim, a definition is offered to the model, the rest is prose")
    func inlineClaims() throws {
        let document = try Self.read("""
            Here $z = w x$ and $x$ is the input; we find $\\frac{\\partial z}{\\partial w} = x$ and $\\partial z / \\partial x = w$.

            $$z = w x$$
            """)
        #expect(document.modelEquations.count == 1)
        #expect(document.tableRows.map(\.parameter.latex) == ["w", "x"])
        #expect(document.blocks.filter(\.isInline).count == 3)
        #expect(document.inlineModelEquations.map(\.symbol.latex) == ["z"])
    }

    @Test("An escaped bracket without '=' is prose, not display math")
    func escapedBrackets() throws {
        let document = try Self.read("See \\[1\\] and \\[2\\].\n\n$$z = w x$$\n")
        #expect(document.blocks.count == 1)
    }

    @Test("Several equations on one aligned row, in columns or separated by commas")
    func severalEquationsPerRow() throws {
        let columns = try Self.read("$$\\begin{aligned} z &= w x + b & h &= \\sigma(z) \\\\ L &= h \\end{aligned}$$")
        #expect(columns.modelEquations.map(\.symbol.latex) == ["z", "h", "L"])
        let commas = try Self.read("$$ z = w x, \\qquad h = \\tanh z; \\quad L = h $$")
        #expect(commas.modelEquations.map(\.symbol.latex) == ["z", "h", "L"])
        let claims = try Self.read("$$\\frac{\\partial L}{\\partial w} &= x & \\frac{\\partial L}{\\partial b} &= 1$$")
        #expect(claims.tableRows.map(\.parameter.latex) == ["w", "b"])
    }

    @Test("a = b = c: one left-hand side, two right-hand sides; an annotation after \\quad \\text{…}")
    func chainedEquality() throws {
        let document = try Self.read(
            "$$\\frac{\\partial L}{\\partial w} = \\frac{\\partial L}{\\partial z} \\frac{\\partial z}{\\partial w} = \\delta x \\quad \\text{(chain rule)}$$")
        let chain = try #require(document.chains.first)
        #expect(chain.steps.count == 2)
        #expect(chain.steps[0].rhs == .product(.derivative(Self.symbol("L"), by: Symbol(spelling: "z")),
                                               .derivative(Self.symbol("z"), by: Symbol(spelling: "w"))))
        #expect(chain.steps[1].annotation == "(chain rule)")
    }

    @Test("Leibniz's d on the left-hand side: \\frac{dL}{dw} and \\frac{d}{dw} L")
    func leibniz() throws {
        let document = try Self.read("$$\\frac{dL}{dw} = x, \\quad \\frac{\\mathrm{d}}{\\mathrm{d} b} L = 1$$")
        #expect(document.tableRows.map(\.differentiated.latex) == ["L", "L"])
        #expect(document.tableRows.map(\.parameter.latex) == ["w", "b"])
    }

    @Test("Function rows: definitions and identities of one bound variable")
    func functionRows() throws {
        let document = try Self.read("""
            Let $\\phi(u) = \\tanh(u)$ and note $\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$.

            $$\\alpha(v) = \\ln(1 + e^{v}), \\qquad \\operatorname{ReLU}(s) = \\max(0, s)$$
            """)
        #expect(document.functionRows.map(\.lhs.latex) == ["\\phi(u)", "\\sigma'(z)", "\\alpha(v)", "\\operatorname{ReLU}(s)"])
        #expect(document.modelEquations.isEmpty)
        #expect(document.functionRows.allSatisfy { $0.row.lhsSymbols.isEmpty })
    }

    @Test("Sizes stay with their delimiters in the row's LaTeX")
    func sizedDelimiters() throws {
        let document = try Self.read("$$\\frac{\\partial E}{\\partial v} = \\Big( o - y \\Big) h$$")
        #expect(document.tableRows.first?.row.rhsLaTeX == "\\Big( o - y \\Big) h")
    }

    @Test("A symbol named after a derivative: δ = ∂L/∂z = … claims ∂L/∂z")
    func namedDerivative() throws {
        let document = try Self.read("$$\\delta_{2} = \\frac{\\partial L}{\\partial z_{2}} = (\\hat{y} - y) \\sigma'(z_{2})$$")
        #expect(document.modelEquations.map(\.symbol.latex) == ["\\delta_{2}"])
        let row = try #require(document.tableRows.first)
        #expect(row.differentiated.latex == "L")
        #expect(row.parameter.latex == "z_{2}")
    }

    @Test("Right-hand-side idioms and the trees they mean", arguments: [
        ("e^{-z}", Expression.call(NotationFunction(spelling: NotationFunction.eulerPower, meaning: .exp), .negation(symbol("z")))),
        ("e^{2}", .power(symbol("e"), 2)),
        ("x^{-1}", .power(symbol("x"), -1)),
        ("\\big(a + b\\big) c", .product(.sum(symbol("a"), symbol("b")), symbol("c"))),
        ("\\partial L / \\partial w", .derivative(symbol("L"), by: Symbol(spelling: "w"))),
        ("\\frac{\\partial}{\\partial w} (w x)", .derivative(.product(symbol("w"), symbol("x")), by: Symbol(spelling: "w"))),
        ("\\frac{dL}{dw}", .derivative(symbol("L"), by: Symbol(spelling: "w"))),
        ("\\frac{\\mathrm{d} L}{\\mathrm{d} w}", .derivative(symbol("L"), by: Symbol(spelling: "w"))),
        ("{\\partial L}/{\\partial w}", .derivative(symbol("L"), by: Symbol(spelling: "w"))),
        ("\\frac{d_{1}}{d_{2}}", .quotient(symbol("d_{1}"), symbol("d_{2}"))),
        ("\\frac{\\partial}{\\partial w} \\tfrac12 (y - x)^2",
         .derivative(.product(.quotient(.number("1"), .number("2")), .power(.difference(symbol("y"), symbol("x")), 2)),
                     by: Symbol(spelling: "w"))),
        // A bare ∂ covers the product after it, as the operator does (a '+' or a '/' ends it).
        ("\\partial \\frac{1}{2} (y - x)^{2}",
         .partial(.product(.quotient(.number("1"), .number("2")), .power(.difference(symbol("y"), symbol("x")), 2)))),
        ("\\partial a \\cdot b + c", .sum(.partial(.product(symbol("a"), symbol("b"))), symbol("c"))),
        ("a \\partial b", .product(symbol("a"), .partial(symbol("b")))),
        ("\\partial z / \\partial w", .derivative(symbol("z"), by: Symbol(spelling: "w"))),
        ("\\sqrt{x}", .call(NotationFunction(spelling: "\\sqrt", meaning: .sqrt), symbol("x"))),
        ("\\max(0, z)", .call(NotationFunction(spelling: "\\operatorname{ReLU}", meaning: .activation(.relu)), symbol("z"))),
        ("\\operatorname{GELU}(z)", .call(NotationFunction(spelling: "\\operatorname{GELU}", meaning: .unknown), symbol("z"))),
        ("\\sum_{k=1}^{2} w_{k} x_k", .sum(.product(symbol("w_{1}"), symbol("x_{1}")), .product(symbol("w_{2}"), symbol("x_{2}")))),
        ("\\sum_{k} w_{k}", .call(NotationFunction(spelling: "\\sum_{k}", meaning: .unknown), symbol("w_{k}"))),
        ("w (x + b)", .product(symbol("w"), .sum(symbol("x"), symbol("b")))),
        ("\\mathbb{1}[z > 0]", .call(NotationFunction(spelling: "\\operatorname{ReLU}", meaning: .activation(.relu), isDerivative: true), symbol("z"))),
        ("\\mathbb{1}_{\\{z \\geq 0\\}}", .call(NotationFunction(spelling: "\\operatorname{ReLU}", meaning: .activation(.relu), isDerivative: true), symbol("z"))),
        ("\\mathbf{1}\\{0 < z\\}", .call(NotationFunction(spelling: "\\operatorname{ReLU}", meaning: .activation(.relu), isDerivative: true), symbol("z"))),
        ("\\phi'(z)", .call(NotationFunction(spelling: "\\phi", meaning: .generic, isDerivative: true), symbol("z"))),
    ])
    func idiom(_ latex: String, _ expected: Expression) throws {
        #expect(try Self.rhs(latex) == expected)
    }

    @Test("Renderings that would read back differently are written apart", arguments: [
        "(o - y)\\, v\\, ( g) (1 - h^{2})",       // found by the fuzzer: g (…) reads back as a call
        "\\frac{(\\partial L)}{\\partial w}",     // ∂L over ∂w, not the derivative
        "\\frac{(d)}{d \\cdot w}",
        "( d) x",
        "( f) (x)",
        "(\\frac{\\partial}{\\partial w} a) b",
        "c \\frac{\\partial}{\\partial w} a b",
        "(\\partial a) b",                        // ∂ before a factor that is not its operand
        "c \\partial a b",
    ])
    func roundTripSeparators(_ latex: String) throws {
        let once = try Expression.parse(latex, dialect: .general)
        #expect(try Expression.parse(once.latex, dialect: .general) == once, "\(once.latex)")
    }

    @Test("A symbol only ever applied is the generic activation; one also used alone multiplies")
    func appliedSymbols() throws {
        let function = try Self.read("$$h = \\phi(z)$$\n$$\\frac{\\partial h}{\\partial z} = \\phi'(z)$$")
        #expect(function.appliedFunctions == [Symbol(spelling: "\\phi")])
        #expect(function.modelEquations.first?.rhs == .call(NotationFunction(spelling: "\\phi", meaning: .generic), Self.symbol("z")))
        let product = try Self.read("$$h = \\phi(z)$$\n$$\\frac{\\partial h}{\\partial \\phi} = z$$")
        #expect(product.appliedFunctions.isEmpty)
        #expect(product.modelEquations.first?.rhs == .product(Self.symbol("\\phi"), Self.symbol("z")))
    }

    @Test("A sum's index is no symbol of the document")
    func sumIndex() throws {
        let document = try Self.read("$$z = \\sum_{k=1}^{3} k w_{k}$$")
        #expect(document.rows[0].rhsSymbols.map(\.symbol.latex) == ["w_{1}", "w_{2}", "w_{3}"])
        let open = try Self.read("$$z = \\sum_{k} w_{k} + b$$")
        #expect(open.rows[0].rhsSymbols.map(\.symbol.latex) == ["b"])
    }

    @Test("The parameters line declares parameters", arguments: [
        "Parameters: $w_{1,1}, w_{2}, b$.",
        "**Parameters:** $w_{1,1}$, $w_{2}$ and $b$",
        "The parameters are $w_{1,1}$, $w_{2}$ and $b$.",
        // The list ends with its sentence.
        "The parameters are $w_{1,1}$, $w_{2}$ and $b$. The target is $t = (t_1, t_2)$.",
        "The parameters are $w_{1,1}$, $w_{2}$ and $b$! Later, $t = (t_1, t_2)$.",
        "The parameters are $w_{1,1}$, $w_{2}$ and $b$.\nOn top, $t = (t_1, t_2)$.",
        // A named set lists its members; a parenthetical remark is no parameter.
        "The parameters are $\\boldsymbol{\\theta} = \\{w_{1,1}, w_{2}, b\\}$ with $b \\in \\mathbb{R}$.",
        "Parameters: $w_{1,1}$ (a $1 \\times 1$ array, see $(3)$), $w_{2}$, $b$. Below, $1$ if $m = k$.",
    ])
    func parametersLine(_ line: String) throws {
        let document = try Self.read(line + "\n\n$$z = w_{1,1} x + w_{2} + b$$\n")
        #expect(document.declaredParameters.map(\.symbol.latex) == ["w_{1,1}", "w_{2}", "b"])
    }

    @Test("A function of several arguments between two '=' names the value; the chain reads on", arguments: [
        ("$$J = L(\\hat{y}, y) = (\\hat{y} - y)^2$$", ["(\\hat{y} - y)^{2}"]),
        ("$$J = \\mathcal{L}(w, b) = w^2 + b$$", ["w^{2} + b"]),
        ("$$J = \\max(0, z) = z$$", ["\\operatorname{ReLU}(z)", "z"]),
        ("$$J = w (a + b) = w a + w b$$", ["w (a + b)", "w a + w b"]),
    ])
    func namingCall(_ text: String, _ rhs: [String]) throws {
        let document = try Self.read(text + "\n")
        #expect(document.rows.map(\.rhs.latex) == rhs)
    }

    /// The reader takes the call as the value L at these arguments; the model then reads it only where L is
    /// defined with exactly them (`DocumentModel.requireValueCallsAsDefined`, tested in GeneralDocumentTests).
    @Test("A function of several arguments as the last right-hand side is read as a value call at its arguments")
    func namingCallLast() throws {
        let document = try Self.read("$$J = L(\\hat{y}, y)$$\n")
        #expect(document.rows.map(\.rhs.latex) == ["L"])
        #expect(document.rows.first?.valueCalls.map(\.arguments) == [["\\hat{y}", "y"]])
    }

    @Test("A parameters line that lists something else is a located error")
    func parametersLineError() throws {
        #expect(throws: NotationError.self) { try Self.read("Parameters: $w + b$\n\n$$z = w + b$$\n") }
        do {
            _ = try Self.read("Parameters: $w, 2$\n\n$$z = w$$\n")
            Issue.record("no error")
        } catch let error as NotationError {
            #expect(error.location.line == 1 && error.location.column == 17, "\(error)")
        }
    }

    @Test("Unclosed display math is located at its opener", arguments: [
        ("text\n\\[ z = w x\n", 2, 1),
        ("text \\begin{align} z &= w x\n", 1, 6),
        ("```math\nz = w x\n", 1, 1),
    ])
    func unterminated(_ text: String, _ line: Int, _ column: Int) throws {
        do {
            _ = try Self.read(text)
            Issue.record("no error for \(text)")
        } catch let error as NotationError {
            #expect(error.kind == .unterminatedDisplayMath)
            #expect(error.location.line == line && error.location.column == column, "\(error)")
        }
    }
}
