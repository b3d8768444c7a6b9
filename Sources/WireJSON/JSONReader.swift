#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension JSONValue {
    /// Reads exactly one JSON value (RFC 8259; white space around it
    /// allowed), or throws where the text first departs from the grammar.
    ///
    /// Stricter than the grammar in one way: an object may not name a key
    /// twice. Arrays and objects nest at most `maximumDepth` deep.
    public static func parse(_ text: String, maximumDepth: Int = 64) throws(JSONSyntaxError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { bytes -> Result<JSONValue, JSONSyntaxError> in
            guard let base = bytes.baseAddress else {
                var nothing: UInt8 = 0
                return withUnsafePointer(to: &nothing) { JSONReader.read(base: $0, count: 0, maximumDepth: maximumDepth) }
            }
            return JSONReader.read(base: base, count: bytes.count, maximumDepth: maximumDepth)
        }
        return try result.get()
    }
}

/// A recursive-descent reader over UTF-8 bytes, through a pointer, numbers
/// converted by `strtod`. Errors are located only when thrown: the line and
/// column are counted then. The loops over bytes (white space, strings,
/// digits) read the pointer directly, so that even a debug build reads a
/// batch answer of thousands of numbers quickly.
struct JSONReader {
    private let base: UnsafePointer<UInt8>
    private let count: Int
    private let maximumDepth: Int
    private var position = 0

    /// The one value in the `count` bytes at `base`, or where they depart
    /// from the grammar.
    static func read(base: UnsafePointer<UInt8>, count: Int, maximumDepth: Int) -> Result<JSONValue, JSONSyntaxError> {
        var reader = JSONReader(base: base, count: count, maximumDepth: maximumDepth)
        return Result { () throws(JSONSyntaxError) in try reader.document() }
    }

    private init(base: UnsafePointer<UInt8>, count: Int, maximumDepth: Int) {
        self.base = base
        self.count = count
        self.maximumDepth = maximumDepth
    }

    /// One value and nothing after it but white space.
    mutating func document() throws(JSONSyntaxError) -> JSONValue {
        let value = try value(depth: 0)
        skipWhitespace()
        guard position == count else { throw error("end of input") }
        return value
    }

    // MARK: Bytes

    private var current: UInt8? { position < count ? base[position] : nil }

    /// The byte at the current position is `byte`.
    private func at(_ byte: UInt8) -> Bool { position < count && base[position] == byte }

    /// The byte at the current position is a decimal digit.
    private var atDigit: Bool { position < count && base[position] &- 0x30 < 10 }

    /// The error at the current position: 1-based line, and column in
    /// Unicode scalars (UTF-8 continuation bytes do not count).
    private func error(_ expected: String) -> JSONSyntaxError {
        var line = 1, column = 1
        for k in 0..<min(position, count) {
            let byte = base[k]
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return JSONSyntaxError(line: line, column: column, expected: expected)
    }

    private mutating func skipWhitespace() {
        while position < count {
            let c = base[position]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            position += 1
        }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(JSONSyntaxError) {
        skipWhitespace()
        guard at(byte) else { throw error(what) }
        position += 1
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        for k in 0..<word.utf8CodeUnitCount {
            guard at(word.utf8Start[k]) else { throw error("'\(word)'") }
            position += 1
        }
    }

    // MARK: Values

    private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < maximumDepth else { throw error("nesting at most \(maximumDepth) deep") }
        skipWhitespace()
        guard position < count else { throw error("a JSON value") }
        switch base[position] {
        case 0x7B /* { */: return try object(depth: depth)
        case 0x5B /* [ */: return try array(depth: depth)
        case 0x22 /* " */: return .string(try string())
        case 0x74 /* t */: try literal("true"); return .bool(true)
        case 0x66 /* f */: try literal("false"); return .bool(false)
        case 0x6E /* n */: try literal("null"); return .null
        default:
            guard at(0x2D /* - */) || atDigit else { throw error("a JSON value") }
            return try number()
        }
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        position += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if at(0x7D /* } */) { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard at(0x22 /* " */) else { throw error("a string key") }
            let key = try string()
            guard members.index(forKey: key) == nil else { throw error("no duplicate key \"\(key)\"") }
            try expect(0x3A /* : */, "':'")
            members[key] = try value(depth: depth + 1)
            skipWhitespace()
            if at(0x2C /* , */) { position += 1; continue }
            try expect(0x7D /* } */, "',' or '}'")
            return .object(members)
        }
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if at(0x5D /* ] */) { position += 1; return .array(items) }
        while true {
            items.append(try value(depth: depth + 1))
            skipWhitespace()
            if at(0x2C /* , */) { position += 1; continue }
            try expect(0x5D /* ] */, "',' or ']'")
            return .array(items)
        }
    }

    // MARK: Strings

    /// The bytes `start..<position` as text.
    private func text(from start: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + start, count: position - start), as: UTF8.self)
    }

    /// A string: runs without escapes are decoded in one piece; the common
    /// string, with no escape at all, in one step.
    private mutating func string() throws(JSONSyntaxError) -> String {
        position += 1
        var start = position
        var scalars: String.UnicodeScalarView? = nil
        while position < count {
            let c = base[position]
            if c == 0x22 /* " */ {
                let run = text(from: start)
                position += 1
                guard var scalars else { return run }
                scalars.append(contentsOf: run.unicodeScalars)
                return String(scalars)
            }
            if c == 0x5C /* \ */ {
                var done = scalars ?? String.UnicodeScalarView()
                done.append(contentsOf: text(from: start).unicodeScalars)
                position += 1
                done.append(try escape())
                scalars = done
                start = position
                continue
            }
            guard c >= 0x20 else { throw error("no control character inside a string") }
            position += 1
        }
        throw error("a closing '\"'")
    }

    private mutating func escape() throws(JSONSyntaxError) -> Unicode.Scalar {
        guard let c = current else { throw error("an escape character") }
        position += 1
        switch c {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try hex4()
            if (0xD800..<0xDC00).contains(high) {
                try literal("\\u")
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("a low surrogate") }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
            }
            // A lone low surrogate is not a scalar: it reads as U+FFFD.
            return Unicode.Scalar(high) ?? "\u{FFFD}"
        default:
            position -= 1
            throw error("one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
        }
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let c = current, let digit = Self.hexDigit(c) else { throw error("four hexadecimal digits") }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    private static func hexDigit(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: UInt32(c - 0x30)
        case 0x41...0x46: UInt32(c - 0x41 + 10)
        case 0x61...0x66: UInt32(c - 0x61 + 10)
        default: nil
        }
    }

    // MARK: Numbers

    private mutating func digits() {
        while position < count && base[position] &- 0x30 < 10 { position += 1 }
    }

    /// A number in JSON's grammar, with the text it was written as.
    private mutating func number() throws(JSONSyntaxError) -> JSONValue {
        let start = position
        if at(0x2D /* - */) { position += 1 }
        guard atDigit else { throw error("a digit") }
        if at(0x30 /* 0 */) { position += 1 } else { digits() }
        if at(0x2E /* . */) {
            position += 1
            guard atDigit else { throw error("a digit after '.'") }
            digits()
        }
        if at(0x65 /* e */) || at(0x45 /* E */) {
            position += 1
            if at(0x2B /* + */) || at(0x2D /* - */) { position += 1 }
            guard atDigit else { throw error("a digit in the exponent") }
            digits()
        }
        let text = text(from: start)
        guard let value = convert(from: start) ?? Double(text) else { throw error("a number") }
        return .number(value, text: text)
    }

    /// The bytes `start..<position` (a number in JSON's grammar) correctly
    /// rounded by `strtod`, or nil where the C locale's decimal point is
    /// not `.` (then Swift converts the text).
    private func convert(from start: Int) -> Double? {
        let length = position - start
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer -> Double? in
            UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: base + start, byteCount: length)
            buffer[length] = 0
            var end: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(buffer.baseAddress!, &end)
            return end == buffer.baseAddress! + length ? value : nil
        }
    }
}
