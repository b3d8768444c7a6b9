extension Network {
    /// A fully connected multilayer perceptron, as `nn.Linear` layers build it.
    ///
    /// `widths[0]` inputs `x[i]`; layer l (1-based) has `widths[l]` units
    /// j with weights `Wl[j,i]` (group `Wl`, shape [out, in], like
    /// `nn.Linear.weight`), bias `bl[j]` (group `bl`, shape [out]),
    /// pre-activation `zl[j]`, output `al[j]` = αₗ(zl[j]), and
    ///
    ///     zl[j] = Σᵢ Wl[j,i] · a(l−1)[i] + bl[j]     (summed i = 0, 1, …, then the bias)
    ///
    /// `activations` has one entry per layer (or one for all layers). With a
    /// loss the objective is `L` of the last layer's outputs; without one the
    /// last layer must have one unit and the objective is its output `y`.
    public static func dense(widths: [Int], activations: [UnitActivation] = [.generic],
                             loss: Loss? = nil) throws(NetworkError) -> Network {
        let layers = widths.count - 1
        guard widths.count >= 2, widths.allSatisfy({ $0 > 0 }) else {
            throw NetworkError("a dense network needs at least two positive widths, got \(widths)")
        }
        guard activations.count == 1 || activations.count == layers else {
            throw NetworkError("a dense network with \(layers) layer(s) needs 1 or \(layers) activations, got \(activations.count)")
        }
        if let loss, !loss.accepts(outputCount: widths[layers]) {
            throw NetworkError("loss \(loss.rawValue) does not take \(widths[layers]) output(s)")
        }
        if loss == nil && widths[layers] != 1 {
            throw NetworkError("without a loss the last layer must have one unit (the objective y), got \(widths[layers])")
        }
        var builder = DenseBuilder(inputCount: widths[0])
        for l in 1...layers {
            builder.addLayer(l, width: widths[l], activation: activations.count == 1 ? activations[0] : activations[l - 1])
        }
        let last = Array(builder.units.indices.suffix(widths[layers]))
        let objective: Objective = loss.map { .loss($0, outputs: last, name: "L") } ?? .unit(last[0], name: "y")
        let spec = widths.map(String.init).joined(separator: "-") + "/"
            + activations.map(\.name).joined(separator: ",") + (loss.map { "/" + $0.rawValue } ?? "")
        return Network(name: "dense:" + spec, inputs: builder.inputs, parameters: builder.parameters,
                       units: builder.units, objective: objective, parameterGroups: builder.groups)
    }

    /// A dense network from its spec `WIDTHS[/ACTIVATIONS[/LOSS]]`, e.g.
    /// `784-128-10/tanh,identity/softmax-ce` or `3-4-1/generic`.
    public static func dense(spec: String) throws(NetworkError) -> Network {
        let parts = spec.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count) else {
            throw NetworkError("expected WIDTHS[/ACTIVATIONS[/LOSS]], e.g. 784-128-10/tanh,identity/softmax-ce; got '\(spec)'")
        }
        var widths: [Int] = []
        for w in parts[0].split(separator: "-", omittingEmptySubsequences: false) {
            guard let width = Int(w), width > 0 else {
                throw NetworkError("widths must be positive integers joined by '-', got '\(parts[0])'")
            }
            widths.append(width)
        }
        var activations: [UnitActivation] = [.generic]
        if parts.count >= 2 {
            activations = []
            for name in parts[1].split(separator: ",", omittingEmptySubsequences: false) {
                guard let a = UnitActivation(name: String(name)) else {
                    throw NetworkError("unknown activation '\(name)'; expected generic or one of "
                                       + Activation.names)
                }
                activations.append(a)
            }
        }
        var loss: Loss? = nil
        if parts.count == 3 && parts[2] != "none" {
            guard let l = Loss(rawValue: parts[2]) else {
                throw NetworkError("unknown loss '\(parts[2])'; expected none or one of "
                                   + Loss.names)
            }
            loss = l
        }
        return try dense(widths: widths, activations: activations, loss: loss)
    }
}

/// Accumulates the names, units and groups of a dense network layer by layer.
struct DenseBuilder {
    var inputs: [String]
    var parameters: [String] = []
    var units: [Network.Unit] = []
    var groups: [TensorGroup] = []
    /// Sources of the previous layer's values.
    var previous: [Network.Source]

    init(inputCount: Int) {
        inputs = (0..<inputCount).map { "x[\($0)]" }
        previous = (0..<inputCount).map { .input($0) }
    }

    mutating func addLayer(_ l: Int, width: Int, activation: UnitActivation) {
        let fanIn = previous.count
        let weightStart = parameters.count
        for j in 0..<width {
            for i in 0..<fanIn { parameters.append("W\(l)[\(j),\(i)]") }
        }
        let biasStart = parameters.count
        for j in 0..<width { parameters.append("b\(l)[\(j)]") }
        groups.append(TensorGroup(name: "W\(l)", shape: [width, fanIn], indices: Array(weightStart..<biasStart)))
        groups.append(TensorGroup(name: "b\(l)", shape: [width], indices: Array(biasStart..<parameters.count)))
        var current: [Network.Source] = []
        for j in 0..<width {
            let terms = previous.enumerated().map { i, source in
                Network.Term(weight: weightStart + j * fanIn + i, source: source)
            }
            units.append(Network.Unit(preactivationName: "z\(l)[\(j)]", outputName: "a\(l)[\(j)]", terms: terms,
                                      bias: biasStart + j, activation: activation))
            current.append(.unit(units.count - 1))
        }
        previous = current
    }
}

/// A malformed network description (a spec, a file, a wiring error).
public struct NetworkError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
