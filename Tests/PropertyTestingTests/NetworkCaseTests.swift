import Testing
import NetworkModel
import PropertyTesting

/// Regime weights of the coverage sample, summing to 10.
let coverageWeights: RegimeWeights = [
    .ordinary: 3, .saturation: 2, .tiny: 1, .wide: 1, .cancellation: 2, .equalWeights: 1,
]

/// 10,000 seed-network cases, generated once for the coverage tests.
let coverageSample: [TaggedCase] =
    (try? Gen<TaggedCase>.networkCase(network: .seed, regimes: coverageWeights).samples(seed: 20_240_917, count: 10_000)) ?? []

@Suite(.tags(.coverage))
struct NetworkCaseTests {
    @Test(.tags(.determinism)) func casesAreDeterministicPerSeed() throws {
        let gen = Gen<TaggedCase>.networkCase(network: .seed)
        #expect(try gen.samples(seed: 42, count: 200) == gen.samples(seed: 42, count: 200))
        #expect(try gen.samples(seed: 42, count: 200) != gen.samples(seed: 43, count: 200))
    }

    @Test(.tags(.determinism)) func caseIndexReplaysAlone() throws {
        let gen = Gen<TaggedCase>.networkCase(network: .seed)
        let all = try gen.samples(seed: 7, count: 30)
        #expect(try gen.generate(seed: 7, caseIndex: 29) == all[29])
    }

    @Test(arguments: Regime.allCases)
    func regimeOccursAtItsConfiguredFrequency(regime: Regime) {
        #expect(coverageSample.count == 10_000)
        let count = coverageSample.filter { $0.regime == regime }.count
        #expect(withinFiveSigma(count, of: coverageSample.count, probability: coverageWeights.probability(of: regime)),
                "\(regime): \(count) of \(coverageSample.count)")
    }

    @Test(arguments: Regime.allCases)
    func everyCaseSatisfiesItsRegimeCondition(regime: Regime) {
        let conditions = RegimeConditions(.seed)
        let cases = coverageSample.filter { $0.regime == regime }
        #expect(!cases.isEmpty)
        let failures = cases.filter { !conditions.holds(regime, for: $0.case) }
        #expect(failures.isEmpty, "\(failures.count) \(regime) cases break the condition, e.g. \(failures.first!)")
    }

    @Test func cancellationTermsAreOfOrderOneAndCancelToAFewUlps() {
        let surgery = NetworkSurgery(.seed)
        for tagged in coverageSample where tagged.regime == .cancellation {
            let c = tagged.case, p = c.parameters
            let x = Backprop.forward(Network.seed, activation: c.activation, inputs: c.inputs, parameters: p,
                                     filler: 0.0).outputs
            let t0 = p[4] * x[0] + p[6], t1 = p[5] * x[1] + p[7]
            let z20 = surgery.preactivations(c)[2]
            // Every quantity entering z20's last rounding steps, with b20[1] the one solved for.
            let scale = [t0, t1, p[5] * x[1], p[7]].map(abs).max()!
            #expect(max(abs(t0), abs(t1)) >= 0.5)
            #expect(abs(z20) <= 4 * scale.ulp, "z20 = \(z20), terms \(t0), \(t1), b20[1] = \(p[7])")
        }
    }

    @Test func saturationPutsAUnitBetween20And700() {
        let conditions = RegimeConditions(.seed)
        let units = coverageSample.filter { $0.regime == .saturation }.map { conditions.saturatedUnits($0.case) }
        #expect(units.allSatisfy { !$0.isEmpty })
        for u in 0..<3 { #expect(units.contains { $0.contains(u) }, "unit \(u) is never saturated") }
    }

    @Test func everyActivationIsDrawn() {
        for activation in Activation.allCases {
            let count = coverageSample.filter { $0.case.activation == activation }.count
            #expect(withinFiveSigma(count, of: coverageSample.count, probability: 1.0 / 7), "\(activation): \(count)")
        }
    }

    @Test func activationListAndSingleRegimeAreHonoured() throws {
        let gen = Gen<TaggedCase>.networkCase(network: .seed, activations: [.relu, .gelu], regimes: .only(.tiny))
        let cases = try gen.samples(seed: 1, count: 300)
        #expect(cases.allSatisfy { $0.regime == .tiny && [.relu, .gelu].contains($0.case.activation) })
    }

    @Test(arguments: Regime.allCases)
    func otherNetworksReachTheirRegimes(regime: Regime) throws {
        let network = try Network.dense(widths: [3, 2, 1])
        let conditions = RegimeConditions(network)
        let gen = Gen<TaggedCase>.networkCase(network: network, activations: [.tanh, .softplus],
                                              regimes: .only(regime))
        let cases = try gen.samples(seed: 3, count: 200)
        #expect(cases.allSatisfy { $0.case.inputs.count == 3 && $0.case.parameters.count == network.parameters.count })
        #expect(cases.allSatisfy { conditions.holds(regime, for: $0.case) })
    }
}
