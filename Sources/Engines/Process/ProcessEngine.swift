import NetworkModel
#if canImport(Glibc)
import Glibc
#endif

/// An engine in another process, speaking `backprop-engine/1` or
/// `backprop-engine/2` (see `docs/engines.md`): the kit starts
/// `/bin/sh -c command` once, writes one JSON request per line to its
/// standard input and reads one JSON response per line from its standard
/// output.
///
/// **Which protocol.** ``Configuration/wireProtocol`` (`--protocol`):
/// `automatic` (the default) sends the first request of the first process in
/// `/1` form at once, as `/1` always has; an engine whose first line is the
/// handshake `{"protocol":"backprop-engine/2","batch":N}` is then spoken to in
/// `/2` (its reply to that first request counts if it is a `/1` answer, and
/// the request is sent again in `/2` otherwise), and every later process of
/// it is awaited for its handshake. `version2` awaits the handshake from the
/// start; `version1` never looks for one. With `"batch":N`, N > 1, up to N
/// cases of an ``evaluate(batch:)`` call go on one line.
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
/// | `malformed-response` | a line that is not a JSON object, or a handshake the kit cannot accept | killed; restarted |
/// | `wrong-id` | a response for another request | killed; restarted |
/// | `oversized-response` | a line longer than ``Configuration/maxLineLength`` | killed; restarted |
/// | `missing-partial`, `missing-value` | the gradient lacks a parameter (a tensor), or y is missing | kept |
/// | `malformed-response` | a `/2` gradient tensor of the wrong shape | kept |
/// | `not-a-number` | y or a partial is neither a number nor `"nan"`/`"inf"`/`"-inf"` | kept |
/// | `engine-error` | `{"id":…,"error":"…"}` not starting with `unsupported` | kept |
/// | `gave-up` | not sent: the fault budget is spent (see ``Configuration``) | every later request fails at once |
/// | `shut-down` | a request after ``shutdown()`` | — |
///
/// An `error` reply starting with `unsupported` is thrown as
/// ``EngineError/unsupported(_:)``: a capability the engine lacks, not a
/// failure.
///
/// In a batch line, faults that end the line (a timeout, an exit, a line
/// that is not a batch answer) fall on every case of the line; the others
/// on the case they concern.
///
/// Requests are answered in call order: they wait in a queue that the actor
/// drains, one line (a request, or a batch) on the wire at a time. Every change of state
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
    /// **Timeouts on a loaded machine.** The engine's pipes are read and
    /// written by threads of the kit's own, not by tasks of Swift's
    /// cooperative pool (which CPU-bound work, such as MPFR references over
    /// thousands of cases, can hold for tens of seconds), and the instant
    /// each line arrives is read on the thread that read it. A line is
    /// judged by that instant against its deadline (the time allowed,
    /// counted from when the request was handed to the writer or, if later,
    /// from when the process was seen running), never by when the kit got
    /// round to looking: an engine that answers in time is never called
    /// timed out, however loaded the machine. Only the detection of a hang
    /// may come late. A process that closed its standard output in time is
    /// ending: its exit status, not a timeout, is the outcome.
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
        /// Which protocol to speak (`--protocol auto|1|2`). Default: automatic.
        public var wireProtocol: WireProtocol

        public init(requestTimeout: Duration = .seconds(5), startupTimeout: Duration = .seconds(60),
                    maxTimeouts: Int = 3, maxConsecutiveRestarts: Int = 3,
                    maxLineLength: Int = 1 << 20, standardErrorLimit: Int = 64 << 10,
                    exitGracePeriod: Duration = .milliseconds(500), environment: [String: String] = [:],
                    workingDirectory: String? = nil,
                    supportedActivations: Set<Activation> = Set(Activation.allCases),
                    wireProtocol: WireProtocol = .automatic) {
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
            self.wireProtocol = wireProtocol
        }
    }

    /// Which protocol the kit speaks to an engine.
    public enum WireProtocol: String, Sendable, Hashable, CaseIterable {
        /// `backprop-engine/1` unless the engine's first line is a
        /// `backprop-engine/2` handshake (the engine declares it; existing
        /// `/1` engines need no change, and cost nothing).
        case automatic = "auto"
        /// `backprop-engine/1` only: a handshake line is a fault.
        case version1 = "1"
        /// `backprop-engine/2`: nothing is sent before the engine's handshake.
        case version2 = "2"
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

    /// What an engine speaks, once a process has told.
    private enum Spoken: Hashable {
        case v1
        /// `/2`, with at most `batch` cases a line (1: single requests).
        case v2(batch: Int)
    }

    /// Where a process is in the protocol.
    private enum Phase {
        /// `/2` expected and nothing written yet: the first line must be the handshake.
        case awaitingHandshake
        /// Automatic: the first request went out in `/1` form before anything
        /// was read; the first line tells whether the engine declares `/2`.
        case probing
        /// Automatic: the engine declared `/2` after the first request went
        /// out in `/1` form; the next line is its reply to that request.
        case probeAnswered(batch: Int)
        case speaking(Spoken)
    }

    /// The running process.
    private struct Session {
        let handle: EngineProcessHandle
        var phase: Phase
        /// No request of it has been settled yet: its next response gets the
        /// start-up allowance.
        var isFresh = true
        /// Its standard output has closed: it is ending, and its termination
        /// (within ``Configuration/exitGracePeriod``, or killed) is on its way.
        var isEnding: Bool { endedOutputAt != nil }
        /// When its standard output closed (in time for the line on the
        /// wire), on the engine's own timeline (see
        /// ``ProcessEngine/ownTime(ofEndOfFile:for:)``): what a line that
        /// ends with the process is charged until.
        var endedOutputAt: ContinuousClock.Instant?
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

    /// A call of ``evaluate(batch:)`` (or ``evaluate(_:)``) waiting for its
    /// turn or its responses; served from the front of the queue, one line
    /// (one request, or a batch of them) on the wire at a time.
    private struct Job {
        let ticket: Int
        let requests: [EngineRequest]
        /// Results of the first `results.count` requests.
        var results: [Result<EngineResult, any Error>] = []
        let continuation: CheckedContinuation<[Result<EngineResult, any Error>], Never>

        var isDone: Bool { results.count == requests.count }
    }

    /// What the line on the wire is.
    private enum LineForm {
        /// Nothing written: waiting for a `/2` handshake.
        case handshake
        case v1
        case v2
        case batch
    }

    /// The line on the wire.
    private struct InFlight {
        /// Unique per line, for the timer.
        let number: Int
        /// The process it was written to.
        let handle: EngineProcessHandle
        /// The job at the front of the queue.
        let ticket: Int
        /// Indices of its requests that this line carries.
        let range: Range<Int>
        let form: LineForm
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
    /// Jobs in call order; the first is being served.
    private var queue: [Job] = []
    private var inFlight: InFlight?
    private var nextTicket = 0
    private var lines = 0
    private var flights = 0
    /// Every process task not yet known to have ended, by generation.
    private var running: [Int: Task<Void, Never>] = [:]
    private var generation = 0
    private var launches = 0
    private var isShutDown = false
    /// What the engine declared (automatic mode: learned from its first process).
    private var learned: Spoken?
    /// The `/2` form of the network last sent.
    private var wireCache: WireNetwork?
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

    /// How many requests have timed out so far (a batch line that times out counts once).
    public var timeoutCount: Int { timeouts }

    /// How many request lines have been written to the engine (a batch is one line).
    public var requestLineCount: Int { lines }

    /// The protocol the engine speaks, once a process has said so (its
    /// handshake, or a first line that is not one): `backprop-engine/1` or
    /// `backprop-engine/2`, and the most cases it takes in one line.
    public var negotiatedProtocol: (name: String, batch: Int)? {
        if configuration.wireProtocol == .version1 { return (EngineWireFormat.protocolName, 1) }
        switch learned {
        case nil: return nil
        case .v1?: return (EngineWireFormat.protocolName, 1)
        case .v2(let batch)?: return (EngineWireFormat.protocolNameV2, batch)
        }
    }

    /// Closes the engine's standard input, gives it
    /// ``Configuration/exitGracePeriod`` to exit, then kills its process
    /// group, and returns once every process this engine started is reaped.
    /// Requests waiting or later fail with `shut-down`.
    public func shutdown() async {
        isShutDown = true
        if let flight = inFlight { settle(flight, conclude(.shutDown, for: flight), at: clock.now) }
        pump()
        if let session {
            self.session = nil
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
        try await evaluate(batch: [request])[0].get()
    }

    /// The results of `requests`, in order. An engine that declared
    /// `backprop-engine/2` batches gets them several to a line; otherwise
    /// they are sent one at a time. Calls are served in call order.
    public func evaluate(batch requests: [EngineRequest]) async -> [Result<EngineResult, any Error>] {
        guard !requests.isEmpty else { return [] }
        nextTicket += 1
        let ticket = nextTicket
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[Result<EngineResult, any Error>], Never>) in
                if Task.isCancelled {
                    continuation.resume(returning: requests.map { _ in .failure(CancellationError()) })
                    return
                }
                queue.append(Job(ticket: ticket, requests: requests, continuation: continuation))
                pump()
            }
        } onCancel: {
            Task { [weak self] in await self?.cancel(ticket) }
        }
    }

    // MARK: One line at a time

    /// Consumes what has arrived for the line on the wire, then sends the
    /// next line while none is on the wire. Requests that cannot be sent
    /// (shut down, gave up) fail at once; finished jobs are resumed.
    private func pump() {
        while true {
            drain()
            guard inFlight == nil, !queue.isEmpty else { return }
            sendNext()
        }
    }

    /// Consumes the session's events while a line is on the wire.
    private func drain() {
        while let flight = inFlight, let stamped = flight.handle.next() { consume(stamped, for: flight) }
    }

    /// What an event means for the line on the wire, judged by when it
    /// arrived: an answer (or the end of the output) that arrived after the
    /// deadline is a timeout, whenever the kit reads it.
    private func consume(_ stamped: StampedEvent, for flight: InFlight) {
        let isLate = deadline(of: flight).map { stamped.at > $0 } ?? false
        switch stamped.event {
        case .line(let text): handle(isLate ? .timedOut : .line(text), at: stamped.at)
        case .oversized: handle(isLate ? .timedOut : .oversized, at: stamped.at)
        case .outputClosed:
            // In time: the process is ending, and its termination is on its way.
            if isLate {
                handle(.timedOut, at: stamped.at)
            } else {
                session?.endedOutputAt = ownTime(ofEndOfFile: stamped.at, for: flight)
            }
        case .terminated(let termination):
            // After its output closed (judged above), or a failed launch;
            // reaping may wait for the kit's tasks, so a line is charged
            // until the end of the output.
            handle(.ended(termination), at: session?.endedOutputAt ?? stamped.at)
        }
    }

    /// When the line on the wire's allowance starts: when the request was
    /// handed to the writer or, if later, when the kit's task saw the
    /// process running. (On a loaded machine the spawn waits for that task,
    /// and until it has run, the kit still holds copies of the child's ends
    /// of the pipes: an end of file cannot arrive earlier, whatever the
    /// engine did.) Nil before.
    private func start(of flight: InFlight) -> ContinuousClock.Instant? {
        flight.handle.seenAt.map { max(flight.sent, $0) }
    }

    /// When the line on the wire runs out of time: its allowance after its
    /// ``start(of:)``. Nil while the process has not been seen running.
    private func deadline(of flight: InFlight) -> ContinuousClock.Instant? {
        start(of: flight)?.advanced(by: flight.allowance)
    }

    /// How much of its allowance the line on the wire used by `instant`,
    /// counted from the process's real start (the kernel's account) if that
    /// is later than the request: what the engine took to start, without
    /// the kit's wait for a thread.
    private func spent(_ flight: InFlight, by instant: ContinuousClock.Instant) -> Duration {
        guard let started = flight.handle.startedAt, let deadline = deadline(of: flight) else { return .zero }
        return max(.zero, min(instant, deadline) - max(flight.sent, started))
    }

    /// An end of file's instant moved back by the kit's own delay in seeing
    /// the process running: the kit cannot tell the engine closing its
    /// output from the kit closing its copies before then, so a line ended
    /// by the process is charged from ``start(of:)``, not from the real start.
    private func ownTime(ofEndOfFile instant: ContinuousClock.Instant, for flight: InFlight) -> ContinuousClock.Instant {
        guard let seen = start(of: flight), let started = flight.handle.startedAt else { return instant }
        return instant - (seen - max(flight.sent, started))
    }

    /// One step for the job at the front of the queue: resume it if done,
    /// fail what cannot be sent, or put its next line on the wire.
    private func sendNext() {
        if queue[0].isDone {
            let job = queue.removeFirst()
            job.continuation.resume(returning: job.results)
            return
        }
        let next = queue[0].results.count
        let request = queue[0].requests[next]
        if isShutDown {
            queue[0].results.append(.failure(Self.shutDownFault(request.id)))
            return
        }
        if let gaveUp {
            queue[0].results.append(.failure(Self.gaveUpFault(request.id, gaveUp)))
            return
        }
        let handle: EngineProcessHandle
        do {
            handle = try ensureProcess(for: request.id)
        } catch {
            queue[0].results.append(.failure(error))
            return
        }
        guard let phase = session?.phase else {
            queue[0].results.append(.failure(EngineError.fault(kind: .launchFailed,
                                                               message: "case \(request.id): no engine process")))
            return
        }
        let isStartUp = session?.isFresh ?? false
        let allowance = isStartUp ? startupAllowance : configuration.requestTimeout
        var range = next..<(next + 1)
        let form: LineForm
        switch phase {
        case .awaitingHandshake:
            form = .handshake
        case .probing, .probeAnswered, .speaking(.v1):
            form = .v1
            handle.write(EngineWireFormat.requestLine(request))
        case .speaking(.v2(let batch)) where batch == 1:
            form = .v2
            handle.write(wire(for: request.network).requestLine(request))
        case .speaking(.v2(let batch)):
            form = .batch
            range = next..<(next + batchCount(from: next, limit: batch))
            handle.write(wire(for: request.network).batchLine(Array(queue[0].requests[range])))
        }
        if form != .handshake { lines += 1 }
        flights += 1
        let number = flights
        let sent = clock.now
        let timer = Task { [weak self] in
            var wake = sent.advanced(by: allowance)
            while true {
                do { try await Task.sleep(until: wake, clock: .continuous) } catch { return }
                guard let self, let next = await self.timerFired(number) else { return }
                wake = next
            }
        }
        inFlight = InFlight(number: number, handle: handle, ticket: queue[0].ticket, range: range, form: form,
                            sent: sent, allowance: allowance, isStartUp: isStartUp, timer: timer)
    }

    /// How many requests from `next` on go into one batch line: at most
    /// `limit`, all about the same network, and few enough that the answers
    /// fit in ``Configuration/maxLineLength`` at about 40 bytes a value.
    private func batchCount(from next: Int, limit: Int) -> Int {
        let requests = queue[0].requests
        let network = requests[next].network
        let perCase = 40 * (network.parameters.count + network.inputs.count + 1) + 64
        let most = Swift.min(limit, Swift.max(1, configuration.maxLineLength / perCase), requests.count - next)
        var count = 1
        while count < most, requests[next + count].network == network { count += 1 }
        return count
    }

    /// The `/2` form of `network`, worked out once per network.
    private func wire(for network: Network) -> WireNetwork {
        if let wireCache, wireCache.network == network { return wireCache }
        let wire = WireNetwork(network)
        wireCache = wire
        return wire
    }

    /// What `outcome` means for the line on the wire: a handshake or a probe
    /// reply moves the protocol on (and may leave the line waiting, or end it
    /// without a result so that its requests are sent again); anything else
    /// settles the line's requests.
    private func handle(_ outcome: Outcome, at: ContinuousClock.Instant) {
        guard let flight = inFlight else { return }
        if case .line(let text) = outcome, let phase = session?.phase {
            switch phase {
            case .awaitingHandshake:
                switch EngineWireFormat.readHandshake(text) {
                case .handshake(let h) where h.protocolName == EngineWireFormat.protocolNameV2:
                    learned = .v2(batch: h.batch)
                    session?.phase = .speaking(.v2(batch: h.batch))
                    interrupt(flight, at: at)
                case .handshake(let h):
                    settle(flight, protocolFault(flight, "the engine declared \(h.protocolName) in its handshake, "
                                                 + "but the kit was told to speak \(EngineWireFormat.protocolNameV2)"), at: at)
                case .invalid(let why):
                    settle(flight, protocolFault(flight, why), at: at)
                    giveUp("gave up: \(why)")
                case .notAHandshake:
                    settle(flight, protocolFault(flight, "expected the handshake {\"protocol\":\"\(EngineWireFormat.protocolNameV2)\",…} "
                                                 + "as the engine's first line, got \(EngineWireFormat.excerpt(text))"), at: at)
                }
                return
            case .probing:
                switch EngineWireFormat.readHandshake(text) {
                case .handshake(let h) where h.protocolName == EngineWireFormat.protocolNameV2:
                    // The reply to the request sent in /1 form comes next.
                    learned = .v2(batch: h.batch)
                    session?.phase = .probeAnswered(batch: h.batch)
                    return
                case .handshake:
                    learned = .v1
                    session?.phase = .speaking(.v1)
                    return
                case .invalid(let why):
                    settle(flight, protocolFault(flight, why), at: at)
                    giveUp("gave up: \(why)")
                    return
                case .notAHandshake:
                    learned = .v1
                    session?.phase = .speaking(.v1)
                }
            case .probeAnswered(let batch):
                session?.phase = .speaking(.v2(batch: batch))
                let request = queue[0].requests[flight.range.lowerBound]
                switch EngineWireFormat.decode(text, for: request) {
                case .answer(let result):
                    // An engine that speaks both: its /1 answer counts.
                    restartsInARow = 0
                    settle(flight, [.success(result)], at: at)
                case .refusal:
                    restartsInARow = 0
                    interrupt(flight, at: at)
                case .desynchronized:
                    retire(killing: "its reply to case \(request.id), sent in \(EngineWireFormat.protocolName) form "
                           + "before its handshake was read, is not a response; it will be sent again in "
                           + EngineWireFormat.protocolNameV2)
                    interrupt(flight, at: at)
                }
                return
            case .speaking:
                break
            }
        }
        if case .ended = outcome, case .probeAnswered = session?.phase {
            log.note("engine ended after declaring \(EngineWireFormat.protocolNameV2) without answering case "
                     + "\(queue[0].requests[flight.range.lowerBound].id), sent in \(EngineWireFormat.protocolName) form; "
                     + "it will be sent again in \(EngineWireFormat.protocolNameV2)")
            retire(killing: nil)
            interrupt(flight, at: at)
            return
        }
        settle(flight, conclude(outcome, for: flight), at: at)
    }

    /// A handshake the kit cannot accept: `malformed-response` for the line's
    /// request, and the process is killed.
    private func protocolFault(_ flight: InFlight, _ why: String) -> [Result<EngineResult, any Error>] {
        let id = queue[0].requests[flight.range.lowerBound].id
        retire(killing: "protocol mismatch on case \(id): \(why)")
        lastFailure = "malformed-response on case \(id)"
        return [.failure(EngineError.fault(kind: .malformedResponse, message: "case \(id): \(why)"))]
    }

    /// Ends the line on the wire without a result: its requests are sent
    /// again (in the protocol now known). A start-up line charges the
    /// start-up budget with what it used of its allowance by `at` (when
    /// what ended it arrived, not when the kit read it).
    private func interrupt(_ flight: InFlight, at: ContinuousClock.Instant) {
        inFlight = nil
        flight.timer.cancel()
        if flight.isStartUp { startupSpent += spent(flight, by: at) }
    }

    /// Ends the line on the wire with `results` for its requests (a
    /// cancelled line also fails the rest of its job).
    private func settle(_ flight: InFlight, _ results: [Result<EngineResult, any Error>],
                        at: ContinuousClock.Instant) {
        interrupt(flight, at: at)
        session?.isFresh = false
        guard let index = queue.firstIndex(where: { $0.ticket == flight.ticket }) else { return }
        queue[index].results.append(contentsOf: results)
        if results.contains(where: { if case .failure(let e) = $0 { e is CancellationError } else { false } }) {
            while !queue[index].isDone { queue[index].results.append(.failure(CancellationError())) }
        }
    }

    /// The timer of line `number` woke (perhaps late). What arrived is
    /// consumed first, each event judged by when it arrived; the line has
    /// timed out only if it is still waiting and its deadline had passed
    /// when the timer woke (anything that was not in the mailbox then
    /// arrived later still). Nothing is judged before the kit's task has
    /// seen the process running: until then its allowance may not have
    /// started, and its end of file may be held up by the kit's copies of
    /// its pipes. A process that closed its output in time is ending: its
    /// exit status, not a timeout, is the outcome, and it is on its way.
    /// Returns when to look again, or nil when the timer is done.
    private func timerFired(_ number: Int) -> ContinuousClock.Instant? {
        guard let waiting = inFlight, waiting.number == number else { return nil }
        guard waiting.handle.seenAt != nil else { return clock.now.advanced(by: .milliseconds(100)) }
        let now = clock.now
        drain()
        guard let flight = inFlight, flight.number == number else {
            pump()
            return nil
        }
        guard session?.isEnding != true, let deadline = deadline(of: flight) else { return nil }
        if now < deadline { return deadline }
        handle(.timedOut, at: deadline)
        pump()
        return nil
    }

    /// A cancelled call: killed on the wire, or taken out of the queue.
    private func cancel(_ ticket: Int) {
        if inFlight?.ticket == ticket {
            handle(.cancelled, at: clock.now)
            pump()
        } else if let index = queue.firstIndex(where: { $0.ticket == ticket }) {
            var job = queue.remove(at: index)
            while !job.isDone { job.results.append(.failure(CancellationError())) }
            job.continuation.resume(returning: job.results)
        }
    }

    /// What `outcome` means for each request of the line on the wire, and
    /// what becomes of the process.
    private func conclude(_ outcome: Outcome, for flight: InFlight) -> [Result<EngineResult, any Error>] {
        let requests = queue.first(where: { $0.ticket == flight.ticket }).map { Array($0.requests[flight.range]) } ?? []
        guard let first = requests.first else { return [] }
        let id = first.id
        let count = requests.count
        /// ` (a batch of 5 cases: 10…14)` for a batch line.
        let within = flight.form == .batch
            ? " (one line for a batch of \(count) case\(count == 1 ? "" : "s"): \(id)…\(requests.last!.id))" : ""
        func all(_ kind: EngineError.FaultKind, _ message: String) -> [Result<EngineResult, any Error>] {
            requests.map { .failure(EngineError.fault(kind: kind, message: "case \($0.id): \(message)\(within)")) }
        }
        switch outcome {
        case .line(let text):
            let decoded: [EngineWireFormat.Decoded]
            switch flight.form {
            case .v1, .handshake:
                var d = EngineWireFormat.decode(text, for: first)
                if case .desynchronized = d, case .handshake(let h) = EngineWireFormat.readHandshake(text) {
                    d = .desynchronized(.fault(kind: .malformedResponse, message:
                        "case \(id): the engine declared \(h.protocolName) in a handshake, but the kit was told to "
                        + "speak \(EngineWireFormat.protocolName) (--protocol 1); use --protocol auto or 2"))
                }
                decoded = [d]
            case .v2:
                decoded = [wire(for: first.network).decode(text, for: first)]
            case .batch:
                decoded = wire(for: first.network).decodeBatch(text, for: requests)
            }
            if let error = decoded.lazy.compactMap({ d -> EngineError? in
                if case .desynchronized(let e) = d { e } else { nil }
            }).first {
                retire(killing: "\(Self.kind(error)) on case \(id)")
                lastFailure = "\(Self.kind(error)) on case \(id)"
            } else {
                restartsInARow = 0
            }
            return decoded.map { d -> Result<EngineResult, any Error> in
                switch d {
                case .answer(let result): .success(result)
                case .refusal(let error), .desynchronized(let error): .failure(error)
                }
            }
        case .oversized:
            retire(killing: "oversized response on case \(id)")
            lastFailure = "oversized-response on case \(id)"
            return all(.oversizedResponse, "response line longer than \(configuration.maxLineLength) bytes; engine killed")
        case .ended(let termination):
            retire(killing: nil)
            let (kind, description) = describe(termination)
            lastFailure = "\(kind) on case \(id)"
            var message = "engine \(description) before " + (flight.form == .handshake ? "its handshake" : "answering")
            if let tail = log.tail() { message += "; standard error ends: \(tail)" }
            return all(kind, message)
        case .timedOut:
            timeouts += 1
            let waited = flight.isStartUp
                ? "\(flight.allowance) of starting (its start-up allowance)" : "\(flight.allowance)"
            if flight.form == .handshake {
                retire(killing: "no handshake before case \(id) within \(waited)")
            } else {
                retire(killing: "no response to case \(id)\(within) within \(waited)")
            }
            lastFailure = "timeout on case \(id)"
            if timeouts >= max(1, configuration.maxTimeouts) {
                giveUp("gave up after \(timeouts) timeout\(timeouts == 1 ? "" : "s")")
            }
            if flight.form == .handshake {
                return all(.timeout, "no handshake within \(waited); engine killed (an engine speaking "
                           + "\(EngineWireFormat.protocolNameV2) first writes {\"protocol\":\"\(EngineWireFormat.protocolNameV2)\"}; "
                           + "one speaking \(EngineWireFormat.protocolName) needs --protocol auto or 1)")
            }
            return all(.timeout, "no response within \(waited); engine killed")
        case .cancelled:
            retire(killing: "request for case \(id) cancelled")
            return requests.map { _ in .failure(CancellationError()) }
        case .shutDown:
            return requests.map { .failure(Self.shutDownFault($0.id)) }
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
            let (isEnding, ending) = session.handle.pendingEnd()
            if !isEnding && !session.isEnding { return session.handle }
            // It ended between requests: nothing to blame on a case.
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
        let handle = EngineProcessHandle(generation: generation) { [weak self] in
            Task { await self?.collect(from: generation) }
        }
        let (command, configuration, log) = (command, configuration, log)
        let task = Task.detached { [weak self] in
            await EngineProcess.serve(command: command, configuration: configuration, handle: handle, log: log)
            await self?.forget(generation)
        }
        let phase: Phase
        switch (configuration.wireProtocol, learned) {
        case (.version1, _), (.automatic, .v1?): phase = .speaking(.v1)
        case (.version2, _), (.automatic, .v2?): phase = .awaitingHandshake
        case (.automatic, nil): phase = .probing
        }
        session = Session(handle: handle, phase: phase)
        latest = handle
        running[generation] = task
        return handle
    }

    /// Forgets the current process; kills its group first if `reason` is given.
    private func retire(killing reason: String?) {
        guard let session else { return }
        self.session = nil
        if let reason {
            log.note("killing the engine: \(reason)")
            session.handle.kill()
        }
    }

    /// Events are waiting in the mailbox of process `generation`: consumed
    /// now if a line of it is on the wire, else by the next request (which
    /// restarts the process if it has ended).
    private func collect(from generation: Int) {
        guard session?.handle.generation == generation, inFlight != nil else { return }
        pump()
    }

    /// The task of process `generation` is done: its process is reaped.
    private func forget(_ generation: Int) {
        running[generation] = nil
    }

    // MARK: Helpers

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
