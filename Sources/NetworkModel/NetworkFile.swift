import Foundation

/// A network written as JSON (docs/networks.md): units reference inputs,
/// parameters and earlier units by name, so a file reads like the equations.
///
///     {
///       "name": "skip-tied",
///       "inputs": ["x1", "x2"],
///       "parameters": ["w", "v", "b1", "b2"],
///       "units": [
///         {"preactivation": "z1", "output": "h", "activation": "tanh",
///          "terms": [{"weight": "w", "source": "x1"}], "bias": "b1"},
///         {"preactivation": "z2", "output": "y", "activation": "identity",
///          "terms": [{"weight": "v", "source": "h"}, {"weight": "w", "source": "x2"}], "bias": "b2"}
///       ],
///       "objective": {"unit": "y"}
///     }
///
/// The objective is `{"unit": NAME}` (its name is `y` unless `"name"` says
/// otherwise) or `{"loss": "mse" | "logistic" | "softmax-ce", "outputs":
/// [NAMES…]}` (named `L` unless `"name"` says otherwise). A term may carry
/// its own `"bias"`. A layer stack may be written instead as
/// `{"dense": "784-128-10/tanh,identity/softmax-ce"}` or in the
/// `backprop-engine/2` form `{"layers": [{"in": 4, "out": 8, "activation":
/// "tanh"}, …], "loss": "logistic"}`.
public struct NetworkFile: Codable, Sendable, Hashable {
    public struct UnitEntry: Codable, Sendable, Hashable {
        public var preactivation: String
        public var output: String
        public var activation: String?
        public var terms: [TermEntry]?
        public var bias: String?
    }

    public struct TermEntry: Codable, Sendable, Hashable {
        public var weight: String
        public var source: String
        public var bias: String?
    }

    public struct ObjectiveEntry: Codable, Sendable, Hashable {
        public var unit: String?
        public var loss: String?
        public var outputs: [String]?
        public var name: String?
    }

    public struct LayerEntry: Codable, Sendable, Hashable {
        public var `in`: Int
        public var out: Int
        public var activation: String?
    }

    public var name: String?
    public var inputs: [String]?
    public var parameters: [String]?
    public var units: [UnitEntry]?
    public var objective: ObjectiveEntry?
    public var dense: String?
    public var layers: [LayerEntry]?
    public var loss: String?

    /// The network this file describes; throws a ``NetworkError`` naming
    /// the entry at fault (`units[1].terms[0].source`) and what was expected.
    public func network() throws(NetworkError) -> Network {
        if let dense { return try Network.dense(spec: dense) }
        if let layers { return try layerStack(layers) }
        guard let inputs, let parameters, let units, let objective else {
            throw NetworkError("expected either \"dense\", \"layers\", or all of \"inputs\", \"parameters\", \"units\" and \"objective\"")
        }
        var resolver = NameResolver(inputs: inputs, parameters: parameters)
        var built: [Network.Unit] = []
        for (u, entry) in units.enumerated() {
            let at = "units[\(u)]"
            let activation = try resolver.activation(entry.activation, at: at)
            var terms: [Network.Term] = []
            for (k, term) in (entry.terms ?? []).enumerated() {
                let here = "\(at).terms[\(k)]"
                terms.append(Network.Term(weight: try resolver.parameter(term.weight, at: here + ".weight"),
                                          source: try resolver.source(term.source, at: here + ".source"),
                                          bias: try term.bias.map { b throws(NetworkError) in try resolver.parameter(b, at: here + ".bias") }))
            }
            let bias = try entry.bias.map { b throws(NetworkError) in try resolver.parameter(b, at: at + ".bias") }
            built.append(Network.Unit(preactivationName: entry.preactivation, outputName: entry.output, terms: terms,
                                      bias: bias, activation: activation))
            resolver.define(unit: entry.output, index: u)
        }
        let network = Network(name: name ?? "network", inputs: inputs, parameters: parameters, units: built,
                              objective: try resolver.objective(objective))
        do { try network.validate() } catch { throw NetworkError("network: \(error.message)") }
        return network
    }

    /// A stack of dense layers in the `backprop-engine/2` form.
    func layerStack(_ layers: [LayerEntry]) throws(NetworkError) -> Network {
        guard let first = layers.first else { throw NetworkError("layers: expected at least one layer") }
        var widths = [first.in]
        var activations: [UnitActivation] = []
        for (l, layer) in layers.enumerated() {
            guard layer.in == widths.last else {
                throw NetworkError("layers[\(l)].in: expected \(widths.last!) (the previous layer's out), got \(layer.in)")
            }
            widths.append(layer.out)
            activations.append(try NameResolver.activation(layer.activation ?? "identity", at: "layers[\(l)].activation"))
        }
        let loss = try loss.map { name throws(NetworkError) in
            guard let l = Loss(rawValue: name) else {
                throw NetworkError("loss: unknown loss '\(name)'; expected " + Loss.names)
            }
            return l
        }
        return try Network.dense(widths: widths, activations: activations, loss: loss)
    }

    /// Reads a network file; errors name the file and, for JSON syntax, the
    /// line and column.
    public static func read(contentsOfFile path: String) throws(NetworkError) -> Network {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NetworkError("\(path): error: cannot read the network file")
        }
        do {
            return try parse(data)
        } catch {
            throw NetworkError("\(path): error: \(error.message)")
        }
    }

    /// Parses network JSON.
    public static func parse(_ data: Data) throws(NetworkError) -> Network {
        let file: NetworkFile
        do {
            file = try JSONDecoder().decode(NetworkFile.self, from: data)
        } catch let error as DecodingError {
            throw NetworkError(describe(error))
        } catch {
            throw NetworkError("\(error)")
        }
        return try file.network()
    }

    /// A decoding error as `path: what was expected`, with the line and
    /// column Foundation gives for syntax errors.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(type), found null"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): missing"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
            return "malformed JSON: " + (underlying ?? context.debugDescription)
        @unknown default:
            return "\(error)"
        }
    }
}

/// Resolves the names of a network file in order: a unit may read inputs
/// and the units defined before it.
struct NameResolver {
    let inputs: [String: Int]
    let parameters: [String: Int]
    var units: [String: Int] = [:]

    init(inputs: [String], parameters: [String]) {
        self.inputs = Dictionary(inputs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        self.parameters = Dictionary(parameters.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    mutating func define(unit name: String, index: Int) { units[name] = index }

    func parameter(_ name: String, at path: String) throws(NetworkError) -> Int {
        guard let p = parameters[name] else {
            throw NetworkError("\(path): unknown parameter '\(name)'; expected one of the names in \"parameters\"")
        }
        return p
    }

    func source(_ name: String, at path: String) throws(NetworkError) -> Network.Source {
        if let i = inputs[name] { return .input(i) }
        if let u = units[name] { return .unit(u) }
        throw NetworkError("\(path): unknown source '\(name)'; expected an input or the output of an earlier unit")
    }

    func activation(_ name: String?, at path: String) throws(NetworkError) -> UnitActivation {
        try Self.activation(name ?? "generic", at: path + ".activation")
    }

    static func activation(_ name: String, at path: String) throws(NetworkError) -> UnitActivation {
        guard let a = UnitActivation(name: name) else {
            throw NetworkError("\(path): unknown activation '\(name)'; expected generic or one of "
                               + Activation.names)
        }
        return a
    }

    func unit(_ name: String, at path: String) throws(NetworkError) -> Int {
        guard let u = units[name] else { throw NetworkError("\(path): unknown unit '\(name)'; expected a unit's output name") }
        return u
    }

    func objective(_ entry: NetworkFile.ObjectiveEntry) throws(NetworkError) -> Objective {
        switch (entry.unit, entry.loss) {
        case (let unit?, nil):
            return .unit(try self.unit(unit, at: "objective.unit"), name: entry.name ?? "y")
        case (nil, let lossName?):
            guard let loss = Loss(rawValue: lossName) else {
                throw NetworkError("objective.loss: unknown loss '\(lossName)'; expected "
                                   + Loss.names)
            }
            var outputs: [Int] = []
            for (k, name) in (entry.outputs ?? []).enumerated() { outputs.append(try unit(name, at: "objective.outputs[\(k)]")) }
            return .loss(loss, outputs: outputs, name: entry.name ?? "L")
        default:
            throw NetworkError("objective: expected exactly one of \"unit\" or \"loss\"")
        }
    }
}

extension Network {
    /// A network named on the command line: `seed`, `dense:SPEC`
    /// (``dense(spec:)``) or the path of a network file (``NetworkFile``).
    public static func named(_ text: String) throws(NetworkError) -> Network {
        if text == "seed" { return .seed }
        if text.hasPrefix("dense:") {
            do { return try dense(spec: String(text.dropFirst("dense:".count))) } catch {
                throw NetworkError("--network \(text): \(error.message)")
            }
        }
        return try NetworkFile.read(contentsOfFile: text)
    }
}
