import Testing
import NetworkModel
import Engines

@Test(arguments: Activation.allCases)
func builtInEnginesAgreeOnAnOrdinaryCase(_ activation: Activation) async throws {
    let c = NetworkCase(activation: activation, inputs: [0.25, -1.5],
                        parameters: [0.1, -0.3, 2.0, 0.5, -1.25, 0.75, 0.0625, 2.5])
    let request = EngineRequest(id: 1, network: .seed, networkCase: c)
    let reference = try await ReferenceEngine().evaluate(request)
    for engine in [DoubleEngine(), AutodiffEngine()] as [any GradientEngine] {
        let result = try await engine.evaluate(request)
        for (name, expected) in reference.gradient {
            let actual = try #require(result.gradient[name])
            #expect(abs(actual - expected) <= 1e-14 * max(abs(expected), 1e-300), "\(engine.name) \(name)")
        }
    }
}
