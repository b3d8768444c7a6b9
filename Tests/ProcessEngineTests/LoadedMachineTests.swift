import Testing
import Foundation
import Engines

/// The kit's timing while CPU-bound work holds every thread of Swift's
/// cooperative pool, as MPFR references over thousands of cases do beside
/// these tests in a plain `swift test`: an engine that answers within its
/// allowance is never called timed out, and never charged for the kit's own
/// wait; a hang is still found (later).
@Suite(.timeLimit(.minutes(15)))
struct LoadedMachineTests {
    /// Keeps every thread of the cooperative pool busy for `duration` (twice
    /// as many spinning tasks as cores, none with a suspension point).
    static func holdCooperativePool(for duration: Duration) async {
        let spinners = 2 * ProcessInfo.processInfo.activeProcessorCount
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<spinners {
                group.addTask {
                    let end = ContinuousClock.now.advanced(by: duration)
                    while ContinuousClock.now < end {}
                }
            }
        }
    }

    /// Returns once `lines` request lines have been handed to the engine.
    static func waitForLines(_ engine: ProcessEngine, _ lines: Int) async {
        while await engine.requestLineCount < lines { try? await Task.sleep(for: .milliseconds(1)) }
    }

    @Test func anAnswerInTimeIsNotATimeoutWhileThePoolIsHeld() async throws {
        let engine = ProcessEngine(command: Examples.faulty("quick.sh"),
                                   configuration: ProcessEngine.Configuration(requestTimeout: .seconds(1)))
        let warm = await ask(engine, ids: 0..<1)
        // The answer arrives within milliseconds; the kit's tasks (its timer
        // among them) get no thread for 4 s.
        async let second = ask(engine, ids: 1..<2)
        await Self.waitForLines(engine, 2)
        await Self.holdCooperativePool(for: .seconds(4))
        let replies = await warm + second
        await engine.shutdown()
        #expect(replies.map(\.kind) == [nil, nil], "\(replies)")
        #expect(await engine.timeoutCount == 0)
        #expect(await engine.launchCount == 1)
    }

    @Test func startingIsChargedWithTheEnginesTimeNotTheKits() async throws {
        // Answers one request per process, then exits. Before the kit read
        // the arrival time of the answer, the 5 s the pool was held counted
        // against the 3 s start-up allowance, and the restart was refused.
        let engine = ProcessEngine(command: Examples.faulty("quick.sh", "1"),
                                   configuration: ProcessEngine.Configuration(requestTimeout: .seconds(3),
                                                                              startupTimeout: .seconds(3)))
        async let first = ask(engine, ids: 0..<1)
        await Self.waitForLines(engine, 1)
        await Self.holdCooperativePool(for: .seconds(5))
        let replies = await first + ask(engine, ids: 1..<3)
        await engine.shutdown()
        #expect(replies.map(\.kind) == [nil, .exited, nil], "\(replies)")
        #expect(await engine.launchCount == 2)
        #expect(await engine.timeoutCount == 0)
    }

    @Test func aHangIsFoundAfterThePoolIsReleased() async throws {
        let engine = ProcessEngine(command: Examples.faulty("hang.sh"),
                                   configuration: ProcessEngine.Configuration(requestTimeout: .seconds(1),
                                                                              startupTimeout: .seconds(1)))
        async let first = ask(engine, ids: 0..<1)
        await Self.waitForLines(engine, 1)
        await Self.holdCooperativePool(for: .seconds(2))
        let replies = await first
        await engine.shutdown()
        #expect(replies.map(\.kind) == [.timeout], "\(replies)")
        #expect(await engine.timeoutCount == 1)
    }
}
