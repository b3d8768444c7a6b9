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


/// An event and the instant the kit's I/O thread posted it. That clock is
/// read on a thread of its own, never held up by Swift's cooperative pool:
/// it says when the engine answered, however late the kit looks.
struct StampedEvent: Sendable {
    var event: EngineProcessEvent
    var at: ContinuousClock.Instant
}

/// The kit's handle on one engine process: a queue of request lines for its
/// standard input, a kill switch, and the mailbox its I/O threads post
/// events to. All of it works from any thread or task, without waiting.
final class EngineProcessHandle: Sendable {
    private struct State {
        /// Events not yet taken, oldest first.
        var events: [StampedEvent] = []
        /// How many of `events` are lines.
        var lines = 0
        /// A wake-up is on its way to the engine (reset when the mailbox is found empty).
        var wakePending = false
        var pid: pid_t?
        /// When the process started, by the kernel's account where it can tell.
        var startedAt: ContinuousClock.Instant?
        /// When the kit's task saw it running: by then the kit has closed its
        /// copies of the child's ends of the pipes.
        var seenAt: ContinuousClock.Instant?
        var killWanted = false
        var killed = false
        /// The session is over: its group may no longer be signalled.
        var signalsClosed = false
        var ended = false
    }

    let generation: Int
    private let state = Mutex(State())
    fileprivate let writer = RequestWriter()
    /// Tells the engine that events are waiting.
    private let wake: @Sendable () -> Void

    /// Unsolicited lines kept in the mailbox; later ones are dropped, so
    /// that memory stays bounded whatever the engine writes.
    static let lineLimit = 8

    init(generation: Int, wake: @escaping @Sendable () -> Void) {
        self.generation = generation
        self.wake = wake
    }

    /// Queues bytes for the process's standard input.
    func write(_ line: String) { writer.enqueue(Array(line.utf8)) }

    /// Closes the process's standard input once queued requests are written:
    /// a well-behaved engine then exits.
    func closeInput() { writer.finish() }

    /// Sends SIGKILL to the engine's process group (the shell and everything
    /// it started), now or as soon as the process exists.
    func kill() {
        state.withLock { state in
            guard !state.signalsClosed else { return }
            state.killWanted = true
            if let pid = state.pid { Self.killGroup(pid, &state) }
        }
    }

    var wasKilled: Bool { state.withLock { $0.killed } }
    /// The process has been reaped (or never started).
    var hasEnded: Bool { state.withLock { $0.ended } }
    var pid: pid_t? { state.withLock { $0.pid } }
    /// When the process started (by the kernel's account); nil before the
    /// kit's task has seen it running.
    var startedAt: ContinuousClock.Instant? { state.withLock { $0.startedAt } }
    /// When the kit's task saw the process running, having closed the kit's
    /// copies of the child's ends of the pipes: end of file on standard
    /// output cannot arrive earlier than that, whatever the engine did.
    var seenAt: ContinuousClock.Instant? { state.withLock { $0.seenAt } }

    // MARK: The mailbox

    /// Posts an event, stamped with the time now (read under the lock, so
    /// that whatever is not in the mailbox when the engine looks is stamped
    /// later than that look), and wakes the engine if it is not already woken.
    func post(_ event: EngineProcessEvent) {
        let needsWake = state.withLock { state -> Bool in
            if case .line = event {
                guard state.lines < Self.lineLimit else { return false }
                state.lines += 1
            }
            state.events.append(StampedEvent(event: event, at: .now))
            defer { state.wakePending = true }
            return !state.wakePending
        }
        if needsWake { wake() }
    }

    /// Takes the oldest event; nil (and the next post wakes the engine) when there is none.
    func next() -> StampedEvent? {
        state.withLock { state in
            guard !state.events.isEmpty else {
                state.wakePending = false
                return nil
            }
            let first = state.events.removeFirst()
            if case .line = first.event { state.lines -= 1 }
            return first
        }
    }

    /// Whether the mailbox holds the end of the output or of the process,
    /// and the termination if it holds that.
    func pendingEnd() -> (isEnding: Bool, termination: EngineTermination?) {
        state.withLock { state in
            var isEnding = false
            for stamped in state.events {
                switch stamped.event {
                case .terminated(let termination): return (true, termination)
                case .outputClosed: isEnding = true
                case .line, .oversized: break
                }
            }
            return (isEnding, nil)
        }
    }

    // MARK: For the process's own task

    /// Records the running process. Its start time comes from the kernel
    /// where it can: this task may run long after the spawn on a loaded
    /// machine, and the engine's start-up is charged from its real start.
    fileprivate func started(_ pid: pid_t) {
        let seenAt = ContinuousClock.now
        let startedAt = ProcessStart.instant(of: pid) ?? seenAt
        state.withLock { state in
            state.pid = pid
            state.startedAt = min(startedAt, seenAt)
            state.seenAt = seenAt
            if state.killWanted { Self.killGroup(pid, &state) }
        }
    }

    /// SIGKILL to the group, while the session lasts; `marking` records it
    /// as the kit's kill.
    fileprivate func killGroup(marking: Bool) {
        state.withLock { state in
            guard !state.signalsClosed, let pid = state.pid else { return }
            if marking { state.killed = true }
            #if canImport(Glibc)
            _ = Glibc.kill(-pid, SIGKILL)
            #endif
        }
    }

    /// No more signals: the process is about to be reaped, after which its
    /// group id may be reused.
    fileprivate func closeSignals() { state.withLock { $0.signalsClosed = true } }

    fileprivate func markEnded() { state.withLock { $0.ended = true } }

    private static func killGroup(_ pid: pid_t, _ state: inout State) {
        state.killed = true
        #if canImport(Glibc)
        _ = Glibc.kill(-pid, SIGKILL)
        #endif
    }
}

/// When a process started, by the kernel's account.
enum ProcessStart {
    /// The start of process `pid` on the continuous clock, from its start
    /// time in `/proc/PID/stat` (clock ticks since boot, the clock of
    /// `CLOCK_BOOTTIME`), rounded up to the next tick so that it is never
    /// earlier than the real start; nil where `/proc` cannot tell.
    static func instant(of pid: pid_t) -> ContinuousClock.Instant? {
        #if canImport(Glibc)
        guard let ticks = startTicks(of: pid) else { return nil }
        let hertz = Int64(sysconf(Int32(_SC_CLK_TCK)))
        guard hertz > 0 else { return nil }
        var boot = timespec()
        let now = ContinuousClock.now
        guard clock_gettime(CLOCK_BOOTTIME, &boot) == 0 else { return nil }
        let sinceBoot = Duration.seconds(Int64(boot.tv_sec)) + .nanoseconds(Int64(boot.tv_nsec))
        let start = Duration.nanoseconds(Int64(ticks + 1) * (1_000_000_000 / hertz))
        return min(now, now - (sinceBoot - start))
        #else
        return nil
        #endif
    }

    /// Field 22 of `/proc/PID/stat`.
    private static func startTicks(of pid: pid_t) -> Int64? {
        #if canImport(Glibc)
        let fd = open("/proc/\(pid)/stat", O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self)
        // pid (comm) state …: comm may hold spaces and parentheses.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // Fields from 3 (state) on: the start time, field 22, is the 20th.
        return fields.count > 19 ? Int64(fields[19]) : nil
        #else
        return nil
        #endif
    }
}

/// The three pipes of an engine process; the parent's ends are read and
/// written by the kit's I/O threads.
private struct EnginePipes {
    var inputRead: Int32, inputWrite: Int32
    var outputRead: Int32, outputWrite: Int32
    var errorRead: Int32, errorWrite: Int32

    /// Three pipes, close-on-exec (the child gets its ends as 0, 1 and 2
    /// only: swift-subprocess also closes every other descriptor in the
    /// child, which covers the instant before the flag is set); nil if they
    /// could not be made.
    static func make() -> EnginePipes? {
        var fds: [Int32] = []
        for _ in 0..<3 {
            var pair: [Int32] = [-1, -1]
            guard pipe(&pair) == 0 else {
                for fd in fds { close(fd) }
                return nil
            }
            for fd in pair { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            fds += pair
        }
        return EnginePipes(inputRead: fds[0], inputWrite: fds[1], outputRead: fds[2], outputWrite: fds[3],
                           errorRead: fds[4], errorWrite: fds[5])
    }
}

/// Runs one engine process with swift-subprocess (which spawns and reaps
/// it); its pipes are read and written by threads of the kit's own.
enum EngineProcess {
    /// Runs `/bin/sh -c command` until it ends, feeding it the handle's
    /// requests and posting every output line, then `.terminated`, to the
    /// handle. Returns once the process is reaped.
    static func serve(command: String, configuration: ProcessEngine.Configuration, handle: EngineProcessHandle,
                      log: StandardErrorLog) async {
        let termination = await run(command: command, configuration: configuration, handle: handle, log: log)
        handle.markEnded()
        handle.post(.terminated(termination))
    }

    /// The process's life, from its pipes and I/O threads to its termination.
    private static func run(command: String, configuration: ProcessEngine.Configuration,
                            handle: EngineProcessHandle, log: StandardErrorLog) async -> EngineTermination {
        guard let pipes = EnginePipes.make() else {
            handle.writer.finish()
            return EngineTermination(cause: .launchFailed("no pipes for the engine (errno \(errno))"),
                                     killedByKit: false)
        }
        let outputDone = Latch(), errorDone = Latch()
        let limit = configuration.maxLineLength
        let writer = handle.writer
        let threads = [
            IOThread.start { writer.serve(pipes.inputWrite) },
            IOThread.start {
                EngineOutputReader.readLines(pipes.outputRead, limit: limit, into: handle)
                outputDone.open()
            },
            IOThread.start {
                EngineOutputReader.readStandardError(pipes.errorRead, into: log)
                errorDone.open()
            },
        ]
        guard threads.allSatisfy({ $0 }) else {
            // Whatever thread started ends at end of file or on the finish.
            for fd in [pipes.inputRead, pipes.outputWrite, pipes.errorWrite] { close(fd) }
            if !threads[0] { close(pipes.inputWrite) }
            handle.writer.finish()
            if threads[1] { await outputDone.wait() }
            if threads[2] { await errorDone.wait() }
            for fd in [pipes.outputRead, pipes.errorRead] { close(fd) }
            return EngineTermination(cause: .launchFailed("no threads for the engine's pipes"), killedByKit: false)
        }
        let termination = await spawn(command: command, configuration: configuration, pipes: pipes,
                                      handle: handle, outputDone: outputDone)
        handle.writer.finish()
        // Standard error is read to its end, so that fault messages can quote it.
        await outputDone.wait()
        await errorDone.wait()
        close(pipes.outputRead)
        close(pipes.errorRead)
        return termination
    }

    /// Spawns the process on the child ends of `pipes` (swift-subprocess
    /// closes them in the kit, whether or not the spawn works) and waits
    /// for it: standard output closed, then exited or killed, then reaped.
    private static func spawn(command: String, configuration: ProcessEngine.Configuration, pipes: EnginePipes,
                              handle: EngineProcessHandle, outputDone: Latch) async -> EngineTermination {
        var platformOptions = PlatformOptions()
        // A process group of its own, so that a kill reaches whatever the
        // shell started, not just the shell.
        platformOptions.processGroupID = 0
        // If this task is ever cancelled: SIGKILL to the whole group.
        platformOptions.teardownSequence = [.send(signal: .kill, toProcessGroup: true,
                                                  allowedDurationToNextStep: .milliseconds(100))]
        do {
            let result = try await Subprocess.run(
                .path("/bin/sh"), arguments: ["-c", command], environment: environment(configuration),
                workingDirectory: configuration.workingDirectory.map { .init($0) },
                platformOptions: platformOptions,
                input: .fileDescriptor(.init(rawValue: pipes.inputRead), closeAfterSpawningProcess: true),
                output: .fileDescriptor(.init(rawValue: pipes.outputWrite), closeAfterSpawningProcess: true),
                error: .fileDescriptor(.init(rawValue: pipes.errorWrite), closeAfterSpawningProcess: true)
            ) { execution in
                await session(execution.processIdentifier.value, configuration: configuration, handle: handle,
                              outputDone: outputDone)
            }
            switch result.terminationStatus {
            case .exited(let code): return EngineTermination(cause: .exited(code), killedByKit: handle.wasKilled)
            case .signaled(let signal):
                return EngineTermination(cause: .signaled(signal), killedByKit: handle.wasKilled)
            }
        } catch {
            handle.closeSignals()
            return EngineTermination(cause: .launchFailed(String(describing: error)), killedByKit: false)
        }
    }

    /// The inherited environment with the configuration's variables.
    private static func environment(_ configuration: ProcessEngine.Configuration) -> Environment {
        guard !configuration.environment.isEmpty else { return .inherit }
        var updates: [Environment.Key: String?] = [:]
        for (key, value) in configuration.environment {
            if let key = Environment.Key(rawValue: key) { updates[key] = value }
        }
        return Environment.inherit.updating(updates)
    }

    /// The life of a spawned process: it runs until its standard output has
    /// ended, then has ``ProcessEngine/Configuration/exitGracePeriod`` to
    /// exit before its group is killed. Returns with the process exited
    /// (not yet reaped) or killed.
    private static func session(_ pid: pid_t, configuration: ProcessEngine.Configuration,
                                handle: EngineProcessHandle, outputDone: Latch) async {
        handle.started(pid)
        await outputDone.wait()
        if await !exits(pid, within: configuration.exitGracePeriod) {
            handle.killGroup(marking: true)
        }
        // Also reaches anything the engine left running in its group; the
        // leader, even if it has exited, stays a zombie until run() reaps
        // it, so the group id cannot have been reused.
        handle.killGroup(marking: false)
        handle.closeSignals()
    }

    /// Whether the process exits (without being reaped: run() does that)
    /// within `grace`. The exit is looked for before the clock, so a late
    /// wake-up on a loaded machine never kills a process that has exited.
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
