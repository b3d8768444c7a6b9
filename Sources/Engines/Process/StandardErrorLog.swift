import Synchronization

/// The last bytes an engine wrote to standard error, across restarts, with
/// the kit's own notes (restarts, kills) interleaved. Bounded: only the most
/// recent `limit` bytes are kept.
final class StandardErrorLog: Sendable {
    private struct State {
        var bytes: [UInt8] = []
        var dropped = 0
    }

    let limit: Int
    private let state = Mutex(State())

    init(limit: Int) { self.limit = max(0, limit) }

    func append(_ chunk: UnsafeRawBufferPointer) {
        state.withLock { state in
            state.bytes.append(contentsOf: chunk)
            Self.trim(&state, to: limit)
        }
    }

    /// A line from the kit, marked so it cannot be mistaken for engine output.
    func note(_ text: String) {
        state.withLock { state in
            if let last = state.bytes.last, last != UInt8(ascii: "\n") { state.bytes.append(UInt8(ascii: "\n")) }
            state.bytes.append(contentsOf: "[backprop-check] \(text)\n".utf8)
            Self.trim(&state, to: limit)
        }
    }

    private static func trim(_ state: inout State, to limit: Int) {
        let excess = state.bytes.count - limit
        if excess > 0 {
            state.bytes.removeFirst(excess)
            state.dropped += excess
        }
    }

    /// The kept text (invalid UTF-8 shown as U+FFFD), preceded by a note of
    /// how many earlier bytes were dropped, if any.
    var text: String {
        state.withLock { state in
            let body = String(decoding: state.bytes, as: UTF8.self)
            return state.dropped > 0 ? "[backprop-check] \(state.dropped) earlier bytes dropped\n" + body : body
        }
    }

    /// The last few lines of engine output, at most `characters` long, for
    /// fault messages; nil when there is nothing to show.
    func tail(characters: Int = 300) -> String? {
        let lines = state.withLock { state in
            String(decoding: state.bytes.suffix(4 * characters), as: UTF8.self)
        }
        .split(separator: "\n", omittingEmptySubsequences: true)
        .filter { !$0.hasPrefix("[backprop-check]") }
        var kept: [Substring] = []
        var length = 0
        for line in lines.reversed() {
            if length + line.count > characters { break }
            kept.insert(line, at: 0)
            length += line.count + 1
        }
        if kept.isEmpty, let last = lines.last { return "…" + String(last.suffix(characters)) }
        return kept.isEmpty ? nil : kept.joined(separator: " ⏎ ")
    }
}
