import Foundation
import Testing
import Notation
@testable import DocumentVerification

/// The documents of Fixtures/documents/: each has one planted mistake, and
/// its corrected twin verifies in full.
struct PlantedMistake: Sendable, CustomTestStringConvertible {
    var document: String
    /// The one claim that must be discrepant: "table ∂L/∂w_{2}" or "∂E/∂w step 4".
    var claim: String
    /// Later steps that carry the same mistake on (the document's author rewrote the wrong row).
    var carriedInto: [String] = []
    var testDescription: String { "\(document): \(claim)" }
}

@Suite("Documents beyond the seed")
struct DocumentFixtureTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/documents")
    static let verifier = DocumentVerifier(network: .seed, cases: 32)

    static let mistakes = [
        PlantedMistake(document: "two-unit-chain", claim: "table ∂y/∂w_{1}"),                 // wrong input
        PlantedMistake(document: "sigmoid-squared-error", claim: "∂E/∂w step 4"),            // wrong input in a step
        PlantedMistake(document: "logistic-regression", claim: "table ∂L/∂z"),               // sign of p − t
        PlantedMistake(document: "tied-skip-tanh", claim: "table ∂\\mathcal{L}/∂w"),          // tied weight counted once
        PlantedMistake(document: "three-layers", claim: "table ∂y/∂w_{10}"),                 // missing path
        PlantedMistake(document: "softmax-two-class", claim: "table ∂L/∂w_{2}"),             // wrong target
        PlantedMistake(document: "l2-logistic-step", claim: "table ∂L/∂b"),                  // penalised bias
        PlantedMistake(document: "partial-prefix-loss", claim: "∂L/∂w step 2"),              // factor 2, ∂ prefix
        PlantedMistake(document: "softmax-one-hot", claim: "table ∂L/∂b_{2}"),               // wrong class, one-hot t
        // Written by someone who had not read docs/notation.md (Fixtures/documents/outside/README.md).
        PlantedMistake(document: "outside/single-neuron", claim: "table ∂L/∂b"),             // extra factor
        PlantedMistake(document: "outside/two-layer-tanh", claim: "table ∂E/∂v_{2}"),        // wrong input, 2nd column
        PlantedMistake(document: "outside/logistic-regression", claim: "table ∂\\mathcal{L}/∂w_{2}"),  // sign
        PlantedMistake(document: "outside/relu-sigmoid-chain", claim: "∂J/∂w_{1}^{[1]} step 3"),  // one step
        PlantedMistake(document: "outside/tied-weight-skip", claim: "table ∂\\ell/∂w"),     // tied weight once
        PlantedMistake(document: "outside/softmax-two-class", claim: "table ∂L/∂z_{1}"),     // missing path
        PlantedMistake(document: "outside/softplus-three-layer", claim: "table ∂E/∂W^{(1)}"),  // dropped factor
        PlantedMistake(document: "outside/appendix-softmax-two-class", claim: "table ∂L/∂w_{12}"),  // wrong index
        PlantedMistake(document: "outside/blog-logistic-chain", claim: "table ∂J/∂p"),           // sign
        PlantedMistake(document: "outside/hw3-relu-regression", claim: "table ∂E/∂v"),           // factor 2 dropped
        PlantedMistake(document: "outside/lecture-delta-tanh", claim: "table ∂L/∂w_{1}"),        // wrong input
        PlantedMistake(document: "outside/notebook-residual-max", claim: "table ∂\\ell/∂h_{1}"),  // skip path missed
        PlantedMistake(document: "outside/qa-tied-autoencoder", claim: "table ∂C/∂w"),           // tied weight once
        PlantedMistake(document: "outside/textbook-phi-layers", claim: "table ∂\\mathcal{L}/∂z^{(1)}"),  // φ for φ′
        PlantedMistake(document: "outside/tutorial-three-layer-g", claim: "∂L/∂W^{[1]} step 3"),  // square dropped
        PlantedMistake(document: "outside/appendix", claim: "table ∂\\mathcal{L}/∂w^{(2)}"),   // wrong layer
        PlantedMistake(document: "outside/notebook-cell", claim: "table ∂L/∂w"),                 // σ for σ′, inline model
        PlantedMistake(document: "outside/aligned-chain", claim: "∂L/∂w step 4", carriedInto: ["∂L/∂w step 5"]),
        PlantedMistake(document: "outside/logloss", claim: "table ∂p/∂z"),                       // square dropped
        PlantedMistake(document: "outside/two-two-one", claim: "table ∂L/∂w_{21}"),              // wrong input, inline δ
        PlantedMistake(document: "outside/sum-range", claim: "table ∂L/∂w_{2}"),                 // weight decay missed
        PlantedMistake(document: "outside/l2-logistic", claim: "table ∂L/∂w_{1}"),               // factor 2 missed
        PlantedMistake(document: "outside/leibniz-physics", claim: "table ∂y/∂x"),               // sign (.tex)
        PlantedMistake(document: "outside/long-chain", claim: "∂L/∂w step 4"),                   // middle step (.tex)
        PlantedMistake(document: "outside/softmax3", claim: "table ∂L/∂z_{2}"),                  // softmax, 3 classes
        PlantedMistake(document: "outside/tanh-deltas", claim: "table ∂L/∂v_{2}"),               // wrong input
        PlantedMistake(document: "outside/two-output", claim: "table ∂E/∂w_{1}"),                // path via y₂ missed
        PlantedMistake(document: "outside/blog-sigmoid-ce", claim: "∂L/∂w_{2} step 2"),          // wrong unit
        PlantedMistake(document: "outside/exam-relu", claim: "table ∂L/∂b_{1}"),                 // extra x, indicators
        PlantedMistake(document: "outside/lecture-phi-tanh", claim: "table ∂L/∂w_{1}"),          // φ′(h) for φ′(z₁)
        PlantedMistake(document: "outside/operator-softplus", claim: "∂L/∂w step 5"),            // sign, ∂ operator
        PlantedMistake(document: "outside/swish", claim: "∂h/∂z step 4"),                        // factoring slip
    ]

    /// The findings of `name.md`, or of `name.tex` when there is no Markdown file.
    static func findings(_ name: String) async throws -> DocumentFindings {
        var path = root.appendingPathComponent(name + ".md").path
        if !FileManager.default.fileExists(atPath: path) { path = root.appendingPathComponent(name + ".tex").path }
        return try await verifier.verify(try DocumentReading.read(paths: [path]))
    }

    static func labels(_ f: DocumentFindings) -> [(String, ClaimFinding)] {
        f.chains.flatMap { c in
            c.steps.enumerated().map { ("∂\(c.differentiated)/∂\(c.parameter) step \($0.offset + 1)", $0.element) }
        } + f.rows.map { ("table ∂\($0.differentiated ?? "y")/∂\($0.subject)", $0) }
    }

    @Test("Each planted mistake is flagged on exactly its claim", arguments: mistakes)
    func plantedMistakeIsFlagged(_ mistake: PlantedMistake) async throws {
        let findings = try await Self.findings(mistake.document)
        let flagged = Self.labels(findings).filter { $0.1.verdict != .verified }.map(\.0)
        #expect(flagged == [mistake.claim] + mistake.carriedInto)
        #expect(findings.annotations.isEmpty)
        let claim = try #require(Self.labels(findings).first { $0.0 == mistake.claim }?.1)
        #expect(claim.verdict == .discrepant)
        #expect(claim.evidence != nil)
    }

    @Test("Each corrected twin verifies in full", arguments: mistakes.map(\.document))
    func correctedTwinVerifies(_ document: String) async throws {
        let findings = try await Self.findings(document + "-corrected")
        #expect(findings.discrepancyCount == 0)
        #expect(!Self.labels(findings).isEmpty)
        for (label, claim) in Self.labels(findings) {
            #expect(claim.verdict == .verified, "\(label): \(claim.latex) is \(claim.verdict) \(claim.reason ?? "")")
        }
    }

    @Test("A general document's model: parameters are what claims differentiate by, the rest inputs")
    func modelRoles() throws {
        let path = Self.root.appendingPathComponent("logistic-regression.md").path
        let summary = try DocumentModel.summary(of: try DocumentReading.read(paths: [path]))
        #expect(summary.parameters == ["w_{1}", "w_{2}", "b"])
        #expect(summary.inputs == ["x_{1}", "x_{2}", "t"])
        #expect(summary.definitions == ["z", "p", "L"])
    }

    @Test("Malformed models are located errors", arguments: [
        ("$$\\begin{aligned} h &= \\alpha(z) \\\\ z &= w x \\end{aligned}$$\n$$\\frac{\\partial h}{\\partial w} = 1$$", "1:31", "used before"),
        ("$$\\begin{aligned} z &= w x \\\\ z &= w x + b \\end{aligned}$$\n$$\\frac{\\partial z}{\\partial w} = x$$", "1:31", "defined twice"),
        ("$$z = w z$$\n$$\\frac{\\partial z}{\\partial w} = 1$$", "1:9", "itself"),
        ("$$z = w x$$\n$$\\frac{\\partial L}{\\partial w} = x$$", "2:18", "not a quantity"),
        ("$$z = w x$$\n", "1:3", "no claim"),
    ])
    func modelErrors(_ text: String, _ position: String, _ message: String) throws {
        let document = try Document.parse(markdown: text, fileName: "m.md", dialect: .general)
        do {
            _ = try DocumentModel.summary(of: document)
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.kind == .modelError)
            #expect("\(error.location.line):\(error.location.column)" == position, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }
}
