import Foundation
import Engines
import NetworkModel

/// A back-propagation engine for the seed network, written the way an engine
/// author would: the forward pass and the backward pass as straight-line
/// code over named values, with numerically careful activation formulas.
///
///     z10 = w10·x00 + b10                                 x10 = α(z10)
///     z11 = w11·x01 + b11                                 x11 = α(z11)
///     z20 = (w20[0]·x10 + b20[0]) + (w20[1]·x11 + b20[1])  y   = α(z20)
///
/// It is independent of the kit's own engines: it only uses the kit's
/// request and result types.
public struct StraightLineEngine: GradientEngine {
    public let name = "straight-line"

    public init() {}

    public var supportedActivations: Set<Activation> { [.sigmoid, .tanh, .softplus, .identity, .relu] }

    public func supports(_ network: Network) -> Bool { network == .seed }

    public func evaluate(_ request: EngineRequest) async throws -> EngineResult {
        guard let f = Formulas(request.activation) else {
            throw EngineError.unsupported(.activation(request.activation))
        }
        let x = request.inputs, p = request.parameters
        let (x00, x01) = (x["x00"]!, x["x01"]!)
        let (w10, b10, w11, b11) = (p["w10"]!, p["b10"]!, p["w11"]!, p["b11"]!)
        let (w200, w201, b200, b201) = (p["w20[0]"]!, p["w20[1]"]!, p["b20[0]"]!, p["b20[1]"]!)

        // Forward.
        let z10 = w10 * x00 + b10
        let z11 = w11 * x01 + b11
        let x10 = f.value(z10), x11 = f.value(z11)
        let z20 = (w200 * x10 + b200) + (w201 * x11 + b201)
        let y = f.value(z20)

        // Backward: δ = ∂y/∂z per unit, then every partial from its unit's δ.
        let d20 = f.slope(z20)
        let d10 = d20 * w200 * f.slope(z10)
        let d11 = d20 * w201 * f.slope(z11)
        return EngineResult(y: y, gradient: [
            "w10": d10 * x00, "b10": d10,
            "w11": d11 * x01, "b11": d11,
            "w20[0]": d20 * x10, "w20[1]": d20 * x11,
            "b20[0]": d20, "b20[1]": d20,
        ])
    }
}

/// α and α′ without cancellation or overflow.
struct Formulas {
    let value: (Double) -> Double
    let slope: (Double) -> Double

    init?(_ activation: Activation) {
        switch activation {
        case .sigmoid:
            value = Self.sigmoid
            // σ′(z) = e/(1 + e)² with e = e^(−|z|), not σ(1 − σ), which
            // cancels once σ rounds to 1.
            slope = { z in
                let e = exp(-abs(z))
                return e / ((1 + e) * (1 + e))
            }
        case .tanh:
            value = { tanh($0) }
            // tanh′(z) = 4e/(1 + e)² with e = e^(−2|z|), not 1 − tanh²(z).
            slope = { z in
                let e = exp(-2 * abs(z))
                return 4 * e / ((1 + e) * (1 + e))
            }
        case .softplus:
            // log(1 + eᶻ) = max(z, 0) + log1p(e^(−|z|)): no overflow for large z.
            value = { z in max(z, 0) + log1p(exp(-abs(z))) }
            slope = Self.sigmoid
        case .identity:
            value = { $0 }
            slope = { _ in 1 }
        case .relu:
            value = { max($0, 0) }
            slope = { $0 > 0 ? 1 : 0 }
        default:
            return nil
        }
    }

    /// σ(z) = 1/(1 + e^(−z)) for z ≥ 0 and e^z/(1 + e^z) below: e never overflows.
    static func sigmoid(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + exp(-z)) }
        let e = exp(z)
        return e / (1 + e)
    }
}
