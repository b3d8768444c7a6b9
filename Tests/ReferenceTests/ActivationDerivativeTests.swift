import Testing
import MultiPrecision
import NetworkModel
@testable import Reference

/// α′ as the kit writes it, checked against Richardson central differences
/// of α itself, across each activation's range — including deep saturation
/// where the careful formulas matter.
///
/// A comparison is only a check if it can fail: the estimate's error must be
/// far below |α′(z)|. In deep saturation α ≈ 1 while α′ ≈ e^(−|z|) (tanh:
/// e^(−2|z|)), and rounding α at p bits costs 2^(−p)/h in the difference, so
/// the precision is raised (256 … 4096 bits) until the estimate discriminates
/// to 2⁻³² relative; the test fails if it never does.
@Test("α′ agrees with finite differences of α, each comparison able to fail", arguments: Activation.allCases)
func derivativeMatchesFiniteDifferences(_ activation: Activation) {
    let points: [Double] = [-700, -300, -40, -20, -7.5, -2, -1.2785, -0.75, -0.5, -1e-9, 1e-9, 0.3, 1, 2.5, 9, 20, 36, 44, 300, 700]
    for z in points where !activation.kinks.contains(where: { abs($0 - z) < 1e-3 }) {
        guard let (precision, estimate) = discriminatingEstimate(activation, at: z) else {
            Issue.record("\(activation) at z = \(z): no finite difference up to 4096 bits tells α′(z) from 0")
            continue
        }
        let exact = activation.derivative(BigFloat(z, precision: precision))
        if estimate.value.isZero {   // α constant near z (ReLU below 0): only an exact 0 agrees
            #expect(exact.isZero, "\(activation) at z = \(z): α′ = \(exact), finite difference exactly 0")
            continue
        }
        let allowed = estimate.error.scaled(byPowerOfTwo: 4) + exact.magnitude.scaled(byPowerOfTwo: -precision + 8)
        #expect(allowed < exact.magnitude.scaled(byPowerOfTwo: -32), "\(activation) at z = \(z): the check cannot fail")
        #expect((exact - estimate.value).magnitude <= allowed,
                "\(activation) at z = \(z): α′ = \(exact.decimalString(significantDigits: 20)), finite difference \(estimate.value.decimalString(significantDigits: 20))")
    }
}

/// The finite-difference estimate of α′(z) at the lowest precision of 256, 512, …, 4096 bits
/// whose error estimate is below 2⁻⁴⁰ of the estimate (or both exactly 0, where α is constant), with that
/// precision; nil if none is.
func discriminatingEstimate(_ activation: Activation, at z: Double)
    -> (precision: Int, estimate: (value: BigFloat, error: BigFloat, step: BigFloat))? {
    let fd = RichardsonCentralDifference()
    for precision in [256, 512, 1024, 2048, 4096] {
        let x = BigFloat(z, precision: precision + 64)
        let estimate = fd.bestDerivative(at: x, precision: precision + 64) { activation.value($0) }
        let exactZero = estimate.value.isZero && estimate.error.isZero
        if exactZero || estimate.error < estimate.value.magnitude.scaled(byPowerOfTwo: -40) {
            return (precision, estimate)
        }
    }
    return nil
}

@Test("The old comparison at 256 bits could not fail in deep saturation: its error estimate exceeds α′")
func saturatedComparisonAt256BitsIsUninformative() {
    let x = BigFloat(700, precision: 320)
    let estimate = RichardsonCentralDifference().bestDerivative(at: x, precision: 320) { Activation.tanh.value($0) }
    let exact = Activation.tanh.derivative(BigFloat(700, precision: 256))
    #expect(estimate.error > exact.magnitude)
    #expect(discriminatingEstimate(.tanh, at: 700) != nil)
}

@Test("The reference works from 53 to 4096 bits and agrees with itself across precisions")
func precisionRange() throws {
    let c = NetworkCase(activation: .gelu, inputs: [0.25, -1.5],
                        parameters: [0.1, -0.3, 2.0, 0.5, -1.25, 0.75, 0.0625, -2.5])
    let low = try ReferenceEvaluator(network: .seed, precision: 53).evaluate(c, finiteDifferences: .all)
    let high = try ReferenceEvaluator(network: .seed, precision: 4096).evaluate(c)
    let mid = try ReferenceEvaluator(network: .seed, precision: 256).evaluate(c)
    for p in 0..<8 {
        #expect(high.gradient[p].precision == 4096)
        let difference = (high.gradient[p] - mid.gradient[p]).magnitude
        #expect(difference <= mid.gradient[p].magnitude.scaled(byPowerOfTwo: -245))
        #expect(Double(low.gradient[p]) == Double(mid.gradient[p]) || abs(Double(low.gradient[p]) / Double(mid.gradient[p]) - 1) < 1e-13)
    }
}

@Test("Networks other than the seed: a dense 3-4-2-1 MLP's gradient agrees with finite differences")
func denseNetwork() throws {
    let network = try Network.dense(widths: [3, 4, 2, 1])
    #expect(network.parameters.count == 3 * 4 + 4 + 4 * 2 + 2 + 2 + 1)
    var state: UInt64 = 12345
    func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) * 0x1p-53 * 2 - 1
    }
    for activation in [Activation.sigmoid, .tanh, .gelu] {
        let c = NetworkCase(activation: activation, inputs: (0..<3).map { _ in next() },
                            parameters: network.parameters.map { _ in next() })
        let evaluation = try ReferenceEvaluator(network: network, precision: 192).evaluate(c, finiteDifferences: .all)
        let estimates = evaluation.finiteDifferences.sorted { $0.key < $1.key }.map(\.value)
        #expect(estimates.count == network.parameters.count)
        for (g, e) in zip(evaluation.gradient, estimates) {
            #expect((g - e.value).magnitude <= e.errorEstimate.scaled(byPowerOfTwo: 2) + g.magnitude.scaled(byPowerOfTwo: -180))
        }
        let double = Backprop.gradient(network, activation: activation, inputs: c.inputs, parameters: c.parameters,
                                       filler: 0.0)
        for (d, g) in zip(double.gradient, evaluation.gradient) {
            #expect(abs(d - Double(g)) <= 1e-13 * max(1e-300, abs(Double(g))) + 1e-300)
        }
    }
}

@Test("A case on a ReLU kink is non-differentiable, never a pass or a failure")
func reluKink() throws {
    // z10 = w10·x00 + b10 = 1·0.5 − 0.5 = 0 exactly.
    let c = NetworkCase(activation: .relu, inputs: [0.5, 1], parameters: [1, -0.5, 1, 0.25, 2, 1, 0.5, 0.25])
    let evaluation = try ReferenceEvaluator(network: .seed).evaluate(c, finiteDifferences: .all)
    #expect(evaluation.isNonDifferentiable(0))
    #expect(evaluation.finiteDifferences[0]?.straddlesKink == true)
}
