import Testing
import Notation

@Suite("The seed document")
struct SeedDocumentTests {
    let document: Document

    init() throws {
        document = try Document.parse(markdown: try Fixtures.seedDocumentText(), fileName: Fixtures.seedDocumentName)
    }

    @Test("six display blocks, classified")
    func blocks() {
        #expect(document.format == .markdown)
        #expect(document.blocks.map(\.kind) == [
            .modelEquations, .modelEquations, .modelEquations, .derivationChain, .derivationChain, .summaryTable,
        ])
        #expect(document.blocks.map(\.location.line) == [18, 22, 26, 34, 50, 66])
        #expect(document.blocks.map(\.environment) == ["aligned", "aligned", nil, "aligned", "aligned", "aligned"])
        #expect(document.blocks[2].latex == "y = x_{20}")
    }

    @Test("headings are found, inline math is ignored")
    func headings() {
        #expect(document.headings.map(\.text) == [
            "1 The Model", "2 Back-prop equations", "2.1 Partial derivative w.r.t w_{10}",
            "2.2 Partial derivative w.r.t w_{11}", "2.3 Other partial derivatives", "3 Efficient back-prop",
        ])
        #expect(document.headings.map(\.location.line) == [12, 28, 30, 46, 62, 77])
    }

    @Test("model equations of section 1, vector notation included")
    func model() {
        let model = document.modelEquations
        #expect(model.map(\.symbol.name) == ["z10", "x10", "z11", "x11", "z20", "z20", "x20", "y"])
        #expect(model[0].rhs == .sum(.product(sym("w10"), sym("x00")), sym("b10")))
        #expect(model[1].rhs == .activation(sym("z10")))
        #expect(model[4].rhs == .sum(.product(.transpose(vec("w20")), .vector(Symbol(.x, index: "1"))), vec("b20")))
        #expect(model[4].rhs.usesVectorNotation)
        #expect(model[5].rhs == .sum(.sum(.product(sym("w20[0]"), sym("x10")), sym("b20[0]")),
                                     .sum(.product(sym("w20[1]"), sym("x11")), sym("b20[1]"))))
        #expect(model[7].rhs == sym("x20"))
        #expect(model.allSatisfy { document.blocks[$0.blockIndex].heading?.text == "1 The Model" })
        #expect(model[0].row.rhsLaTeX == "w_{10}x_{00} + b_{10}")
        #expect(model[0].row.location == DocumentLocation(file: Fixtures.seedDocumentName, line: 18, column: 19))
    }

    @Test("two chains of nine steps, with their declarations and headings", arguments: [(0, "w10", "2.1", 35), (1, "w11", "2.2", 51)])
    func chain(index: Int, parameter: String, section: String, line: Int) throws {
        try #require(document.chains.count == 2)
        let chain = document.chains[index]
        #expect(chain.parameter == symbolNamed(parameter))
        #expect(chain.operatorParameter == symbolNamed(parameter))
        #expect(chain.declaration?.parameter == symbolNamed(parameter))
        #expect(chain.declaration?.location.line == line - 3)
        #expect(chain.declaration?.location.column == 33)  // after "Using ∂ to denote the operator $"
        #expect(chain.heading?.text.hasPrefix(section) == true)
        #expect(chain.differentiated == .y)
        #expect(chain.steps.count == 9)
        #expect(chain.steps.map(\.location.line) == Array(line..<line + 9))
        #expect(chain.steps[0].rhs == .partial(sym("x20")))
        #expect(chain.steps[0].rhsLaTeX == "\\partial x_{20}")
        #expect(chain.steps[0].lhs == .derivative(of: .y, withRespectTo: symbolNamed(parameter)))
        #expect(chain.steps.dropFirst().allSatisfy { $0.isContinuation })
        #expect(chain.steps[1].rhsLocation.column == 4)
        #expect(chain.location?.line == line)
    }

    @Test("the document's mistakes are kept: step 4 writes w_{20}^{[1]} x_{10}")
    func stepFourMistake() throws {
        for chain in document.chains {
            let step = chain.steps[3]
            let written = Expression.sum(.sum(.product(sym("w20[0]"), sym("x10")), sym("b20[0]")),
                                         .sum(.product(sym("w20[1]"), sym("x10")), sym("b20[1]")))
            #expect(step.rhs == .product(.activationDerivative(sym("z20")), .partial(written)))
            #expect(step.rhsLaTeX.contains("(w_{20}^{[1]} x_{10} + b_{20}^{[1]})"))
        }
    }

    @Test("the last steps", arguments: [
        (0, "\\alpha'(z_{20}) \\cdot w_{20}^{[0]} \\alpha'(z_{10}) x_{00}"),
        (1, "\\alpha'(z_{20}) \\cdot w_{20}^{[1]} \\alpha'(z_{11}) x_{01}"),
    ])
    func lastStep(index: Int, latex: String) throws {
        let step = try #require(document.chains[index].steps.last)
        #expect(step.rhsLaTeX == latex)
        #expect(step.rhs.latex == latex)
    }

    @Test("the summary table: eight rows, annotations kept, the w10 row's mistake kept")
    func table() throws {
        let rows = document.tableRows
        #expect(rows.map(\.parameter.name) == ["b20[0]", "b20[1]", "w20[0]", "w20[1]", "b10", "w10", "b11", "w11"])
        #expect(rows.map(\.annotation) == [nil, nil, nil, nil, nil, "(derived in 2.1)", nil, "(derived in 2.2)"])
        #expect(rows.allSatisfy { $0.differentiated == .y && $0.heading?.text == "2.3 Other partial derivatives" })
        #expect(rows[5].rhs == .product(.product(.product(.activationDerivative(sym("z20")), sym("w20[1]")),
                                                 .activationDerivative(sym("z10"))), sym("x00")))
        #expect(rows[5].row.rhsLaTeX == "\\alpha'(z_{20}) \\cdot w_{20}^{[1]} \\alpha'(z_{10}) x_{00}")
        #expect(rows[5].row.location.line == 72)
        #expect(rows[0].row.latex == "\\frac{\\partial}{\\partial b_{20}^{[0]}} y &= \\alpha'(z_{20})")
    }

    @Test("every row is accounted for")
    func nothingSkipped() {
        let total = document.modelEquations.count + document.chains.map(\.steps.count).reduce(0, +)
            + document.tableRows.count
        #expect(total == document.rows.count)
        #expect(total == 8 + 18 + 8)
    }
}

@Suite("Documents")
struct DocumentTests {
    @Test("inline math in prose is not read as equations")
    func inlineMath() throws {
        let document = try Document.parse(markdown: "Each unit computes $z = wx + b$ and $\\alpha(\\cdot)$.\n")
        #expect(document.blocks.isEmpty)
    }

    @Test("a display block may share its lines with prose")
    func displayInProse() throws {
        let document = try Document.parse(markdown: "Here: $$y = x_{20}$$ and then\n$$z_{10} = \nw_{10}$$ done.")
        #expect(document.modelEquations.map(\.symbol.name) == ["y", "z10"])
        #expect(document.blocks[1].location.line == 2)
        #expect(document.modelEquations[1].row.rhsLocation == DocumentLocation(file: "<input>", line: 3, column: 1))
    }

    @Test("code fences, code spans and escaped dollars hide display math")
    func code() throws {
        let text = "```\n$$ not math\n```\nPrice: \\$$5 and `$$` here.\n$$y = x_{20}$$\n"
        let document = try Document.parse(markdown: text)
        #expect(document.blocks.count == 1)
        #expect(document.blocks[0].location.line == 5)
    }

    @Test("Markdown # headings and row forms")
    func rowForms() throws {
        let text = """
        # 4 Extra

        Using ∂ to denote the operator $\\frac{\\partial}{\\partial b_{10}}$:

        $$
        \\frac{\\partial y}{\\partial b_{10}} = \\partial x_{20} \\\\
          = \\alpha'(z_{20}) \\\\[2pt]
        \\frac{\\partial}{\\partial w_{10}} y &= 0 \\\\
        \\frac{\\partial}{\\partial w_{11}} y = &1 && \\text{note} \\quad \\text{two}
        \\\\
        $$
        """
        let document = try Document.parse(markdown: text)
        #expect(document.headings.map(\.text) == ["4 Extra"])
        #expect(document.blocks.map(\.kind) == [.mixed])
        #expect(document.chains.count == 1)
        #expect(document.chains.first?.parameter == symbolNamed("b10"))
        #expect(document.chains.first?.declaration?.parameter == symbolNamed("b10"))
        #expect(document.chains.first?.steps.count == 2)
        #expect(document.tableRows.map(\.parameter.name) == ["w10", "w11"])
        #expect(document.tableRows.last?.annotation == "note two")
        #expect(document.tableRows.last?.rhs == num("1"))
    }

    @Test("block classification", arguments: [
        ("$$ z_{10} &= w_{10} \\\\ &= b_{10} $$", Block.Kind.modelEquations),
        ("$$ \\frac{\\partial}{\\partial w_{10}} y &= 1 $$", .summaryTable),
        ("$$ \\frac{\\partial}{\\partial w_{10}} y &= 1 \\\\ &= 2 $$", .derivationChain),
        ("$$ \\frac{\\partial}{\\partial w_{10}} y &= 1 \\\\ z_{10} &= 2 $$", .mixed),
    ])
    func classification(text: String, kind: Block.Kind) throws {
        #expect(try Document.parse(markdown: text).blocks.map(\.kind) == [kind])
    }

    @Test("a declaration holds for its section only")
    func declarationScope() throws {
        let text = """
        1 First
        Using ∂ to denote the operator $\\frac{\\partial}{\\partial w_{10}}$:
        $$\\frac{\\partial}{\\partial w_{10}} y &= 1 \\\\ &= 1$$
        2 Second
        $$\\frac{\\partial}{\\partial w_{11}} y &= 1 \\\\ &= 1$$
        """
        let document = try Document.parse(markdown: text)
        #expect(document.chains.map(\.declaration?.parameter) == [symbolNamed("w10"), nil])
        #expect(document.chains.map(\.heading?.text) == ["1 First", "2 Second"])
        #expect(document.chains[1].operatorParameter == symbolNamed("w11"))
    }

    @Test(".tex directives, environments and paragraphs")
    func texDirectives() throws {
        let text = """
        % section: 9 Test
        % with respect to: \\frac{\\partial}{\\partial b_{10}}
        \\begin{aligned}
        \\frac{\\partial}{\\partial w_{10}} y &= 1 \\\\ &= 2 % a comment
        \\end{aligned}

        y = x_{20} \\\\
        z_{10} = 1
        """
        let document = try Document.parse(tex: text, fileName: "t.tex")
        #expect(document.blocks.map(\.kind) == [.derivationChain, .modelEquations])
        #expect(document.blocks.map(\.location.line) == [3, 7])
        let chain = try #require(document.chains.first)
        #expect(chain.parameter == symbolNamed("w10"))
        #expect(chain.operatorParameter == symbolNamed("b10"))  // the declaration wins for \partial
        #expect(chain.declaration?.location == DocumentLocation(file: "t.tex", line: 2, column: 20))
        #expect(chain.heading?.text == "9 Test")
        #expect(document.modelEquations.map(\.row.location.line) == [7, 8])
    }

    @Test("Document.parse picks the format from the file name")
    func formatByName() throws {
        #expect(try Document.parse("y = x_{20}", fileName: "a.tex").format == .tex)
        #expect(try Document.parse("$$y = x_{20}$$", fileName: "a.md").format == .markdown)
    }

    @Test("reading a missing file is a located error")
    func missingFile() {
        #expect(throws: NotationError.self) { try Document.read(contentsOfFile: "/nonexistent/x.md") }
    }
}
