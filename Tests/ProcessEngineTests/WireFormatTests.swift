import Testing
import Engines
import NetworkModel

struct WireFormatTests {
    @Test func requestLineIsCompactSortedAndRoundTrips() {
        let line = EngineWireFormat.requestLine(exampleRequest(id: 17))
        #expect(line == """
            {"activation":"sigmoid","id":17,"inputs":{"x00":0.25,"x01":-1.5},"network":"seed",\
            "params":{"b10":-0.3,"b11":0.5,"b20[0]":0.0625,"b20[1]":-2.5,"w10":0.1,"w11":2,\
            "w20[0]":-1.25,"w20[1]":0.75}}

            """)
    }

    @Test(arguments: [0.1, -0.0, 0.0, .leastNonzeroMagnitude, -1.7976931348623157e308, 1e-5, 1e21, 1.0 / 3.0, 123456789012345680])
    func numbersReadBackExactly(_ value: Double) throws {
        let json = EngineWireFormat.number(value)
        let parsed = try JSONValue.parse(json.serialized)
        guard case .number(let back, _) = parsed else { Issue.record("\(json.serialized) is not a number"); return }
        #expect(back.bitPattern == value.bitPattern, "\(json.serialized)")
    }

    @Test func nonFiniteValuesAreStrings() {
        #expect(EngineWireFormat.number(.nan) == .string("nan"))
        #expect(EngineWireFormat.number(.infinity) == .string("inf"))
        #expect(EngineWireFormat.number(-.infinity) == .string("-inf"))
        #expect(EngineWireFormat.number(-0.0).serialized == "-0.0")
    }

    /// `"gradient":{…}` with all eight partials (1…8), some replaced by JSON text.
    static func gradient(_ replacements: [String: String] = [:]) -> String {
        let names = ["w10", "b10", "w11", "b11", "w20[0]", "w20[1]", "b20[0]", "b20[1]"]
        return #""gradient":{"# + names.enumerated().map { index, name in
            "\"\(name)\":\(replacements[name] ?? String(index + 1))"
        }.joined(separator: ",") + "}"
    }

    @Test func answerIsDecoded() {
        let line = #"{"id":17,"y":0.5,"# + Self.gradient(["w10": #""nan""#, "b10": #""-inf""#]) + "}"
        guard case .answer(let result) = EngineWireFormat.decode(line, for: exampleRequest(id: 17)) else {
            Issue.record("not an answer: \(EngineWireFormat.decode(line, for: exampleRequest(id: 17)))")
            return
        }
        #expect(result.y == 0.5)
        #expect(result.gradient["w10"]!.isNaN)
        #expect(result.gradient["b10"] == -.infinity)
        #expect(result.gradient["b20[1]"] == 8)
    }

    /// (response line, outcome class, kind, a text the message must contain)
    static let faults: [(String, String, String, String)] = [
        ("hello", "desynchronized", "malformed-response", "1:1"),
        (#"{"id":17,"y":1"#, "desynchronized", "malformed-response", "1:15"),
        ("[1,2]", "desynchronized", "malformed-response", "not a JSON object"),
        (#"{"y":1}"#, "desynchronized", "wrong-id", "no id"),
        (#"{"id":16,"y":1}"#, "desynchronized", "wrong-id", "id 16, expected 17"),
        (#"{"id":"17","y":1}"#, "desynchronized", "wrong-id", #"id is "17""#),
        (#"{"id":17,"error":"division by zero"}"#, "refusal", "engine-error", "division by zero"),
        (#"{"id":17}"#, "refusal", "missing-value", "neither y nor error"),
        (#"{"id":17,"y":"abc","# + gradient() + "}", "refusal", "not-a-number", "y is \"abc\""),
        (#"{"id":17,"y":1}"#, "refusal", "missing-partial", "w10, b10"),
        (#"{"id":17,"y":1,"gradient":{"w10":1}}"#, "refusal", "missing-partial", "b10, w11, b11, w20[0]"),
        (#"{"id":17,"y":1,"gradient":[1]}"#, "refusal", "malformed-response", "not an object"),
        (#"{"id":17,"y":1,"# + gradient(["w11": "null"]) + "}", "refusal", "not-a-number", "∂y/∂w11 is null"),
        (#"{"id":17,"y":1,"# + gradient(["b20[1]": #""NaN""#]) + "}", "refusal", "not-a-number", "b20[1]"),
    ]

    @Test(arguments: faults)
    func faultyResponseIsClassified(_ line: String, _ outcome: String, _ kind: String, _ mention: String) {
        let decoded = EngineWireFormat.decode(line, for: exampleRequest(id: 17))
        let error: EngineError
        switch decoded {
        case .answer: Issue.record("\(line) was accepted"); return
        case .refusal(let e): #expect(outcome == "refusal", "\(line)"); error = e
        case .desynchronized(let e): #expect(outcome == "desynchronized", "\(line)"); error = e
        }
        guard case .fault(let k, let message) = error else { Issue.record("\(error)"); return }
        #expect(k.rawValue == kind, "\(line): \(message)")
        #expect(message.hasPrefix("case 17: "), "\(message)")
        #expect(message.contains(mention), "\(message)")
    }

    @Test func unsupportedReplyIsACapability() {
        let decoded = EngineWireFormat.decode(#"{"id":17,"error":"unsupported activation gelu"}"#,
                                              for: exampleRequest(id: 17))
        #expect(decoded == .refusal(.unsupported(.activation(.gelu))))
    }

    /// (an engine's refusal text, the capability, its key in reports)
    static let refusals: [(String, EngineError.Capability, String)] = [
        ("unsupported activation gelu", .activation(.gelu), "activation gelu"),
        ("unsupported: activation tanh", .activation(.tanh), "activation tanh"),
        ("activation relu", .activation(.relu), "activation relu"),
        ("unsupported network dense-2-1", .network("dense-2-1"), "network dense-2-1"),
        ("unsupported activation swish", .other("activation swish"), "activation swish"),
        ("unsupported activation gelu (no erf here)", .other("activation gelu (no erf here)"),
         "activation gelu (no erf here)"),
        ("unsupported float16", .other("float16"), "float16"),
        ("unsupported", .other("unsupported"), "unsupported"),
    ]

    @Test(arguments: refusals)
    func refusalTextIsReadAsACapability(_ text: String, _ capability: EngineError.Capability, _ key: String) {
        #expect(EngineError.Capability(refusal: text) == capability)
        #expect(capability.key == key)
    }

    @Test func faultKindsAreSpelledAsDocumented() {
        let kinds: [EngineError.FaultKind] = [.exited, .crashed, .timeout, .malformedResponse, .wrongID,
                                              .oversizedResponse, .missingValue, .missingPartial, .notANumber,
                                              .engineError, .gaveUp, .launchFailed, .shutDown, .error]
        #expect(kinds.map(\.rawValue) == ["exited", "crashed", "timeout", "malformed-response", "wrong-id",
                                          "oversized-response", "missing-value", "missing-partial", "not-a-number",
                                          "engine-error", "gave-up", "launch-failed", "shut-down", "error"])
        #expect(EngineError.fault(kind: .wrongID, message: "case 3: …").description == "wrong-id: case 3: …")
    }
}
