import Engines
import NetworkModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hand-written engine for dense tanh networks with an identity output
/// layer and softmax cross-entropy (`dense:IN-H…-K/tanh,…,identity/softmax-ce`),
/// speaking in tensors: it reads `W1`, `b1`, … as matrices and vectors and
/// answers the gradient in the same shapes, as a NumPy or PyTorch user would.
///
/// `swapIndex` plants the classic slip `dW[j][i] = δ[i]·a[j]` (indices swapped)
/// in the first layer, for square layers only, to show what the kit reports.
public struct DenseEngine: GradientEngine {
    public let name: String
    public let swapIndex: Bool

    public init(swapIndex: Bool = false) {
        self.swapIndex = swapIndex
        name = swapIndex ? "dense-example-swapped-index" : "dense-example"
    }

    public var supportedActivations: Set<Activation> { [.tanh, .identity] }

    public func supports(_ network: Network) -> Bool {
        guard case .loss(.softmaxCrossEntropy, let outputs, _) = network.objective,
              !network.parameterGroups.isEmpty else { return false }
        return network.units.indices.allSatisfy { u in
            network.units[u].activation == (outputs.contains(u) ? .fixed(.identity) : .fixed(.tanh))
        }
    }

    public func evaluate(_ request: EngineRequest) async throws -> EngineResult {
        let layers = request.network.parameterGroups.count / 2
        var weights: [[[Double]]] = [], biases: [[Double]] = []
        for l in 1...layers {
            guard let w = request.matrix("W\(l)"), let b = request.vector("b\(l)") else {
                throw EngineError.unsupported(.network(request.network.name))
            }
            weights.append(w)
            biases.append(b)
        }
        // Forward: a⁽⁰⁾ = x, z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾, a⁽ˡ⁾ = tanh z⁽ˡ⁾ (identity on the last layer).
        var activations = [request.inputVector]
        for l in 0..<layers {
            let z = zip(weights[l], biases[l]).map { row, b in zip(row, activations[l]).reduce(0) { $0 + $1.0 * $1.1 } + b }
            activations.append(l == layers - 1 ? z : z.map(tanh))
        }
        // Softmax cross-entropy with the max shift: L = log Σ e^(y−m) − (y_c − m), ∂L/∂y = p − onehot(c).
        let y = activations[layers], c = Int(request.targetVector[0])
        let m = y.max()!
        let e = y.map { exp($0 - m) }
        let s = e.reduce(0, +)
        let loss = log(s) - (y[c] - m)
        var delta = e.enumerated().map { k, ek in ek / s - (k == c ? 1 : 0) }
        // Backward: ∂W⁽ˡ⁾ = δ a⁽ˡ⁻¹⁾ᵀ, ∂b⁽ˡ⁾ = δ, δ⁽ˡ⁻¹⁾ = (W⁽ˡ⁾ᵀ δ) ⊙ tanh′(z⁽ˡ⁻¹⁾).
        var matrices: [String: [[Double]]] = [:], vectors: [String: [Double]] = [:]
        for l in stride(from: layers - 1, through: 0, by: -1) {
            let input = activations[l]
            var dW = delta.map { d in input.map { d * $0 } }
            if swapIndex && l == 0 && delta.count == input.count {
                dW = delta.indices.map { j in input.indices.map { i in delta[i] * input[j] } }
            }
            matrices["W\(l + 1)"] = dW
            vectors["b\(l + 1)"] = delta
            if l > 0 {
                delta = input.indices.map { i in
                    let back = delta.indices.reduce(0.0) { $0 + weights[l][$1][i] * delta[$1] }
                    return back * (1 - input[i] * input[i])
                }
            }
        }
        return try EngineResult(objective: loss, matrices: matrices, vectors: vectors, network: request.network)
    }
}
