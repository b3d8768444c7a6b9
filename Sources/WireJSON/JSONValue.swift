/// A JSON value as the kit reads it off the wire: numbers keep the text they
/// were written as, objects are dictionaries (a key occurs once).
///
/// ``parse(_:maximumDepth:)`` reads one value strictly, with errors located
/// by line and column; ``serialized`` and ``prettyPrinted`` write one
/// deterministically (keys sorted, numbers as their text).
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number, with the text it was written as (so decimal input keeps
    /// its digits until it is rounded once, and `-0.0` or `7.0` can be told
    /// from `0` or `7`).
    case number(Double, text: String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// A number value written in shortest round-trip form.
    public static func number(_ value: Double) -> JSONValue { .number(value, text: jsonNumberText(value)) }

    /// The member `key` of an object; nil for a missing key or a value that
    /// is not an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// A number, or the strings `"nan"`, `"inf"`, `"-inf"` for non-finite
    /// values (the convention of `backprop-engine/1` and of the reports).
    public static func double(_ value: Double) -> JSONValue {
        if value.isNaN { return .string("nan") }
        if value.isInfinite { return .string(value < 0 ? "-inf" : "inf") }
        return .number(value)
    }
}

/// Where and why JSON text could not be read.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line of the offending character.
    public var line: Int
    /// 1-based column of the offending character, in Unicode scalars.
    public var column: Int
    /// What the reader expected there.
    public var expected: String

    public init(line: Int, column: Int, expected: String) {
        self.line = line
        self.column = column
        self.expected = expected
    }

    public var description: String { "\(line):\(column): expected \(expected)" }
}
