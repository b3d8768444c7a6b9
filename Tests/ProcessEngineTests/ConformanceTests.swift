import Testing
import Engines
import NetworkModel
import Verification

@Suite(.timeLimit(.minutes(1)))
struct ConformanceTests {
    func describe(_ report: EngineReport) -> String {
        ([report.value] + report.partials)
            .filter { $0.verdict != .conforms }
            .map { "\($0.name): \($0.verdict), max \($0.maxULP) ulp, \($0.maxToleranceUnits) tolerances" }
            .joined(separator: "; ") + (report.faults.first.map { "; first fault: \($0.message)" } ?? "")
    }

    @Test func pythonExampleEngineConforms() async throws {
        let suite = try await SharedSuite.shared.get()
        let engine = ProcessEngine(command: Examples.pythonEngine, name: "python-example", options: patient)
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
        let engine = ProcessEngine(command: Examples.pythonEngine, options: patient)
        let report = try await suite.run(engine)
        await engine.shutdown()
        #expect(report.verdict == .conforms, "\(describe(report))")
    }

    @Test func nanPartialsAreJudgedWrongNotFaults() async throws {
        let suite = try await SharedSuite.shared.get()
        let engine = ProcessEngine(command: Examples.faulty("nan.py"), options: patient)
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
        let engine = ProcessEngine(command: Examples.faulty("unsupported_gelu.py"), options: patient)
        let report = try await suite.run(engine)
        await engine.shutdown()
        let geluCases = try suite.cases.all(network: suite.network).filter { $0.networkCase.activation == .gelu }.count
        #expect(report.unsupported == ["activation gelu": geluCases])
        #expect(report.faults.isEmpty)
        #expect(report.verdict == .conforms, "\(describe(report))")
    }

    @Test func aHangingEngineCostsTheSuiteTwoTimeoutsAtMost() async throws {
        let suite = try await SharedSuite.shared.get()
        let engine = ProcessEngine(command: Examples.faulty("hang.sh"),
                                   options: ProcessEngine.Options(timeout: .milliseconds(300), maximumRestarts: 1))
        let (report, elapsed) = try await timed { try await suite.run(engine) }
        await engine.shutdown()
        #expect(report.verdict == .nonconformant)
        #expect(report.faults.count == suite.cases.count)
        #expect(report.faults.map(\.kind).prefix(3) == ["timeout", "timeout", "gave-up"])
        #expect(report.faults.enumerated().allSatisfy { index, fault in
            fault.caseIndex == index && fault.message.contains("case \(index):")
        })
        #expect(elapsed < .seconds(10), "took \(elapsed)")  // 56 cases × 300 ms would be 17 s without giving up
    }
}
