extension JSONValue {
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

    /// Indented JSON text (two spaces, `"key": value`, keys sorted, `[]` and
    /// `{}` for empty containers, trailing newline): the format of the
    /// committed fixture reports, stable byte for byte.
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
}

/// Shortest round-trip decimal for a finite Double (`0.1`, `1e-05`, `2`);
/// JSON has no NaN or ∞.
public func jsonNumberText(_ value: Double) -> String {
    precondition(value.isFinite, "JSON numbers must be finite")
    let text = "\(value)"
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
}

/// A JSON string literal: `"` and `\` escaped, `\n`, `\r`, `\t`, other
/// control characters as `\u00XX`; everything else as it is.
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
