import Testing
@testable import Notation

/// The author's own macros (`\newcommand`, `\renewcommand`, `\def`, `\DeclareMathOperator`) are expanded
/// before the reader sees the text, and every location still points into the text as written.
@Suite("User macros")
struct MacroExpansionTests {
    static func read(_ text: String, fileName: String = "macros.tex") throws -> Document {
        try Document.parse(text, fileName: fileName, dialect: .general)
    }

    static func article(preamble: String, body: String) -> String {
        "\\documentclass{article}\n\(preamble)\n\\begin{document}\n\(body)\n\\end{document}\n"
    }

    @Test("\\newcommand with arguments expands; the row keeps its line and column", arguments: [
        "\\newcommand{\\pd}[2]{\\frac{\\partial #1}{\\partial #2}}",
        "\\newcommand*{\\pd}[2]{\\frac{\\partial #1}{\\partial #2}}",
        "\\newcommand\\pd[2]{\\frac{\\partial #1}{\\partial #2}}",
        "\\renewcommand{\\pd}[2]{\\frac{\\partial #1}{\\partial #2}}",
        "\\def\\pd#1#2{\\frac{\\partial #1}{\\partial #2}}",
    ])
    func argumentMacro(_ definition: String) throws {
        let text = Self.article(preamble: definition, body: "\\begin{equation}\n  z = w x, \\quad \\pd{z}{w} = x\n\\end{equation}")
        let document = try Self.read(text)
        let claim = try #require(document.tableRows.first)
        #expect(claim.parameter == Symbol(spelling: "w"))
        #expect(claim.rhs == .symbol(Symbol(spelling: "x")))
        // Line 5 of the file, column 30: the `x` after `\pd{z}{w} = ` as written.
        #expect(claim.row.rhsLocation == DocumentLocation(file: "macros.tex", line: 5, column: 30))
    }

    @Test("A macro without arguments, \\DeclareMathOperator and a macro inside a macro")
    func plainMacros() throws {
        let text = Self.article(preamble: """
            \\def\\half{\\frac{1}{2}}
            \\DeclareMathOperator{\\sech}{sech}
            \\newcommand{\\dsech}[1]{\\sech^2(#1)}
            """, body: "\\[ h = \\tanh(z), \\quad L = \\half h^2, \\quad \\frac{\\partial h}{\\partial z} = \\dsech{z} \\]")
        let document = try Self.read(text)
        let expanded = try Self.read(Self.article(preamble: "", body: """
            \\[ h = \\tanh(z), \\quad L = \\frac{1}{2} h^2, \\quad \\frac{\\partial h}{\\partial z} = \\operatorname{sech}^2(z) \\]
            """))
        #expect(document.rows.map(\.rhs) == expanded.rows.map(\.rhs))
    }

    @Test("An error after a macro on the same line is located in the text as written")
    func errorLocation() throws {
        let text = Self.article(preamble: "\\newcommand{\\pd}[2]{\\frac{\\partial #1}{\\partial #2}}",
                                body: "\\[ \\pd{z}{w} = \\unknowncommand \\]")
        #expect {
            try Self.read(text)
        } throws: { error in
            guard let error = error as? NotationError else { return false }
            return error.location == DocumentLocation(file: "macros.tex", line: 4, column: 16)
        }
    }

    @Test("A definition in a comment defines nothing; the use stays an unknown command")
    func commentedDefinition() throws {
        let text = Self.article(preamble: "% \\newcommand{\\pd}[2]{\\frac{\\partial #1}{\\partial #2}}",
                                body: "\\[ z = w x, \\quad \\pd{z}{w} = x \\]")
        #expect(throws: NotationError.self) { try Self.read(text) }
    }

    @Test("What cannot be expanded soundly is refused with its location", arguments: [
        ("\\newcommand{\\pd}[2][z]{\\frac{\\partial #1}{\\partial #2}}", NotationError.Kind.unsupportedLaTeX, 2),
        ("\\def\\pd#1.{#1}", .unsupportedLaTeX, 2),
        ("\\def\\loop{\\loop}", .nestingTooDeep, 4),
        ("\\newcommand{\\pd}[2]{\\frac{\\partial #1}{\\partial #2}", .unbalancedGroup, 2),
    ])
    func refusals(_ definition: String, _ kind: NotationError.Kind, _ line: Int) throws {
        let text = Self.article(preamble: definition, body: "\\[ z = w x, \\quad \\pd{z}{w} = \\loop x \\]")
        #expect {
            try Self.read(text)
        } throws: { error in
            guard let error = error as? NotationError else { return false }
            return error.kind == kind && error.location.line == line
        }
    }

    /// Fuzz finding (fuzz-smoke): `#0` in a macro's body trapped on an arithmetic underflow.
    @Test("A parameter #0, which TeX does not have, is refused, not a crash")
    func parameterZero() throws {
        let text = Self.article(preamble: "\\newcommand{\\pd}[2]{\\frac{\\partial #0}{\\partial #2}}",
                                body: "\\[ z = w x, \\quad \\pd{z}{w} = x \\]")
        #expect(throws: NotationError.self) { try Self.read(text) }
    }

    @Test("A use with a missing argument is refused at the use")
    func missingArgument() throws {
        let text = Self.article(preamble: "\\newcommand{\\pd}[2]{\\frac{\\partial #1}{\\partial #2}}",
                                body: "\\[ z = w x \\]\n\\[ \\pd{z} \\]")
        #expect {
            try Self.read(text)
        } throws: { error in
            (error as? NotationError)?.location == DocumentLocation(file: "macros.tex", line: 5, column: 4)
        }
    }

    @Test("Markdown with MathJax macros in its math expands them too")
    func markdownMacros() throws {
        let document = try Self.read("""
            $$\\newcommand{\\pd}[2]{\\frac{\\partial #1}{\\partial #2}} z = w x$$

            We find $\\pd{z}{w} = x$.
            """, fileName: "macros.md")
        #expect(document.tableRows.map(\.parameter) == [Symbol(spelling: "w")])
        #expect(document.tableRows.first?.row.location.line == 3)
    }
}
