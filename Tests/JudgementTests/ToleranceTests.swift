import Testing
import NetworkModel
import Engines
@testable import Judgement

@Test(arguments: Activation.allCases)
func doubleEngineIsWithinToleranceOnAnOrdinaryCase(_ activation: Activation) async throws {
    let c = NetworkCase(activation: activation, inputs: [0.25, -1.5],
                        parameters: [0.1, -0.3, 2.0, 0.5, -1.25, 0.75, 0.0625, 2.5])
    let expectation = try ReferenceExpectation(network: .seed, networkCase: c)
    let result = try await DoubleEngine().evaluate(EngineRequest(id: 0, network: .seed, networkCase: c))
    for q in expectation.quantities {
        let d = Deviation(quantity: q, actual: result.value(of: q.id, in: .seed))
        #expect(d.outcome == .within || d.outcome == .nonDifferentiable, "\(activation) \(q.id): \(d.toleranceUnits) τ")
    }
}
