import NetworkModel
#if canImport(Glibc)
import Glibc
#endif

/// An engine in another process, speaking `backprop-engine/1` (see
/// `docs/engines.md`): the kit starts `/bin/sh -c command` once, writes one
/// JSON request per line to its standard input and reads one JSON response
/// per line from its standard output.
///
///     let engine = ProcessEngine(command: "python3 Examples/python-engine/engine.py")
///     let report = await suite.run(engine)
///     await engine.shutdown()
///
/// Whatever the process does, the kit does not crash or hang: every failure
/// becomes ``EngineError/fault(kind:message:)`` naming the case (`case 17: …`)
/// within ``Options/timeout``. The kinds:
///
/// | kind | when | afterwards |
/// | --- | --- | --- |
/// | `exited` | the process exited before answering | restarted for the next request |
/// | `crashed` | killed by a signal (or the shell's 128+N report of one) | restarted |
/// | `timeout` | no response line within the timeout | process group killed; restarted |
/// | `malformed-response` | a line that is not a JSON object | killed; restarted |
/// | `wrong-id` | a response for another request | killed; restarted |
/// | `oversized-response` | a line longer than ``Options/maximumLineLength`` | killed; restarted |
/// | `missing-partial`, `missing-value` | the gradient lacks a parameter, or y is missing | kept |
/// | `not-a-number` | y or a partial is neither a number nor `"nan"`/`"inf"`/`"-inf"` | kept |
/// | `engine-error` | `{"id":…,"error":"…"}` not starting with `unsupported` | kept |
/// | `gave-up` | ``Options/maximumRestarts`` restarts in a row without an answer | every later request fails at once |
/// | `shut-down` | a request after ``shutdown()`` | — |
///
/// An `error` reply starting with `unsupported` is thrown as
/// ``EngineError/unsupported(_:)`` with the engine's text: a capability the
/// engine lacks, not a failure.
///
/// Requests are answered one at a time, in call order.
public actor ProcessEngine: GradientEngine {
    /// Limits and launch settings.
    public struct Options: Sendable, Hashable {
        /// How long to wait for each response line, from writing the request.
        public var timeout: Duration
        /// How many times in a row the process may be restarted without
        /// producing an answer in between before the engine gives up.
        public var maximumRestarts: Int
        /// The longest response line read, in bytes (without the newline).
        public var maximumLineLength: Int
        /// How much of standard error to keep, in bytes (the most recent).
        public var standardErrorLimit: Int
        /// After standard output closes, how long the process has to exit by
        /// itself before it is killed.
        public var exitGracePeriod: Duration
        /// Variables added to (or replacing ones in) the inherited environment.
        public var environment: [String: String]
        /// Where to start the command; the current directory if nil.
        public var workingDirectory: String?
        /// Activations to ask for; the suite reports the others as lacking
        /// without sending them. Default: all (the engine declines the ones
        /// it lacks with an `unsupported …` error reply).
        public var supportedActivations: Set<Activation>

        public init(timeout: Duration = .seconds(5), maximumRestarts: Int = 3,
                    maximumLineLength: Int = 1 << 20, standardErrorLimit: Int = 64 << 10,
                    exitGracePeriod: Duration = .milliseconds(500), environment: [String: String] = [:],
                    workingDirectory: String? = nil,
                    supportedActivations: Set<Activation> = Set(Activation.allCases)) {
            self.timeout = timeout
            self.maximumRestarts = maximumRestarts
            self.maximumLineLength = maximumLineLength
            self.standardErrorLimit = standardErrorLimit
            self.exitGracePeriod = exitGracePeriod
            self.environment = environment
            self.workingDirectory = workingDirectory
            self.supportedActivations = supportedActivations
        }
    }

    /// The shell command that starts the engine.
    public nonisolated let command: String
    public nonisolated let name: String
    public nonisolated let options: Options
    public nonisolated var supportedActivations: Set<Activation> { options.supportedActivations }

    /// - Parameters:
    ///   - command: run as `/bin/sh -c command`, e.g. `python3 engine.py`.
    ///   - name: the name in reports; the command if nil.
    public init(command: String, name: String? = nil, options: Options = Options()) {
        self.command = command
        self.name = name ?? command
        self.options = options
        self.log = StandardErrorLog(limit: options.standardErrorLimit)
        Self.ignoreBrokenPipes()
    }

    // MARK: State

    private struct Session {
        let handle: EngineProcessHandle
    }

    /// What waiting for a response came to.
    private enum Outcome {
        case line(String)
        case oversized
        case ended(EngineTermination)
        case timedOut
        case cancelled
        case shutDown
    }

    private struct Waiter {
        let token: Int
        let continuation: CheckedContinuation<Outcome, Never>
        let timer: Task<Void, Never>?
    }

    private let log: StandardErrorLog
    private var session: Session?
    private var latest: EngineProcessHandle?
    /// Events from the current session not yet consumed.
    private var inbox: [EngineProcessEvent] = []
    private var waiter: Waiter?
    private var nextToken = 0
    /// Every process task not yet known to have ended, by generation.
    private var running: [Int: Task<Void, Never>] = [:]
    private var generation = 0
    private var launches = 0
    private var restartsWithoutAnswer = 0
    private var lastFailure: String?
    private var gaveUp: String?
    private var isShutDown = false
    /// Serialises requests: one on the wire at a time.
    private var busy = false
    private var queue: [CheckedContinuation<Void, Never>] = []

    deinit {
        session?.handle.kill()
    }

    // MARK: Public API

    /// What the engine wrote to standard error (the last
    /// ``Options/standardErrorLimit`` bytes, across restarts), with the kit's
    /// notes on kills and restarts marked `[backprop-check]`.
    public func capturedStandardError() -> String { log.text }

    /// The process id of the most recently started engine process (the
    /// shell, which leads the engine's process group), whether or not it is
    /// still running; nil before the first request.
    public var processIdentifier: Int32? { latest?.pid }

    /// How many times the process has been started.
    public var launchCount: Int { launches }

    /// Closes the engine's standard input, gives it
    /// ``Options/exitGracePeriod`` to exit, then kills its process group, and
    /// returns once every process this engine started is reaped. Later
    /// requests fail with `shut-down`.
    public func shutdown() async {
        isShutDown = true
        if let waiter {
            self.waiter = nil
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: .shutDown)
        }
        if let session {
            self.session = nil
            inbox.removeAll()
            session.handle.closeInput()
            if await !Self.ends(session.handle, within: options.exitGracePeriod) {
                log.note("killing the engine at shutdown")
                session.handle.kill()
            }
        }
        // Killed processes die promptly; every task ends once its process is reaped.
        while let (generation, task) = running.first {
            running[generation] = nil
            await task.value
        }
    }

    public func evaluate(_ request: EngineRequest) async throws -> EngineResult {
        await acquire()
        defer { release() }
        try Task.checkCancellation()
        let id = request.id
        if isShutDown { throw EngineError.fault(kind: .shutDown, message: "case \(id): the engine was shut down") }
        if let gaveUp { throw EngineError.fault(kind: .gaveUp, message: "case \(id): not sent, \(gaveUp)") }
        let handle = try ensureProcess(for: id)
        handle.write(EngineWireFormat.requestLine(request))
        switch await nextOutcome() {
        case .line(let text):
            switch EngineWireFormat.decode(text, for: request) {
            case .answer(let result):
                restartsWithoutAnswer = 0
                return result
            case .refusal(let error):
                restartsWithoutAnswer = 0
                throw error
            case .desynchronized(let error):
                retire(killing: "\(Self.kind(error)) on case \(id)")
                lastFailure = "\(Self.kind(error)) on case \(id)"
                throw error
            }
        case .oversized:
            retire(killing: "oversized response on case \(id)")
            lastFailure = "oversized-response on case \(id)"
            throw EngineError.fault(kind: .oversizedResponse, message:
                "case \(id): response line longer than \(options.maximumLineLength) bytes; engine killed")
        case .ended(let termination):
            retire(killing: nil)
            let (kind, description) = describe(termination)
            lastFailure = "\(kind) on case \(id)"
            var message = "case \(id): engine \(description) before answering"
            if let tail = log.tail() { message += "; standard error ends: \(tail)" }
            throw EngineError.fault(kind: kind, message: message)
        case .timedOut:
            retire(killing: "no response to case \(id) within \(options.timeout)")
            lastFailure = "timeout on case \(id)"
            throw EngineError.fault(kind: .timeout, message:
                "case \(id): no response within \(options.timeout); engine killed")
        case .cancelled:
            retire(killing: "request for case \(id) cancelled")
            throw CancellationError()
        case .shutDown:
            throw EngineError.fault(kind: .shutDown, message: "case \(id): the engine was shut down")
        }
    }

    // MARK: Requests one at a time

    private func acquire() async {
        if !busy { busy = true; return }
        await withCheckedContinuation { queue.append($0) }
    }

    private func release() {
        if queue.isEmpty { busy = false } else { queue.removeFirst().resume() }
    }

    // MARK: Processes

    /// The running process, started (or restarted) if need be.
    private func ensureProcess(for id: Int) throws -> EngineProcessHandle {
        if let session {
            if !inbox.contains(where: Self.isEnd) { return session.handle }
            // It ended between requests: nothing to blame on a case.
            let ending = inbox.compactMap { event -> EngineTermination? in
                if case .terminated(let t) = event { return t } else { return nil }
            }.first
            log.note("engine " + (ending.map { describe($0).1 } ?? "closed its standard output")
                     + " between requests; restarting it for case \(id)")
            retire(killing: nil)
        }
        if launches > 0 {
            guard restartsWithoutAnswer < options.maximumRestarts else {
                let reason = "gave up after \(options.maximumRestarts) restarts in a row without an answer"
                    + (lastFailure.map { " (last: \($0))" } ?? "")
                gaveUp = reason
                log.note(reason)
                throw EngineError.fault(kind: .gaveUp, message: "case \(id): not sent, \(reason)")
            }
            restartsWithoutAnswer += 1
            log.note("restarting the engine for case \(id)")
        }
        launches += 1
        generation += 1
        let generation = generation
        let handle = EngineProcessHandle(generation: generation)
        let deliver: @Sendable (EngineProcessEvent) async -> Void = { [weak self] event in
            await self?.receive(event, from: generation)
        }
        let (command, options, log) = (command, options, log)
        let task = Task.detached {
            await EngineProcess.serve(command: command, options: options, handle: handle, log: log,
                                      deliver: deliver)
        }
        session = Session(handle: handle)
        latest = handle
        running[generation] = task
        inbox.removeAll()
        return handle
    }

    /// Forgets the current process; kills its group first if `reason` is given.
    private func retire(killing reason: String?) {
        guard let session else { return }
        self.session = nil
        inbox.removeAll()
        if let reason {
            log.note("killing the engine: \(reason)")
            session.handle.kill()
        }
    }

    private func receive(_ event: EngineProcessEvent, from generation: Int) {
        if case .terminated = event { running[generation] = nil }
        guard let session, session.handle.generation == generation else { return }
        if case .line = event, inbox.count >= Self.inboxLimit {
            // Output nobody asked for: keep the first lines (the next request
            // will read them and fail), drop the rest so memory stays bounded.
            return
        }
        inbox.append(event)
        if let waiter, let outcome = takeOutcome() {
            self.waiter = nil
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: outcome)
        }
    }

    /// The first event in the inbox that answers a request, if any.
    private func takeOutcome() -> Outcome? {
        while !inbox.isEmpty {
            switch inbox.removeFirst() {
            case .line(let text): return .line(text)
            case .oversized: return .oversized
            case .outputClosed: continue
            case .terminated(let termination): return .ended(termination)
            }
        }
        return nil
    }

    /// Waits for the response, the end of the process, the timeout or
    /// cancellation, whichever comes first.
    private func nextOutcome() async -> Outcome {
        if let outcome = takeOutcome() { return outcome }
        nextToken += 1
        let token = nextToken
        let timeout = options.timeout
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(returning: .cancelled)
                    return
                }
                let timer = Task { [weak self] in
                    do { try await Task.sleep(for: timeout) } catch { return }
                    await self?.fire(token, .timedOut)
                }
                waiter = Waiter(token: token, continuation: continuation, timer: timer)
            }
        } onCancel: {
            Task { [weak self] in await self?.fire(token, .cancelled) }
        }
    }

    private func fire(_ token: Int, _ outcome: Outcome) {
        guard let waiter, waiter.token == token else { return }
        self.waiter = nil
        waiter.timer?.cancel()
        waiter.continuation.resume(returning: outcome)
    }

    // MARK: Helpers

    /// Unsolicited lines kept between requests.
    private static let inboxLimit = 8

    private static func isEnd(_ event: EngineProcessEvent) -> Bool {
        switch event {
        case .outputClosed, .terminated: true
        case .line, .oversized: false
        }
    }

    private static func kind(_ error: EngineError) -> String {
        if case .fault(let kind, _) = error { return kind.rawValue }
        return "unsupported"
    }

    /// The fault kind and a phrase for how a process ended.
    private func describe(_ termination: EngineTermination) -> (kind: EngineError.FaultKind, text: String) {
        switch termination.cause {
        case .launchFailed(let reason):
            return (.launchFailed, "could not be started (\(reason))")
        case .signaled(let signal) where termination.killedByKit:
            return (.exited, "closed its standard output without exiting (killed by the kit, signal \(signal))")
        case .exited(let code) where (129...159).contains(code):
            // How a shell reports a child that died of signal code − 128.
            return (.crashed, "exited with status \(code) (a shell's report of signal \(code - 128), "
                    + "\(Self.signalName(code - 128)))")
        case .exited(let code):
            return (.exited, "exited with status \(code)")
        case .signaled(let signal):
            return (.crashed, "was killed by signal \(signal) (\(Self.signalName(signal)))")
        }
    }

    static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP",
                                      6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE", 9: "SIGKILL", 10: "SIGUSR1",
                                      11: "SIGSEGV", 12: "SIGUSR2", 13: "SIGPIPE", 14: "SIGALRM",
                                      15: "SIGTERM", 24: "SIGXCPU", 25: "SIGXFSZ", 31: "SIGSYS"]
        return names[signal] ?? "signal \(signal)"
    }

    /// Whether the process behind `handle` ends (and is reaped) within `duration`.
    private static func ends(_ handle: EngineProcessHandle, within duration: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: duration)
        while !handle.hasEnded {
            if clock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    /// Writing to an engine that has exited must fail with EPIPE, not kill
    /// the kit with SIGPIPE. (Children get default signal handling back.)
    private static func ignoreBrokenPipes() {
        #if canImport(Glibc)
        _ = brokenPipesIgnored
        #endif
    }

    #if canImport(Glibc)
    private static let brokenPipesIgnored: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return true
    }()
    #endif
}
