import Testing
import NetworkModel
import PropertyTesting

@Suite struct RunnerTests {
    @Test func alwaysPassingPropertyNeverReports() async {
        let result = await PropertyRunner(PropertyConfiguration(cases: 300)).run(Gen<TaggedCase>.networkCase(network: .seed)) { _ in
            true
        }
        guard case .passed(let pass) = result else {
            Issue.record("expected a pass, got \(result)")
            return
        }
        #expect(pass.casesRun == 300 && pass.seed == PropertyConfiguration.defaultSeed)
    }

    @Test(.tags(.determinism), arguments: [1, 2, 3, 8])
    func reportedFailureIsTheLowestIndexWhateverTheParallelism(parallelism: Int) async throws {
        let gen = Gen<Double>.uniform(in: 0...10)
        let property: @Sendable (Double) -> Bool = { $0 <= 9.9 }
        let config = PropertyConfiguration(seed: 77, cases: 500, parallelism: parallelism)
        let sequential = try #require(PropertyRunner(config).runSequentially(gen, Property(property)).failure)
        let concurrent = try #require(await PropertyRunner(config).run(gen, property).failure)
        let expected = try gen.samples(seed: 77, count: 500).firstIndex { !property($0) }
        #expect(concurrent.caseIndex == expected)
        #expect(concurrent.caseIndex == sequential.caseIndex)
        #expect(concurrent.original == sequential.original && concurrent.shrunk == sequential.shrunk)
    }

    @Test(.tags(.determinism)) func onlyCaseReplaysTheReportedCase() async throws {
        let gen = Gen<TaggedCase>.networkCase(network: .seed)
        let property: @Sendable (TaggedCase) -> Bool = { $0.case.parameters[0] < 1.9 }
        let first = try #require(await PropertyRunner(PropertyConfiguration(seed: 3, cases: 1_000)).run(gen, property).failure)
        let replayConfig = PropertyConfiguration(seed: first.seed, onlyCase: first.caseIndex)
        let replayed = try #require(await PropertyRunner(replayConfig).run(gen, property).failure)
        #expect(replayed.caseIndex == first.caseIndex)
        #expect(replayed.original == first.original && replayed.shrunk == first.shrunk)
        #expect(first.replay.environment == "BACKPROP_CHECK_SEED=3 BACKPROP_CHECK_CASE=\(first.caseIndex)")
    }

    @Test func throwingPropertiesReportTheirError() async throws {
        let result = await PropertyRunner(PropertyConfiguration(cases: 50)).run(Gen<Double>.uniform(in: -1...1),
                                                                              throwing: { x in
            try ensure(x < 0.75, "x = \(x) is too large")
        })
        let failure = try #require(result.failure)
        #expect(failure.shrunk == 1)
        #expect(failure.shrunkMessage == "property threw: x = 1.0 is too large")
    }

    @Test func generationFailuresAreReportedWithTheirCase() async throws {
        let gen = Gen<Int>.int(in: 0...3).filter(maxAttempts: 5) { $0 > 3 }
        let result = await PropertyRunner(PropertyConfiguration(seed: 9, cases: 10)).run(gen) { _ in true }
        guard case .generationFailed(let failure) = result else {
            Issue.record("expected a generation failure, got \(result)")
            return
        }
        #expect(failure.caseIndex == 0 && failure.seed == 9)
        #expect(failure.description.contains("rejected 5 consecutive values"))
    }

    @Test func reportNamesRegimeSeedCaseAndReplay() async throws {
        let gen = Gen<TaggedCase>.networkCase(network: .seed, regimes: .only(.saturation))
        let failure = try #require(await PropertyRunner(PropertyConfiguration(seed: 11)).run(gen) { _ in false }.failure)
        let report = failure.report()
        #expect(failure.regime == .saturation && failure.originalRegime == .saturation)
        for fragment in ["case 0 of 100", "seed 11", "Regime: saturation", "Shrunk counterexample",
                         "Original counterexample", "BACKPROP_CHECK_SEED=11 BACKPROP_CHECK_CASE=0"] {
            #expect(report.contains(fragment), "missing \(fragment) in\n\(report)")
        }
    }

    @Test func environmentVariablesParse() throws {
        let parsed = try PropertyEnvironment.parse(["BACKPROP_CHECK_SEED": "123", "BACKPROP_CHECK_CASES": " 40 ",
                                                    "BACKPROP_CHECK_CASE": "7"])
        #expect(parsed == PropertyEnvironment(seed: .fixed(123), cases: 40, onlyCase: 7))
        #expect(try PropertyEnvironment.parse(["BACKPROP_CHECK_SEED": "random"]).seed == .random)
        #expect(try PropertyEnvironment.parse([:]) == PropertyEnvironment())
        #expect(throws: PropertyEnvironment.ParseError.self) {
            try PropertyEnvironment.parse(["BACKPROP_CHECK_SEED": "-1"])
        }
        #expect(throws: PropertyEnvironment.ParseError.self) {
            try PropertyEnvironment.parse(["BACKPROP_CHECK_CASES": "many"])
        }
    }
}
