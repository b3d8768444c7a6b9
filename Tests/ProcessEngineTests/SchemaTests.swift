import Testing
import Foundation
import Engines
import NetworkModel

/// The JSON Schemas of `backprop-engine/2` in docs/schemas/ describe what the
/// kit writes and what the example engine answers.
struct SchemaTests {
    static func schema(_ name: String) throws -> JSONValue {
        let path = Examples.root + "/docs/schemas/" + name
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try JSONValue.parse(text)
    }

    static var requestSchema: JSONValue { get throws { try schema("backprop-engine-2.request.schema.json") } }
    static var responseSchema: JSONValue { get throws { try schema("backprop-engine-2.response.schema.json") } }

    /// Requests the kit writes: layer stacks (with and without a loss, generic
    /// or fixed activations, vector targets), the seed and a tied-skip network
    /// as network files, single and batched.
    static func sampleRequestLines() throws -> [String] {
        var lines: [String] = []
        let networks = [try Network.dense(spec: "4-8-1/tanh,identity/logistic"),
                        try Network.dense(spec: "3-5-2/generic,identity/mse"),
                        try Network.dense(spec: "3-4-3/relu,identity/softmax-ce"),
                        try Network.dense(spec: "2-3-1/generic"),
                        Network.seed,
                        try NetworkFile.read(contentsOfFile: Examples.root + "/Fixtures/networks/skip-tied.json")]
        for network in networks {
            let requests = try ProtocolTests.requests(network, 3)
            lines.append(EngineWireFormat.requestLineV2(requests[0]))
            lines.append(EngineWireFormat.batchRequestLine(requests))
        }
        return lines
    }

    @Test func everyRequestTheKitWritesFitsTheRequestSchema() throws {
        let schema = try Self.requestSchema
        for line in try Self.sampleRequestLines() {
            let problems = SchemaValidator(root: schema).problems(of: try JSONValue.parse(line))
            #expect(problems.isEmpty, "\(problems.prefix(3)) in \(line.prefix(300))")
        }
    }

    @Test func theExampleEnginesAnswersFitTheResponseSchema() throws {
        let requestText = try Self.sampleRequestLines().joined()
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("schema-requests-\(getpid()).jsonl")
        try requestText.write(to: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", Examples.pythonEngine + " < " + shellQuoted(input.path)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.count == 1 + 12, "the handshake and one line per request")
        let schema = try Self.responseSchema
        for line in lines {
            let problems = SchemaValidator(root: schema).problems(of: try JSONValue.parse(line))
            #expect(problems.isEmpty, "\(problems.prefix(3)) in \(line.prefix(300))")
            #expect(!line.contains("\"error\""), "\(line.prefix(300))")
            // Ids come back as they were sent: integers, not 7.0.
            let value = try JSONValue.parse(line)
            var answers: [JSONValue] = [value]
            if case .array(let items)? = value["batch"] { answers = items }
            for answer in answers {
                if case .number(_, let text)? = answer["id"] { #expect(!text.contains("."), "id \(text)") }
            }
        }
    }

    /// The schemas reject what they should: the validator is not vacuous.
    @Test(arguments: [
        ("request", #"{"id":1,"network":{"layers":[{"in":2,"out":1,"activation":"tanh"}]},"inputs":{"x":[1,2]}}"#, "params"),
        ("request", #"{"id":1,"network":{"layers":[{"in":2,"out":1,"activation":"cosh"}]},"inputs":{"x":[1,2]},"params":{}}"#, "cosh"),
        ("request", #"{"id":-1,"network":{"layers":[{"in":2,"out":1,"activation":"tanh"}]},"inputs":{"x":[1,2]},"params":{}}"#, "minimum"),
        ("request", #"{"batch":[],"network":{"layers":[{"in":2,"out":1,"activation":"tanh"}]}}"#, "minItems"),
        ("request", #"{"id":1,"network":"seed","inputs":{},"params":{}}"#, "oneOf"),
        ("response", #"{"id":1,"y":"NaN","gradient":{}}"#, "oneOf"),
        ("response", #"{"id":1,"y":1,"gradient":{"W1":[["x"]]}}"#, "oneOf"),
        ("response", #"{"protocol":"backprop-engine/2","batch":0}"#, "oneOf"),
        ("response", #"{"batch":[{"id":1}]}"#, "oneOf"),
    ])
    func schemasRejectMalformedLines(_ which: String, _ line: String, _ mention: String) throws {
        let schema = which == "request" ? try Self.requestSchema : try Self.responseSchema
        let problems = SchemaValidator(root: schema).problems(of: try JSONValue.parse(line))
        #expect(!problems.isEmpty, "\(line) was accepted")
        #expect(problems.joined(separator: "; ").contains(mention), "\(problems)")
    }
}

/// The part of JSON Schema 2020-12 the protocol's schemas use: `$ref` to
/// `#/$defs/…`, `type`, `enum`, `const`, `required`, `properties`,
/// `additionalProperties`, `items`, `minItems`, `minimum`, `maximum`,
/// `oneOf`, `anyOf`, `not`. Annotations (`description`, `title`) are ignored.
struct SchemaValidator {
    let root: JSONValue

    func problems(of value: JSONValue) -> [String] { problems(value, root, at: "$") }

    private func problems(_ value: JSONValue, _ schema: JSONValue, at path: String) -> [String] {
        guard case .object(let s) = schema else { return schema == .bool(false) ? ["\(path): false schema"] : [] }
        var found: [String] = []
        if case .string(let ref)? = s["$ref"] {
            guard ref.hasPrefix("#/$defs/"), let target = root["$defs"]?[String(ref.dropFirst("#/$defs/".count))] else {
                return ["\(path): unresolvable $ref \(ref)"]
            }
            found += problems(value, target, at: path)
        }
        if case .string(let type)? = s["type"], !Self.has(value, type: type) {
            found.append("\(path): expected type \(type), got \(value.serialized.prefix(40))")
        }
        if case .array(let options)? = s["enum"], !options.contains(where: { Self.same($0, value) }) {
            found.append("\(path): \(value.serialized.prefix(40)) not in enum")
        }
        if let constant = s["const"], !Self.same(constant, value) {
            found.append("\(path): expected const \(constant.serialized)")
        }
        if case .number(let minimum, _)? = s["minimum"], case .number(let n, _) = value, n < minimum {
            found.append("\(path): \(n) below minimum \(minimum)")
        }
        if case .number(let maximum, _)? = s["maximum"], case .number(let n, _) = value, n > maximum {
            found.append("\(path): \(n) above maximum \(maximum)")
        }
        if case .object(let members) = value {
            if case .array(let required)? = s["required"] {
                for case .string(let key) in required where members[key] == nil {
                    found.append("\(path): missing required \(key)")
                }
            }
            var properties: [String: JSONValue] = [:]
            if case .object(let p)? = s["properties"] { properties = p }
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                if let sub = properties[key] {
                    found += problems(member, sub, at: "\(path).\(key)")
                } else if let additional = s["additionalProperties"] {
                    found += additional == .bool(false) ? ["\(path): additional property \(key)"]
                        : problems(member, additional, at: "\(path).\(key)")
                }
            }
        }
        if case .array(let items) = value {
            if case .number(let least, _)? = s["minItems"], Double(items.count) < least {
                found.append("\(path): fewer than minItems \(Int(least))")
            }
            if let itemSchema = s["items"] {
                for (k, item) in items.enumerated() { found += problems(item, itemSchema, at: "\(path)[\(k)]") }
            }
        }
        if case .array(let options)? = s["oneOf"] {
            let results = options.map { problems(value, $0, at: path) }
            let matches = results.filter(\.isEmpty).count
            if matches != 1 {
                found.append("\(path): matches \(matches) of oneOf (" + results.map { $0.first ?? "ok" }.joined(separator: " | ") + ")")
            }
        }
        if case .array(let options)? = s["anyOf"], !options.contains(where: { problems(value, $0, at: path).isEmpty }) {
            found.append("\(path): matches none of anyOf")
        }
        if let negated = s["not"], problems(value, negated, at: path).isEmpty {
            found.append("\(path): matches a schema under not")
        }
        return found
    }

    static func has(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null),
             ("number", .number): true
        case ("integer", .number(let n, _)): n.rounded() == n
        default: false
        }
    }

    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if case .number(let x, _) = a, case .number(let y, _) = b { return x == y }
        return a == b
    }
}
