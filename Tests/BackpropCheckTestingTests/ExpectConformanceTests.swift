import Testing
import Conformance
import Engines
import NetworkModel
import PropertyTesting
import Reports
@testable import BackpropCheckTesting

/// Cases per check in this target: enough for every regime and activation to
/// appear many times, few enough to keep the target fast.
let checkCases = 300
let checkSeed: UInt64 = 20_261_129

extension Tag {
    @Tag static var conformance: Self
}

@Suite("expectConformance: one call checks an engine inside a @Test", .tags(.conformance))
struct ExpectConformanceTests {
    @Test("The Double engine passes with no issue, even in strict mode")
    func doubleEngineConforms() async throws {
        let report = try #require(await expectConformance(of: DoubleEngine(), network: .seed, cases: checkCases, seed: checkSeed,
                                                          strict: true))
        #expect(report.verdict == .conforms)
        #expect(report.cases > 0)
        #expect(report.faults.isEmpty && report.unsupported.isEmpty)
        #expect(([report.value] + report.partials).allSatisfy { $0.shrink == nil && $0.originalCounterexample == nil })
    }

    @Test("A swapped index in ∂y/∂w10 is recorded as one issue naming w10, with a shrunk counterexample")
    func swappedIndexIsRecorded() async throws {
        var report: EngineReport?
        await withKnownIssue("MutantEngine(.swappedIndex) computes ∂y/∂w10 with w20[1]") {
            report = await expectConformance(of: MutantEngine(.swappedIndex), network: .seed, cases: checkCases, seed: checkSeed)
        } matching: { issue in
            let text = issue.comments.map(\.rawValue).joined(separator: "\n")
            return issue.severity == .error && ["∂y/∂w10 is wrong", "w10 = ", "Shrunk counterexample",
                                                "Original counterexample", "expected ∂y/∂w10 = ",
                                                "actual   ∂y/∂w10 = ", " ulp = ", " τ",
                                                "BACKPROP_CHECK_SEED=\(checkSeed) BACKPROP_CHECK_CASE="]
                .allSatisfy(text.contains)
        }
        let w10 = try #require(report?.quantity("w10"))
        #expect(w10.verdict == .wrong)
        #expect(w10.shrink != nil && w10.originalCounterexample != nil)
        #expect(report?.partials.filter { $0.verdict != .conforms }.map(\.name) == ["w10"])
    }

    @Test("Inaccurate quantities are warnings, errors when strict")
    func inaccurateIsAWarningUnlessStrict() async throws {
        let suite = try ConformanceSuite(network: .seed,            cases: SuiteCase.generated(network: .seed, seed: checkSeed, count: checkCases, activations: [.sigmoid]), seed: checkSeed)
        let report = try await suite.run(MutantEngine(.naiveSigmoidSlope))
        #expect(report.verdict == .inaccurate)
        let lenient = ConformanceExpectation(network: .seed, strict: false, testName: "t").findings(report)
        let strict = ConformanceExpectation(network: .seed, strict: true, testName: "t").findings(report)
        #expect(!lenient.isEmpty && lenient.allSatisfy { $0.severity == .warning })
        #expect(strict.count == lenient.count && strict.allSatisfy { $0.severity == .error })
        #expect(lenient.allSatisfy { $0.message.contains("is inaccurate") && $0.message.contains("saturation") })

        await withKnownIssue("σ′ = s·(1 − s) loses accuracy in saturation") {
            await expectConformance(of: MutantEngine(.naiveSigmoidSlope), network: .seed, cases: 100, seed: checkSeed, strict: true)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("is inaccurate") }
        }
    }

    @Test("Engine faults are issues, one per kind")
    func faultsAreIssues() async throws {
        await withKnownIssue("the engine throws on every tanh case") {
            let report = await expectConformance(of: FaultyEngine(), network: .seed, cases: 100, seed: checkSeed)
            #expect(report?.faults.isEmpty == false)
            #expect(report?.verdict == .nonconformant)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("faulted (overflow)") && $0.rawValue.contains("activation tanh") }
        }
    }

    @Test("An engine that evaluates no case is an issue, not a pass")
    func nothingCheckedIsAnIssue() async throws {
        var report: EngineReport?
        await withKnownIssue("the engine supports no network") {
            report = await expectConformance(of: NoNetworkEngine(), network: .seed, cases: 20, seed: checkSeed)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("the engine evaluated 0 of 20 cases: unsupported network seed") }
        }
        #expect(report?.verdict == .nonconformant)
        #expect(report?.coverage == Coverage(generated: 20, evaluated: 0, declined: 20, faulted: 0))
    }

    @Test("An engine that declines more than half of the cases does not conform; declining fewer is a capability")
    func decliningMostIsAnIssue() async throws {
        var most: EngineReport?
        await withKnownIssue("the engine declines 3 cases in 5") {
            most = await expectConformance(of: DecliningEngine(declinedInFive: 3), network: .seed, cases: 50, seed: checkSeed)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("the engine evaluated 20 of 50 cases (it declined more than half of them): unsupported this case (30 cases)") }
        }
        #expect(most?.verdict == .nonconformant)
        let some = await expectConformance(of: DecliningEngine(declinedInFive: 2), network: .seed, cases: 50, seed: checkSeed)
        #expect(some?.verdict == .conforms)
        #expect(some?.coverage == Coverage(generated: 50, evaluated: 30, declined: 20, faulted: 0))
    }

    @Test("Replaying the printed seed and case reproduces the shrunk counterexample")
    func replayReproducesTheShrunkCase() async throws {
        let engine = MutantEngine(.wrongSlopeArgument)
        let full = try await ConformanceSuite(network: .seed, cases: SuiteCase.generated(network: .seed, seed: checkSeed, count: checkCases),
                                              seed: checkSeed).run(engine)
        let w10 = try #require(full.quantity("w10"))
        let shrink = try #require(w10.shrink)
        var replayed: EngineReport?
        await withKnownIssue {
            replayed = await PropertyCheckTrait.$current.withValue(
                PropertyCheckTrait(seed: shrink.seed, onlyCase: shrink.caseIndex)) {
                    await expectConformance(of: engine, network: .seed, attachingReport: false)
                }
        } matching: { issue in issue.comments.contains { $0.rawValue.contains("∂y/∂w10 is wrong") } }
        let again = try #require(replayed?.quantity("w10"))
        #expect(replayed?.cases == 1)
        #expect(again.verdict == .wrong)
        #expect(again.shrink?.caseIndex == shrink.caseIndex)
        #expect(again.counterexample?.networkCase == w10.counterexample?.networkCase)
        #expect(again.counterexample?.deviation == w10.counterexample?.deviation)
        #expect(again.originalCounterexample?.networkCase == w10.originalCounterexample?.networkCase)
    }

    @Test func attachmentNamesAreSafeFileNames() {
        #expect(ConformanceExpectation.attachmentName("double") == "conformance-double.md")
        #expect(ConformanceExpectation.attachmentName("python3 my engine.py/v2") == "conformance-python3-my-engine.py-v2.md")
    }
}

/// Throws for tanh, answers correctly otherwise.
struct FaultyEngine: GradientEngine {
    let name = "faulty"
    func evaluate(_ request: EngineRequest) async throws -> EngineResult {
        if request.activation == .tanh { throw EngineError.fault(kind: .init(rawValue: "overflow"), message: "tanh is not implemented") }
        return try await DoubleEngine().evaluate(request)
    }
}

/// The Double engine, declining `declinedInFive` of every five cases (by request id) at run time.
struct DecliningEngine: GradientEngine {
    let declinedInFive: Int
    var name: String { "declining-\(declinedInFive)-in-5" }
    func evaluate(_ request: EngineRequest) async throws -> EngineResult {
        if request.id % 5 < declinedInFive { throw EngineError.unsupported(.other("this case")) }
        return try await DoubleEngine().evaluate(request)
    }
}

/// Claims no network.
struct NoNetworkEngine: GradientEngine {
    let name = "no-network"
    func supports(_ network: Network) -> Bool { false }
    func evaluate(_ request: EngineRequest) async throws -> EngineResult { throw EngineError.unsupported(.other("network")) }
}
