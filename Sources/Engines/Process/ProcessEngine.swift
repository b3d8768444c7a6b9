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
/// within ``Configuration/requestTimeout`` (the first response of every
/// process: within its start-up allowance, ``Configuration/startupTimeout``).
/// The kinds:
///
/// | kind | when | afterwards |
/// | --- | --- | --- |
/// | `exited` | the process exited before answering | restarted for the next request |
/// | `crashed` | killed by a signal (or the shell's 128+N report of one) | restarted |
/// | `timeout` | no response line within the timeout | process group killed; restarted |
/// | `malformed-response` | a line that is not a JSON object | killed; restarted |
/// | `wrong-id` | a response for another request | killed; restarted |
/// | `oversized-response` | a line longer than ``Configuration/maxLineLength`` | killed; restarted |
/// | `missing-partial`, `missing-value` | the gradient lacks a parameter, or y is missing | kept |
/// | `not-a-number` | y or a partial is neither a number nor `"nan"`/`"inf"`/`"-inf"` | kept |
/// | `engine-error` | `{"id":…,"error":"…"}` not starting with `unsupported` | kept |
/// | `gave-up` | not sent: the fault budget is spent (see ``Configuration``) | every later request fails at once |
/// | `shut-down` | a request after ``shutdown()`` | — |
///
/// An `error` reply starting with `unsupported` is thrown as
/// ``EngineError/unsupported(_:)``: a capability the engine lacks, not a
/// failure.
///
/// Requests are answered one at a time, in call order: they wait in a queue
/// that the actor drains, one on the wire at a time. Every change of state
/// (a request sent, a line read, a timer fired, a cancellation) is one
/// synchronous actor method, so nothing else needs a lock.
public actor ProcessEngine: GradientEngine {
    /// Time limits, the fault budget and launch settings.
    ///
    /// **The fault budget.** However the engine misbehaves, a run waits at
    /// most about
    /// `startupTimeout + (maxTimeouts + 1) × requestTimeout`
    /// in all (plus the time the engine takes for its answers), whatever the
    /// number of cases:
    ///
    /// * after ``maxTimeouts`` timeouts in the run, nothing more is sent;
    /// * ``startupTimeout`` is shared by every start of the process: the first
    ///   response of the first process may take all of it, the first response
    ///   after a restart what is left of it (at least ``requestTimeout``), and
    ///   once the starts have used it up the engine is not restarted again.
    ///   This bounds crash loops: each restart costs a start;
    /// * after ``maxConsecutiveRestarts`` restarts in a row without a
    ///   well-formed response in between, the engine is not restarted again.
    ///
    /// Requests not sent because of the budget fail at once with `gave-up`.
    ///
    /// **Timeouts on a loaded machine.** A timeout is declared only when the
    /// kit's timer wakes on time (less than 0.5 s late); a late timer means
    /// the kit itself was held up, and an answer may be waiting behind it.
    /// A process that has closed its standard output is ending: its exit
    /// status, not a timeout, is the outcome.
    public struct Configuration: Sendable, Hashable {
        /// How long to wait for each response line, from writing the request.
        /// Default: 5 s.
        public var requestTimeout: Duration
        /// The start-up allowance: how long the first response of a newly
        /// started process may take (a Python engine importing PyTorch takes
        /// seconds before it reads its first request), shared by all starts in
        /// the run. Never less than ``requestTimeout``. Default: 60 s.
        public var startupTimeout: Duration
        /// How many timeouts the run tolerates: after the last, every request
        /// fails at once with `gave-up`. At least 1. Default: 3.
        public var maxTimeouts: Int
        /// How many times in a row the process may be restarted without a
        /// well-formed response in between (an answer, an `error` reply, a
        /// missing partial) before the engine gives up. Default: 3.
        public var maxConsecutiveRestarts: Int
        /// The longest response line read, in bytes (without the newline).
        /// Default: 1 MiB.
        public var maxLineLength: Int
        /// How much of standard error to keep, in bytes (the most recent).
        /// Default: 64 KiB.
        public var standardErrorLimit: Int
        /// After standard output closes, how long the process has to exit by
        /// itself before it is killed. Default: 0.5 s.
        public var exitGracePeriod: Duration
        /// Variables added to (or replacing ones in) the inherited environment.
        public var environment: [String: String]
        /// Where to start the command; the current directory if nil.
        public var workingDirectory: String?
        /// Activations to ask for; the suite reports the others as lacking
        /// without sending them. Default: all (the engine declines the ones
        /// it lacks with an `unsupported …` error reply).
        public var supportedActivations: Set<Activation>

        public init(requestTimeout: Duration = .seconds(5), startupTimeout: Duration = .seconds(60),
                    maxTimeouts: Int = 3, maxConsecutiveRestarts: Int = 3,
                    maxLineLength: Int = 1 << 20, standardErrorLimit: Int = 64 << 10,
                    exitGracePeriod: Duration = .milliseconds(500), environment: [String: String] = [:],
                    workingDirectory: String? = nil,
                    supportedActivations: Set<Activation> = Set(Activation.allCases)) {
            self.requestTimeout = requestTimeout
            self.startupTimeout = startupTimeout
            self.maxTimeouts = maxTimeouts
            self.maxConsecutiveRestarts = maxConsecutiveRestarts
            self.maxLineLength = maxLineLength
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
    public nonisolated let configuration: Configuration
    public nonisolated var supportedActivations: Set<Activation> { configuration.supportedActivations }

    /// - Parameters:
    ///   - command: run as `/bin/sh -c command`, e.g. `python3 engine.py`.
    ///   - name: the name in reports; the command if nil.
    ///   - configuration: timeouts, start-up allowance and fault budget.
    public init(command: String, name: String? = nil, configuration: Configuration = Configuration()) {
        self.command = command
        self.name = name ?? command
        self.configuration = configuration
        self.log = StandardErrorLog(limit: configuration.standardErrorLimit)
        Self.ignoreBrokenPipes()
    }

    // MARK: State

    /// The running process.
    private struct Session {
        let handle: EngineProcessHandle
        /// No request has been written to it yet: the next response is its
        /// first, and gets the start-up allowance.
        var isFresh = true
        /// Its standard output has closed: it is ending, and its termination
        /// (within ``Configuration/exitGracePeriod``, or killed) is on its way.
        var isEnding = false
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

    /// A call of ``evaluate(_:)`` waiting for its turn or its response.
    private struct Job {
        let ticket: Int
        let request: EngineRequest
        let continuation: CheckedContinuation<Result<EngineResult, any Error>, Never>
    }

    /// The request on the wire.
    private struct InFlight {
        let job: Job
        let sent: ContinuousClock.Instant
        /// How long it may take: the request timeout, or the start-up allowance.
        let allowance: Duration
        let isStartUp: Bool
        let timer: Task<Void, Never>
    }

    private let log: StandardErrorLog
    private let clock = ContinuousClock()
    private var session: Session?
    private var latest: EngineProcessHandle?
    /// Events from the current session not yet consumed.
    private var inbox: [EngineProcessEvent] = []
    /// Requests waiting to be sent, in call order.
    private var queue: [Job] = []
    private var inFlight: InFlight?
    private var nextTicket = 0
    /// Every process task not yet known to have ended, by generation.
    private var running: [Int: Task<Void, Never>] = [:]
    private var generation = 0
    private var launches = 0
    private var isShutDown = false
    // The fault budget.
    private var timeouts = 0
    private var restartsInARow = 0
    /// Time spent waiting for the first responses of processes.
    private var startupSpent: Duration = .zero
    private var lastFailure: String?
    private var gaveUp: String?

    deinit {
        session?.handle.kill()
    }

    // MARK: Public API

    /// What the engine wrote to standard error (the last
    /// ``Configuration/standardErrorLimit`` bytes, across restarts), with the
    /// kit's notes on kills and restarts marked `[backprop-check]`.
    public func capturedStandardError() -> String { log.text }

    /// The process id of the most recently started engine process (the
    /// shell, which leads the engine's process group), whether or not it is
    /// still running; nil before the first request.
    public var processIdentifier: Int32? { latest?.pid }

    /// How many times the process has been started.
    public var launchCount: Int { launches }

    /// How many requests have timed out so far.
    public var timeoutCount: Int { timeouts }

    /// Closes the engine's standard input, gives it
    /// ``Configuration/exitGracePeriod`` to exit, then kills its process
    /// group, and returns once every process this engine started is reaped.
    /// Requests waiting or later fail with `shut-down`.
    public func shutdown() async {
        isShutDown = true
        settle(.shutDown)
        pump()
        if let session {
            self.session = nil
            inbox.removeAll()
            session.handle.closeInput()
            if await !Self.ends(session.handle, within: configuration.exitGracePeriod) {
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
        nextTicket += 1
        let ticket = nextTicket
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<EngineResult, any Error>, Never>) in
                if Task.isCancelled {
                    continuation.resume(returning: .failure(CancellationError()))
                    return
                }
                queue.append(Job(ticket: ticket, request: request, continuation: continuation))
                pump()
            }
        } onCancel: {
            Task { [weak self] in await self?.cancel(ticket) }
        }
        return try result.get()
    }

    // MARK: Requests one at a time

    /// Sends queued requests while none is on the wire. A request that
    /// cannot be sent (shut down, gave up) fails at once; one whose answer
    /// is already in the inbox is settled at once.
    private func pump() {
        while inFlight == nil, !queue.isEmpty {
            let job = queue.removeFirst()
            let id = job.request.id
            if isShutDown {
                job.continuation.resume(returning: .failure(Self.shutDownFault(id)))
                continue
            }
            if let gaveUp {
                job.continuation.resume(returning: .failure(Self.gaveUpFault(id, gaveUp)))
                continue
            }
            let handle: EngineProcessHandle
            do {
                handle = try ensureProcess(for: id)
            } catch {
                job.continuation.resume(returning: .failure(error))
                continue
            }
            let isStartUp = session?.isFresh ?? false
            session?.isFresh = false
            let allowance = isStartUp ? startupAllowance : configuration.requestTimeout
            handle.write(EngineWireFormat.requestLine(job.request))
            let ticket = job.ticket
            let sent = clock.now
            let timer = Task { [weak self] in
                guard await Self.sleep(until: sent.advanced(by: allowance)) else { return }
                await self?.timerFired(ticket)
            }
            inFlight = InFlight(job: job, sent: sent, allowance: allowance, isStartUp: isStartUp, timer: timer)
            if let outcome = takeOutcome() { settle(outcome) }
        }
    }

    /// Ends the request on the wire, if any, with `outcome`. The caller then
    /// calls ``pump()``.
    private func settle(_ outcome: Outcome) {
        guard let flight = inFlight else { return }
        inFlight = nil
        flight.timer.cancel()
        if flight.isStartUp { startupSpent += clock.now - flight.sent }
        flight.job.continuation.resume(returning: conclude(outcome, for: flight))
    }

    /// Settles the request `ticket` if it is still the one on the wire.
    private func fire(_ ticket: Int, _ outcome: Outcome) {
        guard inFlight?.job.ticket == ticket else { return }
        settle(outcome)
        pump()
    }

    /// The request `ticket` has had its time, unless the process is already
    /// ending: then its exit status, not a timeout, is the outcome, and it
    /// is on its way (the kit may be slow to read it on a loaded machine).
    private func timerFired(_ ticket: Int) {
        if session?.isEnding == true { return }
        fire(ticket, .timedOut)
    }

    /// A cancelled call: killed on the wire, or taken out of the queue.
    private func cancel(_ ticket: Int) {
        if inFlight?.job.ticket == ticket {
            fire(ticket, .cancelled)
        } else if let index = queue.firstIndex(where: { $0.ticket == ticket }) {
            queue.remove(at: index).continuation.resume(returning: .failure(CancellationError()))
        }
    }

    /// What `outcome` means for the request on the wire, and what becomes of
    /// the process.
    private func conclude(_ outcome: Outcome, for flight: InFlight) -> Result<EngineResult, any Error> {
        let request = flight.job.request
        let id = request.id
        switch outcome {
        case .line(let text):
            switch EngineWireFormat.decode(text, for: request) {
            case .answer(let result):
                restartsInARow = 0
                return .success(result)
            case .refusal(let error):
                restartsInARow = 0
                return .failure(error)
            case .desynchronized(let error):
                retire(killing: "\(Self.kind(error)) on case \(id)")
                lastFailure = "\(Self.kind(error)) on case \(id)"
                return .failure(error)
            }
        case .oversized:
            retire(killing: "oversized response on case \(id)")
            lastFailure = "oversized-response on case \(id)"
            return .failure(EngineError.fault(kind: .oversizedResponse, message:
                "case \(id): response line longer than \(configuration.maxLineLength) bytes; engine killed"))
        case .ended(let termination):
            retire(killing: nil)
            let (kind, description) = describe(termination)
            lastFailure = "\(kind) on case \(id)"
            var message = "case \(id): engine \(description) before answering"
            if let tail = log.tail() { message += "; standard error ends: \(tail)" }
            return .failure(EngineError.fault(kind: kind, message: message))
        case .timedOut:
            timeouts += 1
            let waited = flight.isStartUp
                ? "\(flight.allowance) of starting (its start-up allowance)" : "\(flight.allowance)"
            retire(killing: "no response to case \(id) within \(waited)")
            lastFailure = "timeout on case \(id)"
            if timeouts >= max(1, configuration.maxTimeouts) {
                giveUp("gave up after \(timeouts) timeout\(timeouts == 1 ? "" : "s")")
            }
            return .failure(EngineError.fault(kind: .timeout, message:
                "case \(id): no response within \(waited); engine killed"))
        case .cancelled:
            retire(killing: "request for case \(id) cancelled")
            return .failure(CancellationError())
        case .shutDown:
            return .failure(Self.shutDownFault(id))
        }
    }

    /// The allowance for the first response of a new process: what the
    /// earlier starts left of ``Configuration/startupTimeout``, at least
    /// ``Configuration/requestTimeout``.
    private var startupAllowance: Duration {
        max(configuration.requestTimeout, configuration.startupTimeout - startupSpent)
    }

    /// Stops sending: every later request fails with `gave-up` and `reason`.
    private func giveUp(_ reason: String) {
        guard gaveUp == nil else { return }
        let text = reason + (lastFailure.map { " (last: \($0))" } ?? "")
        gaveUp = text
        log.note(text)
    }

    private static func shutDownFault(_ id: Int) -> EngineError {
        .fault(kind: .shutDown, message: "case \(id): the engine was shut down")
    }

    private static func gaveUpFault(_ id: Int, _ reason: String) -> EngineError {
        .fault(kind: .gaveUp, message: "case \(id): not sent, \(reason)")
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
            log.note("engine " + (ending.map { describe($0).text } ?? "closed its standard output")
                     + " between requests; restarting it for case \(id)")
            retire(killing: nil)
        }
        if launches > 0 {
            if restartsInARow >= configuration.maxConsecutiveRestarts {
                giveUp("gave up after \(configuration.maxConsecutiveRestarts) restarts in a row without an answer")
            } else if startupSpent >= configuration.startupTimeout {
                giveUp("gave up: starting the engine has taken \(Self.seconds(startupSpent)) in all, "
                       + "its start-up allowance is \(configuration.startupTimeout)")
            }
            if let gaveUp { throw Self.gaveUpFault(id, gaveUp) }
            restartsInARow += 1
            log.note("restarting the engine for case \(id)")
        }
        launches += 1
        generation += 1
        let generation = generation
        let handle = EngineProcessHandle(generation: generation)
        let deliver: @Sendable (EngineProcessEvent) async -> Void = { [weak self] event in
            await self?.receive(event, from: generation)
        }
        let (command, configuration, log) = (command, configuration, log)
        let task = Task.detached {
            await EngineProcess.serve(command: command, configuration: configuration, handle: handle, log: log,
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
        guard session?.handle.generation == generation else { return }
        if case .outputClosed = event { session?.isEnding = true }
        if case .line = event, inbox.count >= Self.inboxLimit {
            // Output nobody asked for: keep the first lines (the next request
            // will read them and fail), drop the rest so memory stays bounded.
            return
        }
        inbox.append(event)
        if inFlight != nil, let outcome = takeOutcome() {
            settle(outcome)
            pump()
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

    // MARK: Helpers

    /// Unsolicited lines kept between requests.
    private static let inboxLimit = 8

    /// How late a timer may wake before the kit suspects that it, not the
    /// engine, was held up.
    private static let lateness: Duration = .milliseconds(500)

    /// Sleeps until `deadline`, and on a late wake-up (the kit's own tasks
    /// were starved: every thread of the cooperative pool busy with other
    /// work) for another ``lateness``, as often as it wakes late: output the
    /// engine sent in time may still be on its way to the actor, queued
    /// before the timer. A timeout is declared only after a wake-up on time.
    /// False if cancelled.
    private static func sleep(until deadline: ContinuousClock.Instant) async -> Bool {
        var wake = deadline
        while true {
            do { try await Task.sleep(until: wake, clock: .continuous) } catch { return false }
            let now = ContinuousClock.now
            if now - wake < lateness { return true }
            wake = now.advanced(by: lateness)
        }
    }

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

    /// A measured duration for messages, to a tenth of a second: `1.6 seconds`.
    static func seconds(_ duration: Duration) -> String {
        "\((duration / .milliseconds(100)).rounded() / 10) seconds"
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
