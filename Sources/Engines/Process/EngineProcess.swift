import Subprocess
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What one running engine process reports to its ``ProcessEngine``, in order.
enum EngineProcessEvent: Sendable {
    /// A complete line of standard output (without its newline).
    case line(String)
    /// A line of standard output grew beyond the limit; the rest of the
    /// output is discarded.
    case oversized
    /// Standard output reached end of file (or could no longer be read).
    case outputClosed
    /// The process is gone and reaped. Always the last event.
    case terminated(EngineTermination)
}

/// How an engine process ended.
struct EngineTermination: Sendable, Hashable {
    enum Cause: Sendable, Hashable {
        case exited(Int32)
        case signaled(Int32)
        case launchFailed(String)
    }

    var cause: Cause
    /// The kit sent SIGKILL to the process group before it ended.
    var killedByKit: Bool
}

/// The kit's handle on one engine process: a queue of request lines for its
/// standard input and a kill switch. Both work from any task.
final class EngineProcessHandle: Sendable {
    let generation: Int
    private let requests: AsyncStream<[UInt8]>.Continuation
    private let kills: AsyncStream<Void>.Continuation
    private let killed = Mutex(false)
    private let ended = Mutex(false)
    private let processID = Mutex<pid_t?>(nil)

    fileprivate let requestStream: AsyncStream<[UInt8]>
    fileprivate let killStream: AsyncStream<Void>

    init(generation: Int) {
        self.generation = generation
        (requestStream, requests) = AsyncStream.makeStream(of: [UInt8].self)
        (killStream, kills) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues bytes for the process's standard input.
    func write(_ line: String) { requests.yield(Array(line.utf8)) }

    /// Closes the process's standard input once queued requests are written:
    /// a well-behaved engine then exits.
    func closeInput() { requests.finish() }

    /// Sends SIGKILL to the engine's process group (the shell and everything
    /// it started), now or as soon as the process exists.
    func kill() { kills.yield() }

    var wasKilled: Bool { killed.withLock { $0 } }
    /// The process has been reaped (or never started).
    var hasEnded: Bool { ended.withLock { $0 } }
    var pid: pid_t? { processID.withLock { $0 } }

    fileprivate func markKilled() { killed.withLock { $0 = true } }
    fileprivate func started(_ pid: pid_t) { processID.withLock { $0 = pid } }

    fileprivate func markEnded() { ended.withLock { $0 = true } }

    fileprivate func finishStreams() {
        requests.finish()
        kills.finish()
    }
}

/// Runs one engine process with swift-subprocess and relays what it does.
enum EngineProcess {
    /// Runs `/bin/sh -c command` until it ends, feeding it the handle's
    /// requests and reporting every output line, then its termination,
    /// through `deliver`. Returns once the process is reaped.
    static func serve(command: String, configuration: ProcessEngine.Configuration, handle: EngineProcessHandle,
                      log: StandardErrorLog,
                      deliver: @escaping @Sendable (EngineProcessEvent) async -> Void) async {
        var platformOptions = PlatformOptions()
        // A process group of its own, so that a kill reaches whatever the
        // shell started, not just the shell.
        platformOptions.processGroupID = 0
        // If this task is ever cancelled: SIGKILL to the whole group.
        platformOptions.teardownSequence = [.send(signal: .kill, toProcessGroup: true,
                                                  allowedDurationToNextStep: .milliseconds(100))]
        var environment = Environment.inherit
        if !configuration.environment.isEmpty {
            var updates: [Environment.Key: String?] = [:]
            for (key, value) in configuration.environment {
                if let key = Environment.Key(rawValue: key) { updates[key] = value }
            }
            environment = environment.updating(updates)
        }
        let termination: EngineTermination
        do {
            let result = try await run(
                .path("/bin/sh"), arguments: ["-c", command], environment: environment,
                workingDirectory: configuration.workingDirectory.map { .init($0) },
                platformOptions: platformOptions,
                input: .inputWriter, output: .sequence, error: .sequence
            ) { execution in
                await session(execution, configuration: configuration, handle: handle, log: log, deliver: deliver)
            }
            switch result.terminationStatus {
            case .exited(let code): termination = EngineTermination(cause: .exited(code), killedByKit: handle.wasKilled)
            case .signaled(let signal):
                termination = EngineTermination(cause: .signaled(signal), killedByKit: handle.wasKilled)
            }
        } catch {
            termination = EngineTermination(cause: .launchFailed(String(describing: error)), killedByKit: false)
        }
        handle.finishStreams()
        handle.markEnded()
        await deliver(.terminated(termination))
    }

    /// The life of one process: standard error into the log, requests into
    /// standard input, kills on demand, standard output split into lines.
    /// Returns when standard output has ended and the process has exited
    /// (or been killed after the grace period).
    private static func session(_ execution: Execution<CustomWriteInput, SequenceOutput, SequenceOutput>,
                                configuration: ProcessEngine.Configuration, handle: EngineProcessHandle,
                                log: StandardErrorLog,
                                deliver: @escaping @Sendable (EngineProcessEvent) async -> Void) async {
        let pid = execution.processIdentifier.value
        handle.started(pid)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    for try await buffer in execution.standardError {
                        buffer.withUnsafeBytes { log.append($0) }
                        // A read that finds data does not suspend: let others
                        // run while an engine floods standard error.
                        await Task.yield()
                    }
                } catch {
                    // Unreadable: nothing more to capture.
                }
            }
            group.addTask {
                for await bytes in handle.requestStream {
                    do {
                        _ = try await execution.standardInputWriter.write(bytes)
                    } catch {
                        // EPIPE and friends: the engine closed its input or
                        // exited. Its output side tells what happened.
                        break
                    }
                }
                try? await execution.standardInputWriter.finish()
            }
            group.addTask {
                for await _ in handle.killStream {
                    handle.markKilled()
                    try? execution.send(signal: .kill, toProcessGroup: true)
                }
            }
            await readLines(execution.standardOutput, limit: configuration.maxLineLength, deliver: deliver)
            await deliver(.outputClosed)
            if await !exits(pid, within: configuration.exitGracePeriod) {
                handle.markKilled()
            }
            // Also reaches anything the engine left running in its group; the
            // leader, even if it has exited, stays a zombie until run() reaps
            // it, so the group id cannot have been reused.
            try? execution.send(signal: .kill, toProcessGroup: true)
            handle.finishStreams()
        }
    }

    /// Splits standard output into lines of at most `limit` bytes, never
    /// holding more than that. A longer line is reported once as oversized
    /// and ends the reading: the engine is killed, and until then it blocks
    /// on a full pipe instead of making the kit read megabytes it will drop.
    private static func readLines(_ output: SubprocessOutputSequence, limit: Int,
                                  deliver: @Sendable (EngineProcessEvent) async -> Void) async {
        var line: [UInt8] = []
        var oversized = false
        do {
            for try await buffer in output {
                var events: [EngineProcessEvent] = []
                buffer.withUnsafeBytes { raw in
                    guard let base = raw.baseAddress else { return }
                    var start = 0
                    while start < raw.count {
                        let newline = memchr(base + start, Int32(UInt8(ascii: "\n")), raw.count - start)
                        let end = newline.map { base.distance(to: UnsafeRawPointer($0)) } ?? raw.count
                        if line.count + (end - start) > limit {
                            oversized = true
                            line = []
                            events.append(.oversized)
                            return
                        }
                        line.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: end - start))
                        guard newline != nil else { return }
                        events.append(.line(String(decoding: line, as: UTF8.self)))
                        line.removeAll(keepingCapacity: true)
                        start = end + 1
                    }
                }
                for event in events { await deliver(event) }
                if oversized { break }
                // A read that finds data does not suspend: let others run
                // while an engine floods standard output.
                await Task.yield()
            }
        } catch {
            // A read error ends the output like end of file does.
        }
        if !line.isEmpty && !oversized {
            // A last line without its newline still counts.
            await deliver(.line(String(decoding: line, as: UTF8.self)))
        }
    }

    /// Whether the process exits (without being reaped: run() does that)
    /// within `grace`.
    private static func exits(_ pid: pid_t, within grace: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: grace)
        while true {
            if hasExited(pid) { return true }
            if clock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    private static func hasExited(_ pid: pid_t) -> Bool {
        #if canImport(Glibc)
        while true {
            var info = siginfo_t()
            if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 {
                return !(info._sifields._sigchld.si_pid == 0 && info.si_signo == 0)
            }
            if errno != EINTR { return true }
        }
        #else
        return true
        #endif
    }
}
