import Testing
import Notation
@testable import DocumentVerification

/// What a review of the prose rules found (each a false alarm, a missed mistake or a silently wrong model before its
/// fix): each document with its correct claims (which must verify) and a mutant (which must be flagged).
@Suite("Prose rules: no false alarm, no missed mistake")
struct ProseReadingSoundnessTests {
    static let verifier = DocumentVerifier(network: .seed, cases: 16)

    static func rows(_ text: String) async throws -> [ClaimVerdict] {
        let document = try Document.parse(markdown: text, fileName: "review.md", dialect: .general)
        let findings = try await verifier.verify(document)
        return findings.rows.map(\.verdict) + findings.chains.flatMap(\.steps).map(\.verdict)
    }

    @Test("An input defined as another in prose is a definition, not a 'tie'", arguments: [
        ("\\left(u + v (1 - h_1^2) w\\right)", [ClaimVerdict.verified]), ("u", [.discrepant]),
    ])
    func startFromInput(_ factor: String, _ verdicts: [ClaimVerdict]) async throws {
        let text = """
            $$h_1 = \\tanh(w h_0 + b), \\qquad y = v h_1 + u x$$

            $$L = \\frac{1}{2}(y - t)^2$$

            We start the recurrence from the input itself, $h_0 = x$.

            $$\\frac{\\partial L}{\\partial x} = (y - t)\(factor)$$
            """
        #expect(try await Self.rows(text) == verdicts)
    }

    @Test("A special case in prose (a zero target) does not replace the model", arguments: [
        ("e\\, a (1 - a)", [ClaimVerdict.verified]), ("a\\, a (1 - a)", [.discrepant]),
    ])
    func specialCase(_ claim: String, _ verdicts: [ClaimVerdict]) async throws {
        let text = """
            $$L = \\frac{1}{2}\\left(\\sigma(w x + b) - y\\right)^2$$

            In math, with $z = w x + b$, $a = \\sigma(z)$ and the error $e = a - y$. For a zero target the loss is just $L = \\frac{1}{2} a^2$.

            $$\\frac{\\partial L}{\\partial b} = \(claim)$$
            """
        #expect(try await Self.rows(text) == verdicts)
    }

    @Test("A section headed 'Example 2' defines its own f, even of the same inputs", arguments: [
        ("y z", [ClaimVerdict.verified, .verified]), ("z", [.verified, .discrepant]),
    ])
    func secondExample(_ claim: String, _ verdicts: [ClaimVerdict]) async throws {
        let text = """
            # Example 1

            $$q = x + y, \\qquad f = q z$$

            $$\\frac{\\partial f}{\\partial x} = z$$

            # Example 2

            $$f = x y z$$

            $$\\frac{\\partial f}{\\partial x} = \(claim)$$
            """
        #expect(try await Self.rows(text) == verdicts)
    }

    @Test("One function name chained to two formulas is refused")
    func twoFunctionsOneName() async throws {
        let text = """
            # Example 1

            $$a = w x, \\qquad z = h(a) = \\tanh(a), \\qquad y = v z$$

            # Example 2

            $$b = u t, \\qquad s = h(b) = \\sigma(b), \\qquad q = c s$$

            $$\\frac{\\partial q}{\\partial u} = c s (1 - s) t$$
            """
        #expect(throws: NotationError.self) { try Document.parse(markdown: text, fileName: "h.md", dialect: .general) }
    }

    @Test("A per-example domain written with the entry's index holds for each example", arguments: [
        ("p^{(n)}_k - y^{(n)}_k", [ClaimVerdict.verified, .verified, .verified]),
        ("y^{(n)}_k - p^{(n)}_k", [.discrepant, .discrepant, .discrepant]),
    ])
    func perExampleSum(_ term: String, _ verdicts: [ClaimVerdict]) async throws {
        let text = """
            We have $N = 2$ examples, $n = 1, 2$, and $k = 1, 2, 3$. Each target is one-hot, $\\sum_k y^{(n)}_k = 1$. The parameters are $b_1, b_2, b_3$.

            $$z^{(n)}_k = x^{(n)} + b_k, \\qquad p^{(n)}_k = \\frac{\\exp(z^{(n)}_k)}{\\sum_{l=1}^{3} \\exp(z^{(n)}_l)}$$

            $$J = -\\sum_{n=1}^{2} \\sum_{k=1}^{3} y^{(n)}_k \\log p^{(n)}_k$$

            $$\\frac{\\partial J}{\\partial b_k} = \\sum_{n=1}^{2} \\left(\(term)\\right)$$
            """
        #expect(try await Self.rows(text) == verdicts)
    }

    @Test("A point that sets some values: a number wrong whatever the rest is flagged, one right whatever the rest verified",
          arguments: [("0", [ClaimVerdict.discrepant]), ("1", [.verified])])
    func partialPoint(_ value: String, _ verdicts: [ClaimVerdict]) async throws {
        let text = """
            $$z = w x + b, \\qquad L = \\frac{1}{2}(z - y)^2$$

            We initialize the weights at $w = 0.5$ and $b = 0$. The local gradient is $$\\frac{\\partial z}{\\partial b} = \(value)$$
            """
        #expect(try await Self.rows(text) == verdicts)
    }

    @Test("Each worked number takes the latest point before it; a subsection takes its section's", arguments: [
        ("2", "# Example\n\n$$q = x + y, \\qquad f = q z.$$\n\nWith $x = -2$, $y = 5$, $z = -4$ we get $\\frac{\\partial f}{\\partial z} = 3$. If instead $x = 1$, $y = 1$, $z = 2$, then $\\frac{\\partial f}{\\partial z} = VALUE$.\n", [ClaimVerdict.verified, .verified]),
        ("3", "# Example\n\n$$q = x + y, \\qquad f = q z.$$\n\nWith $x = -2$, $y = 5$, $z = -4$ we get $\\frac{\\partial f}{\\partial z} = 3$. If instead $x = 1$, $y = 1$, $z = 2$, then $\\frac{\\partial f}{\\partial z} = VALUE$.\n", [.verified, .discrepant]),
        ("3", "# Example\n\n$$q = x + y, \\qquad f = q z.$$\n\nWith the inputs $x = -2$, $y = 5$, $z = -4$:\n\n## Backward pass\n\n$$\\frac{\\partial f}{\\partial z} = VALUE$$\n", [.verified]),
        ("-3", "# Example\n\n$$q = x + y, \\qquad f = q z.$$\n\nWith the inputs $x = -2$, $y = 5$, $z = -4$:\n\n## Backward pass\n\n$$\\frac{\\partial f}{\\partial z} = VALUE$$\n", [.discrepant]),
    ])
    func latestPoint(_ value: String, _ text: String, _ verdicts: [ClaimVerdict]) async throws {
        #expect(try await Self.rows(text.replacingOccurrences(of: "VALUE", with: value)) == verdicts)
    }

    @Test("A formula of rounded numbers at a point is not passed")
    func roundedFormula() async throws {
        let text = """
            $$z = w x + b, \\qquad a = \\sigma(z)$$

            Take $w = 1$, $x = 1$, $b = 0$. Then

            $$\\frac{\\partial a}{\\partial z} = a (1 - a) = 0.73 \\times 0.27 = 0.20$$
            """
        #expect(try await Self.rows(text) == [.verified, .inconclusive, .verified])
    }
}
