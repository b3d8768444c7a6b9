import Testing
import Foundation
import Engines
import NetworkModel

/// Requests and responses of `backprop-engine/2`, without a process.
struct WireFormatV2Tests {
    /// 2 inputs, 2 tanh units, 1 identity output, logistic loss.
    static let small = try! Network.dense(widths: [2, 2, 1], activations: [.fixed(.tanh), .fixed(.identity)],
                                          loss: .logistic)

    static func smallRequest(id: Int = 7) -> EngineRequest {
        // Parameters in the network's order: W1[0,0], W1[0,1], W1[1,0], W1[1,1], b1[0], b1[1], W2[0,0], W2[0,1], b2[0].
        EngineRequest(id: id, network: small, networkCase: NetworkCase(
            activation: .sigmoid, inputs: [0.5, -1], parameters: [0.1, 0.2, 0.3, 0.4, -0.0, .leastNonzeroMagnitude, 1, 2, 3],
            targets: [1]))
    }

    @Test func layerStackTravelsInTensors() {
        #expect(EngineWireFormat.networkForm(of: Self.small) == .layers)
        #expect(EngineWireFormat.requestLineV2(Self.smallRequest()) == """
            {"id":7,"inputs":{"t":1,"x":[0.5,-1]},\
            "network":{"layers":[{"activation":"tanh","in":2,"out":2},{"activation":"identity","in":2,"out":1}],"loss":"logistic"},\
            "params":{"W1":[[0.1,0.2],[0.3,0.4]],"W2":[[1,2]],"b1":[-0.0,5e-324],"b2":[3]}}

            """)
    }

    @Test func batchLineSharesTheNetwork() {
        let line = EngineWireFormat.batchRequestLine([Self.smallRequest(id: 3), Self.smallRequest(id: 4)])
        let single = #"{"id":ID,"inputs":{"t":1,"x":[0.5,-1]},"params":{"W1":[[0.1,0.2],[0.3,0.4]],"W2":[[1,2]],"b1":[-0.0,5e-324],"b2":[3]}}"#
        #expect(line == #"{"batch":["# + single.replacingOccurrences(of: "ID", with: "3") + ","
                + single.replacingOccurrences(of: "ID", with: "4") + #"],"network":"#
                + EngineWireFormat.networkJSON(Self.small) + "}\n")
    }

    @Test func genericLayersCarryTheCasesActivationAndTargetsTheirShape() throws {
        let mse = try Network.dense(spec: "2-3-2/generic,identity/mse")
        let request = EngineRequest(id: 1, network: mse, networkCase: NetworkCase(
            activation: .gelu, inputs: [1, 2], parameters: Array(repeating: 0.5, count: mse.parameters.count),
            targets: [0.25, -4]))
        let line = EngineWireFormat.requestLineV2(request)
        #expect(line.hasPrefix(#"{"activation":"gelu","id":1,"inputs":{"t":[0.25,-4],"x":[1,2]},"#), "\(line)")
        #expect(line.contains(#"{"activation":"generic","in":2,"out":3}"#), "\(line)")
        let softmax = try Network.dense(spec: "2-3/identity/softmax-ce")
        let classRequest = EngineRequest(id: 2, network: softmax, networkCase: NetworkCase(
            activation: .tanh, inputs: [1, 2], parameters: Array(repeating: 0, count: softmax.parameters.count),
            targets: [2]))
        #expect(EngineWireFormat.requestLineV2(classRequest).hasPrefix(#"{"id":2,"inputs":{"t":2,"x":[1,2]},"#))
    }

    /// The network a `/2` request carries reads back, through the kit's own
    /// network-file reader, as the network it was made from.
    @Test(arguments: ["seed", "dense:3-4-2/tanh,identity/softmax-ce", "dense:4-3-1/generic",
                      "Fixtures/networks/skip-tied.json", "Fixtures/networks/dense-mse-3-4-2.json"])
    func networkReadsBack(_ name: String) throws {
        let network = try Network.named(name.hasPrefix("Fixtures/") ? Examples.root + "/" + name : name)
        let text = EngineWireFormat.networkJSON(network)
        let back = try NetworkFile.parse(Data(text.utf8))
        #expect(back.inputs == network.inputs)
        #expect(back.parameters == network.parameters)
        #expect(back.units == network.units)
        #expect(back.objective == network.objective)
        let form = EngineWireFormat.networkForm(of: network)
        #expect(form == (network.parameterGroups.isEmpty ? .file : .layers), "\(text)")
        if form == .file { #expect(back.name == network.name) }
    }

    @Test func seedTravelsAsANetworkFileWithScalarNames() {
        let line = EngineWireFormat.requestLineV2(exampleRequest(id: 17))
        #expect(line.hasPrefix(#"{"activation":"sigmoid","id":17,"inputs":{"x00":0.25,"x01":-1.5},"network":{"inputs":["x00","x01"],"name":"seed","#),
                "\(line)")
        #expect(line.hasSuffix(#""params":{"b10":-0.3,"b11":0.5,"b20[0]":0.0625,"b20[1]":-2.5,"w10":0.1,"w11":2,"w20[0]":-1.25,"w20[1]":0.75}}"# + "\n"))
        #expect(EngineWireFormat.networkForm(of: .seed) == .file)
    }

    // MARK: Responses

    static let tensors = #""gradient":{"W1":[[1,2],[3,4]],"W2":[[5,6]],"b1":[7,"-inf"],"b2":["nan"]}"#

    @Test func tensorAnswerIsReadByScalarName() {
        let decoded = EngineWireFormat.decodeV2(#"{"id":7,"y":0.5,"# + Self.tensors + "}", for: Self.smallRequest())
        guard case .answer(let result) = decoded else { Issue.record("\(decoded)"); return }
        #expect(result.objective == 0.5)
        #expect(result.gradient["W1[1,0]"] == 3)
        #expect(result.gradient["W2[0,1]"] == 6)
        #expect(result.gradient["b1[1]"] == -.infinity)
        #expect(result.gradient["b2[0]"]!.isNaN)
        #expect(result.gradient.count == Self.small.parameters.count)
    }

    /// (gradient JSON, kind, a text the message must contain)
    static let tensorFaults: [(String, String, String)] = [
        (#"{"W1":[[1,2],[3,4]],"b1":[1,2]}"#, "missing-partial", "gradient lacks W2, b2"),
        (#"{"W1":[[1,2]],"W2":[[5,6]],"b1":[1,2],"b2":[1]}"#, "malformed-response", "gradient W1 has 1 rows, expected an array of 2 rows of 2 numbers"),
        (#"{"W1":[[1,2],[3]],"W2":[[5,6]],"b1":[1,2],"b2":[1]}"#, "malformed-response", "gradient W1[1] has 1 entries, expected 2"),
        (#"{"W1":[1,2],"W2":[[5,6]],"b1":[1,2],"b2":[1]}"#, "malformed-response", "gradient W1[0] is 1, expected a row of 2 numbers"),
        (#"{"W1":[[1,2],[3,4]],"W2":[[5,6]],"b1":{"0":1},"b2":[1]}"#, "malformed-response", "gradient b1 is {\"0\":1}, expected an array of 2 numbers"),
        (#"{"W1":[[1,2],["x",4]],"W2":[[5,6]],"b1":[1,2],"b2":[1]}"#, "not-a-number", "∂L/∂W1[1,0] is \"x\", not a number"),
        (#"{"W1":[[1,2],[3,4]],"W2":[[5,6]],"b1":[1,null],"b2":[1]}"#, "not-a-number", "∂L/∂b1[1] is null"),
        (#"[1]"#, "malformed-response", "gradient is [1], not an object"),
    ]

    @Test(arguments: tensorFaults)
    func malformedTensorsAreFaultsNamingTheCaseAndTheTensor(_ gradient: String, _ kind: String, _ mention: String) {
        let decoded = EngineWireFormat.decodeV2(#"{"id":7,"y":1,"gradient":"# + gradient + "}", for: Self.smallRequest())
        guard case .refusal(.fault(let k, let message)) = decoded else { Issue.record("\(decoded)"); return }
        #expect(k.rawValue == kind, "\(message)")
        #expect(message.hasPrefix("case 7: "), "\(message)")
        #expect(message.contains(mention), "\(message)")
    }

    @Test func scalarAnswersAndRefusalsAreReadAsInTheFirstProtocol() {
        let line = #"{"id":17,"y":0.5,"# + WireFormatTests.gradient(["w10": #""nan""#]) + "}"
        guard case .answer(let result) = EngineWireFormat.decodeV2(line, for: exampleRequest(id: 17)) else {
            Issue.record("not an answer"); return
        }
        #expect(result.gradient["b20[1]"] == 8)
        #expect(result.gradient["w10"]!.isNaN)
        #expect(EngineWireFormat.decodeV2(#"{"id":17,"error":"unsupported network seed"}"#, for: exampleRequest(id: 17))
                == .refusal(.unsupported(.network("seed"))))
        guard case .desynchronized(.fault(.wrongID, _)) = EngineWireFormat.decodeV2(#"{"id":16,"y":1}"#, for: exampleRequest(id: 17)) else {
            Issue.record("another id was accepted"); return
        }
    }

    @Test func numbersReadBackExactly() {
        let texts = ["0.1", "-0.0", "5e-324", "-1.7976931348623157e+308", "1e-05", "123456789012345680",
                     "2.2250738585072014e-308", "0.30000000000000004", "1E2", "-0", "1e400", "1e-400"]
        for text in texts {
            let line = #"{"id":7,"y":"# + text + #","# + Self.tensors + "}"
            guard case .answer(let result) = EngineWireFormat.decodeV2(line, for: Self.smallRequest()) else {
                Issue.record("\(text) not read"); continue
            }
            #expect(result.objective.bitPattern == Double(text)!.bitPattern, "\(text)")
        }
    }

    // MARK: Batches

    static func batch(_ answers: [String]) -> String { #"{"batch":["# + answers.joined(separator: ",") + "]}" }
    static func answer(_ id: Int) -> String { #"{"id":\#(id),"y":1,"# + tensors + "}" }

    @Test func batchAnswersAreReadInOrderWithTheirOwnRefusals() {
        let requests = [Self.smallRequest(id: 3), Self.smallRequest(id: 4), Self.smallRequest(id: 5)]
        let line = Self.batch([Self.answer(3), #"{"id":4,"error":"unsupported activation gelu"}"#,
                               #"{"id":5,"y":1,"gradient":{"W1":[[1,2],[3,4]]}}"#])
        let decoded = EngineWireFormat.decodeBatch(line, for: requests)
        #expect(decoded.count == 3)
        guard case .answer = decoded[0] else { Issue.record("\(decoded[0])"); return }
        #expect(decoded[1] == .refusal(.unsupported(.activation(.gelu))))
        guard case .refusal(.fault(.missingPartial, let message)) = decoded[2] else { Issue.record("\(decoded[2])"); return }
        #expect(message == "case 5: gradient lacks b1, W2, b2")
    }

    @Test func oneErrorForTheWholeLineAppliesToEveryCase() {
        let requests = [Self.smallRequest(id: 3), Self.smallRequest(id: 4)]
        let decoded = EngineWireFormat.decodeBatch(#"{"error":"unsupported network dense:2-2-1"}"#, for: requests)
        #expect(decoded == Array(repeating: .refusal(.unsupported(.network("dense:2-2-1"))), count: 2))
    }

    /// (batch response line for ids 3, 4; kind; a text every message must contain)
    static let batchFaults: [(String, String, String)] = [
        ("nonsense", "malformed-response", "not JSON"),
        (#"[1]"#, "malformed-response", "not a JSON object"),
        (#"{"id":3,"y":1}"#, "malformed-response", "no \"batch\" array"),
        (batch([answer(3)]), "malformed-response", "1 answers for a batch of 2 cases"),
        (batch([answer(3), answer(5)]), "wrong-id", "answer 1 of a batch of 2 cases: response has id 5, expected 4"),
        (batch([answer(4), answer(3)]), "wrong-id", "answer 0 of a batch of 2 cases"),
        (batch([answer(3), "7"]), "malformed-response", "answer 1 of a batch of 2 cases is 7, not an object"),
    ]

    @Test(arguments: batchFaults)
    func aLineThatCannotAnswerTheBatchFailsEveryCase(_ line: String, _ kind: String, _ mention: String) {
        let decoded = EngineWireFormat.decodeBatch(line, for: [Self.smallRequest(id: 3), Self.smallRequest(id: 4)])
        #expect(decoded.count == 2)
        for (d, id) in zip(decoded, [3, 4]) {
            guard case .desynchronized(.fault(let k, let message)) = d else { Issue.record("\(d)"); continue }
            #expect(k.rawValue == kind, "\(message)")
            #expect(message.hasPrefix("case \(id): "), "\(message)")
            #expect(message.contains(mention), "\(message)")
        }
    }

    // MARK: Handshake

    /// (line, what it is)
    static let handshakes: [(String, EngineWireFormat.HandshakeReading)] = [
        (#"{"protocol":"backprop-engine/2","batch":64}"#, .handshake(.init(protocolName: "backprop-engine/2", batch: 64))),
        (#"{"protocol":"backprop-engine/2"}"#, .handshake(.init(protocolName: "backprop-engine/2", batch: 1))),
        (#"{"protocol":"backprop-engine/1"}"#, .handshake(.init(protocolName: "backprop-engine/1", batch: 1))),
        (#"{"id":0,"y":1,"gradient":{}}"#, .notAHandshake),
        (#"{"id":0,"protocol":"backprop-engine/2"}"#, .notAHandshake),
        ("hello", .notAHandshake),
        (#"{"protocol":"backprop-engine/3"}"#,
         .invalid(#"the engine declared the protocol "backprop-engine/3"; this kit speaks backprop-engine/1 and backprop-engine/2"#)),
        (#"{"protocol":2}"#, .invalid("the handshake's protocol is 2, not a string")),
        (#"{"protocol":"backprop-engine/2","batch":0}"#,
         .invalid("the handshake's batch is 0, not a whole number of cases from 1 to 1000000")),
        (#"{"protocol":"backprop-engine/2","batch":2.5}"#,
         .invalid("the handshake's batch is 2.5, not a whole number of cases from 1 to 1000000")),
        (#"{"protocol":"backprop-engine/1","batch":8}"#,
         .invalid("backprop-engine/1 has no batches; declare backprop-engine/2 to take 8 cases a line")),
    ]

    @Test(arguments: handshakes)
    func handshakeIsRead(_ line: String, _ reading: EngineWireFormat.HandshakeReading) {
        #expect(EngineWireFormat.readHandshake(line) == reading)
    }
}
