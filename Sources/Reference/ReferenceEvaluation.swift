import MultiPrecision
import NetworkModel

/// Everything the reference knows about one case, at one precision.
public struct ReferenceEvaluation: Sendable {
    public var network: Network
    public var networkCase: NetworkCase
    /// Working precision in bits.
    public var precision: Int
    /// z of each unit, in ``Network/units`` order.
    public var preactivations: [BigFloat]
    /// x = α(z) of each unit.
    public var outputs: [BigFloat]
    /// The objective (the seed's y, or a loss L).
    public var objective: BigFloat
    /// ∂objective/∂θ by back-to-front evaluation, in ``Network/parameters`` order.
    public var gradient: [BigFloat]
    /// The independent central-difference oracle, by parameter index, for
    /// the parameters it was computed for.
    public var finiteDifferences: [Int: FiniteDifferenceEstimate]

    /// Whether a partial is non-differentiable here: a unit sits on a kink of
    /// its α, or a finite-difference stencil straddles one.
    public func isNonDifferentiable(_ parameter: Int) -> Bool {
        let onKink = zip(network.units, preactivations).contains { unit, z in
            unit.activation.resolved(generic: networkCase.activation).kinks
                .contains { z == BigFloat($0, precision: precision) }
        }
        return onKink || (finiteDifferences[parameter]?.straddlesKink ?? false)
    }
}

/// The reference disagreed with itself: back-to-front gradient and finite
/// differences differ by more than the finite difference's error estimate.
/// This is a bug in the kit, never a finding about an engine or document.
public struct ReferenceInconsistency: Error, CustomStringConvertible, Sendable {
    /// The objective's name (`y`, `L`).
    public var objective: String
    public var parameter: String
    public var gradient: String
    public var finiteDifference: String
    public var errorEstimate: String
    public var networkCase: NetworkCase

    public var description: String {
        "internal error: reference gradient ∂\(objective)/∂\(parameter) = \(gradient) disagrees with the "
            + "finite difference \(finiteDifference) (error estimate \(errorEstimate)) at \(networkCase)"
    }
}
