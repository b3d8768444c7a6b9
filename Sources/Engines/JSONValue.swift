/// A JSON value, with a strict parser that reports where input went wrong
/// and a deterministic writer (keys sorted, numbers in shortest round-trip
/// form). Used for the `backprop-engine/1` protocol and the command line's
/// `--inputs`/`--params`, where a precise error message matters.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number, with the text it was written as (so decimal input keeps
    /// its digits until it is rounded once, by `Double(text)`).
    case number(Double, text: String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// A number value written in shortest round-trip form.
    public static func number(_ value: Double) -> JSONValue { .number(value, text: jsonNumberText(value)) }

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}

/// Where and why JSON text could not be read.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line and column of the offending character.
    public var line: Int
    public var column: Int
    /// What the parser expected there.
    public var expected: String

    public var description: String { "\(line):\(column): expected \(expected)" }
}

extension JSONValue {
    /// Parses exactly one JSON value (surrounding white space allowed).
    public static func parse(_ text: String, maximumDepth: Int = 64) throws -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8), maximumDepth: maximumDepth)
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.atEnd else { throw parser.error("end of input") }
        return value
    }

    /// Compact JSON text with object keys sorted: the same value always
    /// serialises to the same bytes.
    public var serialized: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(_, let text): text
        case .string(let s): jsonQuoted(s)
        case .array(let items): "[" + items.map(\.serialized).joined(separator: ",") + "]"
        case .object(let members):
            "{" + members.keys.sorted().map { jsonQuoted($0) + ":" + members[$0]!.serialized }
                .joined(separator: ",") + "}"
        }
    }
}

extension JSONValue {
    /// Indented JSON text (two spaces, keys sorted, trailing newline): the
    /// format of the committed fixture reports, stable byte for byte.
    public var prettyPrinted: String { pretty(indent: "") + "\n" }

    func pretty(indent: String) -> String {
        let inner = indent + "  "
        switch self {
        case .array(let items) where !items.isEmpty:
            return "[\n" + items.map { inner + $0.pretty(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let members) where !members.isEmpty:
            let lines = members.keys.sorted().map { inner + jsonQuoted($0) + ": " + members[$0]!.pretty(indent: inner) }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + indent + "}"
        default:
            return serialized
        }
    }

    /// A number, or the strings `"nan"`, `"inf"`, `"-inf"` for non-finite
    /// values (the convention of `backprop-engine/1` and of the reports).
    public static func double(_ value: Double) -> JSONValue {
        if value.isNaN { return .string("nan") }
        if value.isInfinite { return .string(value < 0 ? "-inf" : "inf") }
        return .number(value)
    }
}

/// Shortest round-trip decimal for a finite Double; JSON has no NaN or ∞.
public func jsonNumberText(_ value: Double) -> String {
    precondition(value.isFinite, "JSON numbers must be finite")
    let text = "\(value)"
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
}

/// A JSON string literal.
public func jsonQuoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

/// A recursive-descent parser over UTF-8 bytes (RFC 8259).
struct JSONParser {
    let bytes: [UInt8]
    let maximumDepth: Int
    var position = 0

    var atEnd: Bool { position >= bytes.count }
    var current: UInt8? { atEnd ? nil : bytes[position] }

    func error(_ expected: String) -> JSONSyntaxError {
        var line = 1, column = 1
        for byte in bytes[..<min(position, bytes.count)] {
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return JSONSyntaxError(line: line, column: column, expected: expected)
    }

    mutating func skipWhitespace() {
        while let c = current, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { position += 1 }
    }

    mutating func value(depth: Int) throws -> JSONValue {
        guard depth < maximumDepth else { throw error("nesting at most \(maximumDepth) deep") }
        skipWhitespace()
        switch current {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case let c? where c == UInt8(ascii: "-") || (0x30...0x39).contains(c): return try number()
        default: throw error("a JSON value")
        }
    }

    mutating func literal(_ word: String) throws {
        for byte in word.utf8 {
            guard current == byte else { throw error("'\(word)'") }
            position += 1
        }
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws {
        skipWhitespace()
        guard current == byte else { throw error(what) }
        position += 1
    }

    mutating func object(depth: Int) throws -> JSONValue {
        position += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("a string key") }
            let key = try string()
            guard members[key] == nil else { throw error("no duplicate key \"\(key)\"") }
            try expect(UInt8(ascii: ":"), "':'")
            members[key] = try value(depth: depth + 1)
            skipWhitespace()
            if current == UInt8(ascii: ",") { position += 1; continue }
            try expect(UInt8(ascii: "}"), "',' or '}'")
            return .object(members)
        }
    }

    mutating func array(depth: Int) throws -> JSONValue {
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { position += 1; return .array(items) }
        while true {
            items.append(try value(depth: depth + 1))
            skipWhitespace()
            if current == UInt8(ascii: ",") { position += 1; continue }
            try expect(UInt8(ascii: "]"), "',' or ']'")
            return .array(items)
        }
    }

    mutating func string() throws -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush() { scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars); run = [] }
        while let c = current {
            switch c {
            case UInt8(ascii: "\""):
                position += 1
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                position += 1
                scalars.append(try escape())
            case 0..<0x20:
                throw error("no control character inside a string")
            default:
                run.append(c)
                position += 1
            }
        }
        throw error("a closing '\"'")
    }

    mutating func escape() throws -> Unicode.Scalar {
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
            return Unicode.Scalar(high) ?? "\u{FFFD}"
        default:
            position -= 1
            throw error("one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
        }
    }

    mutating func hex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let c = current, let digit = hexDigit(c) else { throw error("four hexadecimal digits") }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    func hexDigit(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: UInt32(c - 0x30)
        case 0x41...0x46: UInt32(c - 0x41 + 10)
        case 0x61...0x66: UInt32(c - 0x61 + 10)
        default: nil
        }
    }

    mutating func number() throws -> JSONValue {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        guard let first = current, (0x30...0x39).contains(first) else { throw error("a digit") }
        if first == 0x30 { position += 1 } else { digits() }
        if current == UInt8(ascii: ".") {
            position += 1
            guard let c = current, (0x30...0x39).contains(c) else { throw error("a digit after '.'") }
            digits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard let c = current, (0x30...0x39).contains(c) else { throw error("a digit in the exponent") }
            digits()
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(text) else { throw error("a number") }
        return .number(value, text: text)
    }

    mutating func digits() {
        while let c = current, (0x30...0x39).contains(c) { position += 1 }
    }
}
