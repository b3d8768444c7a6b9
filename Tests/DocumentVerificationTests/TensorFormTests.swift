import Foundation
import Testing
import Notation
@testable import DocumentVerification

/// One edit of a derivation written in vectors, matrices or free indices, and what the kit must say.
struct TensorEdit: Sendable, CustomTestStringConvertible {
    enum Expectation: Sendable {
        /// A real mistake: flagged discrepant, and only on the lines the edit wrote.
        case caught
        /// The same mathematics written another way: every claim verified, none inconclusive.
        case passes
        /// About something the document's model does not define: a located error on the edited lines.
        case refused
    }

    var name: String
    var template: TensorTemplate
    var old: String
    var new: String
    var expectation: Expectation
    var testDescription: String {
        switch expectation {
        case .caught: "mutant: \(name)"
        case .passes: "variant: \(name)"
        case .refused: "refused: \(name)"
        }
    }

    init(_ name: String, _ template: TensorTemplate, _ old: String, _ new: String, _ expectation: Expectation) {
        (self.name, self.template, self.old, self.new, self.expectation) = (name, template, old, new, expectation)
    }
}

/// Small documents in the styles of issue 19, each correct as written.
enum TensorTemplate: String, Sendable, CaseIterable {
    /// Nielsen's four equations on a 2-2-2 sigmoid network with the quadratic cost.
    case nielsen
    /// A mean over a mini-batch of two, one ReLU unit, `\nabla_{\mathbf{w}} L`.
    case miniBatch
    /// Softmax regression in index form: `z_k = \sum_j w_{kj} x_j + b_k`, claims for every k and j.
    case indexSoftmax
    /// Nielsen's network stated in prose: tuples `x = (x_1, x_2)^T`, "are $2 \times 2$ matrices", the model
    /// written once with the layer letter (`z^l = w^l a^{l-1} + b^l`), `\nabla_a C`.
    case proseLayers
    /// A batch of two through a tanh layer: `a_n = W x_n + b` defined where the rows after it read it.
    case batchTuples
    /// An exam's function forms: `\nabla L(w, b)` as a column, `f(x) = v h` naming a value.
    case functionForms
    /// Errors defined entry by entry (`\delta_i = …, i = 1, 2`) and claimed as the vector δ.
    case entryErrors
    /// Bishop's bias units (`$x_0 = 1$`, `$z_0 = 1$` in prose), errors named with `\equiv` in `\[ \]`, an
    /// identity of h′ at each hidden unit, and range clauses that differ from row to row.
    case biasUnits
    /// Nielsen's errors δ³, δ² defined by their formulas and never named: the claims ∂C/∂b^l = δ^l name them.
    case unnamedErrors
    /// Entries of parenthesized names and expressions: `(W_1)_{jk}` (also as the variable), `(w_2)_j`,
    /// `(W_1^\top v)_k` on a square layer, so that a missing transpose changes the value.
    case entryForms
    /// Softmax regression: `\operatorname{softmax}(\mathbf{o})_j`, `(\mathbf{W}^\top (\hat{\mathbf{y}} - \mathbf{y}))_k`.
    case softmaxEntries
    /// The output layer written `a^L` beside `a^1 = x` (so `\nabla_a C` is by a^3, not the largest layer number
    /// written), and an activation φ defined in prose, `\phi(z) = \tanh(z)`, applied to vectors.
    case lastLayerPattern

    var text: String {
        switch self {
        case .nielsen: #"""
            # A 2-2-2 network in Nielsen's notation

            Error $\delta^l = \partial C / \partial z^l$.

            ## The network

            Layer 1 is the input, $a^1 = x \in \mathbb{R}^2$.

            $$W^2, W^3 \in \mathbb{R}^{2 \times 2}, \qquad b^2, b^3 \in \mathbb{R}^2$$

            $$z^2 = W^2 a^1 + b^2, \qquad a^2 = \sigma(z^2)$$

            $$z^3 = W^3 a^2 + b^3, \qquad a^3 = \sigma(z^3)$$

            For a target $y \in \mathbb{R}^2$ the cost is

            $$C = \frac{1}{2}\|a^3 - y\|^2$$

            Since $a^l = \sigma(z^l)$, the sigmoid's derivative is

            $$\sigma'(z^l) = a^l \odot (1 - a^l)$$

            ## Backpropagation

            $$\delta^3 = (a^3 - y) \odot \sigma'(z^3)$$

            $$\delta^2 = ((W^3)^T \delta^3) \odot \sigma'(z^2)$$

            $$\frac{\partial C}{\partial b^3} = \delta^3, \qquad \frac{\partial C}{\partial W^3} = \delta^3 (a^2)^T$$

            $$\frac{\partial C}{\partial b^2} = \delta^2, \qquad \frac{\partial C}{\partial W^2} = \delta^2 x^T$$

            $$\frac{\partial C}{\partial w^2_{12}} = \delta^2_1 \, x_2$$
            """#
        case .miniBatch: #"""
            # A mini-batch mean

            $$z_n = \mathbf{w}^\top \mathbf{x}_n + b$$

            $$h_n = \max(0, z_n)$$

            $$\hat{y}_n = v h_n + c$$

            The parameters are $\mathbf{w} \in \mathbb{R}^2$ and the scalars $b$, $v$, $c$.

            $$L = \frac{1}{N} \sum_{n=1}^{N} \frac{1}{2} \left( \hat{y}_n - y_n \right)^2$$

            where $N = 2$ is the mini-batch size.

            $$\frac{\partial L}{\partial c} = \frac{1}{N} \sum_{n=1}^{N} \left( \hat{y}_n - y_n \right)$$

            $$\frac{\partial L}{\partial v} = \frac{1}{N} \sum_{n=1}^{N} \left( \hat{y}_n - y_n \right) h_n$$

            $$\nabla_{\mathbf{w}} L = \frac{1}{N} \sum_{n=1}^{N} \left( \hat{y}_n - y_n \right) v \, \mathbb{1}[z_n > 0] \, \mathbf{x}_n$$
            """#
        case .indexSoftmax: #"""
            # Softmax regression in index form

            $$z_k = \sum_{j=1}^{2} w_{kj} x_j + b_k, \qquad k \in \{1, 2, 3\}$$

            $$p_k = \frac{e^{z_k}}{\sum_{i=1}^{3} e^{z_i}}, \qquad k \in \{1, 2, 3\}$$

            The label is one-hot, $t \in \{0, 1\}^3$, so $t_1 + t_2 + t_3 = 1$, and

            $$L = -\sum_{k} t_k \log p_k$$

            where sums over $k$ run over the three classes. For every $k$ and $j$:

            $$\frac{\partial L}{\partial z_k} = p_k - t_k$$

            $$\frac{\partial L}{\partial w_{kj}} = (p_k - t_k)\, x_j$$

            $$\frac{\partial L}{\partial x_j} = \sum_{k} (p_k - t_k)\, w_{kj}$$

            ## The loss in closed form

            $$L = -\sum_{k} t_k \left( z_k - \log \sum_{i=1}^{3} e^{z_i} \right)$$
            """#
        case .proseLayers: #"""
            # Layers stated in prose

            Superscripts are layers. The input is $x = (x_1, x_2)^T$ and the target is $y = (y_1, y_2)^T$.
            The weights $w^2$ and $w^3$ are $2 \times 2$ matrices, and $b^2$, $b^3$ are vectors in $\mathbb{R}^2$.
            The entry $w^l_{jk}$ weighs neuron $k$ of layer $l - 1$ into neuron $j$ of layer $l$.
            Layer 1 is the input, $a^1 = x$. Each layer computes $z^l = w^l a^{l-1} + b^l$ and $a^l = \sigma(z^l)$.
            The error of layer $l$ is $\delta^l = \partial C / \partial z^l$.

            $$C = \frac{1}{2}\|a^3 - y\|^2$$

            $$\nabla_a C = a^3 - y$$

            $$\delta^3 = \nabla_a C \odot \sigma'(z^3)$$

            $$\delta^2 = ((w^3)^T \delta^3) \odot \sigma'(z^2)$$

            $$\frac{\partial C}{\partial b^l_j} = \delta^l_j$$

            $$\frac{\partial C}{\partial w^2} = \delta^2 x^T$$
            """#
        case .batchTuples: #"""
            # A batch of two through a tanh layer

            Each example is $x_n = (x_{n,1}, x_{n,2})^\top$, and the output weights are $w = (w_1, w_2)^\top$.

            $$W = \begin{pmatrix} W_{11} & W_{12} \\ W_{21} & W_{22} \end{pmatrix}, \qquad b = \begin{pmatrix} b_1 \\ b_2 \end{pmatrix}$$

            $$a_n = W x_n + b, \qquad h_n = \tanh(a_n), \qquad \hat{y}_n = w^\top h_n + c$$

            $$L = \frac{1}{N} \sum_{n=1}^{N} \frac{1}{2} (\hat{y}_n - y_n)^2$$

            The batch has $N = 2$ examples.

            $$\frac{\partial L}{\partial c} = \frac{1}{N} \sum_{n=1}^{N} (\hat{y}_n - y_n)$$

            $$\frac{\partial L}{\partial w} = \frac{1}{N} \sum_{n=1}^{N} (\hat{y}_n - y_n) h_n$$

            $$\frac{\partial L}{\partial b_i} = \frac{1}{N} \sum_{n=1}^{N} (\hat{y}_n - y_n) w_i (1 - h_{n,i}^2), \qquad i = 1, 2$$
            """#
        case .functionForms: #"""
            # Function forms

            ## Problem 1

            $$L(w, b) = \frac{1}{2}(wx + b - y)^2$$

            Let $e = wx + b - y$ be the residual.

            $$\nabla L(w, b) = \begin{pmatrix} e\, x \\ e \end{pmatrix}$$

            ## Problem 2

            $$g(u) = \tanh(u), \qquad u = wx + b, \qquad h = g(u), \qquad f(x) = v h$$

            $$E = \big(t - f(x)\big)^2$$

            $$\frac{\partial E}{\partial v} = -2\big(t - f(x)\big)\, h$$
            """#
        case .entryErrors: #"""
            # Errors named entry by entry

            The input is $x = (x_1, x_2)^\top$, with $W \in \mathbb{R}^{2 \times 2}$ and $b, v \in \mathbb{R}^2$.

            $$a = W x + b, \qquad h = \tanh(a), \qquad \hat{y} = v^\top h + c, \qquad L = \frac{1}{2} (\hat{y} - y)^2$$

            $$\delta_i = \frac{\partial L}{\partial a_i} = (\hat{y} - y)\, v_i (1 - h_i^2), \qquad i = 1, 2$$

            $$\frac{\partial L}{\partial b} = \delta$$

            $$\frac{\partial L}{\partial W} = \delta\, x^\top$$

            $$\frac{\partial L}{\partial a} = \operatorname{diag}(\mathbf{1} - h \odot h)\, v\, (\hat{y} - y)$$
            """#
        case .biasUnits: #"""
            # Two layers with bias units

            The biases are weights on an extra input $x_0 = 1$ and an extra hidden unit $z_0 = 1$. For one
            pattern $n$:

            $$a_j = \sum_{i=0}^{2} u_{ji} x_i, \qquad z_j = g(a_j), \qquad j = 1, 2$$

            $$y_k = \sum_{j=0}^{2} v_{kj} z_j, \qquad k = 1, 2$$

            with $g(a) = \tanh(a)$, and the error $E_n = \frac{1}{2} \sum_{k=1}^{2} (y_k - t_k)^2$.

            \[ \epsilon_k \equiv \frac{\partial E_n}{\partial y_k}, \qquad \delta_j \equiv \frac{\partial E_n}{\partial a_j} \]

            $$\epsilon_k = y_k - t_k$$

            $$g'(a_j) = 1 - z_j^2$$

            $$\delta_j = g'(a_j) \sum_{k=1}^{2} v_{kj} \epsilon_k, \qquad j = 1, 2$$

            $$\frac{\partial E_n}{\partial v_{kj}} = \epsilon_k z_j, \qquad k = 1, 2,\ j = 0, 1, 2$$

            $$\frac{\partial E_n}{\partial u_{ji}} = \delta_j x_i, \qquad j = 1, 2,\ i = 0, 1, 2$$

            For the bias weights, $\frac{\partial E_n}{\partial v_{k0}} = \epsilon_k$.
            """#
        case .unnamedErrors: #"""
            # A 2-2-1 sigmoid network, errors by formula

            The input is $x \in \mathbb{R}^2$, with $W^2 \in \mathbb{R}^{2 \times 2}$, $b^2 \in \mathbb{R}^2$,
            $W^3 \in \mathbb{R}^{1 \times 2}$ and $b^3, y \in \mathbb{R}^1$.

            $$z^2 = W^2 x + b^2, \qquad a^2 = \sigma(z^2), \qquad z^3 = W^3 a^2 + b^3, \qquad a^3 = \sigma(z^3)$$

            $$C = \frac{1}{2}\|a^3 - y\|^2$$

            $$\delta^3 = (a^3 - y) \odot \sigma'(z^3)$$

            $$\delta^2 = ((W^3)^T \delta^3) \odot \sigma'(z^2)$$

            $$\frac{\partial C}{\partial b^3} = \delta^3, \qquad \frac{\partial C}{\partial W^3} = \delta^3 (a^2)^T$$

            $$\frac{\partial C}{\partial b^2} = \delta^2, \qquad \frac{\partial C}{\partial W^2} = \delta^2 x^T$$
            """#
        case .entryForms: #"""
            # Entries of vector and matrix expressions

            The input is $x \in \mathbb{R}^2$, with $W_1 \in \mathbb{R}^{2 \times 2}$, $b_1 \in \mathbb{R}^2$ and $w_2 \in \mathbb{R}^2$.

            $$z = W_1 x + b_1, \qquad h = \tanh(z), \qquad \hat{y} = w_2^\top h + c, \qquad L = \frac{1}{2}(\hat{y} - y)^2$$

            Entry by entry, for $j = 1, 2$ and $k = 1, 2$,

            $$\frac{\partial L}{\partial (W_1)_{jk}} = (\hat{y} - y)\,(w_2)_j\,(1 - h_j^2)\, x_k$$

            $$\frac{\partial L}{\partial x_k} = (\hat{y} - y)\, (W_1^\top (w_2 \odot (1 - h \odot h)))_k$$

            $$\frac{\partial L}{\partial (b_1)_j} = ((\hat{y} - y)\, w_2 \odot (1 - h \odot h))_j$$
            """#
        case .softmaxEntries: #"""
            # Softmax of the logits

            The input is $\mathbf{x} \in \mathbb{R}^2$, with $\mathbf{W} \in \mathbb{R}^{3 \times 2}$, $\mathbf{b} \in \mathbb{R}^3$ and a label $\mathbf{y} \in \{0, 1\}^3$ with $\sum_{j=1}^{3} y_j = 1$.

            $$\mathbf{o} = \mathbf{W} \mathbf{x} + \mathbf{b}, \qquad \hat{\mathbf{y}} = \operatorname{softmax}(\mathbf{o}), \qquad l = -\sum_{j=1}^{3} y_j \log \hat{y}_j$$

            For $j = 1, 2, 3$ and $k = 1, 2$:

            $$\frac{\partial l}{\partial o_j} = \operatorname{softmax}(\mathbf{o})_j - y_j$$

            $$\frac{\partial l}{\partial x_k} = (\mathbf{W}^\top (\hat{\mathbf{y}} - \mathbf{y}))_k$$

            $$\frac{\partial l}{\partial (\mathbf{W})_{jk}} = (\operatorname{softmax}(\mathbf{o})_j - y_j)\, x_k$$
            """#
        case .lastLayerPattern: #"""
            # The output layer written a^L

            The network has $L = 3$ layers. The input layer holds $x = (x_1, x_2)^T$, and $a^1 = x$. The weights are
            $w^2, w^3 \in \mathbb{R}^{2 \times 2}$, the biases $b^2, b^3 \in \mathbb{R}^2$, and the target is
            $y = (y_1, y_2)^T$. Every neuron applies $\phi(z) = \tanh(z)$. The error of layer $l$ is
            $\delta^l = \partial C / \partial z^l$.

            $$z^l = w^l a^{l-1} + b^l, \qquad a^l = \phi(z^l), \qquad l = 2, 3$$

            $$C = \frac{1}{2} \|a^L - y\|^2$$

            $$\nabla_a C = a^L - y$$

            $$\delta^L = \nabla_a C \odot \phi'(z^L)$$

            $$\delta^2 = ((w^3)^T \delta^3) \odot \phi'(z^2)$$

            $$\frac{\partial C}{\partial w^2} = \delta^2 (a^1)^T$$
            """#
        }
    }
}

/// Issue 19: derivations as textbooks write them. Every rule of the expansion (transposes, `\odot`,
/// free indices, layer labels, means over a batch) is tested both ways: a mutant that must be
/// caught on its own line, and a legitimate rewriting that must verify in full.
@Suite("Vector, matrix and index forms")
struct TensorFormTests {
    /// 12 cases per document (every mutant here is caught with them); 48 with `BACKPROP_CHECK_ACCEPTANCE=1`.
    static let verifier = DocumentVerifier(
        network: .seed, cases: ProcessInfo.processInfo.environment["BACKPROP_CHECK_ACCEPTANCE"] == "1" ? 48 : 12)

    static let edits: [TensorEdit] = [
        // Nielsen: BP1–BP4 and their entries.
        TensorEdit("missing transpose on a square matrix", .nielsen, #"((W^3)^T \delta^3)"#, #"(W^3 \delta^3)"#, .caught),
        TensorEdit("σ for σ′ in BP1", .nielsen, #"\odot \sigma'(z^3)"#, #"\odot \sigma(z^3)"#, .caught),
        TensorEdit("sign of a − y", .nielsen, #"(a^3 - y) \odot"#, #"(y - a^3) \odot"#, .caught),
        TensorEdit("outer product in the wrong order (a shape error)", .nielsen,
                   #"\delta^3 (a^2)^T"#, #"(a^2)^T \delta^3"#, .caught),
        TensorEdit("activation of the wrong layer", .nielsen, #"\delta^2 x^T"#, #"\delta^2 (a^2)^T"#, .caught),
        TensorEdit("δ of the wrong layer", .nielsen, #"\partial b^2} = \delta^2"#, #"\partial b^2} = \delta^3"#, .caught),
        TensorEdit("wrong input index", .nielsen, #"\delta^2_1 \, x_2"#, #"\delta^2_1 \, x_1"#, .caught),
        TensorEdit("index claim with j and k swapped", .nielsen,
                   #"\frac{\partial C}{\partial w^2_{12}} = \delta^2_1 \, x_2"#,
                   #"\frac{\partial C}{\partial w^3_{jk}} = a^2_j \delta^3_k"#, .caught),
        TensorEdit("written-out entry with the untransposed weight", .nielsen,
                   #"\frac{\partial C}{\partial w^2_{12}} = \delta^2_1 \, x_2"#,
                   #"\delta^2_1 = (w^3_{11} \delta^3_1 + w^3_{12} \delta^3_2)\, \sigma'(z^2_1)"#, .caught),
        TensorEdit("general BP2 without its transpose", .nielsen, "## Backpropagation",
                   "## Backpropagation\n\n$$\\delta^l = (W^{l+1} \\delta^{l+1}) \\odot \\sigma'(z^l)$$\n\nfor $l = 2$.", .caught),
        TensorEdit("^\\top for ^T", .nielsen, #"(W^3)^T"#, #"(W^3)^\top"#, .passes),
        TensorEdit("⊙ before a matrix product (juxtaposition binds tighter)", .nielsen,
                   #"((W^3)^T \delta^3) \odot \sigma'(z^2)"#, #"\sigma'(z^2) \odot (W^3)^T \delta^3"#, .passes),
        TensorEdit("\\circ for \\odot", .nielsen, #"\odot \sigma'(z^2)"#, #"\circ \sigma'(z^2)"#, .passes),
        TensorEdit("\\left( \\right) and ^{T}", .nielsen, #"((W^3)^T \delta^3)"#, #"\left( (W^3)^{T} \delta^3 \right)"#, .passes),
        TensorEdit("^{\\mathsf{T}}", .nielsen, #"x^T"#, #"x^{\mathsf{T}}"#, .passes),
        TensorEdit("a^1 for x", .nielsen, #"\delta^2 x^T"#, #"\delta^2 (a^1)^T"#, .passes),
        TensorEdit("index claim for every j and k", .nielsen,
                   #"\frac{\partial C}{\partial w^2_{12}} = \delta^2_1 \, x_2"#,
                   #"\frac{\partial C}{\partial w^3_{jk}} = a^2_k \delta^3_j"#, .passes),
        TensorEdit("a written-out entry of BP2", .nielsen,
                   #"\frac{\partial C}{\partial w^2_{12}} = \delta^2_1 \, x_2"#,
                   #"\delta^2_1 = (w^3_{11} \delta^3_1 + w^3_{21} \delta^3_2)\, \sigma'(z^2_1)"#, .passes),
        TensorEdit("general BP2 for l = 2", .nielsen, "## Backpropagation",
                   "## Backpropagation\n\n$$\\delta^l = ((W^{l+1})^T \\delta^{l+1}) \\odot \\sigma'(z^l)$$\n\nfor $l = 2$.", .passes),
        // A Jacobian: diag(v), and its structural zeros (no path from z_2 to a_1: exactly 0, proved).
        TensorEdit("the Jacobian of σ as a diagonal matrix", .nielsen,
                   #"\frac{\partial C}{\partial w^2_{12}} = \delta^2_1 \, x_2"#,
                   #"\frac{\partial a^2}{\partial z^2} = \operatorname{diag}(\sigma'(z^2))"#, .passes),
        TensorEdit("σ for σ′ in a diagonal Jacobian", .nielsen,
                   #"\frac{\partial C}{\partial w^2_{12}} = \delta^2_1 \, x_2"#,
                   #"\frac{\partial a^2}{\partial z^2} = \operatorname{diag}(\sigma(z^2))"#, .caught),
        TensorEdit("a Jacobian with off-diagonal entries where there are none", .nielsen,
                   #"\frac{\partial C}{\partial w^2_{12}} = \delta^2_1 \, x_2"#,
                   #"\frac{\partial a^2}{\partial z^2} = \sigma'(z^2) (\sigma'(z^2))^T"#, .caught),
        TensorEdit("a derivative by a quantity no definition reads", .nielsen,
                   #"\frac{\partial C}{\partial w^2_{12}} = \delta^2_1 \, x_2"#,
                   "Untied: $V = (W^3)^T$.\n\n$$\\frac{\\partial C}{\\partial V} = a^2 (\\delta^3)^T$$", .refused),
        // Mini-batch means.
        TensorEdit("missing 1/N", .miniBatch,
                   #"\partial v} = \frac{1}{N} \sum_{n=1}^{N}"#, #"\partial v} = \sum_{n=1}^{N}"#, .caught),
        TensorEdit("missing 1/N in a vector claim", .miniBatch,
                   #"\nabla_{\mathbf{w}} L = \frac{1}{N}"#, #"\nabla_{\mathbf{w}} L = "#, .caught),
        TensorEdit("ReLU′ dropped", .miniBatch, #"v \, \mathbb{1}[z_n > 0] \, \mathbf{x}_n"#, #"v \, \mathbf{x}_n"#, .caught),
        TensorEdit("the batch written out", .miniBatch,
                   #"\frac{\partial L}{\partial c} = \frac{1}{N} \sum_{n=1}^{N} \left( \hat{y}_n - y_n \right)"#,
                   #"\frac{\partial L}{\partial c} = \frac{1}{2} \left( \hat{y}_1 - y_1 + \hat{y}_2 - y_2 \right)"#, .passes),
        TensorEdit("1/N written as a fraction of the sum", .miniBatch,
                   #"\frac{\partial L}{\partial c} = \frac{1}{N} \sum_{n=1}^{N} \left( \hat{y}_n - y_n \right)"#,
                   #"\frac{\partial L}{\partial c} = \frac{\sum_{n=1}^{N} (\hat{y}_n - y_n)}{N}"#, .passes),
        TensorEdit("a matrix stacked in prose, with no shape the kit can compute", .miniBatch,
                   #"where $N = 2$ is the mini-batch size."#,
                   "where $N = 2$ is the mini-batch size. Stacking, $X = [\\mathbf{x}_1\\ \\mathbf{x}_2]$ and\n\n$$\\nabla_{\\mathbf{w}} L = X \\mathbf{g}$$", .refused),
        TensorEdit("a vector gradient written as a row (numerator layout)", .miniBatch,
                   #"\mathbb{1}[z_n > 0] \, \mathbf{x}_n$$"#, #"\mathbb{1}[z_n > 0] \, \mathbf{x}_n^\top$$"#, .passes),
        TensorEdit("a row gradient without its 1/N", .miniBatch,
                   #"\nabla_{\mathbf{w}} L = \frac{1}{N} \sum_{n=1}^{N} \left( \hat{y}_n - y_n \right) v \, \mathbb{1}[z_n > 0] \, \mathbf{x}_n$$"#,
                   #"\nabla_{\mathbf{w}} L = \sum_{n=1}^{N} \left( \hat{y}_n - y_n \right) v \, \mathbb{1}[z_n > 0] \, \mathbf{x}_n^\top$$"#, .caught),
        // Free indices.
        TensorEdit("x_k for x_j", .indexSoftmax, #"(p_k - t_k)\, x_j"#, #"(p_k - t_k)\, x_k"#, .caught),
        TensorEdit("missing sum over k", .indexSoftmax,
                   #"\sum_{k} (p_k - t_k)\, w_{kj}"#, #"(p_k - t_k)\, w_{kj}"#, .caught),
        TensorEdit("t − p for p − t", .indexSoftmax, #"\partial z_k} = p_k - t_k"#, #"\partial z_k} = t_k - p_k"#, .caught),
        TensorEdit("w_{jk} for w_{kj}", .indexSoftmax, #"(p_k - t_k)\, w_{kj}$$"#, #"(p_k - t_k)\, w_{jk}$$"#, .caught),
        TensorEdit("other index letters", .indexSoftmax,
                   #"\frac{\partial L}{\partial w_{kj}} = (p_k - t_k)\, x_j"#,
                   #"\frac{\partial L}{\partial w_{ij}} = (p_i - t_i)\, x_j"#, .passes),
        TensorEdit("bounded sum over k", .indexSoftmax, #"\sum_{k} (p_k - t_k)\, w_{kj}"#,
                   #"\sum_{k=1}^{3} w_{kj} (p_k - t_k)"#, .passes),
        // Indicators of a comparison: 1[a > b] is ReLU′(a − b).
        TensorEdit("indicator of the opposite comparison", .miniBatch,
                   #"\mathbb{1}[z_n > 0]"#, #"\mathbb{1}[-b > \mathbf{w}^\top \mathbf{x}_n]"#, .caught),
        TensorEdit("indicator of a comparison of two expressions", .miniBatch,
                   #"\mathbb{1}[z_n > 0]"#, #"\mathbb{1}[\mathbf{w}^\top \mathbf{x}_n > -b]"#, .passes),
        // Nielsen in prose: tuples, prose shapes, the layer letter, ∇_a C.
        TensorEdit("σ for σ′ after ∇_a C", .proseLayers,
                   #"\delta^3 = \nabla_a C \odot \sigma'(z^3)"#, #"\delta^3 = \nabla_a C \odot \sigma(z^3)"#, .caught),
        TensorEdit("sign of ∇_a C", .proseLayers, #"\nabla_a C = a^3 - y"#, #"\nabla_a C = y - a^3"#, .caught),
        TensorEdit("σ′ of the wrong layer (z^3 a layer of z^l)", .proseLayers,
                   #"\delta^3) \odot \sigma'(z^2)"#, #"\delta^3) \odot \sigma'(z^3)"#, .caught),
        TensorEdit("BP3 with the wrong layer's δ", .proseLayers,
                   #"\partial b^l_j} = \delta^l_j"#, #"\partial b^l_j} = \delta^{l+1}_j"#, .caught),
        widened("shapes listed with commas", .proseLayers,
                #"$w^2$ and $w^3$ are"#, #"$w^2$, $w^3$ are"#, through: #"\nabla_a C = a^3 - y"#, .passes),
        widened("a tuple with left/right parentheses and a top transpose", .proseLayers,
                #"$x = (x_1, x_2)^T$"#, #"$x = \left( x_1, x_2 \right)^\top$"#, through: #"\nabla_a C = a^3 - y"#, .passes),
        TensorEdit("BP4 for every entry", .proseLayers,
                   #"\frac{\partial C}{\partial w^2} = \delta^2 x^T"#, #"\frac{\partial C}{\partial w^2_{jk}} = \delta^2_j x_k"#, .passes),
        // Definitions demanded by the rows that read them.
        TensorEdit("tanh′ written as 1 − h", .batchTuples, #"(1 - h_{n,i}^2)"#, #"(1 - h_{n,i})"#, .caught),
        TensorEdit("the input for the hidden activation", .batchTuples,
                   #"(\hat{y}_n - y_n) h_n$$"#, #"(\hat{y}_n - y_n) x_n$$"#, .caught),
        TensorEdit("∇_w L for ∂L/∂w", .batchTuples, #"\frac{\partial L}{\partial w}"#, #"\nabla_{w} L"#, .passes),
        widened("^T for a top transpose in a tuple", .batchTuples, #"(w_1, w_2)^\top"#, #"(w_1, w_2)^T"#,
                through: #"\frac{\partial L}{\partial c}"#, .passes),
        // ∇L(w, b) as a column; f(x) = v h names a value.
        TensorEdit("gradient entries swapped", .functionForms,
                   #"\begin{pmatrix} e\, x \\ e \end{pmatrix}"#, #"\begin{pmatrix} e \\ e\, x \end{pmatrix}"#, .caught),
        TensorEdit("gradient by the arguments in the other order", .functionForms,
                   #"\nabla L(w, b) ="#, #"\nabla L(b, w) ="#, .caught),
        TensorEdit("sign of the inner derivative of t − f(x)", .functionForms,
                   #"= -2\big(t - f(x)\big)\, h"#, #"= 2\big(t - f(x)\big)\, h"#, .caught),
        TensorEdit("gradient written out", .functionForms,
                   #"\begin{pmatrix} e\, x \\ e \end{pmatrix}"#, #"\begin{pmatrix} (wx + b - y)\, x \\ wx + b - y \end{pmatrix}"#, .passes),
        TensorEdit("f(x) − t for t − f(x)", .functionForms,
                   #"= -2\big(t - f(x)\big)\, h"#, #"= 2\big(f(x) - t\big)\, h"#, .passes),
        // A vector named by its entries' definitions.
        TensorEdit("outer product transposed on a square matrix", .entryErrors,
                   #"= \delta\, x^\top"#, #"= x\, \delta^\top"#, .caught),
        // An identity of σ′ at a vector, at every layer, entry by entry.
        TensorEdit("σ′ as a(1 − a) without the Hadamard product's second factor", .nielsen,
                   #"\sigma'(z^l) = a^l \odot (1 - a^l)$$"#, #"\sigma'(z^l) = a^l$$"#, .caught),
        TensorEdit("σ′ through σ itself", .nielsen,
                   #"\sigma'(z^l) = a^l \odot (1 - a^l)$$"#, #"\sigma'(z^l) = \sigma(z^l) \odot (1 - \sigma(z^l))$$"#, .passes),
        // The loss restated under a later heading is a claim about its value, not a new worked example.
        TensorEdit("the restated loss without its log", .indexSoftmax, #"\left( z_k - \log \sum_{i=1}^{3} e^{z_i} \right)$$"#,
                   #"\left( z_k - \sum_{i=1}^{3} e^{z_i} \right)$$"#, .caught),
        TensorEdit("the restated loss as log-sum-exp minus the true logit", .indexSoftmax,
                   #"$$L = -\sum_{k} t_k \left( z_k - \log \sum_{i=1}^{3} e^{z_i} \right)$$"#,
                   #"$$L = \sum_{k} t_k \log \sum_{i=1}^{3} e^{z_i} - \sum_{k} t_k z_k$$"#, .passes),
        // Errors never named: the claims ∂C/∂b^l = δ^l name them, so a wrong formula is flagged on its own line.
        TensorEdit("σ for σ′ in the unnamed δ²", .unnamedErrors, #"\odot \sigma'(z^2)$$"#, #"\odot \sigma(z^2)$$"#, .caught),
        TensorEdit("the unnamed δ³ with the wrong sign", .unnamedErrors, #"(a^3 - y) \odot"#, #"(y - a^3) \odot"#, .caught),
        TensorEdit("a bias claim naming δ² for δ³ (a shape error)", .unnamedErrors,
                   #"\partial b^3} = \delta^3, \qquad"#, #"\partial b^3} = \delta^2, \qquad"#, .caught),
        TensorEdit("the bias gradient written out", .unnamedErrors, #"\partial b^2} = \delta^2, \qquad"#,
                   #"\partial b^2} = ((W^3)^T \delta^3) \odot \sigma'(z^2), \qquad"#, .passes),
        // Bias units, names given with \equiv, identities at each unit, range clauses per row.
        TensorEdit("the recurrence summing v_{jk} for v_{kj}", .biasUnits,
                   #"\sum_{k=1}^{2} v_{kj} \epsilon_k, \qquad j"#, #"\sum_{k=1}^{2} v_{jk} \epsilon_k, \qquad j"#, .caught),
        TensorEdit("g′ without the square", .biasUnits, #"$$g'(a_j) = 1 - z_j^2$$"#, #"$$g'(a_j) = 1 - z_j$$"#, .caught),
        TensorEdit("the bias gradient with the unit's output", .biasUnits,
                   #"\partial v_{k0}} = \epsilon_k$."#, #"\partial v_{k0}} = 2 \epsilon_k$."#, .caught),
        TensorEdit("the output error with the wrong sign", .biasUnits,
                   #"$$\epsilon_k = y_k - t_k$$"#, #"$$\epsilon_k = t_k - y_k$$"#, .caught),
        TensorEdit("the bias gradient written with z_0", .biasUnits,
                   #"\partial v_{k0}} = \epsilon_k$."#, #"\partial v_{k0}} = \epsilon_k z_0$."#, .passes),
        TensorEdit("the identity written with tanh", .biasUnits,
                   #"$$g'(a_j) = 1 - z_j^2$$"#, #"$$g'(a_j) = 1 - \tanh^2(a_j)$$"#, .passes),
        // Without "$z_0 = 1$" the extra unit is an input like any other: the bias claim is then wrong.
        widened("no bias unit stated", .biasUnits, #"and an extra hidden unit $z_0 = 1$"#, #"and another input $z_0$"#,
                through: #"= \epsilon_k$."#, .caught),
        // Two values stated for the extra unit make it no constant.
        widened("two values for the bias unit", .biasUnits, #"and an extra hidden unit $z_0 = 1$"#,
                #"and an extra hidden unit $z_0 = 1$ (or $z_0 = 2$)"#, through: #"= \epsilon_k$."#, .caught),
        // One letter naming two layers' errors (Bishop's δ_j and δ_k) is ambiguous: refused on the second name.
        TensorEdit("one name for two derivatives", .biasUnits,
                   #"\[ \epsilon_k \equiv \frac{\partial E_n}{\partial y_k}, \qquad \delta_j"#,
                   #"\[ \delta_k \equiv \frac{\partial E_n}{\partial y_k}, \qquad \delta_j"#, .refused),
        // The identity matrix takes the size of the square matrix beside it; alone it has none.
        TensorEdit("I minus a diagonal", .entryErrors, #"\operatorname{diag}(\mathbf{1} - h \odot h)\, v"#,
                   #"(\mathbf{I} - \operatorname{diag}(h \odot h))\, v"#, .passes),
        TensorEdit("the ones vector and the identity in \\boldsymbol", .entryErrors, #"\operatorname{diag}(\mathbf{1} - h \odot h)\, v"#,
                   #"(\boldsymbol{I} - \operatorname{diag}(h \odot h))\, v"#, .passes),
        TensorEdit("the ones vector in \\boldsymbol", .entryErrors, #"\operatorname{diag}(\mathbf{1} - h \odot h)\, v"#,
                   #"\operatorname{diag}(\boldsymbol{1} - h \odot h)\, v"#, .passes),
        TensorEdit("1 + h ⊙ h with \\bm{1}", .entryErrors, #"\operatorname{diag}(\mathbf{1} - h \odot h)\, v"#,
                   #"\operatorname{diag}(\bm{1} + h \odot h)\, v"#, .caught),
        TensorEdit("I − h hᵀ for the diagonal Jacobian", .entryErrors, #"\operatorname{diag}(\mathbf{1} - h \odot h)\, v"#,
                   #"(\mathbf{I} - h h^\top)\, v"#, .caught),
        TensorEdit("the identity for the Jacobian", .entryErrors, #"\operatorname{diag}(\mathbf{1} - h \odot h)\, v"#,
                   #"\mathbf{I}\, v"#, .caught),
        TensorEdit("an identity with no size", .entryErrors, #"\operatorname{diag}(\mathbf{1} - h \odot h)\, v"#,
                   #"\mathbf{I}^\top v"#, .refused),
        TensorEdit("the vector written as its entries", .entryErrors,
                   #"\partial b} = \delta$$"#, #"\partial b} = \begin{pmatrix} \delta_1 \\ \delta_2 \end{pmatrix}$$"#, .passes),
        // Entries of parenthesized names and of expressions.
        TensorEdit("an entry with the wrong index", .entryForms, #"(w_2)_j"#, #"(w_2)_k"#, .caught),
        TensorEdit("(W_1)_{kj} for (W_1)_{jk} as the variable", .entryForms,
                   #"\partial (W_1)_{jk}}"#, #"\partial (W_1)_{kj}}"#, .caught),
        TensorEdit("an entry of the untransposed matrix", .entryForms,
                   #"(W_1^\top (w_2"#, #"(W_1 (w_2"#, .caught),
        TensorEdit("the entry's name for the entry", .entryForms, #"(w_2)_j"#, #"w_{2,j}"#, .passes),
        TensorEdit("\\left( \\right) and a comma between the indices", .entryForms,
                   #"\partial (W_1)_{jk}}"#, #"\partial \left(W_1\right)_{j,k}}"#, .passes),
        TensorEdit("an entry of a row vector", .entryForms,
                   #"(W_1^\top (w_2 \odot (1 - h \odot h)))_k"#, #"((w_2 \odot (1 - h \odot h))^\top W_1)_k"#, .passes),
        TensorEdit("the entry as a sum over entries", .entryForms,
                   #"(W_1^\top (w_2 \odot (1 - h \odot h)))_k"#, #"\sum_{j=1}^{2} (W_1)_{jk} (w_2)_j (1 - h_j^2)"#, .passes),
        TensorEdit("a sum without bounds over entries of expressions", .entryForms,
                   #"(W_1^\top (w_2 \odot (1 - h \odot h)))_k"#, #"\sum_{j} (W_1^\top)_{kj} (w_2 \odot (1 - h \odot h))_j"#, .passes),
        TensorEdit("a subscript on a scalar expression", .entryForms,
                   #"(\hat{y} - y)\,(w_2)_j"#, #"(\hat{y} - y)_j\,(w_2)_j"#, .refused),
        TensorEdit("an entry beyond the vector", .entryForms, #"(w_2)_j"#, #"(w_2)_3"#, .refused),
        TensorEdit("one index of a matrix", .entryForms, #"\partial (W_1)_{jk}}"#, #"\partial (W_1)_{j}}"#, .refused),
        TensorEdit("two indices of a vector", .entryForms, #"(w_2)_j"#, #"(w_2)_{jk}"#, .refused),
        TensorEdit("softmax(o)_k for softmax(o)_j", .softmaxEntries,
                   #"= \operatorname{softmax}(\mathbf{o})_j - y_j$$"#, #"= \operatorname{softmax}(\mathbf{o})_k - y_j$$"#, .caught),
        TensorEdit("a fixed entry of the softmax", .softmaxEntries,
                   #"= \operatorname{softmax}(\mathbf{o})_j - y_j$$"#, #"= \operatorname{softmax}(\mathbf{o})_1 - y_j$$"#, .caught),
        TensorEdit("the target dropped inside an entry", .softmaxEntries,
                   #"(\mathbf{W}^\top (\hat{\mathbf{y}} - \mathbf{y}))_k"#, #"(\mathbf{W}^\top \hat{\mathbf{y}})_k"#, .caught),
        TensorEdit("the softmax written out", .softmaxEntries,
                   #"= \operatorname{softmax}(\mathbf{o})_j - y_j$$"#, #"= \frac{e^{o_j}}{\sum_{k=1}^{3} e^{o_k}} - y_j$$"#, .passes),
        TensorEdit("an entry of a difference of vectors", .softmaxEntries,
                   #"= \operatorname{softmax}(\mathbf{o})_j - y_j$$"#, #"= (\operatorname{softmax}(\mathbf{o}) - \mathbf{y})_j$$"#, .passes),
        TensorEdit("an entry of an outer product", .softmaxEntries,
                   #"(\operatorname{softmax}(\mathbf{o})_j - y_j)\, x_k$$"#, #"((\hat{\mathbf{y}} - \mathbf{y}) \mathbf{x}^\top)_{jk}$$"#, .passes),
        TensorEdit("the entry (k, j) of the transposed outer product", .softmaxEntries,
                   #"(\operatorname{softmax}(\mathbf{o})_j - y_j)\, x_k$$"#, #"(\mathbf{x} (\hat{\mathbf{y}} - \mathbf{y})^\top)_{kj}$$"#, .passes),
        TensorEdit("the entry (j, k) of the transposed outer product: beyond its 2 rows", .softmaxEntries,
                   #"(\operatorname{softmax}(\mathbf{o})_j - y_j)\, x_k$$"#, #"(\mathbf{x} (\hat{\mathbf{y}} - \mathbf{y})^\top)_{jk}$$"#, .refused),
        TensorEdit("an entry of the softmax beyond its length", .softmaxEntries,
                   #"= \operatorname{softmax}(\mathbf{o})_j - y_j$$"#, #"= \operatorname{softmax}(\mathbf{o})_4 - y_j$$"#, .refused),
        // ∇_a C is by the output layer a^L = a^3, not by a^1 = x; φ is the function the prose defines.
        TensorEdit("∇_a C with a sign error", .lastLayerPattern, #"\nabla_a C = a^L - y$$"#, #"\nabla_a C = a^L + y$$"#, .caught),
        TensorEdit("φ for φ′ at a vector", .lastLayerPattern, #"\odot \phi'(z^2)$$"#, #"\odot \phi(z^2)$$"#, .caught),
        TensorEdit("φ′ written 1 − tanh²", .lastLayerPattern, #"\odot \phi'(z^2)$$"#, #"\odot (1 - a^2 \odot a^2)$$"#, .passes),
        widened("the cost with the layer's number", .lastLayerPattern, #"\|a^L - y\|^2$$"#, #"\|a^3 - y\|^2$$"#,
                through: #"\nabla_a C"#, .passes),
    ]

    /// An edit of prose (a tuple, a shape stated in words), widened to run through the next claim containing
    /// `claim`, so that the edited lines hold a claim to check.
    static func widened(_ name: String, _ template: TensorTemplate, _ old: String, _ new: String,
                        through claim: String, _ expectation: TensorEdit.Expectation) -> TensorEdit {
        let text = template.text
        guard let start = text.range(of: old)?.lowerBound,
              let end = text.range(of: claim, range: start..<text.endIndex)?.upperBound else {
            return TensorEdit(name, template, old, new, expectation)  // the edit's own checks then fail
        }
        let span = String(text[start..<end])
        return TensorEdit(name, template, span, span.replacingOccurrences(of: old, with: new), expectation)
    }

    /// The 1-based lines of `text` that the edit's replacement occupies.
    static func editedLines(_ edit: TensorEdit, in text: String) -> ClosedRange<Int>? {
        guard let range = text.range(of: edit.new) else { return nil }
        let first = text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
        return first...(first + edit.new.filter { $0 == "\n" }.count)
    }

    @Test("Each template verifies in full as written", arguments: TensorTemplate.allCases)
    func templateVerifies(_ template: TensorTemplate) async throws {
        let document = try DocumentReading.parse([(template.text, "\(template.rawValue).md")])
        let findings = try await Self.verifier.verify(document)
        #expect(findings.outcome == .verified)
        #expect(findings.claims.count >= 3)
    }

    @Test("Mutants are caught on their line; rewritings verify", arguments: edits)
    func edit(_ edit: TensorEdit) async throws {
        let base = edit.template.text
        try #require(base.components(separatedBy: edit.old).count == 2, "the edit's target occurs once")
        let text = base.replacingOccurrences(of: edit.old, with: edit.new)
        let lines = try #require(Self.editedLines(edit, in: text))
        if edit.expectation == .refused {
            do {
                let document = try DocumentReading.parse([(text, "\(edit.template.rawValue).md")])
                _ = try await Self.verifier.verify(document)
                Issue.record("not refused")
            } catch let error as NotationError {
                #expect(lines.contains(error.location.line), "refused elsewhere: \(error)")
            }
            return
        }
        let document = try DocumentReading.parse([(text, "\(edit.template.rawValue).md")])
        let findings = try await Self.verifier.verify(document)
        switch edit.expectation {
        case .caught:
            let flagged = findings.claims.filter { $0.verdict == .discrepant }
            #expect(!flagged.isEmpty, "not caught")
            for claim in flagged {
                #expect(lines.contains(claim.location.line), "flagged elsewhere: \(claim.subject) at \(claim.location)")
                #expect(claim.evidence != nil || claim.reason != nil, "a verdict without evidence: \(claim.subject)")
            }
            #expect(findings.inconclusiveCount == 0)
        case .refused:
            break
        case .passes:
            #expect(findings.outcome == .verified, "\(findings.claims.filter { $0.verdict != .verified }.map(\.subject))")
            #expect(findings.claims.contains { lines.contains($0.location.line) }, "the rewritten claim was not checked")
        }
    }
}

/// A pair of round 6 of the outside authors (Fixtures/documents/outside/README.md): a document with one
/// planted mistake and its corrected twin, byte-identical but for the planted line.
struct OutsidePair: Sendable, CustomTestStringConvertible {
    var name: String
    var fileExtension = "md"
    /// Why the kit does not yet check this pair as it must (then the check is a known issue).
    var knownIssue: String? = nil
    /// The round's folder under `outside/` (`round-8/`), empty for rounds 1–7.
    var round = ""
    var testDescription: String { "\(round)\(name).\(fileExtension)" }
}

/// Judged from the committed JSON reports (Fixtures/documents/reports/outside/), which "Fixture reports"
/// proves to be what the kit generates now: one verification of each document serves both tests.
@Suite("Outside authors, rounds 6 and 7: vectors, matrices, indices and staged forms")
struct OutsideRoundSixTests {
    static let folder = DocumentFixtureTests.root.appendingPathComponent("outside")
    static let reports = DocumentFixtureTests.root.appendingPathComponent("reports/outside")

    static let pairs: [OutsidePair] = [
        OutsidePair(name: "nielsen-222-quadratic"),
        OutsidePair(name: "goodfellow-tanh-regression"),
        OutsidePair(name: "goodfellow-two-hidden"),
        OutsidePair(name: "cs231n-sigmoid-gate"),
        OutsidePair(name: "cs231n-staged-fxy"),
        OutsidePair(name: "index-softmax-3x3"),
        OutsidePair(name: "index-softmax-2in"),
        OutsidePair(name: "bishop-sigmoid-ce"),
        OutsidePair(name: "minibatch-relu-matrix"),
        OutsidePair(name: "staged-circuit"),
        OutsidePair(name: "minibatch-mean"),
        OutsidePair(name: "tied-autoencoder"),
        OutsidePair(name: "lse-pooling"),
        OutsidePair(name: "rnn-two-steps"),
        OutsidePair(name: "index-two-outputs"),
        OutsidePair(name: "nielsen-232-quadratic"),
        OutsidePair(name: "nielsen-321-crossentropy"),
        OutsidePair(name: "goodfellow-softmax-relu"),
        OutsidePair(name: "cs231n-circuits"),
        OutsidePair(name: "bishop-tanh-regression", knownIssue: "refused: one name δ for two derivatives (the index letter names the layer)"),
        OutsidePair(name: "minibatch-tanh-decay"),
        OutsidePair(name: "softmax-tanh-article", fileExtension: "tex"),
        OutsidePair(name: "ng-shallow-batch", knownIssue: "refused: dZ names a derivative"),
        OutsidePair(name: "activation-deltas"),
        OutsidePair(name: "prml-backprop", fileExtension: "tex"),
        OutsidePair(name: "softmax-regression"),
        OutsidePair(name: "exam-function-forms"),
        OutsidePair(name: "two-examples", knownIssue: "refused: Example 2 makes vectors of Example 1's scalars w and x"),
        OutsidePair(name: "batch-relu-regression", fileExtension: "tex"),
        OutsidePair(name: "tanh-layer-jacobian", fileExtension: "tex"),
        OutsidePair(name: "ridge-normal-equations", fileExtension: "tex", knownIssue: "refused: ∇ of an expression"),
        OutsidePair(name: "four-equations"),
        // Round 7: scored 0 of 12 before the fixes made with it in view (no longer held out).
        OutsidePair(name: "index"),
        OutsidePair(name: "softmax"),
        OutsidePair(name: "nielsen"),
        OutsidePair(name: "goodfellow"),
        OutsidePair(name: "cs231n", knownIssue: "refused: the warm-up's model is stated in inline math and f is redefined in display math in a later section"),
        OutsidePair(name: "minibatch", knownIssue: "refused: matrices stacked in prose, [x^(1) x^(2) x^(3)]"),
        OutsidePair(name: "relu"),
        OutsidePair(name: "bishop", knownIssue: "refused: the index letter names the layer"),
        OutsidePair(name: "ng", knownIssue: "refused: dZ names a derivative"),
        OutsidePair(name: "rnn"),
        OutsidePair(name: "autoencoder", fileExtension: "tex", knownIssue: "refused: ∂L/∂V of an untied V the model does not read"),
        OutsidePair(name: "d2l-weightdecay", fileExtension: "tex", knownIssue: "refused: d2l's \\text{prod}(·, ·) operator; then the loss as an inline function of two vectors, L = l(o, y), and φ named the sigmoid in prose"),
    ]

    /// The lines (1-based) where the planted document differs from its twin.
    static func differingLines(_ a: String, _ b: String) -> Set<Int> {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false)
        return Set((0..<max(x.count, y.count)).filter { ($0 < x.count ? x[$0] : nil) != ($0 < y.count ? y[$0] : nil) }.map { $0 + 1 })
    }

    /// A claim of a report: its verdict and the line it is written on.
    struct ReportedClaim {
        var verdict: String
        var line: Int
        var name: String
    }

    /// The claims of the committed JSON report of `stem` (model equations, table rows, derivation steps);
    /// an error if the document was refused.
    static func claims(_ stem: String) throws -> [ReportedClaim] {
        let data = try Data(contentsOf: reports.appendingPathComponent(stem + ".json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        if let refused = json["refused"] as? [String: Any] {
            throw RefusedDocument(stem: stem, message: "\(refused["line"] ?? "?"):\(refused["column"] ?? "?"): \(refused["message"] ?? "")")
        }
        let derivations = (json["derivations"] as? [[String: Any]] ?? []).flatMap { $0["steps"] as? [[String: Any]] ?? [] }
        let all = (json["model"] as? [[String: Any]] ?? []) + (json["rows"] as? [[String: Any]] ?? []) + derivations
        return try all.map { claim in
            let location = try #require(claim["location"] as? String)
            let parts = location.split(separator: ":")
            let line = try #require(parts.count >= 3 ? Int(parts[parts.count - 2]) : nil)
            return ReportedClaim(verdict: try #require(claim["verdict"] as? String), line: line,
                                 name: "\(claim["parameter"] ?? claim["symbol"] ?? "?") at \(location)")
        }
    }

    struct RefusedDocument: Error, CustomStringConvertible {
        var stem: String
        var message: String
        var description: String { "\(stem) is refused: \(message)" }
    }

    static func check(_ pair: OutsidePair) throws {
        let planted = folder.appendingPathComponent("\(pair.round)\(pair.name).\(pair.fileExtension)")
        let twin = folder.appendingPathComponent("\(pair.round)\(pair.name)-corrected.\(pair.fileExtension)")
        let lines = differingLines(try String(contentsOf: planted, encoding: .utf8), try String(contentsOf: twin, encoding: .utf8))
        #expect(lines.count == 1, "a pair differs in exactly one line")
        let corrected = try claims(pair.round + pair.name + "-corrected")
        #expect(!corrected.isEmpty, "the twin checks no claim")
        for claim in corrected where claim.verdict != "verified" {
            Issue.record("twin: \(claim.name) is \(claim.verdict)")
        }
        let mistaken = try claims(pair.round + pair.name)
        let flagged = mistaken.filter { $0.verdict == "discrepant" }
        #expect(!flagged.isEmpty, "the planted mistake is not flagged")
        for claim in flagged where !lines.contains(claim.line) {
            Issue.record("flagged off the planted line \(lines.sorted()): \(claim.name)")
        }
        #expect(!mistaken.contains { $0.verdict == "inconclusive" })
    }

    /// ``check(_:)``, as a known issue where the pair says why the kit does not yet check it.
    static func run(_ pair: OutsidePair) throws {
        if let reason = pair.knownIssue {
            withKnownIssue(Comment(rawValue: reason)) { try check(pair) }
        } else {
            try check(pair)
        }
    }

    @Test("The planted mistake is flagged on its line only; the twin verifies in full", arguments: pairs)
    func pair(_ pair: OutsidePair) throws { try Self.run(pair) }
}

/// Rounds 8 and 9, each scored first while held out (Fixtures/documents/outside/README.md), judged like rounds 1–7.
@Suite("Outside authors, rounds 8 and 9")
struct OutsideRoundEightAndNineTests {
    static let layerLetters = "refused: the index letter names the layer (Bishop's convention)"
    static let pairs: [OutsidePair] = [
        OutsidePair(name: "bishop-multilabel", fileExtension: "tex", knownIssue: layerLetters, round: "round-8/"),
        OutsidePair(name: "bishop-regression", knownIssue: layerLetters, round: "round-8/"),
        OutsidePair(name: "cs231n-gates", round: "round-8/"),
        OutsidePair(name: "cs231n-vectorised", knownIssue: "refused: \\mathbf{1}_N b_1", round: "round-8/"),
        OutsidePair(name: "d2l-deep", fileExtension: "tex", round: "round-8/"),
        OutsidePair(name: "d2l-weightdecay", round: "round-8/"),
        OutsidePair(name: "goodfellow-regression", knownIssue: "refused: layer-indexed functions f^{(k)}", round: "round-8/"),
        OutsidePair(name: "goodfellow-tanh", round: "round-8/"),
        OutsidePair(name: "index-homework", round: "round-8/"),
        OutsidePair(name: "index-residual", round: "round-8/"),
        OutsidePair(name: "minibatch-mean", round: "round-8/"),
        OutsidePair(name: "nielsen-crossentropy", knownIssue: "refused: y_j of a one-unit layer", round: "round-8/"),
        OutsidePair(name: "nielsen-quadratic", round: "round-8/"),
        OutsidePair(name: "softmax-ce", round: "round-8/"),
        OutsidePair(name: "bishop-prml", fileExtension: "tex", knownIssue: layerLetters, round: "round-9/"),
        OutsidePair(name: "cs231n-gates", round: "round-9/"),
        OutsidePair(name: "cs231n-twolayer", knownIssue: "refused: class labels as indices, P_{i, y_i}", round: "round-9/"),
        OutsidePair(name: "d2l-mlp", fileExtension: "tex", knownIssue: "refused: d2l's \\text{prod}", round: "round-9/"),
        OutsidePair(name: "goodfellow-relu-regression", knownIssue: "refused: a closed-form J differentiated by ŷ, which no definition reads", round: "round-9/"),
        OutsidePair(name: "goodfellow-softmax-weightdecay", knownIssue: "refused: the indicator 1_{i = y} of a class label", round: "round-9/"),
        OutsidePair(name: "homework-tied-autoencoder", round: "round-9/"),
        OutsidePair(name: "lecture-index-softmax", round: "round-9/"),
        OutsidePair(name: "minibatch-mean", knownIssue: "refused: 'stack the inputs as the rows of X' (an antecedent)", round: "round-9/"),
        OutsidePair(name: "nielsen-crossentropy", round: "round-9/"),
        OutsidePair(name: "nielsen-quadratic", round: "round-9/"),
        OutsidePair(name: "qa-tanh-mlp", round: "round-9/"),
        OutsidePair(name: "rnn-bptt", round: "round-9/"),
        OutsidePair(name: "softmax-regression-l2", round: "round-9/"),
    ]

    @Test("The planted mistake is flagged on its line only; the twin verifies in full", arguments: pairs)
    func pair(_ pair: OutsidePair) throws { try OutsideRoundSixTests.run(pair) }
}
