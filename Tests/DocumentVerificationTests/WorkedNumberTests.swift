import Testing
import Notation
@testable import DocumentVerification

/// Worked numbers in prose (CS231n: "with $x = -2$, $y = 5$, $z = -4$ … $\frac{\partial f}{\partial x} = -4$") are
/// claims at the section's point, each judged there: mutants (a wrong number, a wrong rounding) are flagged and
/// the legitimate forms (exact, rounded to the digits printed, a constant derivative with no point) verify.
@Suite("Worked numbers")
struct WorkedNumberTests {
    static let verifier = DocumentVerifier(network: .seed, cases: 16)

    /// f = (x + y) z with x = −2, y = 5, z = −4, and `claims` in the same section.
    static func findings(_ claims: String, point: String = "$x = -2$, $y = 5$ and $z = -4$") async throws -> DocumentFindings {
        let text = """
            # Example

            $$q = x + y, \\qquad f = q z$$

            With the inputs \(point) the backward pass gives \(claims).
            """
        return try await verifier.verify(try Document.parse(markdown: text, fileName: "worked.md", dialect: .general))
    }

    @Test("A worked number is judged at its point", arguments: [
        ("$\\frac{\\partial f}{\\partial x} = -4$", ClaimVerdict.verified),
        ("$\\frac{\\partial f}{\\partial z} = 3$", .verified),
        ("$\\frac{\\partial f}{\\partial x} = 4$", .discrepant),
        ("$\\frac{\\partial f}{\\partial z} = 3.4$", .discrepant),
        ("$\\frac{\\partial f}{\\partial z} = -3$", .discrepant),
    ])
    func atPoint(_ claim: String, _ verdict: ClaimVerdict) async throws {
        let findings = try await Self.findings(claim)
        #expect(findings.rows.map(\.verdict) == [verdict])
    }

    @Test("A printed decimal holds within half a unit of its last digit", arguments: [
        ("$\\frac{\\partial f}{\\partial z} = 0.33$", ClaimVerdict.verified),   // 1/3
        ("$\\frac{\\partial f}{\\partial z} = 0.333$", .verified),
        ("$\\frac{\\partial f}{\\partial z} = 0.34$", .discrepant),
        ("$\\frac{\\partial f}{\\partial z} = 0.3$", .verified),
        ("$\\frac{\\partial f}{\\partial z} = 0.4$", .discrepant),
    ])
    func rounded(_ claim: String, _ verdict: ClaimVerdict) async throws {
        let findings = try await Self.findings(claim, point: "$x = \\frac{1}{3}$, $y = 0$ and $z = 1$")
        // x = 1/3 is not a printed number: the point is incomplete, and its numbers are not passed.
        #expect(findings.rows.map(\.verdict) == [.inconclusive])
        let exact = try await Self.findings(claim, point: "$x = 0.125$, $y = 0.2083333333333333$ and $z = 1$")
        #expect(exact.rows.map(\.verdict) == [verdict])
    }

    @Test("A section that sets some inputs only leaves its worked numbers inconclusive, never passed")
    func incompletePoint() async throws {
        let findings = try await Self.findings("$\\frac{\\partial f}{\\partial x} = -4$", point: "$x = -2$ and $y = 5$")
        #expect(findings.rows.map(\.verdict) == [.inconclusive])
        #expect(findings.rows.first?.reason?.contains("no value for z") == true)
    }

    @Test("Without a point, a constant is a claim at every case", arguments: [
        ("$\\frac{\\partial q}{\\partial x} = 1$", ClaimVerdict.verified),
        ("$\\frac{\\partial q}{\\partial x} = 2$", .discrepant),
    ])
    func noPoint(_ claim: String, _ verdict: ClaimVerdict) async throws {
        let findings = try await Self.findings(claim, point: "no numbers")
        #expect(findings.rows.map(\.verdict) == [verdict])
    }

    @Test("Two inputs equated in a remark are a condition, not a definition; a point sets only what a claim reads")
    func remarkAndTwoExamples() async throws {
        let text = """
            # One

            $$q = x + y$$

            # Two

            $$m = \\max(z, w), \\qquad f = 2 m$$

            With $z = 2$ and $w = -1$ the gradient is $\\frac{\\partial f}{\\partial z} = 2$. (We ignore ties $z = w$.)

            $$\\frac{\\partial f}{\\partial w} = 2 \\cdot \\mathbb{1}[w > z]$$
            """
        let findings = try await Self.verifier.verify(try Document.parse(markdown: text, fileName: "ties.md", dialect: .general))
        #expect(findings.rows.map(\.verdict) == [.verified, .verified])
    }
}
