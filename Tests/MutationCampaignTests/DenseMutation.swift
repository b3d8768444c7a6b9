import NetworkModel

/// A realistic mistake in hand-written back-propagation for a layer stack.
/// Layers are numbered from 1 (the first hidden layer) to L (the output
/// layer); z_l = W_l a_(l−1) + b_l, a_l = α_l(z_l), δ_l = ∂L/∂z_l,
/// ∂L/∂W_l = δ_l a_(l−1)ᵀ, ∂L/∂b_l = δ_l, ∂L/∂a_(l−1) = W_lᵀ δ_l.
///
/// Each mutation declares the tensors it corrupts on a given stack
/// (``corrupted(in:)``): exactly the tensor groups (and the objective `L`)
/// whose value changes as a formula. The campaign asserts that the
/// conformance suite judges *wrong* exactly those.
enum DenseMutation: Sendable, Hashable, CustomStringConvertible {
    /// ReLU's mask 1[z_k > 0] forgotten in layer k: δ_k = ∂L/∂a_k.
    case reluMaskMissing(layer: Int)
    /// z_(k−1) for a_(k−1) in ∂L/∂W_k = δ_k z_(k−1)ᵀ (the pre-activation where the activation belongs).
    case preactivationForActivation(layer: Int)
    /// α′(a_k) for α′(z_k): the slope evaluated at the layer's output.
    case slopeAtOutput(layer: Int)
    /// tanh′ written 1 − z_k² instead of 1 − a_k² = 1 − tanh²(z_k).
    case tanhSlopeOfPreactivation(layer: Int)
    /// ∂L/∂a_(k−1) = W_k δ_k instead of W_kᵀ δ_k (W_k square).
    case transposedWeightBackward(layer: Int)
    /// ∂L/∂b_k[j] = δ_k[j] · Σᵢ a_(k−1)[i]: the bias treated as a weight on the summed input.
    case biasGradientTimesInput(layer: Int)
    /// ∂L/∂W_k = δ_(k+1) a_(k−1)ᵀ: the δ of the layer above (widths k and k+1 equal).
    case deltaOfNextLayer(layer: Int)
    /// z_k = W_k a_(k−1), the bias b_k left out of the forward pass.
    case forwardBiasDropped(layer: Int)
    /// GELU′(z) = Φ(z), the z φ(z) term of Φ(z) + z φ(z) forgotten.
    case geluSlopeMissingDensity(layer: Int)
    /// SiLU′(z) = σ(z), the z σ(z)(1 − σ(z)) term forgotten.
    case siluSlopeMissingTerm(layer: Int)
    /// softplus′(z) = 1/(1 + e^z) = σ(−z), the sign of the exponent lost.
    case softplusSlopeMirrored(layer: Int)
    /// δ_L = ∂L/∂a_L: the output layer's α′ forgotten.
    case outputSlopeForgotten
    /// mse: ∂L/∂y = 2(y − t), the ½ of ½ Σ (y − t)² forgotten.
    case mseHalfForgotten
    /// logistic: ∂L/∂y = t − σ(y), the sign flipped.
    case logisticGradientSign
    /// logistic: ∂L/∂y = y − t, the logit used as the probability.
    case logisticGradientOfLogit
    /// softmax-ce: ∂L/∂y_k = p_k − [k = c + 1 mod K], the target one class off.
    case softmaxTargetOffByOne
    /// softmax-ce: ∂L/∂y_k = e^(y_k − m) − [k = c], the division by Σ e^(y − m) forgotten.
    case softmaxUnnormalised

    /// The mutation's kind, as in ``name`` before the `@`.
    var kind: String {
        switch self {
        case .reluMaskMissing: "relu-mask-missing"
        case .preactivationForActivation: "preactivation-for-activation"
        case .slopeAtOutput: "slope-at-output"
        case .tanhSlopeOfPreactivation: "tanh-slope-of-preactivation"
        case .transposedWeightBackward: "transposed-weight-backward"
        case .biasGradientTimesInput: "bias-gradient-times-input"
        case .deltaOfNextLayer: "delta-of-next-layer"
        case .forwardBiasDropped: "forward-bias-dropped"
        case .geluSlopeMissingDensity: "gelu-slope-missing-density"
        case .siluSlopeMissingTerm: "silu-slope-missing-term"
        case .softplusSlopeMirrored: "softplus-slope-mirrored"
        case .outputSlopeForgotten: "output-slope-forgotten"
        case .mseHalfForgotten: "mse-half-forgotten"
        case .logisticGradientSign: "logistic-gradient-sign"
        case .logisticGradientOfLogit: "logistic-gradient-of-logit"
        case .softmaxTargetOffByOne: "softmax-target-off-by-one"
        case .softmaxUnnormalised: "softmax-unnormalised"
        }
    }

    /// The layer a mutation is placed in, or nil for a loss or output mutation.
    var layer: Int? {
        switch self {
        case .reluMaskMissing(let k), .preactivationForActivation(let k), .slopeAtOutput(let k),
             .tanhSlopeOfPreactivation(let k), .transposedWeightBackward(let k), .biasGradientTimesInput(let k),
             .deltaOfNextLayer(let k), .forwardBiasDropped(let k), .geluSlopeMissingDensity(let k),
             .siluSlopeMissingTerm(let k), .softplusSlopeMirrored(let k):
            k
        case .outputSlopeForgotten, .mseHalfForgotten, .logisticGradientSign, .logisticGradientOfLogit,
             .softmaxTargetOffByOne, .softmaxUnnormalised:
            nil
        }
    }

    /// `kind@layer` (`relu-mask-missing@2`) or `kind`: the Python engine's `--mutation` argument.
    var name: String { layer.map { "\(kind)@\($0)" } ?? kind }
    var description: String { name }

    /// Every mutation kind, placed in layer 1 where it takes a layer (for ``init(name:)``).
    static let kinds: [DenseMutation] = [
        .reluMaskMissing(layer: 1), .preactivationForActivation(layer: 1), .slopeAtOutput(layer: 1),
        .tanhSlopeOfPreactivation(layer: 1), .transposedWeightBackward(layer: 1), .biasGradientTimesInput(layer: 1),
        .deltaOfNextLayer(layer: 1), .forwardBiasDropped(layer: 1), .geluSlopeMissingDensity(layer: 1),
        .siluSlopeMissingTerm(layer: 1), .softplusSlopeMirrored(layer: 1), .outputSlopeForgotten, .mseHalfForgotten,
        .logisticGradientSign, .logisticGradientOfLogit, .softmaxTargetOffByOne, .softmaxUnnormalised,
    ]

    /// Reads a name made by ``name``.
    init?(name: String) {
        let parts = name.split(separator: "@", omittingEmptySubsequences: false)
        guard let template = Self.kinds.first(where: { $0.kind == parts[0] }) else { return nil }
        switch (template.layer, parts.count) {
        case (nil, 1): self = template
        case (.some, 2):
            guard let k = Int(parts[1]), k >= 1 else { return nil }
            self = template.placed(in: k)
        default: return nil
        }
    }

    /// The same kind in layer k (unchanged for a mutation without a layer).
    func placed(in k: Int) -> DenseMutation {
        switch self {
        case .reluMaskMissing: .reluMaskMissing(layer: k)
        case .preactivationForActivation: .preactivationForActivation(layer: k)
        case .slopeAtOutput: .slopeAtOutput(layer: k)
        case .tanhSlopeOfPreactivation: .tanhSlopeOfPreactivation(layer: k)
        case .transposedWeightBackward: .transposedWeightBackward(layer: k)
        case .biasGradientTimesInput: .biasGradientTimesInput(layer: k)
        case .deltaOfNextLayer: .deltaOfNextLayer(layer: k)
        case .forwardBiasDropped: .forwardBiasDropped(layer: k)
        case .geluSlopeMissingDensity: .geluSlopeMissingDensity(layer: k)
        case .siluSlopeMissingTerm: .siluSlopeMissingTerm(layer: k)
        case .softplusSlopeMirrored: .softplusSlopeMirrored(layer: k)
        case .outputSlopeForgotten, .mseHalfForgotten, .logisticGradientSign, .logisticGradientOfLogit,
             .softmaxTargetOffByOne, .softmaxUnnormalised:
            self
        }
    }

    /// The tensor groups this mistake corrupts on `stack` — the objective is
    /// named `L` when the forward pass changes — or nil when the mistake cannot
    /// be made there (no such layer, a layer of another activation, a shape
    /// that does not fit, another loss; the engine then declares the network
    /// unsupported). An empty set: the mistake can be made but changes nothing
    /// (α′(a) = α′(z) for ReLU and the identity, z = a below an identity layer,
    /// an identity output's slope of 1).
    ///
    /// With below(k) = {W_1, b_1, …, W_k, b_k}: a wrong δ_k corrupts below(k)
    /// (δ_k reaches W_k, b_k and, through W_kᵀ δ_k, every layer beneath); a
    /// wrong ∂L/∂a_(k−1) corrupts below(k − 1); a wrong ∂L/∂y corrupts every group.
    func corrupted(in stack: LayerStack) -> Set<String>? {
        let depth = stack.layerCount
        if let k = layer, !(1...depth).contains(k) { return nil }
        let activation = layer.flatMap(stack.fixedActivation)
        switch self {
        case .reluMaskMissing(let k):
            return activation == .relu ? stack.groups(through: k) : nil
        case .preactivationForActivation(let k):
            guard k >= 2, let below = stack.fixedActivation(k - 1) else { return nil }
            return below == .identity ? [] : ["W\(k)"]
        case .slopeAtOutput(let k):
            guard let activation else { return nil }
            switch activation {
            case .identity, .relu: return []  // 1 = 1; 1[relu(z) > 0] = 1[z > 0]
            case .sigmoid, .tanh, .softplus, .silu, .gelu: return stack.groups(through: k)
            }
        case .tanhSlopeOfPreactivation(let k):
            return activation == .tanh ? stack.groups(through: k) : nil
        case .geluSlopeMissingDensity(let k):
            return activation == .gelu ? stack.groups(through: k) : nil
        case .siluSlopeMissingTerm(let k):
            return activation == .silu ? stack.groups(through: k) : nil
        case .softplusSlopeMirrored(let k):
            return activation == .softplus ? stack.groups(through: k) : nil
        case .transposedWeightBackward(let k):
            return k >= 2 && stack.isSquare(k) ? stack.groups(through: k - 1) : nil
        case .biasGradientTimesInput(let k):
            return ["b\(k)"]
        case .deltaOfNextLayer(let k):
            return k < depth && stack.widths[k] == stack.widths[k + 1] ? ["W\(k)"] : nil
        case .forwardBiasDropped:
            return stack.allGroups.union(["L"])
        case .outputSlopeForgotten:
            guard let output = stack.fixedActivation(depth) else { return nil }
            return output == .identity ? [] : stack.allGroups
        case .mseHalfForgotten:
            return stack.loss == .mse ? stack.allGroups : nil
        case .logisticGradientSign, .logisticGradientOfLogit:
            return stack.loss == .logistic ? stack.allGroups : nil
        case .softmaxTargetOffByOne, .softmaxUnnormalised:
            return stack.loss == .softmaxCrossEntropy ? stack.allGroups : nil
        }
    }
}

/// What a slope mistake puts in place of α′(z).
enum SlopeMistake: Sendable, Hashable {
    /// 1 (the factor left out).
    case one
    /// α′(a), the slope at the output.
    case atOutput
    /// 1 − z².
    case oneMinusPreactivationSquared
    /// Φ(z).
    case normalCDF
    /// σ(z).
    case sigmoid
    /// σ(−z).
    case mirroredSigmoid
}

/// What a logistic-gradient mistake puts in place of σ(y) − t.
enum LogisticMistake: Sendable, Hashable {
    /// t − σ(y).
    case signFlipped
    /// y − t.
    case logitForProbability
}

extension DenseMutation {
    /// The layer whose α′ this mistake replaces, and with what; nil for a mistake elsewhere.
    func slopeMistake(depth: Int) -> (layer: Int, mistake: SlopeMistake)? {
        switch self {
        case .reluMaskMissing(let k): (k, .one)
        case .slopeAtOutput(let k): (k, .atOutput)
        case .tanhSlopeOfPreactivation(let k): (k, .oneMinusPreactivationSquared)
        case .geluSlopeMissingDensity(let k): (k, .normalCDF)
        case .siluSlopeMissingTerm(let k): (k, .sigmoid)
        case .softplusSlopeMirrored(let k): (k, .mirroredSigmoid)
        case .outputSlopeForgotten: (depth, .one)
        case .preactivationForActivation, .transposedWeightBackward, .biasGradientTimesInput, .deltaOfNextLayer,
             .forwardBiasDropped, .mseHalfForgotten, .logisticGradientSign, .logisticGradientOfLogit,
             .softmaxTargetOffByOne, .softmaxUnnormalised:
            nil
        }
    }

    /// The logistic-gradient mistake, if this is one.
    var logisticMistake: LogisticMistake? {
        switch self {
        case .logisticGradientSign: .signFlipped
        case .logisticGradientOfLogit: .logitForProbability
        case .reluMaskMissing, .preactivationForActivation, .slopeAtOutput, .tanhSlopeOfPreactivation,
             .transposedWeightBackward, .biasGradientTimesInput, .deltaOfNextLayer, .forwardBiasDropped,
             .geluSlopeMissingDensity, .siluSlopeMissingTerm, .softplusSlopeMirrored, .outputSlopeForgotten,
             .mseHalfForgotten, .softmaxTargetOffByOne, .softmaxUnnormalised:
            nil
        }
    }
}

/// A legitimate way to write the same back-propagation: different binary64
/// (or binary32) rounding, the same mathematics. The suite must never judge
/// one *wrong*.
enum LegitimateVariant: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// The engine as written, every formula the careful one.
    case careful
    /// σ′ = σ(1 − σ) (PyTorch's sigmoid backward).
    case sigmoidSlopeFromOutput = "sigmoid-slope-from-output"
    /// tanh′ = 1 − tanh² (PyTorch's and JAX's tanh backward).
    case tanhSlopeFromOutput = "tanh-slope-from-output"
    /// SiLU′ = σ(z)(1 + z(1 − σ(z))) (PyTorch's silu backward).
    case siluSlopeFromOutput = "silu-slope-from-output"
    /// Every sum (z, ∂L/∂a, the loss's sums) added in reverse order, the bias first.
    case reverseSummation = "reverse-summation"
    /// Every sum added pairwise (NumPy's, recursively halving).
    case pairwiseSummation = "pairwise-summation"
    /// Every sum with Neumaier's compensation (Kahan–Babuška).
    case compensatedSummation = "compensated-summation"
    /// Every dot product as a chain of fused multiply-adds.
    case fusedMultiplyAdd = "fused-multiply-add"
    /// The whole engine in binary32 (`Float`).
    case binary32
    /// softmax-ce as lse − y_c with lse = m + log Σ e^(y − m), p = exp(y − lse).
    case softmaxLogSumExp = "softmax-log-sum-exp"
    /// GELU = ½ z (1 + erf(z/√2)), GELU′ = ½(1 + erf(z/√2)) + z φ(z).
    case geluOnePlusErf = "gelu-one-plus-erf"
    /// PyTorch's softplus: z (slope 1) above the threshold 20.
    case softplusThreshold = "softplus-threshold"
    /// logistic L with log(1 + e^(−|y|)) for log1p (`binary_cross_entropy_with_logits`).
    case logisticLogOnePlus = "logistic-log-one-plus"

    var description: String { rawValue }
}
