import Testing
import Conformance
import Engines
import Judgement
import NetworkModel
import PropertyTesting
import Reports

/// The suite shared by the shrinking tests (generated once per process).
enum MutantSuite {
    static let cases = 300

    static func make(seed: UInt64 = checkSeed) async throws -> ConformanceSuite {
        try ConformanceSuite(network: .seed, cases: SuiteCase.generated(network: .seed, seed: seed, count: cases), seed: seed)
    }

    /// Σ significant bits over every input and parameter.
    static func significantBits(_ c: NetworkCase) -> Int {
        (c.inputs + c.parameters).reduce(0) { $0 + DoubleSimplicity.significantBits($1) }
    }
}

@Suite("Shrunk counterexamples in conformance reports", .tags(.conformance))
struct CounterexampleShrinkingTests {
    @Test("Every non-conforming quantity's counterexample is shrunk, no more complex, and still fails the same way",
          arguments: MutantEngine.Mutation.allCases)
    func shrunkCounterexamplesAreSimplerAndStillFail(_ mutation: MutantEngine.Mutation) async throws {
        let suite = try await MutantSuite.make()
        let engine = MutantEngine(mutation)
        let report = try await suite.run(engine)
        let notable = ([report.value] + report.partials).filter { $0.verdict == .wrong || $0.verdict == .inaccurate }
        #expect(!notable.isEmpty)
        for q in notable {
            let shrunk = try #require(q.counterexample, "\(q.name)")
            let original = try #require(q.originalCounterexample, "\(q.name)")
            let shrink = try #require(q.shrink, "\(q.name)")
            #expect(shrink.engineCalls <= 200 && shrink.caseIndex == original.index && shrink.seed == checkSeed)
            #expect(shrink.quantities.contains(q.name))
            #expect(MutantSuite.significantBits(shrunk.networkCase) <= MutantSuite.significantBits(original.networkCase),
                    "\(q.name): \(shrunk.networkCase) from \(original.networkCase)")
            #expect(ConformanceSuite.failsTheSameWay(original, shrunk), "\(q.name)")

            // Independently: the engine still fails on the shrunk case, the same way.
            let expectation = try ReferenceExpectation(network: .seed, networkCase: shrunk.networkCase, regime: shrunk.regime)
            let result = try await engine.evaluate(EngineRequest(id: 0, network: .seed, networkCase: shrunk.networkCase))
            let quantity = try #require(expectation.quantities.first { $0.id == q.id })
            let deviation = Deviation(quantity: quantity, actual: result.value(of: q.id, in: .seed))
            #expect(deviation == shrunk.deviation, "\(q.name)")
        }
    }

    @Test("Formula errors shrink to a handful of simple values")
    func formulaErrorsShrinkFar() async throws {
        let report = try await MutantSuite.make().run(MutantEngine(.swappedIndex))
        let w10 = try #require(report.quantity("w10"))
        let shrunk = try #require(w10.counterexample).networkCase
        let original = try #require(w10.originalCounterexample).networkCase
        #expect(shrunk.inputs + shrunk.parameters != original.inputs + original.parameters)
        // At most a few bits in total: values such as 0, ±1, ±2.
        #expect(MutantSuite.significantBits(shrunk) <= 6, "\(shrunk)")
        #expect(MutantSuite.significantBits(original) > 100, "\(original)")
        #expect(w10.counterexample?.deviation.outcome == .beyondAllowance)
    }

    @Test("Quantities failing first on the same case share one shrink of it")
    func sharedCasesShrinkOnce() async throws {
        let report = try await MutantSuite.make().run(MutantEngine(.droppedBias))
        let quantities = [report.value] + report.partials
        #expect(quantities.allSatisfy { $0.verdict == .wrong && $0.shrink != nil })
        let originals = Dictionary(grouping: quantities, by: { $0.originalCounterexample!.index })
        #expect(originals.count < quantities.count, "some quantities share their first counterexample")
        for (index, group) in originals {
            let records = Set(group.compactMap(\.shrink))
            #expect(records.count == 1 && records.first?.caseIndex == index)
            #expect(Set(records.first?.quantities ?? []) == Set(group.map(\.name)))
            #expect(Set(group.map(\.counterexample!.networkCase)).count == 1, "one shrunk case per original case")
        }
    }

    @Test("Same seed, same report: shrinking is deterministic")
    func reportsAreDeterministic() async throws {
        for engine in [MutantEngine(.binary32), MutantEngine(.missingFactor)] as [any GradientEngine] {
            let first = try await MutantSuite.make().run(engine)
            let second = try await MutantSuite.make().run(engine)
            #expect(first == second, "\(engine.name)")
            #expect(first.markdown(network: .seed) == second.markdown(network: .seed))
            #expect(first.json(network: .seed).prettyPrinted == second.json(network: .seed).prettyPrinted)
        }
    }

    @Test("Shrinking off: counterexamples are reported as generated")
    func shrinkingCanBeTurnedOff() async throws {
        let suite = try ConformanceSuite(network: .seed, cases: SuiteCase.generated(network: .seed, seed: checkSeed, count: 100),
                                               seed: checkSeed, shrinking: nil)
        let report = try await suite.run(MutantEngine(.swappedIndex))
        let w10 = try #require(report.quantity("w10"))
        #expect(w10.shrink == nil && w10.originalCounterexample == nil)
        #expect(try w10.counterexample.map { try suite.suiteCase($0.index).networkCase == $0.networkCase } == true)
    }

    @Test("Cases given by hand are not shrunk")
    func givenCasesAreNotShrunk() async throws {
        let generated = try SuiteCase.generated(network: .seed, seed: checkSeed, count: 50)
        let given = generated.map { SuiteCase(regime: $0.regime, networkCase: $0.networkCase) }
        let report = try await ConformanceSuite(network: .seed, cases: given, seed: nil).run(MutantEngine(.swappedIndex))
        #expect(report.quantity("w10")?.verdict == .wrong)
        #expect(report.quantity("w10")?.shrink == nil)
    }
}

@Suite("The asynchronous shrink entry point")
struct AsyncShrinkTests {
    /// Counts calls across suspension points.
    actor Counter {
        var calls = 0
        func increment() { calls += 1 }
    }

    @Test("It awaits an engine on every candidate and stays within its attempt budget")
    func awaitsTheEngine() async throws {
        let generator = Gen<TaggedCase>.networkCase(network: .seed, activations: [.sigmoid])
        let engine = MutantEngine(.missingFactor)
        let counter = Counter()
        let failure: (TaggedCase) async -> String? = { candidate in
            await counter.increment()
            let result = try? await engine.evaluate(EngineRequest(id: 0, network: .seed, networkCase: candidate.case))
            let (_, gradient) = Backprop.gradient(.seed, activation: .sigmoid, inputs: candidate.case.inputs,
                                                  parameters: candidate.case.parameters, filler: 0.0)
            let reference = gradient[0]
            guard let g = result?.gradient["w10"], (g - reference).magnitude > 1e-6 * max(1, reference.magnitude)
            else { return nil }
            return "∂y/∂w10 = \(g), expected \(reference)"
        }
        let result = try #require(try await generator.shrink(seed: 1, caseIndex: 0, limits: ShrinkLimits(maxAttempts: 40),
                                                             failure: failure))
        #expect(result.attempts <= 40)
        #expect(await counter.calls == result.attempts + 1)
        #expect(try generator.replay(result.choices).value == result.value)
        #expect(await failure(result.value) != nil)
    }

    @Test("It shrinks exactly as the property runner does", arguments: [UInt64(1), 7, 42])
    func matchesTheSynchronousShrinker(seed: UInt64) async throws {
        let generator = Gen<TaggedCase>.networkCase(network: .seed)
        let predicate: @Sendable (TaggedCase) -> Bool = { $0.case.parameters.reduce(0, +) < 2 }
        let runner = PropertyRunner(PropertyConfiguration(seed: seed, cases: 100, parallelism: 1))
        let failure = try #require(await runner.run(generator, predicate).failure)
        let result = try #require(try await generator.shrink(
            seed: seed, caseIndex: failure.caseIndex,
            limits: ShrinkLimits(maxAttempts: PropertyConfiguration().maxShrinkAttempts)) { value in
                predicate(value) ? nil : "property returned false"
            })
        #expect(result.value == failure.shrunk)
        #expect(result.choices == failure.shrunkChoices)
        #expect(result.steps == failure.shrinkSteps && result.attempts == failure.shrinkAttempts)
    }
}
