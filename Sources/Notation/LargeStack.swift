#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` on the reader's own large stack, so that every read of the Notation module inside it
/// (``Document/parse(markdown:fileName:dialect:)``, ``Document/parse(tex:fileName:dialect:)``,
/// ``Expression/parse(_:fileName:dialect:functions:labels:)``,
/// ``Expression/parseWithSourceMap(_:fileName:dialect:functions:labels:)``) runs inline instead of
/// starting a thread of its own.
///
/// Each read already runs on a stack of the reader's choosing (64 MiB; see `LargeStack` in
/// LargeStack.swift): on a thread it starts for that read and joins. That costs one thread per read —
/// little for a caller that reads a document now and then, a lot for one that reads many small inputs
/// in a loop (a fuzz harness under AddressSanitizer reads each input several times). Such a caller
/// wraps its whole loop body, or its whole loop, in one `withReaderStack` and pays for one thread.
/// Results, errors and limits are the same either way.
///
/// `body` runs synchronously on another thread while the calling thread waits for it, so it must not
/// depend on which thread it runs on (thread-local values, `MainActor.assumeIsolated`, a lock the
/// calling thread holds). Called within `withReaderStack` (or within a read), it runs `body` inline;
/// if no thread can be started (resource limits), `body` runs on the calling thread.
public func withReaderStack<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
    try LargeStack.run(body)
}

/// The reader is recursive descent: each level of nesting in a row costs one chain of parser frames,
/// and in a debug build that chain is tens of kilobytes. ``Limits/maximumNestingDepth`` bounds the
/// levels, so the stack a read needs is bounded too — but not by anything the *caller's* thread
/// promises (a Swift concurrency thread, a Darwin secondary thread of 512 KiB). So the reader runs
/// on a stack it owns: ``LargeStack/run(_:)`` executes the read inline when the current thread
/// is one it started itself (a read within a read, or a read within ``withReaderStack(_:)``), and
/// otherwise on a new thread of ``LargeStack/size`` bytes, waiting for it. The limits are then the
/// same on every thread, and a report never depends on where it was computed.
enum LargeStack {
    /// 256 levels × about 60 KiB per level (debug build, the deepest construct measured by
    /// `RobustnessTests`) is 15 MiB; four times that leaves room for the passes after the parse.
    /// Only the pages a read touches are ever committed.
    static let size = 64 << 20

    /// `body()`, on a stack of at least ``size`` bytes.
    static func run<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        if isOnOwnThread { return try body() }
        return try withoutActuallyEscaping(body) { (escapable) throws(E) -> T in
            let job = Job(escapable)
            job.runOnNewThread()
            return try job.result!.get()
        }
    }

    /// The work and its result, handed to the new thread. The caller waits for that thread to end
    /// (`pthread_join`) before it reads `result`, so no access is concurrent.
    fileprivate final class Job<T, E: Error>: @unchecked Sendable {
        let body: () throws(E) -> T
        var result: Result<T, E>?
        init(_ body: @escaping () throws(E) -> T) { self.body = body }

        func execute() {
            do throws(E) { result = .success(try body()) } catch { result = .failure(error) }
        }

        func runOnNewThread() {
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, LargeStack.size)
            let context = Unmanaged.passRetained(self as AnyObject).toOpaque()
            #if canImport(Darwin)
            var thread: pthread_t?
            #else
            var thread = pthread_t()
            #endif
            let status = pthread_create(&thread, &attributes, { context in
                pthread_setspecific(LargeStack.ownThread, UnsafeRawPointer(bitPattern: 1))
                let job = Unmanaged<AnyObject>.fromOpaque(context!).takeRetainedValue()
                (job as! any Executable).execute()
                return nil
            }, context)
            guard status == 0 else {
                // No thread to be had (resource limits): run on this stack, as before this guard.
                Unmanaged<AnyObject>.fromOpaque(context).release()
                execute()
                return
            }
            #if canImport(Darwin)
            pthread_join(thread!, nil)
            #else
            pthread_join(thread, nil)
            #endif
        }
    }

    /// Marks the threads ``run(_:)`` starts, so that a read nested in a read (or in
    /// ``withReaderStack(_:)``) runs inline.
    fileprivate static let ownThread: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    private static var isOnOwnThread: Bool { pthread_getspecific(ownThread) != nil }
}

/// What the new thread runs: ``LargeStack/Job`` erased of its result and error types.
private protocol Executable: AnyObject { func execute() }
extension LargeStack.Job: Executable {}
