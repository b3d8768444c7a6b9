import MultiPrecision
import NetworkModel

/// The arbitrary-precision reference: evaluates a network's objective, its
/// exact gradient and an independent finite-difference gradient in MPFR.
///
/// Inputs and parameters are binary64 and convert exactly. Every operation
/// is correctly rounded at ``precision`` bits, so for the default 256 bits the
/// results are exact to far more digits than any binary64 engine can show.
public struct ReferenceEvaluator: Sendable {
    public let network: Network
    /// The network's sweep plan, made once.
    public let plan: SweepPlan
    /// Working precision in bits (53…4096 supported; default 256).
    public var precision: Int
    /// Extra bits for the finite differences, which cancel about
    /// `initialStepExponent + levels` bits when differencing.
    public var finiteDifferenceGuardBits: Int
    public var finiteDifference: RichardsonCentralDifference

    /// The reference for `network`; throws when the network is malformed.
    public init(network: Network, precision: Int = 256,
                finiteDifference: RichardsonCentralDifference = .init(),
                finiteDifferenceGuardBits: Int = 64) throws(NetworkError) {
        guard (53...4096).contains(precision) else {
            throw NetworkError("reference precision must be within 53...4096 bits, got \(precision)")
        }
        self.network = network
        self.plan = try SweepPlan(network)
        self.precision = precision
        self.finiteDifference = finiteDifference
        self.finiteDifferenceGuardBits = finiteDifferenceGuardBits
    }

    /// The objective, every z and x, and the exact gradient; with
    /// `finiteDifferences`, also the Richardson-extrapolated central
    /// differences of the parameters it names (all of them with `.all`),
    /// checked against the exact gradient (a disagreement throws
    /// ``ReferenceInconsistency``). Throws ``NetworkError`` when the case
    /// does not fit the network.
    public func evaluate(_ networkCase: NetworkCase,
                         finiteDifferences: FiniteDifferenceSelection = .none) throws -> ReferenceEvaluation {
        try network.check(networkCase)
        let inputs = networkCase.inputs.map { BigFloat($0, precision: precision) }
        let parameters = networkCase.parameters.map { BigFloat($0, precision: precision) }
        var workspace = BackpropWorkspace(plan: plan, filler: BigFloat.zero(precision: precision))
        Backprop.run(activation: networkCase.activation, inputs: inputs, parameters: parameters,
                     targets: networkCase.targets, workspace: &workspace)
        var evaluation = ReferenceEvaluation(
            network: network, networkCase: networkCase, precision: precision,
            preactivations: workspace.preactivations, outputs: workspace.outputs, objective: workspace.objective,
            gradient: workspace.gradient, finiteDifferences: [:])
        try checkFiniteDifferences(finiteDifferences.parameters(count: network.parameters.count), of: &evaluation)
        return evaluation
    }

    /// Adds the finite-difference estimates of `parameters` to `evaluation`
    /// and checks them against its exact gradient.
    public func checkFiniteDifferences(_ parameters: [Int], of evaluation: inout ReferenceEvaluation) throws {
        for p in parameters { evaluation.finiteDifferences[p] = estimate(evaluation.networkCase, parameter: p) }
        try checkConsistency(evaluation)
    }

    /// The forward pass at `bits` of precision with parameter `index` replaced by `theta`.
    func output(_ networkCase: NetworkCase, parameter index: Int, value theta: BigFloat, bits: Int) -> ForwardPass<BigFloat> {
        let inputs = networkCase.inputs.map { BigFloat($0, precision: bits) }
        var parameters = networkCase.parameters.map { BigFloat($0, precision: bits) }
        parameters[index] = theta
        var workspace = BackpropWorkspace(plan: plan, filler: BigFloat.zero(precision: bits))
        Backprop.forward(activation: networkCase.activation, inputs: inputs, parameters: parameters,
                         targets: networkCase.targets, workspace: &workspace, slopes: false)
        return ForwardPass(preactivations: workspace.preactivations, outputs: workspace.outputs,
                           objective: workspace.objective)
    }

    /// The central-difference estimate of ∂objective/∂θ for parameter `index`.
    public func estimate(_ networkCase: NetworkCase, parameter index: Int) -> FiniteDifferenceEstimate {
        let bits = precision + finiteDifferenceGuardBits
        let theta = BigFloat(networkCase.parameters[index], precision: bits)
        let result = finiteDifference.bestDerivative(at: theta, precision: bits) {
            output(networkCase, parameter: index, value: $0, bits: bits).objective
        }
        let straddles = stencilStraddlesKink(networkCase, parameter: index, theta: theta, step: result.step, bits: bits)
        return FiniteDifferenceEstimate(value: result.value.rounded(toPrecision: precision),
                                        errorEstimate: result.error.rounded(toPrecision: precision),
                                        step: result.step, straddlesKink: straddles)
    }

    /// True when some unit's z lies on different sides of a kink at θ − h
    /// and θ + h (or on it at θ).
    func stencilStraddlesKink(_ networkCase: NetworkCase, parameter index: Int,
                              theta: BigFloat, step: BigFloat, bits: Int) -> Bool {
        let kinksByUnit = network.units.map { $0.activation.resolved(generic: networkCase.activation).kinks }
        guard kinksByUnit.contains(where: { !$0.isEmpty }) else { return false }
        let low = output(networkCase, parameter: index, value: theta - step, bits: bits).preactivations
        let mid = output(networkCase, parameter: index, value: theta, bits: bits).preactivations
        let high = output(networkCase, parameter: index, value: theta + step, bits: bits).preactivations
        for unit in mid.indices {
            for kink in kinksByUnit[unit].map({ BigFloat($0, precision: bits) }) {
                let sides = [low[unit], mid[unit], high[unit]].map { $0 < kink ? -1 : ($0 > kink ? 1 : 0) }
                if sides.contains(0) || Set(sides).count > 1 { return true }
            }
        }
        return false
    }

    /// Throws when the exact gradient and the finite differences disagree
    /// beyond the estimate (with a factor 4 margin and 2^(−p/2) relative slack).
    func checkConsistency(_ evaluation: ReferenceEvaluation) throws {
        for (index, estimate) in evaluation.finiteDifferences.sorted(by: { $0.key < $1.key })
        where comparison(evaluation, parameter: index) == .disagrees {
            throw ReferenceInconsistency(
                objective: network.objective.name, parameter: network.parameters[index],
                gradient: evaluation.gradient[index].description, finiteDifference: estimate.value.description,
                errorEstimate: estimate.errorEstimate.description, networkCase: evaluation.networkCase)
        }
    }

    /// How the exact partial `index` compares with its finite-difference
    /// estimate in `evaluation` (nil when it has none).
    ///
    /// The comparison allows 4 × the estimate's error plus half the
    /// precision relative to the exact value: the sweep's own rounding at
    /// `precision` bits can be amplified by cancellation inside the sweep
    /// (tiny and wide cases), so 2⁻¹²⁸ relative at 256 bits, far below any
    /// binary64 error, while a sweep bug is off by O(1). It is only a check
    /// when it could fail: when the estimate's error is smaller than the
    /// estimate, and the allowance smaller than the exact value — otherwise
    /// 0, or a value of the wrong sign, would pass as well. Deep saturation
    /// (σ′ at z = 700 is 10⁻³⁰⁴ while the rounding of σ ≈ 1 at 320 bits is
    /// 10⁻⁹⁷) is where it cannot be.
    public func comparison(_ evaluation: ReferenceEvaluation, parameter index: Int) -> FiniteDifferenceComparison? {
        evaluation.comparison(parameter: index)
    }
}

extension ReferenceEvaluation {
    /// How the exact partial `index` compares with its finite-difference
    /// estimate (nil when it has none); see ``ReferenceEvaluator/comparison(_:parameter:)``.
    public func comparison(parameter index: Int) -> FiniteDifferenceComparison? {
        guard let estimate = finiteDifferences[index] else { return nil }
        guard !estimate.straddlesKink else { return .straddlesKink }
        let exact = gradient[index]
        let allowed = estimate.errorEstimate.scaled(byPowerOfTwo: 2)
            + exact.magnitude.scaled(byPowerOfTwo: -precision / 2)
        if (exact - estimate.value).magnitude > allowed { return .disagrees }
        if exact.isZero && estimate.value.isZero && estimate.errorEstimate.isZero { return .agrees }
        let discriminates = estimate.errorEstimate < estimate.value.magnitude && allowed < exact.magnitude
        return discriminates ? .agrees : .notCheckable
    }
}

/// The outcome of comparing an exact partial with its finite-difference estimate.
public enum FiniteDifferenceComparison: Sendable, Hashable {
    /// Within the allowance, and the allowance is smaller than the value: a check that could have failed.
    case agrees
    /// Within the allowance, but the allowance is as large as the value (or the estimate's error as
    /// large as the estimate): the comparison could not have failed, so it checked nothing.
    case notCheckable
    /// The stencil straddles a kink: there is no derivative to compare.
    case straddlesKink
    /// Beyond the allowance: a bug in the kit (``ReferenceInconsistency``).
    case disagrees
}

/// Which partials get an independent finite-difference estimate.
public enum FiniteDifferenceSelection: Sendable, Hashable {
    case none
    case all
    /// These parameter indices.
    case parameters([Int])
    /// At most `count` parameters, spread evenly over the parameter list
    /// (always the first and the last): a deterministic sample for large
    /// networks, where every partial would cost a finite difference each.
    case sample(Int)

    /// The parameter indices selected among `count` parameters, ascending.
    public func parameters(count: Int) -> [Int] {
        switch self {
        case .none: return []
        case .all: return Array(0..<count)
        case .parameters(let indices): return indices.filter { (0..<count).contains($0) }
        case .sample(let n):
            guard n < count else { return Array(0..<count) }
            guard n > 1 else { return n == 1 ? [0] : [] }
            return Array(Set((0..<n).map { $0 * (count - 1) / (n - 1) })).sorted()
        }
    }
}
