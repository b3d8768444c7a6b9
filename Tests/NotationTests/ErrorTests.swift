import Testing
import Notation
import NetworkModel

/// A Markdown document that must fail with `kind` at `line:column`.
struct ErrorCase: CustomTestStringConvertible, Sendable {
    let text: String
    let kind: NotationError.Kind
    let position: String
    var testDescription: String { "\(kind) at \(position): \(text.prefix(50))" }
    init(_ text: String, _ kind: NotationError.Kind, _ position: String) {
        self.text = text
        self.kind = kind
        self.position = position
    }
}

@Suite("Errors")
struct ErrorTests {
    static let unknownSymbolsCases: [ErrorCase] = [
        ErrorCase("# T\n\n$$\\begin{aligned}\nz_{10} &= w_{10}x_{00} + b_{10} \\\\\nx_{10} &= \\alpha(q_{3})\n\\end{aligned}$$\n",
                  .unknownSymbol, "5:18"),
        ErrorCase("$$y = x$$", .unknownSymbol, "1:7"),
        ErrorCase("$$y = x_{i}$$", .unknownSymbol, "1:7"),
        ErrorCase("$$y = y_{1}$$", .unknownSymbol, "1:7"),
        ErrorCase("$$y = \\mathbf{q}_1$$", .unknownSymbol, "1:7"),
        ErrorCase("$$\\frac{\\partial}{\\partial a_{1}} y = 1$$", .unknownSymbol, "1:28"),
    ]

    static let unbalancedGroupsCases: [ErrorCase] = [
        ErrorCase("$$ y = \\left\\{ x_{10} + x_{11} $$", .unbalancedGroup, "1:8"),
        ErrorCase("$$ y = (x_{10} + x_{11} \\right\\} $$", .unbalancedGroup, "1:25"),
        ErrorCase("$$ y = x_{10})$$", .unbalancedGroup, "1:14"),
        ErrorCase("$$ y = \\alpha(z_{10} $$", .unbalancedGroup, "1:14"),
        ErrorCase("text\n$$\\begin{aligned}\n y &= x_{10}\n$$", .unbalancedGroup, "2:3"),
        ErrorCase("$$\\begin{aligned} y &= x_{10} \\end{align}$$", .unbalancedGroup, "1:31"),
        ErrorCase("$$ y &= x_{10} \\end{aligned}$$", .unbalancedGroup, "1:16"),
        ErrorCase("$$ y &= x_{10} && \\text{open $$", .unbalancedGroup, "1:24"),
        ErrorCase("$$ y = x_{10 $$", .unbalancedGroup, "1:10"),
    ]

    static let unsupportedCases: [ErrorCase] = [
        ErrorCase("$$ y = \\sqrt{x_{10}} $$", .unsupportedLaTeX, "1:8"),
        ErrorCase("$$ y = \\sum x_{10} $$", .unsupportedLaTeX, "1:8"),
        ErrorCase("$$ y = x_{10} \\foo $$", .unsupportedLaTeX, "1:15"),
        ErrorCase("$$ y = x_{10}^2 $$", .unsupportedLaTeX, "1:14"),
        ErrorCase("$$ y = x_{10} / x_{11} $$", .unsupportedLaTeX, "1:15"),
        ErrorCase("$$ y = [x_{10} \\ x_{11}] $$", .unsupportedLaTeX, "1:8"),
        ErrorCase("$$ y = x_{10} α $$", .unsupportedLaTeX, "1:15"),
        ErrorCase("$$\\begin{matrix} y = 1 \\end{matrix}$$", .unsupportedLaTeX, "1:3"),
        ErrorCase("$$ y = \\alpha''(z_{10}) $$", .unsupportedLaTeX, "1:15"),
        ErrorCase("$$ y = \\frac{1}{2} $$", .unsupportedLaTeX, "1:8"),
    ]

    static let unterminatedCases: [ErrorCase] = [
        ErrorCase("line one\n\n  $$ z_{10} = w_{10}\n  + b_{10}\n", .unterminatedDisplayMath, "3:3"),
        ErrorCase("∂∂ $$", .unterminatedDisplayMath, "1:4"),
    ]

    static let unexpectedCases: [ErrorCase] = [
        ErrorCase("$$ z_{10} w_{10} $$", .unexpectedInput, "1:4"),
        ErrorCase("$$ &= x_{10} $$", .unexpectedInput, "1:4"),
        ErrorCase("$$ y = x_{10} + $$", .unexpectedInput, "1:16"),
        ErrorCase("$$ $$", .unexpectedInput, "1:1"),
        ErrorCase("$$ y = $$", .unexpectedInput, "1:7"),
        ErrorCase("$$ y = x_{10} = x_{11} $$", .unexpectedInput, "1:15"),
        ErrorCase("$$ y = \\alpha z_{10} $$", .unexpectedInput, "1:15"),
        ErrorCase("$$ z_{10} x_{10} &= 1 $$", .unexpectedInput, "1:11"),
        ErrorCase("$$ y = () $$", .unexpectedInput, "1:9"),
        ErrorCase("Using ∂ to denote the operator $\\nabla$:\n$$y = 1$$", .unexpectedInput, "1:33"),
    ]

    static let nestingCases: [ErrorCase] = [
        ErrorCase("$$y = " + String(repeating: "(", count: 300) + "x_{10}" + String(repeating: ")", count: 300) + "$$",
                  .nestingTooDeep, "1:263"),
        ErrorCase("$$y = " + String(repeating: "-", count: 300) + "x_{10}$$", .nestingTooDeep, "1:263"),
        ErrorCase("$$y = x_{10}" + String(repeating: " + x_{10}", count: 300) + "$$", .nestingTooDeep, "1:1159"),
    ]

    @Test("unknown symbols", arguments: unknownSymbolsCases)
    func unknownSymbol(_ error: ErrorCase) { check(error) }

    @Test("unbalanced groups", arguments: unbalancedGroupsCases)
    func unbalancedGroup(_ error: ErrorCase) { check(error) }

    @Test("unsupported LaTeX", arguments: unsupportedCases)
    func unsupportedLaTeX(_ error: ErrorCase) { check(error) }

    @Test("unterminated display math", arguments: unterminatedCases)
    func unterminatedDisplayMath(_ error: ErrorCase) { check(error) }

    @Test("unexpected input", arguments: unexpectedCases)
    func unexpectedInput(_ error: ErrorCase) { check(error) }

    @Test("nesting too deep", arguments: nestingCases)
    func nestingTooDeep(_ error: ErrorCase) { check(error) }

    private func check(_ expected: ErrorCase, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = markdownError(expected.text) else {
            Issue.record("parsed without error", sourceLocation: sourceLocation)
            return
        }
        #expect(error.kind == expected.kind, "\(error)", sourceLocation: sourceLocation)
        #expect(position(error) == expected.position, "\(error)", sourceLocation: sourceLocation)
        #expect(error.location.file == "doc.md", sourceLocation: sourceLocation)
        #expect(error.description.hasPrefix("doc.md:\(expected.position): error: "), sourceLocation: sourceLocation)
        #expect(!error.expected.isEmpty, sourceLocation: sourceLocation)
    }

    @Test("the error description names file, line, column, problem and expectation")
    func description() throws {
        let text = try Fixtures.seedDocumentText()
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[42] = lines[42].replacingOccurrences(of: "x_{00}", with: "q_{3}")
        let error = try #require(markdownError(lines.joined(separator: "\n"), fileName: "backprop-derivation.md"))
        #expect(error.description
            == "backprop-derivation.md:43:55: error: unknown symbol 'q_{3}'; expected x_{ij}, z_{ij}, w_{ij}, b_{ij} or y")
    }

    @Test("columns count characters after non-ASCII prose")
    func columnsAfterUnicode() throws {
        let text = try Fixtures.seedDocumentText().replacingOccurrences(
            of: "\\partial w_{10}}$:", with: "\\partial q_{3}}$:")
        let error = try #require(markdownError(text, fileName: "backprop-derivation.md"))
        #expect(error.kind == .unknownSymbol)
        #expect(position(error) == "32:58")
    }

    @Test("errors in .tex fragments are located in the fragment")
    func texFragment() throws {
        let text = try Fixtures.text("seed/derivation-w10.tex").replacingOccurrences(of: "\\end{aligned}", with: "")
        do throws(NotationError) {
            _ = try Document.parse(tex: text, fileName: "derivation-w10.tex")
            Issue.record("parsed without error")
        } catch {
            #expect(error.kind == .unbalancedGroup)
            #expect(error.description.hasPrefix("derivation-w10.tex:3:1: error: unbalanced group"))
        }
    }

    @Test("standalone expressions report columns")
    func expressionErrors() throws {
        let error = try #require(expressionError("x_{10} + \\sqrt{2}"))
        #expect(error.kind == .unsupportedLaTeX)
        #expect(position(error) == "1:10")
        #expect(error.location.file == "<expression>")
    }
}

@Suite("Symbol resolution")
struct ResolutionTests {
    let resolver = SymbolResolver(network: .seed)

    @Test("symbols of the seed network", arguments: [
        ("x00", ResolvedSymbol.input(0)), ("x01", .input(1)),
        ("x10", .unitOutput(0)), ("x11", .unitOutput(1)), ("x20", .unitOutput(2)),
        ("z10", .preactivation(0)), ("z11", .preactivation(1)), ("z20", .preactivation(2)),
        ("w10", .parameter(0)), ("b10", .parameter(1)), ("w11", .parameter(2)), ("b11", .parameter(3)),
        ("w20[0]", .parameter(4)), ("w20[1]", .parameter(5)), ("b20[0]", .parameter(6)), ("b20[1]", .parameter(7)),
        ("y", .output),
    ])
    func scalar(name: String, expected: ResolvedSymbol) {
        #expect(resolver.resolve(symbolNamed(name)) == expected)
        #expect(Network.seed.resolve(symbolNamed(name)) == expected)
    }

    @Test("unknown scalars", arguments: ["w99", "x12", "z30", "w20[2]", "x10[0]", "w20"])
    func unknown(name: String) {
        #expect(resolver.resolve(symbolNamed(name)) == nil)
    }

    @Test("vectors resolve to their components")
    func vectors() {
        #expect(resolver.resolve(vector: symbolNamed("w20")) == .vector([.parameter(4), .parameter(5)]))
        #expect(resolver.resolve(vector: symbolNamed("b20")) == .vector([.parameter(6), .parameter(7)]))
        #expect(resolver.resolve(vector: Symbol(.x, index: "1")) == .vector([.unitOutput(0), .unitOutput(1)]))
        #expect(resolver.resolve(vector: Symbol(.x, index: "0")) == .vector([.input(0), .input(1)]))
        #expect(resolver.resolve(vector: symbolNamed("w99")) == nil)
    }

    @Test("every symbol of the seed document resolves")
    func seedDocument() throws {
        let document = try Document.parse(markdown: try Fixtures.seedDocumentText(), fileName: Fixtures.seedDocumentName)
        #expect(resolver.unresolvedSymbols(in: document).isEmpty)
        for row in document.rows { _ = try resolver.resolve(row) }
        let model = try #require(document.modelEquations.first { $0.row.rhs.usesVectorNotation })
        let resolved = try resolver.resolve(model.row)
        #expect(resolved["\\mathbf{x1}"] == .vector([.unitOutput(0), .unitOutput(1)]))
    }

    @Test("unknown symbols are located errors")
    func locatedErrors() throws {
        let document = try Document.parse(markdown: "intro\n$$\\begin{aligned}\ny &= w_{99} x_{00} \\\\\n  &= \\mathbf{w}_{7}\n\\end{aligned}$$",
                                          fileName: "doc.md")
        let errors = resolver.unresolvedSymbols(in: document)
        #expect(errors.map(position) == ["3:6", "4:6"])
        #expect(errors.allSatisfy { $0.kind == .unknownSymbol })
        #expect(errors.first?.description.hasPrefix("doc.md:3:6: error: unknown symbol 'w_{99}' in network 'seed'; expected one of x_{00}, x_{01}, w_{10}") == true)
        #expect(throws: NotationError.self) { try resolver.resolve(document.rows[0]) }
    }

    @Test("a derivative's denominator must be a parameter")
    func parameterRequired() throws {
        let document = try Document.parse(markdown: "$$\\frac{\\partial}{\\partial x_{10}} y = 1$$", fileName: "doc.md")
        do throws(NotationError) {
            _ = try resolver.resolve(document.rows[0])
            Issue.record("resolved")
        } catch {
            #expect(position(error) == "1:28")
            #expect(error.message.contains("is not a parameter"))
        }
    }
}
