import Testing
import MultiPrecision
import NetworkModel
@testable import Reference

/// The reference's two gradients — back-to-front and Richardson central
/// differences — agree within the finite difference's own error estimate
/// (plus a few ulps of the working precision) for every activation.
@Test(arguments: Activation.allCases)
func exactGradientAgreesWithFiniteDifferences(_ activation: Activation) throws {
    let c = NetworkCase(activation: activation, inputs: [0.25, -1.5],
                        parameters: [0.1, -0.3, 2.0, 0.5, -1.25, 0.75, 0.0625, 2.5])
    let evaluator = try ReferenceEvaluator(network: .seed, precision: 256)
    let evaluation = try evaluator.evaluate(c, finiteDifferences: .all)
    let estimates = evaluation.finiteDifferences.sorted { $0.key < $1.key }.map(\.value)
    #expect(estimates.count == 8)
    for (g, fd) in zip(evaluation.gradient, estimates) {
        let slack = g.magnitude.scaled(byPowerOfTwo: -256 + 8)
        #expect((g - fd.value).magnitude <= fd.errorEstimate.scaled(byPowerOfTwo: 2) + slack)
        #expect(fd.errorEstimate < BigFloat(1e-40, precision: 256))
    }
}
