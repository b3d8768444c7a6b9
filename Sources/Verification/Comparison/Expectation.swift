import MultiPrecision
import NetworkModel
import Reference

/// What a correct binary64 engine must return for one case: for y and each
/// partial, the exact value and the tolerance a careful evaluation needs.
public struct Expectation: Sendable {
    /// One checked quantity: y or ∂y/∂θ.
    public struct Quantity: Sendable {
        /// `y` or the parameter name (`w10`, …, `b20[1]`).
        public var name: String
        /// The exact value at the reference precision.
        public var exact: BigFloat
        /// The exact value correctly rounded to binary64.
        public var rounded: Double
        /// First-order bound on a careful binary64 evaluation's error.
        public var errorBound: BigFloat
        /// The tolerance τ = ``Expectation/safetyFactor`` · bound (at least half an ulp).
        public var tolerance: BigFloat
        /// κ = bound / (u·|exact|): how many units of roundoff the quantity's
        /// conditioning alone costs. Large κ means ill-conditioned.
        public var conditioning: Double
        /// The partial is not defined here (α has a kink at some z).
        public var nonDifferentiable: Bool
    }

    /// The factor between the first-order bound and the tolerance: room for
    /// second-order terms and for libm functions slightly worse than assumed.
    public static let safetyFactor = 2.0

    public var networkCase: NetworkCase
    /// The regime the case was generated for, if known.
    public var regime: Regime?
    /// y first, then the partials in ``Network/parameters`` order.
    public var quantities: [Quantity]
    /// Some unit sits where α is flat (|α′(z)| ≤ 2⁻²⁰): saturation, where
    /// a textbook α′ formula legitimately loses accuracy.
    public var saturated: Bool
    /// Pre-activations of every unit, rounded to binary64, for reports.
    public var preactivations: [Double]

    /// Computes the reference and the rounding-error bounds for one case.
    public init(network: Network, networkCase: NetworkCase, regime: Regime? = nil, precision: Int = 256) throws {
        let evaluation = try ReferenceEvaluator(network: network, precision: precision).evaluate(networkCase)
        let bounded = Self.bounds(network: network, networkCase: networkCase, precision: precision)
        let nearKink = bounded.nearKink
        self.networkCase = networkCase
        self.regime = regime
        self.preactivations = evaluation.preactivations.map { Double($0) }
        let slopeFloor = BigFloat(1, precision: 64).scaled(byPowerOfTwo: -20)
        self.saturated = evaluation.preactivations.contains {
            networkCase.activation.derivative($0).magnitude <= slopeFloor
        }
        var quantities = [Self.quantity("y", exact: evaluation.y, bound: bounded.y, nonDifferentiable: false)]
        for (index, name) in network.parameters.enumerated() {
            quantities.append(Self.quantity(name, exact: evaluation.gradient[index], bound: bounded.gradient[index],
                                            nonDifferentiable: nearKink || evaluation.isNonDifferentiable(index)))
        }
        self.quantities = quantities
    }

    /// Runs the back-prop sweep on ``RoundingErrorBound`` to bound y and ∇y,
    /// and tells whether some unit's z is within rounding reach of a kink of
    /// α — then binary64 cannot know which one-sided derivative applies, and
    /// the partials there are reported as non-differentiable.
    static func bounds(network: Network, networkCase: NetworkCase, precision: Int)
        -> (y: BigFloat, gradient: [BigFloat], nearKink: Bool) {
        let inputs = networkCase.inputs.map { RoundingErrorBound(exact: $0, precision: precision) }
        let parameters = networkCase.parameters.map { RoundingErrorBound(exact: $0, precision: precision) }
        var workspace = BackpropWorkspace(network: network, filler: parameters[0])
        Backprop.run(network, activation: networkCase.activation, inputs: inputs, parameters: parameters,
                     workspace: &workspace)
        let nearKink = workspace.preactivations.contains {
            RoundingErrorBound.isNearKink(networkCase.activation, $0)
        }
        return (workspace.y(of: network).bound, workspace.gradient.map(\.bound), nearKink)
    }

    static func quantity(_ name: String, exact: BigFloat, bound: BigFloat, nonDifferentiable: Bool) -> Quantity {
        let rounded = Double(exact)
        let halfUlp = BigFloat(binary64Ulp(rounded), precision: 64).scaled(byPowerOfTwo: -1)
        let tolerance = BigFloat.maximum(bound * BigFloat(safetyFactor, precision: 64), halfUlp)
        let unitRoundoff = exact.magnitude.rounded(toPrecision: 64).scaled(byPowerOfTwo: -53)
        let conditioning = exact.isZero ? Double.infinity : Double(bound / unitRoundoff)
        return Quantity(name: name, exact: exact, rounded: rounded, errorBound: bound, tolerance: tolerance,
                        conditioning: conditioning, nonDifferentiable: nonDifferentiable)
    }
}

/// The spacing of binary64 numbers at x: ulp(x) = 2^(e − 52) for normal x,
/// 2⁻¹⁰⁷⁴ for subnormals and zero.
public func binary64Ulp(_ x: Double) -> Double {
    guard x.isFinite else { return .nan }
    return max(x.magnitude.ulp, Double.leastNonzeroMagnitude)
}
