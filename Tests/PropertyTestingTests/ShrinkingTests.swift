import Testing
import NetworkModel
import PropertyTesting

/// Generators of a double that can exceed 1.5, shrinking through different combinators.
enum ThresholdGenerator: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case uniform, mapped, flatMapped, logUniform, mixed, simple, arrayMaximum

    var gen: Gen<Double> {
        switch self {
        case .uniform: Gen<Double>.uniform(in: -10...10)
        case .mapped: Gen<Double>.uniform(in: 0...100).map { $0 / 10 }
        case .flatMapped: Gen<Int>.int(in: 1...10).flatMap { n in Gen<Double>.uniform(in: -Double(n)...Double(n)) }
        case .logUniform: Gen<Double>.logUniform(magnitudes: 1e-3...1e3)
        case .mixed: Gen<Double>.double(in: -10...10, specials: true)
        case .simple: Gen<Double>.simple()
        case .arrayMaximum: Gen<Double>.uniform(in: -10...10).array(count: 0...8).map { $0.max() ?? 0 }
        }
    }

    var testDescription: String { rawValue }
}

func sequentialRunner(cases: Int = 100, seed: UInt64 = PropertyConfiguration.defaultSeed) -> PropertyRunner {
    PropertyRunner(PropertyConfiguration(seed: seed, cases: cases, parallelism: 1))
}

@Suite(.tags(.shrinking))
struct ShrinkingTests {
    @Test(arguments: ThresholdGenerator.allCases)
    func failureAboveOnePointFiveShrinksIntoOnePointFiveToTwo(generator: ThresholdGenerator) async throws {
        let result = await sequentialRunner().run(generator.gen) { x in x <= 1.5 }
        let failure = try #require(result.failure)
        #expect(failure.shrunk > 1.5 && failure.shrunk <= 2, "shrunk to \(failure.shrunk) from \(failure.original)")
        #expect(failure.shrinkSteps > 0 || failure.original == failure.shrunk)
    }

    @Test func unequalOutputWeightsShrinkToSimpleValues() async throws {
        let result = await sequentialRunner().run(Gen<TaggedCase>.networkCase(network: .seed)) { t in
            t.case.parameters[4] == t.case.parameters[5]
        }
        let failure = try #require(result.failure)
        let values = failure.shrunk.case.inputs + failure.shrunk.case.parameters
        #expect(values.allSatisfy { abs($0) <= 16 && ($0 * 16).rounded() == $0 * 16 }, "\(failure.shrunk)")
        #expect(failure.shrunk.case.parameters[4] != failure.shrunk.case.parameters[5])
        #expect(failure.regime == .ordinary)
        #expect(failure.shrunk.case.activation == Activation.allCases[0])
    }

    @Test(arguments: Regime.allCases)
    func shrunkCasesKeepTheirRegimeCondition(regime: Regime) async throws {
        let gen = Gen<TaggedCase>.networkCase(network: .seed, regimes: .only(regime))
        let result = await sequentialRunner(cases: 5).run(gen) { t in t.case.activation == .identity }
        let failure = try #require(result.failure)
        #expect(failure.regime == regime)
        #expect(RegimeConditions(.seed).holds(regime, for: failure.shrunk.case), "\(failure.shrunk)")
        #expect(failure.shrinkSteps > 0)
    }

    @Test func shrinkingStopsOnItsAttemptBudget() async throws {
        var configuration = PropertyConfiguration(cases: 100, maxShrinkAttempts: 3, parallelism: 1)
        configuration.seed = 5
        let result = await PropertyRunner(configuration).run(Gen<TaggedCase>.networkCase(network: .seed)) { _ in false }
        let failure = try #require(result.failure)
        #expect(failure.shrinkAttempts == 3)
        #expect(failure.shrinkBudgetExhausted)
    }

    @Test func shrinkingStopsOnItsTimeBudget() async throws {
        let configuration = PropertyConfiguration(cases: 10, shrinkTimeLimit: .zero, parallelism: 1)
        let result = await PropertyRunner(configuration).run(Gen<Double>.uniform(in: 5...9)) { _ in false }
        let failure = try #require(result.failure)
        #expect(failure.shrinkAttempts == 0 && failure.shrunk == failure.original)
    }

    @Test func shrunkChoicesReplayToTheShrunkValue() async throws {
        let gen = Gen<TaggedCase>.networkCase(network: .seed)
        let result = await sequentialRunner().run(gen) { t in t.case.inputs[0] < 0.3 }
        let failure = try #require(result.failure)
        #expect(try gen.replay(failure.shrunkChoices).value == failure.shrunk)
        #expect(failure.shrunk.case.inputs[0] == 1)
    }
}

@Suite(.tags(.shrinking))
struct AlternativeShrinkingTests {
    @Test func zeroWeightAlternativesAreUnreachableEvenWhileShrinking() async throws {
        let gen = Gen.frequency([(1, .constant(0)), (0, .constant(99)), (1, Gen.uniform(in: 5...9))])
        let failure = try #require(await sequentialRunner().run(gen) { x in x < 4 }.failure)
        #expect(failure.shrunk == 8)
    }

    @Test func oneOfShrinksTowardEarlierAlternatives() async throws {
        let gen = Gen.oneOf(Gen.uniform(in: 10...20), Gen.uniform(in: 30...40), Gen.uniform(in: 50...60))
        let failure = try #require(await sequentialRunner().run(gen) { x in x < 10 || x > 60 }.failure)
        #expect(failure.shrunk == 16)
    }
}
