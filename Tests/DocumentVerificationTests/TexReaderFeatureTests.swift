import Foundation
import Testing
import Notation
@testable import DocumentVerification

/// Constructs of LaTeX articles by outside authors, checked end to end: the author's macros, vectors
/// stated as the transposed tuple of their entries, matrices named by their entries `(W_{ij})`.
@Suite("LaTeX articles: macros, tuples and entry names")
struct TexReaderFeatureTests {
    static let verifier = DocumentVerifier(network: .seed, cases: 32)

    /// A tanh unit in scalar form, its derivatives written with the author's macros.
    static let macroArticle = #"""
        \documentclass{article}
        \newcommand{\pd}[2]{\frac{\partial #1}{\partial #2}}
        \DeclareMathOperator{\sech}{sech}
        \def\half{\frac{1}{2}}
        \begin{document}
        \section{Model}
        \begin{align}
          z &= w x + b, \\
          h &= \tanh(z), \\
          L &= \half (h - y)^2.
        \end{align}
        \section{Gradients}
        \begin{align}
          \pd{L}{h} &= h - y, \\
          \pd{L}{z} &= (h - y) \sech^2(z), \\
          \pd{L}{w} &= (h - y) \sech^2(z) \, x.
        \end{align}
        \end{document}
        """#

    /// A tanh layer in vector form: the input, the bias and the target stated as tuples of their
    /// entries, the weights as the matrix of the entries `W_{ij}`.
    static let tupleArticle = #"""
        \documentclass{article}
        \begin{document}
        Let $\mathbf{x} = (x_1, x_2)^\top$, $\mathbf{b} = (b_1, b_2)^\top$ and
        $\mathbf{W} = (W_{ij}) \in \mathbb{R}^{2 \times 2}$, with a target $\mathbf{t} = (t_1, t_2)^\top$.
        \begin{align}
          \mathbf{z} &= \mathbf{W} \mathbf{x} + \mathbf{b}, \\
          \mathbf{h} &= \tanh(\mathbf{z}), \\
          L &= \frac{1}{2} \|\mathbf{h} - \mathbf{t}\|^2.
        \end{align}
        The gradients are
        \begin{align}
          \nabla_{\mathbf{b}} L &= (\mathbf{h} - \mathbf{t}) \odot (1 - \mathbf{h} \odot \mathbf{h}), \\
          \nabla_{\mathbf{W}} L &= \left( (\mathbf{h} - \mathbf{t}) \odot (1 - \mathbf{h} \odot \mathbf{h}) \right) \mathbf{x}^\top.
        \end{align}
        \end{document}
        """#

    /// A tanh layer's Jacobian: written out over several lines, as `\operatorname{diag}(…) \mathbf{W}`, used
    /// inside an expression, and `\partial y / \partial \mathbf{h}` in the numerator layout (a row).
    static let jacobianArticle = #"""
        \documentclass{article}
        \begin{document}
        Let $\mathbf{x} = (x_1, x_2)^\top$, $\mathbf{W} = (W_{ij}) \in \mathbb{R}^{2 \times 2}$ and $\mathbf{v} \in \mathbb{R}^2$.
        \begin{align}
          \mathbf{z} &= \mathbf{W} \mathbf{x}, \\
          \mathbf{h} &= \tanh(\mathbf{z}), \\
          y &= \mathbf{v}^\top \mathbf{h}.
        \end{align}
        The Jacobian is
        \begin{equation}
          \frac{\partial \mathbf{h}}{\partial \mathbf{x}} =
          \begin{pmatrix}
            (1 - h_1^2) W_{11} & (1 - h_1^2) W_{12} \\
            (1 - h_2^2) W_{21} & (1 - h_2^2) W_{22}
          \end{pmatrix}
          = \operatorname{diag}(1 - \mathbf{h} \odot \mathbf{h}) \, \mathbf{W},
        \end{equation}
        and with $\frac{\partial y}{\partial \mathbf{h}} = \mathbf{v}^\top$,
        \begin{equation}
          \nabla_{\mathbf{x}} y = \left( \frac{\partial \mathbf{h}}{\partial \mathbf{x}} \right)^{\top} \mathbf{v}.
        \end{equation}
        \end{document}
        """#

    /// δ named entry by entry (`\delta_i = \partial L / \partial a_i`, i = 1, 2), then used bare as the vector.
    static let deltaArticle = #"""
        \documentclass{article}
        \begin{document}
        With $\mathbf{W} \in \mathbb{R}^{2 \times 2}$ and $\mathbf{x}, \mathbf{b}, \mathbf{t} \in \mathbb{R}^2$,
        \begin{align}
          \mathbf{a} &= \mathbf{W} \mathbf{x} + \mathbf{b}, \\
          \mathbf{h} &= \tanh(\mathbf{a}), \\
          L &= \frac{1}{2} \|\mathbf{h} - \mathbf{t}\|^2.
        \end{align}
        The errors are
        \begin{equation}
          \delta_i = \frac{\partial L}{\partial a_i} = (h_i - t_i)(1 - h_i^2), \qquad i = 1, 2,
        \end{equation}
        so that
        \begin{align}
          \frac{\partial L}{\partial \mathbf{b}} &= \delta, \\
          \frac{\partial L}{\partial \mathbf{W}} &= \delta \, \mathbf{x}^\top.
        \end{align}
        \end{document}
        """#

    static func verify(_ text: String) async throws -> DocumentFindings {
        try await verifier.verify(try DocumentReading.parse([(text, "article.tex")]))
    }

    static func lineOf(_ needle: String, in text: String) throws -> Int {
        let range = try #require(text.range(of: needle))
        return text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
    }

    @Test("Articles verify in full as written", arguments: [macroArticle, tupleArticle, jacobianArticle, deltaArticle])
    func verifies(_ text: String) async throws {
        let findings = try await Self.verify(text)
        #expect(findings.outcome == .verified, "\(findings.claims.filter { $0.verdict != .verified }.map(\.subject))")
        #expect(findings.claims.count >= 3)
        #expect(findings.inconclusiveCount == 0)
    }

    @Test("Mutants are caught on their line", arguments: [
        (macroArticle, #"\sech^2(z) \, x."#, #"\sech^2(z) \, w."#),
        (macroArticle, #"\pd{L}{z} &= (h - y) \sech^2(z)"#, #"\pd{L}{z} &= (h - y) \sech(z)"#),
        (tupleArticle, #"\nabla_{\mathbf{W}} L &= \left( (\mathbf{h} - \mathbf{t})"#,
         #"\nabla_{\mathbf{W}} L &= \left( (\mathbf{t} - \mathbf{h})"#),
        (tupleArticle, #"\nabla_{\mathbf{b}} L &= (\mathbf{h} - \mathbf{t}) \odot (1 - \mathbf{h} \odot \mathbf{h})"#,
         #"\nabla_{\mathbf{b}} L &= (\mathbf{h} - \mathbf{t}) \odot (1 - \mathbf{h})"#),
        (jacobianArticle, #"(1 - h_2^2) W_{21} &"#, #"(1 - h_1^2) W_{21} &"#),
        (jacobianArticle, #"= \operatorname{diag}(1 - \mathbf{h} \odot \mathbf{h}) \, \mathbf{W},"#,
         #"= \mathbf{W} \operatorname{diag}(1 - \mathbf{h} \odot \mathbf{h}),"#),
        (jacobianArticle, #"\left( \frac{\partial \mathbf{h}}{\partial \mathbf{x}} \right)^{\top} \mathbf{v}"#,
         #"\frac{\partial \mathbf{h}}{\partial \mathbf{x}} \mathbf{v}"#),
        (deltaArticle, #"&= \delta \, \mathbf{x}^\top."#, #"&= \mathbf{x} \, \delta^\top."#),
        (deltaArticle, #"\partial \mathbf{b}} &= \delta,"#, #"\partial \mathbf{b}} &= 2 \delta,"#),
        // The gradient of an expression: a sign, and 2Wx for a W that is not symmetric.
        (tupleArticle, #"\nabla_{\mathbf{b}} L &="#,
         #"\nabla_{\mathbf{h}} \, \frac{1}{2} \|\mathbf{h} - \mathbf{t}\|^2 &= \mathbf{t} - \mathbf{h}, \\"# + "\n" + #"\nabla_{\mathbf{b}} L &="#),
        (tupleArticle, #"\nabla_{\mathbf{b}} L &="#,
         #"\nabla_{\mathbf{x}} \, \mathbf{x}^\top \mathbf{W} \mathbf{x} &= 2 \mathbf{W} \mathbf{x}, \\"# + "\n" + #"\nabla_{\mathbf{b}} L &="#),
    ])
    func mutant(_ base: String, _ old: String, _ new: String) async throws {
        try #require(base.components(separatedBy: old).count == 2)
        let text = base.replacingOccurrences(of: old, with: new)
        let line = try Self.lineOf(new, in: text)
        let findings = try await Self.verify(text)
        let flagged = findings.claims.filter { $0.verdict == .discrepant }
        #expect(!flagged.isEmpty, "not caught")
        for claim in flagged { #expect(claim.location.line == line, "flagged elsewhere: \(claim.subject) at \(claim.location)") }
        #expect(findings.inconclusiveCount == 0)
    }

    @Test("Rewritings verify", arguments: [
        (jacobianArticle, #"$\frac{\partial y}{\partial \mathbf{h}} = \mathbf{v}^\top$"#, #"$\frac{\partial y}{\partial \mathbf{h}} = \mathbf{v}$"#),
        (tupleArticle, #"L &= \frac{1}{2} \|\mathbf{h} - \mathbf{t}\|^2."#,
         #"L &= \frac{1}{2} \|\mathbf{h} - \mathbf{t}\|_F^2 = \frac{1}{2} \sum_{k=1}^{2} (h_k - t_k)^2."#),
        (deltaArticle, #"\partial \mathbf{b}} &= \delta,"#, #"\partial \mathbf{b}} &= \begin{bmatrix} \delta_1 \\ \delta_2 \end{bmatrix},"#),
        (macroArticle, #"\pd{L}{h} &= h - y, \\"#, #"\pd{L}{h} &= h - y, \qquad \frac{\partial}{\partial z} \log \sum_{k=1}^{2} e^{z} = 1, \\"#),
        // The gradient of an expression, by a vector.
        (tupleArticle, #"\nabla_{\mathbf{b}} L &="#,
         #"\nabla_{\mathbf{h}} \, \frac{1}{2} \|\mathbf{h} - \mathbf{t}\|^2 &= \mathbf{h} - \mathbf{t}, \\"# + "\n" + #"\nabla_{\mathbf{b}} L &="#),
        (tupleArticle, #"\nabla_{\mathbf{b}} L &="#,
         #"\nabla_{\mathbf{x}} \, \mathbf{x}^\top \mathbf{W} \mathbf{x} &= (\mathbf{W} + \mathbf{W}^\top) \mathbf{x}, \\"# + "\n" + #"\nabla_{\mathbf{b}} L &="#),
    ])
    func variant(_ base: String, _ old: String, _ new: String) async throws {
        try #require(base.components(separatedBy: old).count == 2)
        let text = base.replacingOccurrences(of: old, with: new)
        let line = try Self.lineOf(new, in: text)
        let findings = try await Self.verify(text)
        #expect(findings.outcome == .verified, "\(findings.claims.filter { $0.verdict != .verified }.map(\.subject))")
        #expect(findings.claims.contains { $0.location.line == line }, "the rewritten claim was not checked")
    }

    /// `tupleArticle` with weight decay on W written as `norm`, and its gradient claim.
    static func decayArticle(_ norm: String) -> String {
        tupleArticle
            .replacingOccurrences(of: #"L &= \frac{1}{2} \|\mathbf{h} - \mathbf{t}\|^2."#,
                                  with: #"L &= \frac{1}{2} \|\mathbf{h} - \mathbf{t}\|^2 + \frac{1}{2} "# + norm + "^2.")
            .replacingOccurrences(of: #"\mathbf{x}^\top."# + "\n", with: #"\mathbf{x}^\top + \mathbf{W}."# + "\n")
    }

    @Test("A matrix's \\|W\\|_F and \\|W\\| are the Frobenius norm; a wrong decay gradient is caught",
          arguments: [#"\|\mathbf{W}\|_F"#, #"\|\mathbf{W}\|_{F}"#, #"\|\mathbf{W}\|"#])
    func frobeniusDecay(_ norm: String) async throws {
        let text = Self.decayArticle(norm)
        try #require(text.contains(#"+ \mathbf{W}."#) && text.contains(norm + "^2."))
        let findings = try await Self.verify(text)
        #expect(findings.outcome == .verified, "\(findings.claims.filter { $0.verdict != .verified }.map(\.subject))")
        let halved = try await Self.verify(text.replacingOccurrences(of: #"+ \mathbf{W}."#, with: #"+ 2 \mathbf{W}."#))
        #expect(halved.claims.contains { $0.verdict == .discrepant })
    }

    @Test("A matrix's spectral norm \\|W\\|_2 is refused where it is written, never taken for another norm",
          arguments: [#"\|\mathbf{W}\|_2"#, #"\|\mathbf{W}\|_{2}"#])
    func spectralNormRefused(_ norm: String) async throws {
        let text = Self.decayArticle(norm)
        let line = try Self.lineOf(norm, in: text)
        do {
            _ = try await Self.verify(text)
            Issue.record("\(norm) of a matrix was read")
        } catch let error as NotationError {
            #expect(error.location.line == line)
            #expect(error.message.contains("spectral norm"), "\(error.message)")
        }
    }

    @Test("A vector's \\|v\\|_2 is its Euclidean norm")
    func vectorTwoNorm() async throws {
        let text = Self.tupleArticle.replacingOccurrences(of: #"\|\mathbf{h} - \mathbf{t}\|^2."#, with: #"\|\mathbf{h} - \mathbf{t}\|_2^2."#)
        #expect(text != Self.tupleArticle)
        #expect(try await Self.verify(text).outcome == .verified)
    }
}
