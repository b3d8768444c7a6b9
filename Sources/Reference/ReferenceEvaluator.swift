import MultiPrecision
import NetworkModel

/// The arbitrary-precision reference: evaluates a network, its exact
/// gradient and an independent finite-difference gradient in MPFR.
///
/// Inputs and parameters are binary64 and convert exactly. Every operation
/// is correctly rounded at ``precision`` bits, so for the default 256 bits the
/// results are exact to far more digits than any binary64 engine can show.
public struct ReferenceEvaluator: Sendable {
    public var network: Network
    /// Working precision in bits (53…4096 supported; default 256).
    public var precision: Int
    /// Extra bits for the finite differences, which cancel about
    /// `initialStepExponent + levels` bits when differencing.
    public var finiteDifferenceGuardBits: Int
    public var finiteDifference: RichardsonCentralDifference

    public init(network: Network = .seed, precision: Int = 256,
                finiteDifference: RichardsonCentralDifference = .init(), finiteDifferenceGuardBits: Int = 64) {
        precondition((53...4096).contains(precision), "reference precision must be within 53...4096 bits")
        self.network = network
        self.precision = precision
        self.finiteDifference = finiteDifference
        self.finiteDifferenceGuardBits = finiteDifferenceGuardBits
    }

    /// y, every z and x, and the exact gradient; with `finiteDifferences`,
    /// also the Richardson-extrapolated central differences, checked against
    /// the exact gradient (a disagreement throws ``ReferenceInconsistency``).
    public func evaluate(_ networkCase: NetworkCase, finiteDifferences: Bool = false) throws -> ReferenceEvaluation {
        let inputs = networkCase.inputs.map { BigFloat($0, precision: precision) }
        let parameters = networkCase.parameters.map { BigFloat($0, precision: precision) }
        let activation = networkCase.activation
        var workspace = BackpropWorkspace(network: network, filler: parameters[0])
        Backprop.run(network, activation: activation, inputs: inputs, parameters: parameters, workspace: &workspace)
        var evaluation = ReferenceEvaluation(
            network: network, networkCase: networkCase, precision: precision,
            preactivations: workspace.preactivations, outputs: workspace.outputs, y: workspace.y(of: network),
            gradient: workspace.gradient, finiteDifferences: nil)
        if finiteDifferences {
            evaluation.finiteDifferences = network.parameters.indices.map { estimate(networkCase, parameter: $0) }
            try checkConsistency(evaluation)
        }
        return evaluation
    }

    /// y alone at `bits` of precision with parameter `index` replaced by `theta`.
    func output(_ networkCase: NetworkCase, parameter index: Int, value theta: BigFloat, bits: Int) -> ForwardPass<BigFloat> {
        let inputs = networkCase.inputs.map { BigFloat($0, precision: bits) }
        var parameters = networkCase.parameters.map { BigFloat($0, precision: bits) }
        parameters[index] = theta
        return Backprop.forward(network, activation: networkCase.activation, inputs: inputs, parameters: parameters)
    }

    /// The central-difference estimate of ∂y/∂θ for parameter `index`.
    public func estimate(_ networkCase: NetworkCase, parameter index: Int) -> FiniteDifferenceEstimate {
        let bits = precision + finiteDifferenceGuardBits
        let theta = BigFloat(networkCase.parameters[index], precision: bits)
        let result = finiteDifference.bestDerivative(at: theta, precision: bits) {
            output(networkCase, parameter: index, value: $0, bits: bits).y
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
        let kinks = networkCase.activation.kinks
        guard !kinks.isEmpty else { return false }
        let low = output(networkCase, parameter: index, value: theta - step, bits: bits).preactivations
        let mid = output(networkCase, parameter: index, value: theta, bits: bits).preactivations
        let high = output(networkCase, parameter: index, value: theta + step, bits: bits).preactivations
        for unit in mid.indices {
            for kink in kinks.map({ BigFloat($0, precision: bits) }) {
                let sides = [low[unit], mid[unit], high[unit]].map { $0 < kink ? -1 : ($0 > kink ? 1 : 0) }
                if sides.contains(0) || Set(sides).count > 1 { return true }
            }
        }
        return false
    }

    /// Throws when the exact gradient and the finite differences disagree
    /// beyond the estimate (with a factor 4 margin and 2⁻ᵖ relative slack).
    func checkConsistency(_ evaluation: ReferenceEvaluation) throws {
        guard let estimates = evaluation.finiteDifferences else { return }
        for (index, estimate) in estimates.enumerated() where !estimate.straddlesKink {
            let exact = evaluation.gradient[index]
            let allowed = estimate.errorEstimate.scaled(byPowerOfTwo: 2)
                + exact.magnitude.scaled(byPowerOfTwo: -precision + 8)
            if (exact - estimate.value).magnitude > allowed {
                throw ReferenceInconsistency(
                    parameter: network.parameters[index], gradient: exact.description,
                    finiteDifference: estimate.value.description,
                    errorEstimate: estimate.errorEstimate.description, networkCase: evaluation.networkCase)
            }
        }
    }
}
