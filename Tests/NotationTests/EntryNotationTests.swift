import Testing
@testable import Notation

/// Entries of expressions, `\operatorname{softmax}(\mathbf{o})_j`, `(\mathbf{W}^\top \mathbf{e})_j`, `(W_1)_{jk}`:
/// what the reader makes of them, and that every one renders to LaTeX that reads back to the same tree.
@Suite("Entries of expressions")
struct EntryNotationTests {
    static func symbol(_ spelling: String) -> Expression { .symbol(Symbol(spelling: spelling)) }
    static let softmax = NotationFunction(spelling: "\\operatorname{softmax}", meaning: .softmax)

    @Test("An entry of an expression is an entry node; of a symbol, the symbol naming it", arguments: [
        ("\\operatorname{softmax}(\\mathbf{o})_j", Expression.entry(.call(softmax, symbol("o")), indices: ["j"])),
        ("(\\mathbf{W}^\\top \\mathbf{e})_j", .entry(.product(.transpose(symbol("W")), symbol("e")), indices: ["j"])),
        ("(A B)_{jk}", .entry(.product(symbol("A"), symbol("B")), indices: ["j", "k"])),
        ("(A B)_{j,k}", .entry(.product(symbol("A"), symbol("B")), indices: ["j", "k"])),
        ("(A B)_{12}", .entry(.product(symbol("A"), symbol("B")), indices: ["12"])),
        ("(A B)_{1,2}", .entry(.product(symbol("A"), symbol("B")), indices: ["1", "2"])),
        ("(W_1)_{jk}", symbol("W_{1,jk}")),
        ("\\left(W_1\\right)_{j,k}", symbol("W_{1,jk}")),
        ("(\\mathbf{w}_2)_j", symbol("w_{2,j}")),
        ("(\\mathbf{W}^{(1)})_{jk}", symbol("W_{jk}^{(1)}")),
        ("(x)_{10,2}", symbol("x_{10,2}")),
        ("(\\hat{y} - y)_1", .entry(.difference(symbol("\\hat{y}"), symbol("y")), indices: ["1"])),
        ("((A B)_{jk})^2", .power(.entry(.product(symbol("A"), symbol("B")), indices: ["j", "k"]), 2)),
        ("(A^\\top)_{jk} b_k", .product(.entry(.transpose(symbol("A")), indices: ["j", "k"]), symbol("b_{k}"))),
        ("\\sum_{k=1}^{2} (\\mathbf{W}^\\top \\mathbf{e})_k",
         .sum(.entry(.product(.transpose(symbol("W")), symbol("e")), indices: ["1"]),
              .entry(.product(.transpose(symbol("W")), symbol("e")), indices: ["2"]))),
        ("\\|\\mathbf{W}^{(1)}\\|_F^2", .power(.norm(symbol("W^{(1)}"), .frobenius), 2)),
    ])
    func reads(_ latex: String, _ expected: Expression) throws {
        let expression = try Expression.parse(latex, dialect: .general)
        #expect(expression == expected, "\(latex) read as \(expression)")
    }

    @Test("Every entry renders to LaTeX that reads back to the same tree", arguments: [
        "\\operatorname{softmax}(\\mathbf{o})_j - y_j",
        "\\log \\operatorname{softmax}(\\mathbf{o})_j",
        "(\\mathbf{W}^\\top \\mathbf{e})_j",
        "(\\hat{y} - y)\\,(w_2)_j\\,\\mathbb{1}[z_j > 0]\\, x_k",
        "((\\hat{\\mathbf{y}} - \\mathbf{y}) \\mathbf{x}^\\top)_{jk}",
        "(A B)_{12} + (A B)_{1,2}",
        "((A B)_{jk})^2",
        "((A B)_{jk})^\\top",
        "-(A \\odot B)_{k}",
        "\\sigma(z)_j",
        "\\frac{(A x)_j}{2}",
        "\\frac{\\partial L}{\\partial (W_1)_{jk}} x",
        "\\frac{\\partial}{\\partial (W_1)_{jk}} (a + b)",
        "\\sum_{k} (\\mathbf{W}^\\top \\mathbf{e})_k",
        "\\|\\mathbf{W}^{(1)}\\|_F^2 + \\|\\mathbf{W}^{(2)}\\|_F^2",
    ])
    func roundTrip(_ latex: String) throws {
        let once = try Expression.parse(latex, dialect: .general)
        let again = try Expression.parse(once.latex, dialect: .general)
        #expect(again == once, "\(latex) → \(once.latex)")
    }

    static let variables = """
        $$\\frac{\\partial L}{\\partial (W_1)_{jk}} = e_j x_k$$

        $$\\partial L / \\partial (\\mathbf{w}_2)_j = h_j$$
        """

    @Test("The variable of a derivative may be an entry of a symbol")
    func variable() throws {
        let shapes = "\n\nWith $W_1 \\in \\mathbb{R}^{2 \\times 2}$ and $w_2 \\in \\mathbb{R}^2$.\n"
        let document = try Document.parse(markdown: Self.variables + shapes, fileName: "entries.md", dialect: .general)
        // Each row at every value of its indices: the entries of W_1 and w_2.
        let variables = Set(document.rows.compactMap { row -> String? in
            guard case .derivative(_, let v) = row.lhs else { return nil }
            return v.latex
        })
        #expect(variables == ["W_{1,11}", "W_{1,12}", "W_{1,21}", "W_{1,22}", "w_{2,1}", "w_{2,2}"])
        let occurrence = try #require(document.rows[0].lhsSymbols.first { $0.entryOf != nil })
        #expect(occurrence.entryOf == Symbol(spelling: "W_{1}"))
        #expect(occurrence.spelling == "(W_1)_{jk}")
        #expect(occurrence.range.start.column == 30)
    }

    @Test("An entry of a name with no stated or computed shape is a located error")
    func entryOfScalar() throws {
        do {
            let document = try Document.parse(markdown: Self.variables, fileName: "entries.md", dialect: .general)
            Issue.record("read: \(document.rows.map(\.rhs))")
        } catch {
            #expect(error.kind == .modelError)
            #expect(error.location.line == 1 && error.location.column == 30, "\(error)")
        }
    }

    @Test("Malformed entries are refused where they are written", arguments: [
        ("(x)_{j+1}", 4),          // index arithmetic
        ("(x)_{\\mu}", 4),         // a Greek index
        ("(x)_{ijk}", 4),          // three indices
        ("2_j", 2),                // a number has no entries
        ("(A B)_j_k", 8),          // a double subscript
        ("(x)_{}", 5),             // an empty subscript
        ("\\|x\\|_j", 6),           // a norm is a number
    ])
    func malformed(_ latex: String, _ column: Int) throws {
        do {
            let read = try Expression.parse(latex, dialect: .general)
            Issue.record("\(latex) read as \(read)")
        } catch {
            #expect(error.location.column == column, "\(error)")
        }
    }

    @Test("The seed notation has no entries of expressions")
    func seedNotation() throws {
        #expect(throws: NotationError.self) { try Expression.parse("(x_{10})_{1}") }
    }
}
