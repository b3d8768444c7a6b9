import MultiPrecision
import NetworkModel
import Reference
import Engines

/// Which quantity of a case is meant: the objective, or the partial with
/// respect to one parameter.
public enum QuantityID: Sendable, Hashable, Codable, Comparable {
    /// The objective itself (the seed's y, a loss L).
    case objective
    /// ∂objective/∂θ for the parameter at this index of ``Network/parameters``.
    case parameter(Int)

    /// The quantity's name in `network`: the objective's name or the parameter's.
    public func name(in network: Network) -> String {
        switch self {
        case .objective: network.objective.name
        case .parameter(let p): network.parameters[p]
        }
    }

    /// `L` or `∂L/∂W1[3,0]` in `network`.
    public func label(in network: Network) -> String {
        switch self {
        case .objective: network.objective.name
        case .parameter(let p): "∂\(network.objective.name)/∂\(network.parameters[p])"
        }
    }
}

/// What a correct binary64 engine must return for one case: for the
/// objective and each partial, the exact value and the tolerance a careful
/// evaluation needs.
public struct ReferenceExpectation: Sendable {
    /// One checked quantity: the objective or a partial.
    public struct Quantity: Sendable {
        public var id: QuantityID
        /// The exact value at the reference precision.
        public var exact: BigFloat
        /// The exact value correctly rounded to binary64.
        public var rounded: Double
        /// First-order bound on a careful binary64 evaluation's error.
        public var errorBound: Magnitude64
        /// The tolerance τ = ``ReferenceExpectation/safetyFactor`` · bound (at least half an ulp):
        /// within it, the engine is as accurate as a careful evaluation.
        public var tolerance: Magnitude64
        /// The allowance 2·A₆₄ (at least τ): the most any legitimate binary64
        /// evaluation may err by (``RoundingErrorBound``). Beyond it rounding
        /// cannot explain the error.
        public var allowance: Magnitude64
        /// The allowance 2·A₃₂ of a legitimate binary32 evaluation (at least
        /// ``allowance``): beyond the binary64 allowance but within this one,
        /// the error is consistent with binary32 arithmetic.
        public var binary32Allowance: Magnitude64
        /// κ = bound / (u·|exact|): how many units of roundoff the quantity's
        /// conditioning alone costs. Large κ means ill-conditioned.
        public var conditioning: Double
        /// The partial is not defined here (an α has a kink at some z).
        public var nonDifferentiable: Bool
    }

    /// The factor between a bound and what is accepted (τ from the careful
    /// bound, the allowances from A): room for libm functions worse than
    /// assumed and for the bound's own rounding to nearest in 64 bits.
    public static let safetyFactor = 2.0

    public var networkCase: NetworkCase
    /// The regime the case was generated for, if known.
    public var regime: Regime?
    /// The objective first, then the partials in ``Network/parameters`` order.
    public var quantities: [Quantity]
    /// Some unit with a smooth α sits where it is flat (|α′(z)| ≤ 2⁻²⁰):
    /// saturation, where a textbook α′ formula legitimately loses accuracy.
    /// (ReLU's zero slope below its kink is exact, not saturation.)
    public var saturated: Bool
    /// The activations of the units that saturate, in `Activation` order.
    public var saturatingActivations: [Activation]
    /// Pre-activations of every unit, rounded to binary64, for reports.
    public var preactivations: [Double]

    /// Computes the exact values and the rounding-error bounds of one case
    /// in one sweep over ``RoundingErrorBound`` (whose values are exactly the
    /// reference's: the same operations at the same precision).
    public init(network: Network, plan: SweepPlan? = nil, networkCase: NetworkCase, regime: Regime? = nil,
                precision: Int = 256) throws {
        try network.check(networkCase)
        let plan = try plan ?? SweepPlan(network)
        let inputs = networkCase.inputs.map { RoundingErrorBound(exact: $0, precision: precision) }
        let parameters = networkCase.parameters.map { RoundingErrorBound(exact: $0, precision: precision) }
        var workspace = BackpropWorkspace(plan: plan, filler: RoundingErrorBound(exact: 0, precision: precision))
        Backprop.run(activation: networkCase.activation, inputs: inputs, parameters: parameters,
                     targets: networkCase.targets, workspace: &workspace)
        let activations = network.units.map { $0.activation.resolved(generic: networkCase.activation) }
        let nearKink = zip(activations, workspace.preactivations).contains { RoundingErrorBound.isNearKink($0, $1) }
        let onKink = zip(activations, workspace.preactivations).contains { a, z in
            a.kinks.contains { z.value == BigFloat($0, precision: precision) }
        }
        let slopeFloor = BigFloat(1, precision: 64).scaled(byPowerOfTwo: -20)
        self.networkCase = networkCase
        self.regime = regime
        self.preactivations = workspace.preactivations.map { Double($0.value) }
        // Saturation is a smooth α flattening out (σ, tanh, softplus, SiLU, GELU),
        // where textbook α′ formulas lose digits; ReLU's exact zero slope is not.
        let saturating = zip(activations, workspace.slopes).filter { a, slope in
            a.kinks.isEmpty && a != .identity && slope.value.magnitude <= slopeFloor
        }.map(\.0)
        self.saturated = !saturating.isEmpty
        self.saturatingActivations = Activation.allCases.filter(saturating.contains)
        var quantities = [Self.quantity(.objective, workspace.objective, nonDifferentiable: false)]
        quantities.reserveCapacity(parameters.count + 1)
        for (p, partial) in workspace.gradient.enumerated() {
            quantities.append(Self.quantity(.parameter(p), partial, nonDifferentiable: nearKink || onKink))
        }
        self.quantities = quantities
    }

    static func quantity(_ id: QuantityID, _ value: RoundingErrorBound, nonDifferentiable: Bool) -> Quantity {
        let (exact, bound) = (value.value, value.bound)
        let rounded = Double(exact)
        let halfUlp = Magnitude64(binary64Ulp(rounded)).scaled(byPowerOfTwo: -1)
        let factor = Magnitude64(safetyFactor)
        let tolerance = Magnitude64.maximum(bound * factor, halfUlp)
        let allowance = Magnitude64.maximum(value.allowance * factor, tolerance)
        let binary32Allowance = Magnitude64.maximum(value.binary32Allowance * factor, allowance)
        let unitRoundoff = value.size.scaled(byPowerOfTwo: -53)
        let conditioning = exact.isZero ? Double.infinity : (bound / unitRoundoff).double
        return Quantity(id: id, exact: exact, rounded: rounded, errorBound: bound, tolerance: tolerance,
                        allowance: allowance, binary32Allowance: binary32Allowance,
                        conditioning: conditioning, nonDifferentiable: nonDifferentiable)
    }
}

/// The spacing of binary64 numbers at x: ulp(x) = 2^(e − 52) for normal x,
/// 2⁻¹⁰⁷⁴ for subnormals and zero.
public func binary64Ulp(_ x: Double) -> Double {
    guard x.isFinite else { return .nan }
    return max(x.magnitude.ulp, Double.leastNonzeroMagnitude)
}

extension EngineResult {
    /// The engine's value for quantity `id` of `network` (nil when missing).
    public func value(of id: QuantityID, in network: Network) -> Double? {
        switch id {
        case .objective: objective
        case .parameter(let p): gradient[network.parameters[p]]
        }
    }
}
