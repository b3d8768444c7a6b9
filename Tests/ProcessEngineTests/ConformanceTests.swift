import Testing
import Conformance
import Engines
import NetworkModel

/// Generous time limits: while the rest of the test suite runs, a 2-core
/// machine may take seconds to start a Python process.
@Suite(.timeLimit(.minutes(15)))
struct ConformanceTests {
    func describe(_ report: EngineReport) -> String {
        ([report.value] + report.partials)
            .filter { $0.verdict != .conforms }
            .map { "\($0.name): \($0.verdict), max \($0.maxULP) ulp, \($0.maxToleranceUnits) tolerances" }
            .joined(separator: "; ") + (report.faults.first.map { "; first fault: \($0.message)" } ?? "")
    }

    @Test func pythonExampleEngineConforms() async throws {
        let suite = try await SharedSuite.shared.get()
        let engine = ProcessEngine(command: Examples.pythonEngine, name: "python-example", configuration: patient)
        let report = try await suite.run(engine)
        await engine.shutdown()
        #expect(report.verdict == .conforms, "\(describe(report))")
        #expect(report.faults.isEmpty)
        #expect(report.unsupported.isEmpty)
        #expect(report.engine == "python-example")
        #expect(await engine.launchCount == 1)
    }

    @Test func pythonExampleEngineConformsOnGeneratedCases() async throws {
        let suite = try ConformanceSuite(network: .seed, cases: SuiteCase.generated(network: .seed, seed: 20_260_101, count: 150), seed: 20_260_101)
        let engine = ProcessEngine(command: Examples.pythonEngine, configuration: patient)
        let report = try await suite.run(engine)
        await engine.shutdown()
        #expect(report.verdict == .conforms, "\(describe(report))")
    }

    @Test func nanPartialsAreJudgedWrongNotFaults() async throws {
        let suite = try await SharedSuite.shared.get()
        let engine = ProcessEngine(command: Examples.faulty("nan.py"), configuration: patient)
        let report = try await suite.run(engine)
        await engine.shutdown()
        #expect(report.faults.isEmpty, "\(report.faults.first?.message ?? "")")
        #expect(report.verdict == .nonconformant)
        #expect(report.value.verdict == .conforms)
        for partial in report.partials {
            #expect(partial.verdict == .wrong, "\(partial.name): \(partial.verdict)")
        }
    }

    @Test func unsupportedActivationIsListedNotFailed() async throws {
        let suite = try await SharedSuite.shared.get()
        let engine = ProcessEngine(command: Examples.faulty("unsupported_gelu.py"), configuration: patient)
        let report = try await suite.run(engine)
        await engine.shutdown()
        let geluCases = try suite.cases.all(network: suite.network).filter { $0.networkCase.activation == .gelu }.count
        #expect(report.unsupported == ["activation gelu": geluCases])
        #expect(report.faults.isEmpty)
        #expect(report.verdict == .conforms, "\(describe(report))")
    }

    @Test func aRecurrentHangCostsTheSuiteItsTimeoutBudget() async throws {
        let suite = try await SharedSuite.shared.get()
        // Answers two requests per process, then hangs: a timeout every third case without a budget.
        let engine = ProcessEngine(command: Examples.faulty("hangs_after.py", "--after 2"),
                                   configuration: ProcessEngine.Configuration(requestTimeout: .seconds(1)))
        let (report, elapsed) = try await timed { try await suite.run(engine) }
        await engine.shutdown()
        #expect(report.verdict == .nonconformant)
        #expect(report.faults.map(\.caseIndex) == [2, 5, 8] + Array(9..<suite.cases.count))
        #expect(report.faults.map(\.kind) == ["timeout", "timeout", "timeout"]
                + Array(repeating: "gave-up", count: suite.cases.count - 9))
        #expect(report.faults.allSatisfy { $0.message.contains("case \($0.caseIndex!):") })
        #expect(report.faults.last?.message.contains("gave up after 3 timeouts (last: timeout on case 8)") == true)
        #expect(await engine.launchCount == 3)
        // Without the budget: 25 timeouts and starts.
        #expect(await engine.timeoutCount == 3)
        #expect(elapsed >= .seconds(3), "took \(elapsed)")
    }
}
