import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The I/O of an engine process runs on threads of its own, never on Swift's
// cooperative pool: while CPU-bound work (MPFR references over thousands of
// cases) holds every thread of that pool, tasks wait tens of seconds for a
// turn. An engine's requests are still written at once, its output is still
// read at once, and the instant each line arrives is read on the thread that
// read it, so a timeout is judged by when the engine answered, not by when
// the kit got round to looking (see ``ProcessEngine``).

/// Starting detached POSIX threads for blocking I/O.
enum IOThread {
    /// The closure a thread runs, kept alive across `pthread_create`.
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Runs `body` on a new detached thread; false if none could be created.
    static func start(_ body: @escaping @Sendable () -> Void) -> Bool {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let result = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            Unmanaged<Body>.fromOpaque(raw).takeRetainedValue().run()
            return nil
        }, box)
        guard result == 0 else {
            Unmanaged<Body>.fromOpaque(box).release()
            return false
        }
        #if canImport(Glibc)
        pthread_detach(thread)
        #else
        if let thread { pthread_detach(thread) }
        #endif
        return true
    }
}

/// A one-shot signal from a thread to any number of waiting tasks.
final class Latch: Sendable {
    private struct State {
        var isOpen = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Opens the latch: every waiter, now or later, goes on.
    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the latch is open.
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = state.withLock { state in
                if !state.isOpen { state.waiters.append(continuation) }
                return state.isOpen
            }
            if isOpen { continuation.resume() }
        }
    }
}

/// The queue of request lines for an engine's standard input, written by a
/// thread of its own with blocking writes (an engine that does not read
/// blocks that thread, nothing else).
final class RequestWriter: Sendable {
    private struct State {
        var queue: [[UInt8]] = []
        var isFinished = false
    }

    private let state = Mutex(State())
    /// One signal per queued line, and one for the finish.
    private let ready = DispatchSemaphore(value: 0)

    /// Queues bytes to write; ignored once finished.
    func enqueue(_ bytes: [UInt8]) {
        state.withLock { state in
            if !state.isFinished { state.queue.append(bytes) }
        }
        ready.signal()
    }

    /// Closes standard input once the queued lines are written.
    func finish() {
        state.withLock { $0.isFinished = true }
        ready.signal()
    }

    /// Writes queued lines to `fd` until finished, then closes `fd`. Blocks:
    /// run it on a thread of its own. After a failed write (the engine closed
    /// its input or exited) the rest is dropped.
    func serve(_ fd: Int32) {
        var isBroken = false
        while true {
            ready.wait()
            let (next, isFinished) = state.withLock { state -> ([UInt8]?, Bool) in
                if state.queue.isEmpty { return (nil, state.isFinished) }
                return (state.queue.removeFirst(), false)
            }
            if let next {
                if !isBroken { isBroken = !Self.writeAll(next, to: fd) }
            } else if isFinished {
                break
            }
        }
        close(fd)
    }

    /// Writes every byte, retrying after signals; false on an error (EPIPE:
    /// SIGPIPE is ignored, see ``ProcessEngine``).
    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return true }
            var offset = 0
            while offset < raw.count {
                let written = write(fd, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}

/// Blocking readers of an engine's standard output and standard error.
enum EngineOutputReader {
    /// Size of one read.
    private static let chunk = 64 << 10

    /// Reads `fd` until end of file, posting each line of at most `limit`
    /// bytes to `handle`, then `.outputClosed`. A longer line is posted once
    /// as `.oversized` and ends the reading (the engine is killed, and until
    /// then it blocks on a full pipe instead of making the kit read megabytes
    /// it will drop). Blocks; does not close `fd`.
    static func readLines(_ fd: Int32, limit: Int, into handle: EngineProcessHandle) {
        var line: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunk)
        var oversized = false
        while !oversized {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            // A read error ends the output like end of file does.
            guard count > 0 else { break }
            buffer.withUnsafeBytes { raw in
                oversized = !split(UnsafeRawBufferPointer(rebasing: raw[..<count]), into: &line, limit: limit,
                                   posting: handle)
            }
        }
        if !line.isEmpty && !oversized {
            // A last line without its newline still counts.
            handle.post(.line(String(decoding: line, as: UTF8.self)))
        }
        handle.post(.outputClosed)
    }

    /// Appends `bytes` to `line`, posting every completed line; false (and
    /// `.oversized` posted) if a line grows beyond `limit`.
    private static func split(_ bytes: UnsafeRawBufferPointer, into line: inout [UInt8], limit: Int,
                              posting handle: EngineProcessHandle) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var start = 0
        while start < bytes.count {
            let newline = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start)
            let end = newline.map { base.distance(to: UnsafeRawPointer($0)) } ?? bytes.count
            if line.count + (end - start) > limit {
                line = []
                handle.post(.oversized)
                return false
            }
            line.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: end - start))
            guard newline != nil else { return true }
            handle.post(.line(String(decoding: line, as: UTF8.self)))
            line.removeAll(keepingCapacity: true)
            start = end + 1
        }
        return true
    }

    /// Copies `fd` into `log` until end of file. Blocks; does not close `fd`.
    static func readStandardError(_ fd: Int32, into log: StandardErrorLog) {
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            buffer.withUnsafeBytes { log.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
    }
}
