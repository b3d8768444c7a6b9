import PropertyTesting
import Testing
import Notation

@Suite("Robustness")
struct RobustnessTests {
    static let fragments: [String] = [
        "{", "}", "(", ")", "$", "$$", "\\\\", "&", "&&", "=", "\\left", "\\right\\}", "\\left\\{", "^", "_",
        "\\alpha", "\\alpha'", "\\partial", "\\begin{aligned}", "\\end{aligned}", "\\text{", "%", "\n", "x_{1",
        "w_{20}^{[", "\\mathbf{", "\\", "`", "```\n", "# ", "2.1 ", "\u{0}", "∂", "\u{FF}",
    ]

    /// Applies one random edit: delete, insert a fragment or a random byte, replace, or duplicate a slice.
    static func mutate(_ bytes: inout [UInt8], _ rng: inout SplitMix64) {
        let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
        switch Int.random(in: 0..<5, using: &rng) {
        case 0 where !bytes.isEmpty:
            let length = min(Int.random(in: 1...8, using: &rng), bytes.count - position)
            bytes.removeSubrange(position..<position + length)
        case 1:
            let fragment = fragments.randomElement(using: &rng) ?? "{"
            bytes.insert(contentsOf: Array(fragment.utf8), at: position)
        case 2:
            bytes.insert(UInt8.random(in: 0...255, using: &rng), at: position)
        case 3 where !bytes.isEmpty:
            bytes[position] = UInt8.random(in: 0...255, using: &rng)
        default:
            let length = min(Int.random(in: 1...40, using: &rng), bytes.count - position)
            bytes.insert(contentsOf: bytes[position..<position + length], at: position)
        }
    }

    @Test("random edits of the seed document parse or fail with a located error", arguments: 0..<4)
    func mutatedSeedDocument(seed: UInt64) throws {
        let original = Array(try Fixtures.seedDocumentText().utf8)
        var rng = SplitMix64(seed: 0x5EED &+ seed)
        var parsed = 0
        for _ in 0..<125 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &rng) { Self.mutate(&bytes, &rng) }
            let text = String(decoding: bytes, as: UTF8.self)
            let lineCount = text.utf8.count { $0 == UInt8(ascii: "\n") } + 1
            for format in ["doc.md", "doc.tex"] {
                do throws(NotationError) {
                    let document = try Document.parse(text, fileName: format)
                    parsed += 1
                    for row in document.rows { #expect(try Expression.parse(row.rhs.latex) == row.rhs) }
                } catch {
                    #expect(error.location.file == format)
                    #expect((1...lineCount).contains(error.location.line), "\(error)")
                    #expect(error.location.column >= 1, "\(error)")
                    #expect(error.description.hasPrefix("\(format):\(error.location.line):\(error.location.column): error: "))
                }
            }
        }
        #expect(parsed > 0)
    }

    @Test("deep nesting in every construct is refused, not a crash", arguments: [
        "\\partial ", "-", "\\alpha(", "\\left(", "\\{", "{", "(",
    ])
    func deepNesting(prefix: String) {
        let closers = ["\\alpha(": ")", "\\left(": "\\right)", "\\{": "\\}", "{": "}", "(": ")"]
        let close = closers[prefix] ?? ""
        let latex = String(repeating: prefix, count: 5000) + "x_{10}" + String(repeating: close, count: 5000)
        let error = expressionError(latex)
        #expect(error?.kind == .nestingTooDeep)
    }

    @Test("deep nesting in the general notation's constructs is refused, not a crash", arguments: [
        ("\\partial ", ""), ("-", ""), ("(", ")"), ("[", "]"), ("\\left(", "\\right)"), ("\\sigma(", ")"),
        ("\\sqrt{", "}"), ("\\frac{1}{", "}"), ("e^{", "}"), ("\\sum_{k=1}^{2} (", ")"), ("\\phi'(", ")"),
        ("\\frac{\\partial}{\\partial w} (", ")"), ("\\max(0, ", ")"), ("\\log ", ""), ("x^{2} (", ")"),
    ])
    func deepNestingGeneral(prefix: String, close: String) {
        let latex = String(repeating: prefix, count: 5000) + "x" + String(repeating: close, count: 5000)
        let error = expressionError(latex, dialect: .general)
        #expect(error?.kind == .nestingTooDeep, "\(String(describing: error))")
    }

    @Test("nesting up to the limits is accepted")
    func nestingAtTheLimit() throws {
        let depth = Limits.maximumNestingDepth
        let latex = String(repeating: "(", count: depth) + "x_{10}" + String(repeating: ")", count: depth)
        #expect(try Expression.parse(latex) == sym("x10"))
        let terms = Array(repeating: "x_{10}", count: Limits.maximumExpressionDepth).joined(separator: " + ")
        #expect(try Expression.parse(terms).depth == Limits.maximumExpressionDepth)
    }

    @Test("reads within withReaderStack (and within each other) give the same results, errors and limits")
    func readsWithinTheReaderStack() throws {
        let depth = Limits.maximumNestingDepth
        let atLimit = String(repeating: "(", count: depth) + "x_{10}" + String(repeating: ")", count: depth)
        let tooDeep = String(repeating: "(", count: 5000) + "x_{10}" + String(repeating: ")", count: 5000)
        let (parsed, error) = withReaderStack { () -> (Expression?, NotationError?) in
            (try? Expression.parse(atLimit), expressionError(tooDeep, dialect: .general))
        }
        #expect(parsed == sym("x10"))
        #expect(error?.kind == .nestingTooDeep)
        let nested = try withReaderStack { () throws(NotationError) -> Expression in
            try withReaderStack { () throws(NotationError) -> Expression in try Expression.parse(atLimit) }
        }
        #expect(nested == sym("x10"))
        #expect(throws: NotationError.self) {
            try withReaderStack { () throws(NotationError) -> Document in try Document.parse(markdown: "$$ y = ( $$") }
        }
    }

    @Test("the deepest accepted trees render to LaTeX that reads back")
    func deepestRoundTrip() throws {
        var expression = sym("x10")
        while expression.depth + 2 <= Limits.maximumExpressionDepth {
            expression = .product(.negation(expression), sym("x11"))
        }
        var partials = sym("x10")
        while partials.depth + 2 <= Limits.maximumExpressionDepth { partials = .partial(.negation(partials)) }
        for deep in [expression, partials] {
            #expect(deep.depth >= Limits.maximumExpressionDepth - 1)
            #expect(try Expression.parse(deep.latex) == deep)
        }
    }

    @Test("arbitrary bytes never crash the reader", arguments: 0..<4)
    func randomBytes(seed: UInt64) {
        var rng = SplitMix64(seed: 0xF022 &+ seed)
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...200, using: &rng)).map { _ in
                Bool.random(using: &rng) ? UInt8.random(in: 0...255, using: &rng)
                                         : Array("$\\{}()_^&=x1 \n".utf8).randomElement(using: &rng) ?? 0
            }
            let text = String(decoding: bytes, as: UTF8.self)
            _ = try? Document.parse(markdown: text)
            _ = try? Document.parse(tex: text)
            _ = try? Expression.parse(text)
        }
    }
}
