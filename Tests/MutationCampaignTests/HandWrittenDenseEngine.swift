import Engines
import NetworkModel

/// A dense-network engine written the way a person writes back-propagation —
/// the forward pass layer by layer, the loss and ∂L/∂y, then the δ's backward —
/// with a switch for one ``DenseMutation`` (a realistic bug) or one
/// ``LegitimateVariant`` (another correct way to round). Test-only: it is the
/// subject of the mutation campaign, not part of the kit.
struct HandWrittenDenseEngine: GradientEngine {
    var mutation: DenseMutation?
    var variant: LegitimateVariant

    init(mutation: DenseMutation) {
        self.mutation = mutation
        self.variant = .careful
    }

    init(variant: LegitimateVariant) {
        self.mutation = nil
        self.variant = variant
    }

    var name: String { mutation.map { "mutant-\($0.name)" } ?? "legit-\(variant.rawValue)" }

    /// Layer stacks only, and for a mutant only the stacks its mistake can be made on.
    func supports(_ network: Network) -> Bool {
        guard let stack = LayerStack(network) else { return false }
        return mutation.map { $0.corrupted(in: stack) != nil } ?? true
    }

    func evaluate(_ request: EngineRequest) async throws -> EngineResult {
        guard let stack = LayerStack(request.network), supports(request.network) else {
            throw EngineError.unsupported(.network(request.network.name))
        }
        let c = request.networkCase
        let activations = stack.activations.map { $0.resolved(generic: c.activation) }
        let result: (objective: Double, gradient: [Double])
        switch variant.arithmetic {
        case .binary64:
            result = HandWrittenBackprop<Double>(stack: stack, activations: activations, mutation: mutation,
                                                 variant: variant).run(c)
        case .binary32:
            result = HandWrittenBackprop<Float>(stack: stack, activations: activations, mutation: mutation,
                                                variant: variant).run(c)
        }
        return EngineResult(objective: result.objective, gradient: result.gradient, network: request.network)
    }
}

extension LegitimateVariant {
    enum Arithmetic { case binary64, binary32 }
    enum Summation { case leftToRight, reverse, pairwise, compensated, fused }

    /// The number type the variant computes in.
    var arithmetic: Arithmetic {
        switch self {
        case .binary32: .binary32
        case .careful, .sigmoidSlopeFromOutput, .tanhSlopeFromOutput, .siluSlopeFromOutput, .reverseSummation,
             .pairwiseSummation, .compensatedSummation, .fusedMultiplyAdd, .softmaxLogSumExp, .geluOnePlusErf,
             .softplusThreshold, .logisticLogOnePlus:
            .binary64
        }
    }

    /// How the variant adds up sums and dot products.
    var summation: Summation {
        switch self {
        case .reverseSummation: .reverse
        case .pairwiseSummation: .pairwise
        case .compensatedSummation: .compensated
        case .fusedMultiplyAdd: .fused
        case .careful, .sigmoidSlopeFromOutput, .tanhSlopeFromOutput, .siluSlopeFromOutput, .binary32,
             .softmaxLogSumExp, .geluOnePlusErf, .softplusThreshold, .logisticLogOnePlus:
            .leftToRight
        }
    }
}

/// One evaluation of the hand-written engine in the number type T.
///
/// Forward: z_l = W_l a_(l−1) + b_l (Σᵢ then the bias), a_l = α_l(z_l).
/// Loss: L(a_L, t) and g = ∂L/∂a_L. Backward, l = L…1: δ_l = g ⊙ α_l′(z_l),
/// ∂L/∂W_l = δ_l a_(l−1)ᵀ, ∂L/∂b_l = δ_l, then g = W_lᵀ δ_l.
struct HandWrittenBackprop<T: CampaignScalar> {
    let stack: LayerStack
    /// α_l at index l − 1, resolved for the case.
    let activations: [Activation]
    let mutation: DenseMutation?
    let variant: LegitimateVariant

    /// The objective and the gradient in `Network.parameters` order.
    func run(_ c: NetworkCase) -> (objective: Double, gradient: [Double]) {
        let depth = stack.layerCount
        var (weights, biases) = ([[[T]]](repeating: [], count: depth + 1), [[T]](repeating: [], count: depth + 1))
        var offset = 0
        for l in 1...depth {
            let (out, fanIn) = (stack.widths[l], stack.widths[l - 1])
            weights[l] = (0..<out).map { j in (0..<fanIn).map { i in T(c.parameters[offset + j * fanIn + i]) } }
            offset += out * fanIn
            biases[l] = (0..<out).map { T(c.parameters[offset + $0]) }
            offset += out
        }
        // Forward; z[0] = a[0] = x.
        let x = c.inputs.map { T($0) }
        var (z, a) = ([x], [x])
        for l in 1...depth {
            let bias = mutation == .forwardBiasDropped(layer: l)
            z.append(weights[l].indices.map { j in dot(weights[l][j], a[l - 1], plus: bias ? nil : biases[l][j]) })
            a.append(z[l].map { value(activations[l - 1], $0) })
        }
        let (objective, outputGradient) = loss(a[depth], targets: c.targets.map { T($0) })
        // Backward.
        var g = outputGradient
        var deltas = [[T]](repeating: [], count: depth + 2)
        var (gradW, gradB) = ([[[T]]](repeating: [], count: depth + 1), [[T]](repeating: [], count: depth + 1))
        for l in stride(from: depth, through: 1, by: -1) {
            deltas[l] = g.indices.map { j in g[j] * slope(layer: l, z: z[l][j], output: a[l][j]) }
            let delta = mutation == .deltaOfNextLayer(layer: l) ? deltas[l + 1] : deltas[l]
            let input = mutation == .preactivationForActivation(layer: l) ? z[l - 1] : a[l - 1]
            gradW[l] = delta.map { dj in input.map { dj * $0 } }
            gradB[l] = deltas[l]
            if mutation == .biasGradientTimesInput(layer: l) {
                let total = sum(a[l - 1])
                gradB[l] = deltas[l].map { $0 * total }
            }
            if l > 1 {
                let transposed = mutation == .transposedWeightBackward(layer: l)
                g = a[l - 1].indices.map { i in
                    let column = deltas[l].indices.map { j in transposed ? weights[l][i][j] : weights[l][j][i] }
                    return dot(column, deltas[l], plus: nil)
                }
            }
        }
        let gradient = (1...depth).flatMap { l in gradW[l].flatMap { $0 } + gradB[l] }
        return (Double(objective), gradient.map { Double($0) })
    }

    // MARK: Sums

    /// Σₖ terms in the variant's order: left to right as written, reversed,
    /// pairwise, or with Neumaier's compensation (fused: left to right).
    func sum(_ terms: [T]) -> T {
        switch variant.summation {
        case .leftToRight, .fused: terms.dropFirst().reduce(terms[0], +)
        case .reverse: terms.dropLast().reversed().reduce(terms[terms.count - 1], +)
        case .pairwise: pairwise(terms[...])
        case .compensated: compensated(terms)
        }
    }

    /// Σᵢ wᵢ·xᵢ (+ b): the products rounded and summed in the variant's
    /// order with the bias last (first, reversed); fused: b, then
    /// s ← fma(wᵢ, xᵢ, s), one rounding per term.
    func dot(_ w: [T], _ x: [T], plus bias: T?) -> T {
        switch variant.summation {
        case .fused:
            var s = bias ?? 0
            for i in w.indices { s = s.addingProduct(w[i], x[i]) }
            return s
        case .leftToRight, .reverse, .pairwise, .compensated:
            return sum(w.indices.map { w[$0] * x[$0] } + (bias.map { [$0] } ?? []))
        }
    }

    /// Pairwise sum: Σ of each half, added.
    func pairwise(_ terms: ArraySlice<T>) -> T {
        if terms.count <= 2 { return terms.dropFirst().reduce(terms[terms.startIndex], +) }
        let middle = terms.startIndex + terms.count / 2
        return pairwise(terms[..<middle]) + pairwise(terms[middle...])
    }

    /// Neumaier's compensated sum: s + c, with c gathering each addition's rounding error.
    func compensated(_ terms: [T]) -> T {
        var (s, c) = (terms[0], T(0))
        for t in terms.dropFirst() {
            let next = s + t
            c += abs(s) >= abs(t) ? (s - next) + t : (t - next) + s
            s = next
        }
        return s + c
    }

    // MARK: Activations

    /// σ(z) = 1/(1 + e^(−z)) for z ≥ 0, e^z/(1 + e^z) for z < 0 (never overflows).
    static func sigmoid(_ z: T) -> T {
        if z >= 0 { return 1 / (1 + T.exp(-z)) }
        let e = T.exp(z)
        return e / (1 + e)
    }

    /// Φ(z) = ½ erfc(−z/√2) (careful in the left tail), or ½(1 + erf(z/√2)).
    func normalCDF(_ z: T) -> T {
        let root2 = T(2).squareRoot()
        return variant == .geluOnePlusErf ? 0.5 * (1 + T.erf(z / root2)) : 0.5 * T.erfc(-z / root2)
    }

    /// φ(z) = e^(−z²/2)/√(2π).
    static func normalDensity(_ z: T) -> T { T.exp(-0.5 * z * z) / (2 * T.pi).squareRoot() }

    /// α(z): σ; tanh; softplus = max(z, 0) + log1p(e^(−|z|)) (PyTorch: z above 20);
    /// SiLU = z σ(z); GELU = z Φ(z); the identity; ReLU = max(z, 0).
    func value(_ activation: Activation, _ z: T) -> T {
        switch activation {
        case .sigmoid: Self.sigmoid(z)
        case .tanh: T.tanh(z)
        case .softplus:
            variant == .softplusThreshold && z > 20 ? z : max(z, 0) + T.log1p(T.exp(-abs(z)))
        case .silu: z * Self.sigmoid(z)
        case .gelu: z * normalCDF(z)
        case .identity: z
        case .relu: z > 0 ? z : 0
        }
    }

    /// α′(z), given z and the output a = α(z): σ′ = e^(−|z|)/(1 + e^(−|z|))²
    /// (variant σ(1 − σ)); tanh′ = 4e^(−2|z|)/(1 + e^(−2|z|))² (variant 1 − a²);
    /// softplus′ = σ(z); SiLU′ = σ(z)(1 + z σ(−z)) (variant σ(1 + z(1 − σ)));
    /// GELU′ = Φ(z) + z φ(z); 1; ReLU′ = 1[z > 0].
    func carefulSlope(_ activation: Activation, z: T, output: T) -> T {
        switch activation {
        case .sigmoid:
            if variant == .sigmoidSlopeFromOutput { return output * (1 - output) }
            let e = T.exp(-abs(z))
            return e / ((1 + e) * (1 + e))
        case .tanh:
            if variant == .tanhSlopeFromOutput { return 1 - output * output }
            let e = T.exp(-2 * abs(z))
            return 4 * e / ((1 + e) * (1 + e))
        case .softplus:
            return variant == .softplusThreshold && z > 20 ? 1 : Self.sigmoid(z)
        case .silu:
            let s = Self.sigmoid(z)
            return variant == .siluSlopeFromOutput ? s * (1 + z * (1 - s)) : s * (1 + z * Self.sigmoid(-z))
        case .gelu:
            return normalCDF(z) + z * Self.normalDensity(z)
        case .identity:
            return 1
        case .relu:
            return z > 0 ? 1 : 0
        }
    }

    /// α_l′(z) as the engine computes it in layer l: the careful slope, or the mutation's.
    func slope(layer l: Int, z: T, output: T) -> T {
        let activation = activations[l - 1]
        guard let (layer, mistake) = mutation?.slopeMistake(depth: stack.layerCount), layer == l else {
            return carefulSlope(activation, z: z, output: output)
        }
        switch mistake {
        case .one: return 1
        case .atOutput: return carefulSlope(activation, z: output, output: value(activation, output))
        case .oneMinusPreactivationSquared: return 1 - z * z
        case .normalCDF: return normalCDF(z)
        case .sigmoid: return Self.sigmoid(z)
        case .mirroredSigmoid: return Self.sigmoid(-z)
        }
    }

    // MARK: Losses

    /// L and g = ∂L/∂y for outputs y and targets t:
    /// mse ½ Σ (y − t)², g = y − t; logistic (max(y, 0) − t y) + log1p(e^(−|y|)),
    /// g = σ(y) − t; softmax-ce log Σ e^(y − m) − (y_c − m), g = p − onehot(c);
    /// no loss: L = y, g = 1.
    func loss(_ y: [T], targets t: [T]) -> (T, [T]) {
        guard let kind = stack.loss else { return (y[0], [1]) }
        switch kind {
        case .mse:
            let d = y.indices.map { y[$0] - t[$0] }
            return (0.5 * sum(d.map { $0 * $0 }), mutation == .mseHalfForgotten ? d.map { 2 * $0 } : d)
        case .logistic:
            let (logit, target) = (y[0], t[0])
            let tail = T.exp(-abs(logit))
            let log1pTail = variant == .logisticLogOnePlus ? T.log(1 + tail) : T.log1p(tail)
            let value = (max(logit, 0) - target * logit) + log1pTail
            let gradient: T = switch mutation?.logisticMistake {
            case .signFlipped: target - Self.sigmoid(logit)
            case .logitForProbability: logit - target
            case nil: Self.sigmoid(logit) - target
            }
            return (value, [gradient])
        case .softmaxCrossEntropy:
            return softmaxCrossEntropy(y, target: Int(t[0]))
        }
    }

    /// softmax-ce with m = max y, e = e^(y − m), S = Σ e: L = log S − (y_c − m),
    /// p = e/S (variant: lse = m + log S, L = lse − y_c, p = e^(y − lse)); g = p − onehot(c).
    func softmaxCrossEntropy(_ y: [T], target c: Int) -> (T, [T]) {
        let m = y.max()!
        let e = y.map { T.exp($0 - m) }
        let total = sum(e)
        var value = T.log(total) - (y[c] - m)
        var p = e.map { $0 / total }
        if variant == .softmaxLogSumExp {
            let lse = m + T.log(total)
            value = lse - y[c]
            p = y.map { T.exp($0 - lse) }
        }
        let hot = mutation == .softmaxTargetOffByOne ? (c + 1) % y.count : c
        let probabilities = mutation == .softmaxUnnormalised ? e : p
        return (value, probabilities.indices.map { probabilities[$0] - ($0 == hot ? 1 : 0) })
    }
}
