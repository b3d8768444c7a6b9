// The platform's C library, imported here and nowhere else in the command.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// What the command asks of the operating system. Members are named so that
/// they do not shadow the C functions they call (`exit`, `write`).
enum Platform {
    static let standardOutput: Int32 = STDOUT_FILENO
    static let standardError: Int32 = STDERR_FILENO

    /// True when `descriptor` is a terminal.
    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    /// Ignores SIGPIPE, so writing to a closed pipe fails with EPIPE instead
    /// of killing the process.
    static func ignoreBrokenPipes() { _ = signal(SIGPIPE, SIG_IGN) }

    /// Ends the process with `status` (C's `exit`: buffers flushed).
    static func terminate(_ status: Int32) -> Never { exit(status) }

    /// One `write(2)` of `buffer` to `descriptor`: the bytes written, or −1.
    static func writeOnce(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Int {
        write(descriptor, buffer.baseAddress, buffer.count)
    }
}
