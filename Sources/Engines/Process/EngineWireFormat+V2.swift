import NetworkModel
import WireJSON

/// The `backprop-engine/2` wire format: every request carries its network,
/// so an engine needs no state, and a layer stack travels in tensors.
///
/// The engine declares `/2` with a handshake, its first line:
///
///     {"protocol":"backprop-engine/2","batch":256}
///
/// A layer stack (`Network.dense(widths:activations:loss:)`) is sent in
/// tensors, `W_l` of shape [out][in] like `nn.Linear.weight`:
///
///     {"id":7,"inputs":{"t":1,"x":[0.5,-1,2,0.25]},
///      "network":{"layers":[{"activation":"tanh","in":4,"out":8},{"activation":"identity","in":8,"out":1}],"loss":"logistic"},
///      "params":{"W1":[[…4…],…8 rows…],"W2":[[…8…]],"b1":[…8…],"b2":[…1…]}}
///
/// answered by `{"id":7,"y":…,"gradient":{"W1":[[…]],"W2":[[…]],"b1":[…],"b2":[…]}}`.
/// Any other network (the seed, skip connections, tied weights) is sent as
/// its network file (docs/networks.md) with every value by its scalar name.
/// An engine that declared `"batch":N` with N > 1 gets up to N cases per
/// line, `{"batch":[{"id":…,"inputs":…,"params":…},…],"network":…}`, and
/// answers `{"batch":[{"id":…,"y":…,"gradient":…},…]}` in the same order.
///
/// See `docs/engines.md` and the JSON Schemas in `docs/`.
extension EngineWireFormat {
    /// The name and version of the second protocol.
    public static let protocolNameV2 = "backprop-engine/2"

    /// How a network travels in `backprop-engine/2`.
    public enum NetworkForm: String, Sendable, Hashable {
        /// A stack of dense layers, `{"layers":[…],"loss":…}`; inputs `x` and
        /// targets `t` as arrays, parameters and gradient as tensors.
        case layers
        /// The network file of docs/networks.md; inputs, targets, parameters
        /// and gradient as objects of scalars by name.
        case file
    }

    /// The form `network` is sent in.
    public static func networkForm(of network: Network) -> NetworkForm { WireNetwork(network).form }

    /// The network as `/2` sends it: a layer stack or a network file.
    public static func networkJSON(_ network: Network) -> String { WireNetwork(network).text }

    /// A `/2` request for one case, as one line of JSON, newline included.
    public static func requestLineV2(_ request: EngineRequest) -> String {
        WireNetwork(request.network).requestLine(request)
    }

    /// A `/2` batch request, as one line of JSON, newline included. Every
    /// request must be about the same network.
    public static func batchRequestLine(_ requests: [EngineRequest]) -> String {
        precondition(!requests.isEmpty, "a batch holds at least one request")
        return WireNetwork(requests[0].network).batchLine(requests)
    }

    /// Interprets one `/2` response line as the answer to `request`.
    public static func decodeV2(_ line: String, for request: EngineRequest) -> Decoded {
        WireNetwork(request.network).decode(line, for: request)
    }

    /// Interprets one `/2` batch response line as the answers to `requests`,
    /// one ``Decoded`` per request, in order. A line that cannot answer the
    /// batch (not JSON, not `{"batch":[…]}` with one answer per case, an
    /// answer with another id) is ``Decoded/desynchronized(_:)`` for every
    /// request.
    public static func decodeBatch(_ line: String, for requests: [EngineRequest]) -> [Decoded] {
        guard let first = requests.first else { return [] }
        return WireNetwork(first.network).decodeBatch(line, for: requests)
    }

    // MARK: Handshake

    /// What an engine declared in its handshake line.
    public struct Handshake: Sendable, Hashable {
        /// `backprop-engine/1` or `backprop-engine/2`.
        public var protocolName: String
        /// How many cases the engine takes in one request line (1: single
        /// requests only).
        public var batch: Int

        public init(protocolName: String, batch: Int = 1) {
            self.protocolName = protocolName
            self.batch = batch
        }
    }

    /// What a line read as a possible handshake turned out to be.
    public enum HandshakeReading: Sendable, Hashable {
        /// A well-formed handshake declaring a protocol this kit speaks.
        case handshake(Handshake)
        /// A line that is not a handshake (no `protocol` key, or an `id`).
        case notAHandshake
        /// A handshake the kit cannot accept, and why.
        case invalid(String)
    }

    /// Reads `line` as a handshake: a JSON object with a `protocol` key and
    /// no `id`, e.g. `{"protocol":"backprop-engine/2","batch":64}`.
    public static func readHandshake(_ line: String) -> HandshakeReading {
        guard let value = try? JSONValue.parse(line), case .object(let members) = value,
              members["id"] == nil, let declared = members["protocol"] else { return .notAHandshake }
        guard case .string(let name) = declared else {
            return .invalid("the handshake's protocol is \(abbreviated(declared.serialized)), not a string")
        }
        guard name == protocolName || name == protocolNameV2 else {
            return .invalid("the engine declared the protocol \(jsonQuoted(name)); this kit speaks "
                            + "\(protocolName) and \(protocolNameV2)")
        }
        var batch = 1
        if let value = members["batch"] {
            guard case .number(let n, _) = value, n.rounded() == n, n >= 1, n <= 1_000_000 else {
                return .invalid("the handshake's batch is \(abbreviated(value.serialized)), "
                                + "not a whole number of cases from 1 to 1000000")
            }
            batch = Int(n)
        }
        if name == protocolName && batch != 1 {
            return .invalid("\(protocolName) has no batches; declare \(protocolNameV2) to take \(batch) cases a line")
        }
        return .handshake(Handshake(protocolName: name, batch: batch))
    }
}

/// One network as `backprop-engine/2` sends it, worked out once: its form,
/// its JSON text, and how parameters map onto tensors.
struct WireNetwork: Sendable {
    /// One weight or bias tensor of a layer stack.
    struct Tensor: Sendable {
        let name: String
        /// [out, in] or [out].
        let shape: [Int]
        /// Parameter indices, row-major.
        let indices: [Int]
    }

    let network: Network
    let form: EngineWireFormat.NetworkForm
    /// The network's JSON, compact, keys sorted.
    let text: String
    /// Tensors in the order their keys sort (`W1`, `W2`, …, `b1`, …); layer stacks only.
    let tensors: [Tensor]
    /// Parameter indices in the order their names sort; network files only.
    let sortedParameters: [Int]
    /// Input indices in the order their names sort; network files only.
    let sortedInputs: [Int]
    let targetNames: [String]
    /// Whether requests carry the case's `activation` (some unit is generic).
    let sendsActivation: Bool

    init(_ network: Network) {
        self.network = network
        targetNames = network.targets
        sendsActivation = network.hasGenericUnits
        if let stack = Self.layerStack(network) {
            form = .layers
            text = stack
            tensors = network.parameterGroups.map { Tensor(name: $0.name, shape: $0.shape, indices: $0.indices) }
                .sorted { $0.name < $1.name }
            sortedParameters = []
            sortedInputs = []
        } else {
            form = .file
            text = Self.text(NetworkFile(describing: network))
            tensors = []
            sortedParameters = network.parameters.indices.sorted { network.parameters[$0] < network.parameters[$1] }
            sortedInputs = network.inputs.indices.sorted { network.inputs[$0] < network.inputs[$1] }
        }
    }

    // MARK: The network

    /// `{"layers":[…],"loss":…}` when `network` is exactly the dense stack
    /// `Network.dense(widths:activations:loss:)` builds (whatever its name).
    static func layerStack(_ network: Network) -> String? {
        let groups = network.parameterGroups
        guard groups.count >= 2, groups.count.isMultiple(of: 2) else { return nil }
        var widths: [Int] = []
        for l in 0..<(groups.count / 2) {
            let (w, b) = (groups[2 * l], groups[2 * l + 1])
            guard w.name == "W\(l + 1)", b.name == "b\(l + 1)", w.shape.count == 2, b.shape == [w.shape[0]] else {
                return nil
            }
            if l == 0 { widths.append(w.shape[1]) } else if widths.last != w.shape[1] { return nil }
            widths.append(w.shape[0])
        }
        guard network.units.count == widths.dropFirst().reduce(0, +) else { return nil }
        var activations: [UnitActivation] = []
        var start = 0
        for width in widths.dropFirst() {
            activations.append(network.units[start].activation)
            start += width
        }
        let loss: Loss?
        switch network.objective {
        case .unit(_, let name):
            guard name == "y" else { return nil }
            loss = nil
        case .loss(let l, _, let name):
            guard name == "L" else { return nil }
            loss = l
        }
        guard let stack = try? Network.dense(widths: widths, activations: activations, loss: loss),
              stack.inputs == network.inputs, stack.parameters == network.parameters, stack.units == network.units,
              stack.objective == network.objective, stack.parameterGroups == network.parameterGroups else { return nil }
        return text(NetworkFile(widths: widths, activations: activations, loss: loss))
    }

    /// `file` as compact JSON, keys sorted: JSONEncoder's encoding of the
    /// network file, written by `WireJSON` (so a name's control characters
    /// are escaped as every other JSON the kit writes escapes them).
    static func text(_ file: NetworkFile) -> String {
        do {
            return try JSONValue(encoding: file).serialized
        } catch {
            preconditionFailure("a network file holds only strings and integers, which always encode: \(error)")
        }
    }

    // MARK: Requests

    func requestLine(_ request: EngineRequest) -> String {
        var line = "{"
        appendCase(request, to: &line, separator: ",\"network\":" + text + ",")
        line += "}\n"
        return line
    }

    func batchLine(_ requests: [EngineRequest]) -> String {
        var line = "{\"batch\":["
        for (k, request) in requests.enumerated() {
            if k > 0 { line += "," }
            line += "{"
            appendCase(request, to: &line, separator: ",")
            line += "}"
        }
        line += "],\"network\":" + text + "}\n"
        return line
    }

    /// The members of one case, keys sorted: activation, id, inputs,
    /// (`separator`, where the single form puts the network), params.
    private func appendCase(_ request: EngineRequest, to line: inout String, separator: String) {
        let c = request.networkCase
        if sendsActivation { line += "\"activation\":" + jsonQuoted(c.activation.rawValue) + "," }
        line += "\"id\":" + String(request.id) + ",\"inputs\":{"
        switch form {
        case .layers:
            if !c.targets.isEmpty {
                line += "\"t\":"
                if case .loss(.mse, let outputs, _) = network.objective, outputs.count > 1 {
                    Self.appendArray(c.targets, to: &line)
                } else {
                    Self.append(c.targets[0], to: &line)
                }
                line += ","
            }
            line += "\"x\":"
            Self.appendArray(c.inputs, to: &line)
            line += "}" + separator + "\"params\":{"
            for (k, tensor) in tensors.enumerated() {
                if k > 0 { line += "," }
                line += jsonQuoted(tensor.name) + ":"
                appendTensor(tensor, values: c.parameters, to: &line)
            }
        case .file:
            var scalars: [(String, Double)] = sortedInputs.map { (network.inputs[$0], c.inputs[$0]) }
            scalars += zip(targetNames, c.targets).map { ($0, $1) }
            scalars.sort { $0.0 < $1.0 }
            for (k, (name, value)) in scalars.enumerated() {
                if k > 0 { line += "," }
                line += jsonQuoted(name) + ":"
                Self.append(value, to: &line)
            }
            line += "}" + separator + "\"params\":{"
            for (k, p) in sortedParameters.enumerated() {
                if k > 0 { line += "," }
                line += jsonQuoted(network.parameters[p]) + ":"
                Self.append(c.parameters[p], to: &line)
            }
        }
        line += "}"
    }

    private func appendTensor(_ tensor: Tensor, values: [Double], to line: inout String) {
        if tensor.shape.count == 2 {
            let (rows, columns) = (tensor.shape[0], tensor.shape[1])
            line += "["
            for j in 0..<rows {
                if j > 0 { line += "," }
                line += "["
                for i in 0..<columns {
                    if i > 0 { line += "," }
                    Self.append(values[tensor.indices[j * columns + i]], to: &line)
                }
                line += "]"
            }
            line += "]"
        } else {
            line += "["
            for (k, p) in tensor.indices.enumerated() {
                if k > 0 { line += "," }
                Self.append(values[p], to: &line)
            }
            line += "]"
        }
    }

    static func appendArray(_ values: [Double], to line: inout String) {
        line += "["
        for (k, v) in values.enumerated() {
            if k > 0 { line += "," }
            append(v, to: &line)
        }
        line += "]"
    }

    /// A binary64 value exactly as `/1` writes it (``EngineWireFormat/number(_:)``).
    static func append(_ value: Double, to line: inout String) {
        if value.isNaN {
            line += "\"nan\""
        } else if value.isInfinite {
            line += value < 0 ? "\"-inf\"" : "\"inf\""
        } else if value == 0 && value.sign == .minus {
            line += "-0.0"
        } else {
            line += jsonNumberText(value)
        }
    }

    // MARK: Responses

    func decode(_ line: String, for request: EngineRequest) -> EngineWireFormat.Decoded {
        let id = request.id
        let value: JSONValue
        switch Self.parse(line) {
        case .success(let v): value = v
        case .failure(let message):
            return .desynchronized(.fault(kind: .malformedResponse, message: "case \(id): \(message)"))
        }
        guard case .object(let members) = value else {
            return .desynchronized(.fault(kind: .malformedResponse,
                                          message: "case \(id): response is not a JSON object: \(EngineWireFormat.excerpt(line))"))
        }
        if let problem = Self.idProblem(members["id"], expected: id) {
            return .desynchronized(.fault(kind: .wrongID, message: "case \(id): \(problem)"))
        }
        return answer(members, for: request)
    }

    func decodeBatch(_ line: String, for requests: [EngineRequest]) -> [EngineWireFormat.Decoded] {
        func all(_ kind: EngineError.FaultKind, _ message: String) -> [EngineWireFormat.Decoded] {
            requests.map { .desynchronized(.fault(kind: kind, message: "case \($0.id): \(message)")) }
        }
        let within = "a batch of \(requests.count) case\(requests.count == 1 ? "" : "s")"
        let value: JSONValue
        switch Self.parse(line) {
        case .success(let v): value = v
        case .failure(let message): return all(.malformedResponse, "\(message) (\(within))")
        }
        guard case .object(let members) = value else {
            return all(.malformedResponse, "response to \(within) is not a JSON object: \(EngineWireFormat.excerpt(line))")
        }
        if members["batch"] == nil, let error = members["error"] {
            // One error for the whole line: every case gets it.
            return requests.map { Self.refusal(error, id: $0.id) }
        }
        guard case .array(let answers)? = members["batch"] else {
            return all(.malformedResponse, "response to \(within) has no \"batch\" array: \(EngineWireFormat.excerpt(line))")
        }
        guard answers.count == requests.count else {
            return all(.malformedResponse, "response has \(answers.count) answers for \(within)")
        }
        var decoded: [EngineWireFormat.Decoded] = []
        decoded.reserveCapacity(requests.count)
        for (k, (answer, request)) in zip(answers, requests).enumerated() {
            guard case .object(let fields) = answer else {
                return all(.malformedResponse, "answer \(k) of \(within) is \(EngineWireFormat.abbreviated(answer.serialized)), not an object")
            }
            if let problem = Self.idProblem(fields["id"], expected: request.id) {
                return all(.wrongID, "answer \(k) of \(within): \(problem)")
            }
            decoded.append(self.answer(fields, for: request))
        }
        return decoded
    }

    private static func parse(_ line: String) -> Result<JSONValue, ParseFailure> {
        do {
            return .success(try JSONValue.parse(line))
        } catch {
            return .failure(ParseFailure("response is not JSON (\(error)): \(EngineWireFormat.excerpt(line, at: error.column))"))
        }
    }

    private struct ParseFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    private static func idProblem(_ value: JSONValue?, expected id: Int) -> String? {
        switch value {
        case .number(let n, let text)?:
            return n == Double(id) && n.rounded() == n ? nil : "response has id \(text), expected \(id)"
        case nil:
            return "response has no id, expected \(id)"
        case let other?:
            return "response id is \(other.serialized), expected the number \(id)"
        }
    }

    private static func refusal(_ error: JSONValue, id: Int) -> EngineWireFormat.Decoded {
        let text: String
        if case .string(let s) = error { text = s } else { text = error.serialized }
        if text.hasPrefix("unsupported") { return .refusal(.unsupported(EngineError.Capability(refusal: text))) }
        return .refusal(.fault(kind: .engineError, message: "case \(id): engine reported an error: \(text)"))
    }

    /// One answer object (its id already checked).
    private func answer(_ members: [String: JSONValue], for request: EngineRequest) -> EngineWireFormat.Decoded {
        let id = request.id
        func fault(_ kind: EngineError.FaultKind, _ message: String) -> EngineWireFormat.Decoded {
            .refusal(.fault(kind: kind, message: "case \(id): \(message)"))
        }
        if let error = members["error"] { return Self.refusal(error, id: id) }
        guard let yValue = members["y"] else { return fault(.missingValue, "response has neither y nor error") }
        guard let y = EngineWireFormat.double(yValue) else {
            return fault(.notANumber, "y is \(EngineWireFormat.abbreviated(yValue.serialized)), not a number")
        }
        let expected = form == .layers ? tensors.map(\.name).joined(separator: ", ")
            : network.parameters.joined(separator: ", ")
        guard let gradientValue = members["gradient"] else {
            return fault(.missingPartial, "response has no gradient (missing all of \(expected))")
        }
        guard case .object(let partials) = gradientValue else {
            return fault(.malformedResponse,
                         "gradient is \(EngineWireFormat.abbreviated(gradientValue.serialized)), not an object")
        }
        let objective = network.objective.name
        var gradient: [String: Double] = [:]
        gradient.reserveCapacity(network.parameters.count)
        switch form {
        case .file:
            let missing = network.parameters.filter { partials[$0] == nil }
            if !missing.isEmpty { return fault(.missingPartial, "gradient lacks " + missing.joined(separator: ", ")) }
            for name in network.parameters {
                let partial = partials[name]!
                guard let d = EngineWireFormat.double(partial) else {
                    return fault(.notANumber, "∂\(objective)/∂\(name) is \(EngineWireFormat.abbreviated(partial.serialized)), not a number")
                }
                gradient[name] = d
            }
        case .layers:
            let ordered = network.parameterGroups.map(\.name)
            let missing = ordered.filter { partials[$0] == nil }
            if !missing.isEmpty { return fault(.missingPartial, "gradient lacks " + missing.joined(separator: ", ")) }
            for group in network.parameterGroups {
                let value = partials[group.name]!
                let describe = group.shape.count == 2
                    ? "an array of \(group.shape[0]) rows of \(group.shape[1]) numbers (shape [\(group.shape[0]), \(group.shape[1])])"
                    : "an array of \(group.shape[0]) numbers (shape [\(group.shape[0])])"
                guard case .array(let outer) = value else {
                    return fault(.malformedResponse, "gradient \(group.name) is \(EngineWireFormat.abbreviated(value.serialized)), expected \(describe)")
                }
                guard outer.count == group.shape[0] else {
                    return fault(.malformedResponse, "gradient \(group.name) has \(outer.count) \(group.shape.count == 2 ? "rows" : "entries"), expected \(describe)")
                }
                for (j, item) in outer.enumerated() {
                    if group.shape.count == 2 {
                        guard case .array(let row) = item else {
                            return fault(.malformedResponse, "gradient \(group.name)[\(j)] is \(EngineWireFormat.abbreviated(item.serialized)), expected a row of \(group.shape[1]) numbers (shape [\(group.shape[0]), \(group.shape[1])])")
                        }
                        guard row.count == group.shape[1] else {
                            return fault(.malformedResponse, "gradient \(group.name)[\(j)] has \(row.count) entries, expected \(group.shape[1]) (shape [\(group.shape[0]), \(group.shape[1])])")
                        }
                        for (i, entry) in row.enumerated() {
                            let name = network.parameters[group.indices[j * group.shape[1] + i]]
                            guard let d = EngineWireFormat.double(entry) else {
                                return fault(.notANumber, "∂\(objective)/∂\(name) is \(EngineWireFormat.abbreviated(entry.serialized)), not a number")
                            }
                            gradient[name] = d
                        }
                    } else {
                        let name = network.parameters[group.indices[j]]
                        guard let d = EngineWireFormat.double(item) else {
                            return fault(.notANumber, "∂\(objective)/∂\(name) is \(EngineWireFormat.abbreviated(item.serialized)), not a number")
                        }
                        gradient[name] = d
                    }
                }
            }
        }
        return .answer(EngineResult(objective: y, gradient: gradient))
    }
}
