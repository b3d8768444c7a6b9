import Testing
import Engines

/// The start-up allowance and the fault budget: slow starts are not
/// timeouts, and no misbehaviour makes a run cost more than the budget.
///
/// Timing: lower bounds come from the engines' sleeps. There are no upper
/// bounds: on a loaded machine the detection of a hang may come late (never
/// an answer called late), and the suite's time limit catches waiting without
/// end. What would change without the budget is checked exactly: the
/// sequence of answers and faults, the starts, the lines written.
@Suite(.timeLimit(.minutes(15)))
struct BudgetTests {
    @Test func slowStartIsNotATimeoutWithDefaults() async throws {
        // Like `import torch`: longer than the default 5 s request timeout.
        let engine = ProcessEngine(command: Examples.faulty("slow.py", "--startup 6"))
        let (replies, elapsed) = await timed { await ask(engine, ids: 0..<3) }
        await engine.shutdown()
        #expect(replies.map(\.kind) == [nil, nil, nil], "\(replies)")
        #expect(await engine.timeoutCount == 0)
        #expect(await engine.launchCount == 1)
        #expect(elapsed >= .seconds(6), "took \(elapsed)")
    }

    @Test func startUpAllowanceIsSeparateFromTheRequestTimeout() async throws {
        // 3 s before the first answer of every process, 10 s before the third
        // (well beyond the timeout: it stays a timeout whatever the load).
        let engine = ProcessEngine(command: Examples.faulty("slow.py", "--startup 3 --sleep 10 --on 2"),
                                   configuration: ProcessEngine.Configuration(requestTimeout: .seconds(1)))
        let replies = await ask(engine, ids: 0..<5)
        await engine.shutdown()
        // The restarted process gets the rest of the allowance for its first answer.
        #expect(replies.map(\.kind) == [nil, nil, .timeout, nil, nil], "\(replies)")
        #expect(replies[2].message == "case 2: no response within 1.0 seconds; engine killed")
        #expect(await engine.launchCount == 2)
        #expect(await engine.timeoutCount == 1)
    }

    @Test func recurrentHangIsCutOffByTheTimeoutBudget() async throws {
        // Answers two requests per process, then hangs; restarted, it does it again.
        let engine = ProcessEngine(command: Examples.faulty("hangs_after.py", "--after 2"),
                                   configuration: ProcessEngine.Configuration(requestTimeout: .seconds(1)))
        let (replies, elapsed) = await timed { await ask(engine, ids: 0..<9) }
        let linesBefore = await engine.requestLineCount
        let rest = await ask(engine, ids: 9..<20)
        let linesAfter = await engine.requestLineCount
        await engine.shutdown()
        // Without the budget: a timeout every third request, for ever.
        #expect(replies.map(\.kind) == [nil, nil, .timeout, nil, nil, .timeout, nil, nil, .timeout], "\(replies)")
        #expect(rest.map(\.kind) == Array(repeating: .gaveUp, count: 11), "\(rest)")
        #expect(rest[0].message == "case 9: not sent, gave up after 3 timeouts (last: timeout on case 8)")
        #expect(await engine.timeoutCount == 3)
        #expect(await engine.launchCount == 3)
        #expect(elapsed >= .seconds(3), "took \(elapsed)")
        // Once given up, nothing is sent: no start, no line.
        #expect(linesAfter == linesBefore)
    }

    @Test func oneTimeoutCanBeTheWholeBudget() async throws {
        let engine = ProcessEngine(command: Examples.faulty("hangs_after.py", "--after 2"),
                                   configuration: ProcessEngine.Configuration(requestTimeout: .seconds(1),
                                                                              maxTimeouts: 1))
        let replies = await ask(engine, ids: 0..<5)
        await engine.shutdown()
        #expect(replies.map(\.kind) == [nil, nil, .timeout, .gaveUp, .gaveUp], "\(replies)")
        #expect(await engine.launchCount == 1)
    }

    @Test func crashLoopIsBoundedByTheStartUpAllowance() async throws {
        // Every start takes at least 0.5 s; each process answers once, then
        // exits on the next request. An answer in between resets the count
        // of restarts in a row, so only the shared start-up allowance (2 s,
        // at least 0.5 s per start) stops the restarts: after 4 starts at most.
        let engine = ProcessEngine(command: "sleep 0.5; exec " + Examples.faulty("exits_early.py", "--after 1"),
                                   configuration: ProcessEngine.Configuration(requestTimeout: .seconds(30),
                                                                              startupTimeout: .seconds(2)))
        let replies = await ask(engine, ids: 0..<20)
        await engine.shutdown()
        let launches = await engine.launchCount
        #expect((1...4).contains(launches), "\(launches) starts")  // 10 without the budget
        let expected: [EngineError.FaultKind?] = (0..<launches).flatMap { _ in [nil, .exited] }
            + Array(repeating: .gaveUp, count: 20 - 2 * launches)
        #expect(replies.map(\.kind) == expected, "\(replies)")
        #expect(replies.last?.message.contains("start-up allowance is 2.0 seconds (last: exited on case") == true,
                "\(replies.last?.message ?? "")")
        #expect(await engine.timeoutCount == 0)
    }
}
