import NetworkModel
import WireJSON

/// The `backprop-engine/1` wire format: one JSON object per line each way.
///
/// Request (the kit writes it, keys sorted, numbers in shortest round-trip
/// form, `-0.0` for negative zero, `"nan"`/`"inf"`/`"-inf"` for non-finite
/// values):
///
///     {"activation":"sigmoid","id":17,"inputs":{"x00":0.25,…},"network":"seed","params":{"b10":-0.3,…}}
///
/// Response (the engine writes it):
///
///     {"id":17,"y":0.62,"gradient":{"w10":0.01,…}}     or     {"id":17,"error":"…"}
///
/// See `docs/engines.md` for the full protocol.
public enum EngineWireFormat {
    /// The protocol's name and version.
    public static let protocolName = "backprop-engine/1"

    /// The request as one line of JSON, newline included.
    public static func requestLine(_ request: EngineRequest) -> String {
        func values(_ names: [String], _ values: [Double]) -> JSONValue {
            .object(Dictionary(zip(names, values.map(number)), uniquingKeysWith: { first, _ in first }))
        }
        let object: JSONValue = .object([
            "id": .number(Double(request.id), text: String(request.id)),
            "network": .string(request.network.name),
            "activation": .string(request.activation.rawValue),
            "inputs": values(request.network.inputs, request.networkCase.inputs),
            "params": values(request.network.parameters, request.networkCase.parameters),
        ])
        return object.serialized + "\n"
    }

    /// A binary64 value as JSON: a number that reads back to the same value
    /// (negative zero keeps its sign as `-0.0`), or one of the strings `nan`,
    /// `inf`, `-inf`.
    public static func number(_ value: Double) -> JSONValue {
        if value.isNaN { return .string("nan") }
        if value.isInfinite { return .string(value < 0 ? "-inf" : "inf") }
        if value == 0 && value.sign == .minus { return .number(value, text: "-0.0") }
        return .number(value)
    }

    /// What a response line means for the request it answers.
    public enum Decoded: Sendable, Hashable {
        /// A complete answer.
        case answer(EngineResult)
        /// A well-formed response for this request that is not an answer
        /// (an `error` reply, a missing or non-numeric value): the engine is
        /// still in step with the kit.
        case refusal(EngineError)
        /// The line cannot be the answer to this request (not JSON, not an
        /// object, another id): the kit can no longer trust what comes next
        /// from this process.
        case desynchronized(EngineError)
    }

    /// Interprets one response line (without its newline) as the answer to
    /// `request`.
    public static func decode(_ line: String, for request: EngineRequest) -> Decoded {
        let id = request.id
        func fault(_ kind: EngineError.FaultKind, _ message: String) -> EngineError {
            .fault(kind: kind, message: "case \(id): \(message)")
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(line)
        } catch {
            return .desynchronized(fault(.malformedResponse,
                                         "response is not JSON (\(error)): \(excerpt(line, at: error.column))"))
        }
        guard case .object(let members) = value else {
            return .desynchronized(fault(.malformedResponse, "response is not a JSON object: \(excerpt(line))"))
        }
        switch members["id"] {
        case .number(let n, let text)?:
            guard n == Double(id), n.rounded() == n else {
                return .desynchronized(fault(.wrongID, "response has id \(text), expected \(id)"))
            }
        case nil:
            return .desynchronized(fault(.wrongID, "response has no id, expected \(id)"))
        case let other?:
            return .desynchronized(fault(.wrongID, "response id is \(other.serialized), expected the number \(id)"))
        }
        if let error = members["error"] {
            let text: String
            if case .string(let s) = error { text = s } else { text = error.serialized }
            if text.hasPrefix("unsupported") { return .refusal(.unsupported(EngineError.Capability(refusal: text))) }
            return .refusal(fault(.engineError, "engine reported an error: \(text)"))
        }
        guard let yValue = members["y"] else {
            return .refusal(fault(.missingValue, "response has neither y nor error"))
        }
        guard let y = double(yValue) else {
            return .refusal(fault(.notANumber, "y is \(yValue.serialized), not a number"))
        }
        guard let gradientValue = members["gradient"] else {
            return .refusal(fault(.missingPartial, "response has no gradient (missing all of "
                                  + request.network.parameters.joined(separator: ", ") + ")"))
        }
        guard case .object(let partials) = gradientValue else {
            return .refusal(fault(.malformedResponse,
                                  "gradient is \(abbreviated(gradientValue.serialized)), not an object"))
        }
        let missing = request.network.parameters.filter { partials[$0] == nil }
        if !missing.isEmpty {
            return .refusal(fault(.missingPartial, "gradient lacks " + missing.joined(separator: ", ")))
        }
        var gradient: [String: Double] = [:]
        for name in request.network.parameters {
            let partial = partials[name]!
            guard let d = double(partial) else {
                return .refusal(fault(.notANumber,
                                      "∂y/∂\(name) is \(abbreviated(partial.serialized)), not a number"))
            }
            gradient[name] = d
        }
        return .answer(EngineResult(y: y, gradient: gradient))
    }

    /// A JSON number, or one of the strings `nan`, `inf`, `-inf`.
    static func double(_ value: JSONValue) -> Double? {
        switch value {
        case .number(let d, _): d
        case .string("nan"): .nan
        case .string("inf"): .infinity
        case .string("-inf"): -.infinity
        default: nil
        }
    }

    /// Up to 80 characters of `line` around `column` (1-based), for messages.
    static func excerpt(_ line: String, at column: Int = 1) -> String {
        let characters = Array(line)
        let start = max(0, min(column - 1, characters.count) - 40)
        let end = min(characters.count, start + 80)
        let body = String(characters[start..<end])
        return (start > 0 ? "…" : "") + jsonQuoted(body) + (end < characters.count ? "…" : "")
    }

    static func abbreviated(_ text: String) -> String {
        text.count <= 80 ? text : String(text.prefix(80)) + "…"
    }
}
