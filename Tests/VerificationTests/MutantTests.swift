import Testing
import NetworkModel
import Engines
@testable import Verification

/// A fixed grid of ordinary and saturated cases for quick suite checks.
func quickCases() -> [SuiteCase] {
    var cases: [SuiteCase] = []
    var state: UInt64 = 0x9E3779B97F4A7C15
    func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) * 0x1p-53 * 4 - 2
    }
    for activation in Activation.allCases {
        for _ in 0..<12 {
            let c = NetworkCase(activation: activation, inputs: [next(), next()], parameters: (0..<8).map { _ in next() })
            cases.append(SuiteCase(regime: .ordinary, networkCase: c))
        }
        for bias in [25.0, -40.0, 300.0] {
            var p = (0..<8).map { _ in next() }
            p[6] = bias
            cases.append(SuiteCase(regime: .saturation,
                                   networkCase: NetworkCase(activation: activation, inputs: [next(), next()], parameters: p)))
        }
    }
    return cases
}

@Test(arguments: MutantEngine.Mutation.allCases)
func suiteRejectsMutant(_ mutation: MutantEngine.Mutation) async throws {
    let suite = try await ConformanceSuite(cases: quickCases())
    let report = await suite.run(MutantEngine(mutation))
    for q in [report.value] + report.partials {
        print(mutation, q.name, q.verdict, q.maxULP, q.maxRelativeError, q.regimes)
    }
    switch mutation.expectedVerdict {
    case .wrong(let names):
        #expect(report.verdict == .nonconformant)
        for q in [report.value] + report.partials {
            #expect((q.verdict == .wrong) == names.contains(q.name), "\(q.name): \(q.verdict)")
        }
    case .inaccurate:
        #expect(report.verdict == .inaccurate)
    }
}

@Test func builtInEnginesConform() async throws {
    let suite = try await ConformanceSuite(cases: quickCases())
    for engine in [DoubleEngine(), ReferenceEngine()] as [any GradientEngine] {
        let report = await suite.run(engine)
        for q in [report.value] + report.partials where q.verdict != .conforms {
            print(engine.name, q.name, q.verdict, q.maxULP, q.maxToleranceUnits, q.regimes, q.worst as Any)
        }
        #expect(report.verdict == .conforms, "\(engine.name)")
    }
}
