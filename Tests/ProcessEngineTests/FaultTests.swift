import Testing
import Engines
import NetworkModel

/// One fault-injecting engine and what the kit must make of it.
struct FaultScenario: Sendable, CustomTestStringConvertible {
    var label: String
    var command: String
    var kind: EngineError.FaultKind
    /// Texts the fault message must contain (besides the case id).
    var mentions: [String]
    /// The start-up allowance, which is what counts for a process's first
    /// request; nil where the timeout is not the point: the default 60 s, as
    /// a fault is reported as soon as it happens, and engines start slowly
    /// while the rest of the test suite loads the machine.
    var timeout: Duration?

    var testDescription: String { label }

    static let all: [FaultScenario] = [
        FaultScenario(label: "exits early", command: Examples.faulty("exits_early.py"),
                      kind: .exited, mentions: ["status 3", "leaving without answering request 41"]),
        FaultScenario(label: "crashes (through the shell)", command: Examples.faulty("crash.py"),
                      kind: .crashed, mentions: ["signal 11", "SIGSEGV", "segfaulting on request 41"]),
        FaultScenario(label: "crashes (exec'd by the shell)", command: "exec " + Examples.faulty("crash.py"),
                      kind: .crashed, mentions: ["killed by signal 11 (SIGSEGV)"]),
        FaultScenario(label: "hangs", command: Examples.faulty("hang.sh"),
                      kind: .timeout, mentions: ["no response within"], timeout: .seconds(1)),
        FaultScenario(label: "prints a non-JSON line", command: Examples.faulty("not_json.py"),
                      kind: .malformedResponse, mentions: ["1:1", "computing the gradient now"]),
        FaultScenario(label: "omits a partial", command: Examples.faulty("missing_partial.py"),
                      kind: .missingPartial, mentions: ["b20[1]"]),
        FaultScenario(label: "answers with the wrong id", command: Examples.faulty("wrong_id.py"),
                      kind: .wrongID, mentions: ["id 42", "expected 41"]),
        FaultScenario(label: "sends a non-number", command: Examples.faulty("not_a_number.py"),
                      kind: .notANumber, mentions: ["w10", "\"abc\""]),
        FaultScenario(label: "writes megabytes on one line", command: Examples.faulty("oversized.py"),
                      kind: .oversizedResponse, mentions: ["longer than 1048576 bytes"]),
        FaultScenario(label: "writes without end", command: Examples.faulty("oversized.py", "--endless"),
                      kind: .oversizedResponse, mentions: ["longer than 1048576 bytes"]),
        FaultScenario(label: "command not found", command: "no-such-engine-command-7f3a",
                      kind: .exited, mentions: ["status 127", "not found"]),
        FaultScenario(label: "closes its output and keeps running",
                      command: "exec 1>&-; read -r request; sleep 100000",
                      kind: .exited, mentions: ["closed its standard output without exiting"]),
    ]
}

/// Generous time limits: while the rest of the test suite runs, a 2-core
/// machine may take seconds to start a Python process.
@Suite(.timeLimit(.minutes(15)))
struct FaultTests {
    @Test(.serialized, arguments: FaultScenario.all)
    func faultIsReportedNamingTheCase(_ scenario: FaultScenario) async throws {
        var configuration = ProcessEngine.Configuration(requestTimeout: .seconds(10))
        if let timeout = scenario.timeout { (configuration.requestTimeout, configuration.startupTimeout) = (timeout, timeout) }
        let engine = ProcessEngine(command: scenario.command, configuration: configuration)
        let (thrown, elapsed) = await timed { () async -> (any Error)? in
            do {
                _ = try await engine.evaluate(exampleRequest(id: 41))
                return nil
            } catch {
                return error
            }
        }
        let pid = await engine.processIdentifier
        await engine.shutdown()
        guard case EngineError.fault(let kind, let message)? = thrown as? EngineError else {
            Issue.record("expected a fault, got \(thrown.map { String(describing: $0) } ?? "an answer")")
            return
        }
        #expect(kind == scenario.kind, "\(message)")
        #expect(message.hasPrefix("case 41:"), "\(message)")
        for text in scenario.mentions {
            #expect(message.contains(text), "\(message) should mention \(text)")
        }
        if let timeout = scenario.timeout {
            #expect(elapsed >= timeout, "took \(elapsed)")
        }
        if let pid {
            #expect(processIsGone(pid), "engine process \(pid) still exists after shutdown")
            #expect(await groupHasStopped(pid), "engine process group \(pid) still runs \(runningMembers(ofGroup: pid))")
        }
    }

    @Test func engineHangingFromTheStartIsGivenUpOnAfterItsStartUpAllowance() async throws {
        let engine = ProcessEngine(command: Examples.faulty("hang.sh"), configuration: ProcessEngine.Configuration(
            requestTimeout: .milliseconds(500), startupTimeout: .seconds(1)))
        let (replies, elapsed) = await timed { await ask(engine, ids: 0..<5) }
        // The first request of a process waits for the start-up allowance, not
        // the request timeout; once the allowance is spent there is no restart.
        #expect(replies.map(\.kind) == [.timeout, .gaveUp, .gaveUp, .gaveUp, .gaveUp])
        #expect(replies[0].message.contains("no response within 1.0 seconds of starting (its start-up allowance)"),
                "\(replies[0].message)")
        #expect(replies[1].message.contains("start-up allowance is 1.0 seconds (last: timeout on case 0)"),
                "\(replies[1].message)")
        #expect(await engine.launchCount == 1)
        #expect(elapsed >= .seconds(1), "took \(elapsed)")
        let log = await engine.capturedStandardError()
        #expect(log.contains("[backprop-check] killing the engine: no response to case 0"))
        #expect(log.contains("[backprop-check] gave up: starting the engine has taken"))
        await engine.shutdown()
    }

    @Test func engineThatClosedItsOutputIsEndingNotHanging() async throws {
        // Closes standard output at once, exits 1 s later: past the 0.5 s
        // timeout, within the 3 s grace period.
        let engine = ProcessEngine(command: "exec 1>&-; read -r request; sleep 1; exit 3",
                                   configuration: ProcessEngine.Configuration(
                                       requestTimeout: .milliseconds(500), startupTimeout: .milliseconds(500),
                                       exitGracePeriod: .seconds(3)))
        let replies = await ask(engine, ids: 0..<1)
        await engine.shutdown()
        #expect(replies.map(\.kind) == [.exited], "\(replies)")
        #expect(replies[0].message.contains("exited with status 3"), "\(replies[0].message)")
        #expect(await engine.timeoutCount == 0)
    }

    @Test func engineThatExitsIsRestartedAndAnswersAgain() async throws {
        let engine = ProcessEngine(command: Examples.faulty("exits_early.py", "--after 2"),
                                   configuration: ProcessEngine.Configuration(requestTimeout: .seconds(10),
                                                                              maxConsecutiveRestarts: 1))
        // An answer in between resets the count of restarts in a row, so one
        // allowed restart in a row is enough for any number of exits (that
        // start quickly: see the start-up budget tests).
        #expect(await ask(engine, ids: 0..<6).map(\.kind)
                == [nil, nil, .exited, nil, nil, .exited])
        #expect(await engine.launchCount == 2)
        await engine.shutdown()
    }

    @Test func engineCrashingOnEveryRequestIsGivenUpOnAfterConsecutiveRestarts() async throws {
        let engine = ProcessEngine(command: Examples.faulty("crash.py"), configuration: patient)
        let replies = await ask(engine, ids: 0..<8)
        #expect(replies.map(\.kind) == [.crashed, .crashed, .crashed, .crashed, .gaveUp, .gaveUp, .gaveUp, .gaveUp])
        #expect(replies[4].message.contains("gave up after 3 restarts in a row without an answer (last: crashed on case 3)"),
                "\(replies[4].message)")
        #expect(await engine.launchCount == 4)
        await engine.shutdown()
    }

    @Test func engineThatExitsBetweenRequestsIsRestartedSilently() async throws {
        // `head` passes one request on and exits; the engine then sees end of input and exits too.
        let engine = ProcessEngine(command: "head -n 1 | " + Examples.pythonEngine, configuration: patient)
        _ = try await engine.evaluate(exampleRequest(id: 1))
        let pid = try #require(await engine.processIdentifier)
        for _ in 0..<500 where !processIsGone(pid) { try await Task.sleep(for: .milliseconds(10)) }
        try await Task.sleep(for: .milliseconds(100))
        _ = try await engine.evaluate(exampleRequest(id: 2))
        #expect(await engine.launchCount == 2)
        #expect(await engine.capturedStandardError().contains("between requests; restarting it for case 2"))
        await engine.shutdown()
    }

    @Test func consecutiveMalformedResponsesEndInGivingUp() async throws {
        let engine = ProcessEngine(command: Examples.faulty("not_json.py"), configuration: ProcessEngine.Configuration(
            requestTimeout: .seconds(10), maxConsecutiveRestarts: 2))
        #expect(await ask(engine, ids: 0..<5).map(\.kind)
                == [.malformedResponse, .malformedResponse, .malformedResponse, .gaveUp, .gaveUp])
        await engine.shutdown()
    }

    @Test func refusalsKeepTheProcess() async throws {
        let engine = ProcessEngine(command: Examples.faulty("missing_partial.py"), configuration: patient)
        for id in 0..<3 {
            await #expect(throws: EngineError.self) { try await engine.evaluate(exampleRequest(id: id)) }
        }
        #expect(await engine.launchCount == 1)
        await engine.shutdown()
    }

    @Test func requestsAfterShutdownFail() async throws {
        let engine = ProcessEngine(command: Examples.pythonEngine, configuration: patient)
        _ = try await engine.evaluate(exampleRequest(id: 1))
        let pid = try #require(await engine.processIdentifier)
        await engine.shutdown()
        #expect(processIsGone(pid))
        await #expect(throws: EngineError.fault(kind: .shutDown, message: "case 2: the engine was shut down")) {
            try await engine.evaluate(exampleRequest(id: 2))
        }
    }

    @Test func cancellingARequestKillsTheEngine() async throws {
        let engine = ProcessEngine(command: Examples.faulty("hang.sh"), configuration: ProcessEngine.Configuration(
            requestTimeout: .seconds(150), startupTimeout: .seconds(150)))
        let request = Task { try await engine.evaluate(exampleRequest(id: 7)) }
        try await Task.sleep(for: .milliseconds(300))
        request.cancel()
        let result = await request.result
        // Cancellation ended it, not the 150 s timeout (which would be a timeout fault).
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(await engine.timeoutCount == 0)
        await engine.shutdown()
    }

    @Test func concurrentRequestsAreAnsweredInTurn() async throws {
        let engine = ProcessEngine(command: Examples.pythonEngine, configuration: patient)
        let results = try await withThrowingTaskGroup(of: (Int, EngineResult).self) { group in
            for id in 0..<20 {
                group.addTask { (id, try await engine.evaluate(exampleRequest(id: id))) }
            }
            var all: [Int: EngineResult] = [:]
            for try await (id, result) in group { all[id] = result }
            return all
        }
        #expect(results.count == 20)
        #expect(Set(results.values).count == 1)
        #expect(await engine.launchCount == 1)
        await engine.shutdown()
    }

    @Test func standardErrorIsCapturedAndBounded() async throws {
        let engine = ProcessEngine(
            command: "i=0; while [ $i -lt 300 ]; do echo \"noise line $i\" >&2; i=$((i+1)); done; "
                + Examples.pythonEngine,
            configuration: ProcessEngine.Configuration(requestTimeout: .seconds(10), standardErrorLimit: 1000))
        _ = try await engine.evaluate(exampleRequest(id: 1))
        await engine.shutdown()
        let log = await engine.capturedStandardError()
        #expect(log.contains("noise line 299"))
        #expect(!log.contains("noise line 1\n"))
        #expect(log.hasPrefix("[backprop-check] "), "\(log.prefix(80))")
        #expect(log.utf8.count < 1100)
    }
}
