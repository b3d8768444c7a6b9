import Testing
import Notation

@Suite("Fixtures/seed")
struct FixtureTests {
    static let seed: Document? = try? Document.parse(
        markdown: (try? Fixtures.seedDocumentText()) ?? "", fileName: Fixtures.seedDocumentName)

    func read(_ name: String) throws -> Document {
        try Document.read(contentsOfFile: Fixtures.path("seed/" + name))
    }

    @Test("each fixture's blocks are copied verbatim from the document",
          arguments: ["model.tex", "derivation-w10.tex", "derivation-w11.tex", "summary-table.tex"])
    func verbatim(name: String) throws {
        let document = try read(name)
        let seedText = try Fixtures.seedDocumentText()
        #expect(document.format == .tex)
        #expect(!document.blocks.isEmpty)
        for block in document.blocks {
            #expect(seedText.contains("$$" + block.latex.trimmingCharacters(in: .newlines) + "$$")
                || seedText.contains("$$" + block.latex.trimmingCharacters(in: .newlines) + "\n"), "\(block.location)")
        }
        #expect(document.blocks.allSatisfy { $0.location.file == name })
    }

    @Test("model.tex holds section 1's model equations")
    func model() throws {
        let document = try read("model.tex")
        let seed = try #require(Self.seed)
        #expect(document.blocks.map(\.kind) == [.modelEquations, .modelEquations, .modelEquations])
        #expect(document.modelEquations.map(\.rhs) == seed.modelEquations.map(\.rhs))
        #expect(document.modelEquations.map(\.row.rhsLaTeX) == seed.modelEquations.map(\.row.rhsLaTeX))
        #expect(document.headings.map(\.text) == ["1 The Model"])
        #expect(document.blocks.map(\.location.line) == [2, 4, 6])
    }

    @Test("the derivation fixtures hold the chains with their parameters",
          arguments: [("derivation-w10.tex", 0, "w10"), ("derivation-w11.tex", 1, "w11")])
    func chain(name: String, index: Int, parameter: String) throws {
        let document = try read(name)
        let seed = try #require(Self.seed)
        let chain = try #require(document.chains.first)
        #expect(document.chains.count == 1)
        #expect(document.blocks.map(\.kind) == [.derivationChain])
        #expect(chain.declaration?.parameter == symbolNamed(parameter))
        #expect(chain.declaration?.location.line == 2)
        #expect(chain.parameter == symbolNamed(parameter))
        #expect(chain.heading?.text == seed.chains[index].heading?.text)
        #expect(chain.steps.count == 9)
        #expect(chain.steps.map(\.rhs) == seed.chains[index].steps.map(\.rhs))
        #expect(chain.steps.map(\.rhsLaTeX) == seed.chains[index].steps.map(\.rhsLaTeX))
        #expect(chain.steps.map(\.location.line) == Array(4...12))
    }

    @Test("summary-table.tex holds the eight rows and their annotations")
    func table() throws {
        let document = try read("summary-table.tex")
        let seed = try #require(Self.seed)
        #expect(document.blocks.map(\.kind) == [.summaryTable])
        #expect(document.tableRows.count == 8)
        #expect(document.tableRows.map(\.row.rhs) == seed.tableRows.map(\.row.rhs))
        #expect(document.tableRows.map(\.parameter) == seed.tableRows.map(\.parameter))
        #expect(document.tableRows.compactMap(\.annotation) == ["(derived in 2.1)", "(derived in 2.2)"])
        #expect(document.tableRows.first?.heading?.text == "2.3 Other partial derivatives")
    }

    @Test("the seed document fixture is the shared seed document")
    func seedDocument() throws {
        let document = try read("backprop-derivation.md")
        #expect(document == Self.seed)
    }
}
