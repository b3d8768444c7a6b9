import _Differentiation
import NetworkModel
// The C library's exp, tanh, erfc, log1p themselves (not wrappers): their
// derivatives are registered by _Differentiation.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// An independent third engine: Swift's compiler-derived reverse mode
/// (`import _Differentiation`, `valueWithGradient`) over a straight-line
/// Swift transcription of the seed network with textbook activations.
///
/// Nothing here shares code with `Backprop`: the forward function is
/// written out by hand and the compiler derives the backward pass. Only the
/// seed network is supported (differentiating loops over data-described
/// networks has had memory bugs in past toolchains).
public struct AutodiffEngine: GradientEngine {
    public let name = "autodiff"

    public init() {}

    public func supports(_ network: Network) -> Bool { network == .seed }

    public func evaluate(_ request: EngineRequest) async throws -> EngineResult {
        guard supports(request.network) else { throw EngineError.unsupported(.network(request.network.name)) }
        let c = request.networkCase
        let p = c.parameters
        let parameters = SeedParameters(w10: p[0], b10: p[1], w11: p[2], b11: p[3],
                                        w20_0: p[4], w20_1: p[5], b20_0: p[6], b20_1: p[7])
        let (x00, x01) = (c.inputs[0], c.inputs[1])
        let kind = c.activation
        let (y, g) = valueWithGradient(at: parameters) { seedOutput($0, x00: x00, x01: x01, activation: kind) }
        return EngineResult(y: y, gradient: [g.w10, g.b10, g.w11, g.b11, g.w20_0, g.w20_1, g.b20_0, g.b20_1],
                            network: request.network)
    }
}

/// The seed network's eight parameters as one differentiable value.
struct SeedParameters: Differentiable {
    var w10, b10, w11, b11, w20_0, w20_1, b20_0, b20_1: Double
}

/// y of the seed network, straight-line:
/// z10 = w10·x00 + b10, z11 = w11·x01 + b11,
/// z20 = (w20[0]·α(z10) + b20[0]) + (w20[1]·α(z11) + b20[1]), y = α(z20).
@differentiable(reverse)
func seedOutput(_ p: SeedParameters, x00: Double, x01: Double, activation: Activation) -> Double {
    let z10 = p.w10 * x00 + p.b10
    let z11 = p.w11 * x01 + p.b11
    let x10 = textbook(z10, activation)
    let x11 = textbook(z11, activation)
    let z20 = (p.w20_0 * x10 + p.b20_0) + (p.w20_1 * x11 + p.b20_1)
    return textbook(z20, activation)
}

/// The activations written as plain differentiable Swift, with the usual
/// overflow guards a framework applies; their derivatives are left to the
/// compiler (tanh′ = 1 − tanh² comes from the standard library's registration).
/// The switch lists every activation: a new one does not compile until it is
/// written here.
@differentiable(reverse, wrt: z)
func textbook(_ z: Double, _ activation: Activation) -> Double {
    switch activation {
    case .sigmoid: return logistic(z)
    case .tanh: return tanh(z)
    case .softplus: return softplusTextbook(z)
    case .silu: return z * logistic(z)
    case .gelu: return 0.5 * z * erfc(-z / 2.0.squareRoot())
    case .identity: return z
    case .relu: return z > 0 ? z : 0 * z
    }
}

/// σ(z) = 1/(1 + e⁻ᶻ) for z ≥ 0 and eᶻ/(1 + eᶻ) otherwise, so e never overflows.
@differentiable(reverse)
func logistic(_ z: Double) -> Double {
    if z >= 0 { return 1 / (1 + exp(-z)) }
    let e = exp(z)
    return e / (1 + e)
}

/// log(1 + eᶻ), switching to z + log1p(e⁻ᶻ) for z > 0 so it cannot overflow.
@differentiable(reverse)
func softplusTextbook(_ z: Double) -> Double {
    if z > 0 { return z + log1p(exp(-z)) }
    return log1p(exp(z))
}
