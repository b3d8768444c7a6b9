#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fast reader for response lines: the same values as
/// ``JSONValue/parse(_:maximumDepth:)`` for valid JSON, read through a
/// pointer with numbers converted by `strtod`, so a batch answer of
/// thousands of values costs little even in a debug build. For anything it
/// does not accept it returns nil, and the caller parses again with
/// ``JSONValue/parse(_:maximumDepth:)`` for the error's line and column.
enum ResponseParser {
    static func parse(_ line: String, maximumDepth: Int = 64) -> JSONValue? {
        var line = line
        return line.withUTF8 { bytes -> JSONValue? in
            guard let base = bytes.baseAddress else { return nil }
            var reader = Reader(base: base, count: bytes.count, maximumDepth: maximumDepth)
            guard let value = reader.value(depth: 0) else { return nil }
            reader.skipWhitespace()
            return reader.position == reader.count ? value : nil
        }
    }

    private struct Reader {
        let base: UnsafePointer<UInt8>
        let count: Int
        let maximumDepth: Int
        var position = 0

        init(base: UnsafePointer<UInt8>, count: Int, maximumDepth: Int) {
            self.base = base
            self.count = count
            self.maximumDepth = maximumDepth
        }

        var current: UInt8? { position < count ? base[position] : nil }

        mutating func skipWhitespace() {
            while position < count {
                let c = base[position]
                guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
                position += 1
            }
        }

        mutating func value(depth: Int) -> JSONValue? {
            guard depth < maximumDepth else { return nil }
            skipWhitespace()
            guard let c = current else { return nil }
            switch c {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string().map(JSONValue.string)
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            case UInt8(ascii: "-"), 0x30...0x39: return number()
            default: return nil
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let length = word.utf8CodeUnitCount
            guard count - position >= length else { return false }
            for k in 0..<length where base[position + k] != word.utf8Start[k] { return false }
            position += length
            return true
        }

        mutating func object(depth: Int) -> JSONValue? {
            position += 1
            var members: [String: JSONValue] = [:]
            skipWhitespace()
            if current == UInt8(ascii: "}") { position += 1; return .object(members) }
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: "\""), let key = string(), members[key] == nil else { return nil }
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { return nil }
                position += 1
                guard let item = value(depth: depth + 1) else { return nil }
                members[key] = item
                skipWhitespace()
                if current == UInt8(ascii: ",") { position += 1; continue }
                guard current == UInt8(ascii: "}") else { return nil }
                position += 1
                return .object(members)
            }
        }

        mutating func array(depth: Int) -> JSONValue? {
            position += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") { position += 1; return .array(items) }
            while true {
                guard let item = value(depth: depth + 1) else { return nil }
                items.append(item)
                skipWhitespace()
                if current == UInt8(ascii: ",") { position += 1; continue }
                guard current == UInt8(ascii: "]") else { return nil }
                position += 1
                return .array(items)
            }
        }

        /// A string without escapes or control characters; anything else is
        /// left to the full parser.
        mutating func string() -> String? {
            position += 1
            let start = position
            while position < count {
                let c = base[position]
                if c == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(start: base + start, count: position - start),
                                      as: UTF8.self)
                    position += 1
                    return text
                }
                if c == UInt8(ascii: "\\") || c < 0x20 { return nil }
                position += 1
            }
            return nil
        }

        mutating func digits() -> Bool {
            let start = position
            while position < count, (0x30...0x39).contains(base[position]) { position += 1 }
            return position > start
        }

        /// A number in JSON's grammar, converted by `strtod` (correctly
        /// rounded), with the text it was written as.
        mutating func number() -> JSONValue? {
            let start = position
            if current == UInt8(ascii: "-") { position += 1 }
            guard let first = current, (0x30...0x39).contains(first) else { return nil }
            if first == 0x30 { position += 1 } else { _ = digits() }
            if current == UInt8(ascii: ".") {
                position += 1
                guard digits() else { return nil }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                position += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
                guard digits() else { return nil }
            }
            let length = position - start
            // strtod needs a terminator after the digits: copy short numbers
            // to the stack (JSON numbers written in shortest form are short).
            guard length < 64 else { return nil }
            let text = String(decoding: UnsafeBufferPointer(start: base + start, count: length), as: UTF8.self)
            var value = 0.0
            var parsed = false
            withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
                for k in 0..<length { buffer[k] = CChar(bitPattern: base[start + k]) }
                buffer[length] = 0
                var end: UnsafeMutablePointer<CChar>? = nil
                value = strtod(buffer.baseAddress!, &end)
                parsed = end == buffer.baseAddress! + length
            }
            // A locale with another decimal point: let Swift convert it.
            if !parsed { guard let d = Double(text) else { return nil }; value = d }
            return .number(value, text: text)
        }
    }
}
