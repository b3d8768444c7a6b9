import NetworkModel

/// Deliberately faulty engines for any network, each a mistake people make
/// when they write back-propagation for layers and losses by hand. The
/// conformance suite must judge each *wrong* on exactly the parameters
/// ``NetworkMutantEngine/Mutation/affectedParameters(in:)`` names.
///
/// Each mutant runs the kit's correct sweep and then applies its mistake to
/// the result, so the mistake is the only difference:
///
/// - transposed weight gradient of layer `W`: `dW = outer(s, δ)` flattened
///   where `outer(δ, s)` belongs — ∂/∂W[j,i] reported as s[k ÷ out]·δ[k mod out]
///   with k = j·in + i;
/// - loss gradient doubled: ∂L/∂y = 2(y − t), the ½ of ½Σ(y − t)² forgotten —
///   every partial doubled;
/// - loss gradient reversed: t − p instead of p − t — every partial negated;
/// - tied weight counted once: a parameter used by several terms gets only
///   its first use's contribution.
public struct NetworkMutantEngine: GradientEngine {
    public enum Mutation: Sendable, Hashable {
        /// The weight gradient of tensor group `group` (shape [out, in]) transposed.
        case transposedWeightGradient(group: String)
        case lossGradientDoubled
        case lossGradientReversed
        case tiedWeightCountedOnce

        /// The name used on the command line, e.g. `transposed-W1`.
        public var name: String {
            switch self {
            case .transposedWeightGradient(let group): "transposed-\(group)"
            case .lossGradientDoubled: "loss-gradient-doubled"
            case .lossGradientReversed: "loss-gradient-reversed"
            case .tiedWeightCountedOnce: "tied-weight-counted-once"
            }
        }

        /// Reads a name made by ``name``.
        public init?(name: String) {
            switch name {
            case "loss-gradient-doubled": self = .lossGradientDoubled
            case "loss-gradient-reversed": self = .lossGradientReversed
            case "tied-weight-counted-once": self = .tiedWeightCountedOnce
            default:
                guard name.hasPrefix("transposed-"), name.count > "transposed-".count else { return nil }
                self = .transposedWeightGradient(group: String(name.dropFirst("transposed-".count)))
            }
        }

        /// The parameters whose partial this mistake changes as a formula in
        /// `network` (a transposed entry that maps onto itself is unchanged).
        public func affectedParameters(in network: Network) -> [Int] {
            switch self {
            case .transposedWeightGradient(let name):
                guard let group = network.parameterGroups.first(where: { $0.name == name }), group.shape.count == 2
                else { return [] }
                let (out, fanIn) = (group.shape[0], group.shape[1])
                return (0..<(out * fanIn)).filter { k in (k / out, k % out) != (k % fanIn, k / fanIn) }
                    .map { group.indices[$0] }
            case .lossGradientDoubled, .lossGradientReversed:
                return Array(network.parameters.indices)
            case .tiedWeightCountedOnce:
                return network.tiedParameters
            }
        }
    }

    public let mutation: Mutation
    public var name: String { "mutant-\(mutation.name)" }

    public init(_ mutation: Mutation) { self.mutation = mutation }

    public func supports(_ network: Network) -> Bool {
        switch mutation {
        case .transposedWeightGradient(let name):
            network.parameterGroups.contains { $0.name == name && $0.shape.count == 2 }
        case .lossGradientDoubled, .lossGradientReversed:
            if case .loss = network.objective { true } else { false }
        case .tiedWeightCountedOnce:
            !network.tiedParameters.isEmpty
        }
    }

    public func evaluate(_ request: EngineRequest) async throws -> EngineResult {
        let (network, c) = (request.network, request.networkCase)
        guard supports(network) else { throw EngineError.unsupported(.network(network.name)) }
        if let problem = network.caseProblem(c) { throw EngineError.fault(kind: .error, message: problem) }
        var workspace = BackpropWorkspace(network: network, filler: 0.0)
        Backprop.run(activation: c.activation, inputs: c.inputs, parameters: c.parameters, targets: c.targets,
                     workspace: &workspace)
        var gradient = workspace.gradient
        switch mutation {
        case .transposedWeightGradient(let name):
            gradient = Self.transposed(name, network, c, workspace)
        case .lossGradientDoubled:
            gradient = gradient.map { 2 * $0 }
        case .lossGradientReversed:
            gradient = gradient.map { -$0 }
        case .tiedWeightCountedOnce:
            gradient = Self.firstUseOnly(network, c)
        }
        return EngineResult(objective: workspace.objective, gradient: gradient, network: network)
    }

    /// The gradient with group `name`'s entries read from the transposed outer product.
    static func transposed(_ name: String, _ network: Network, _ c: NetworkCase,
                           _ workspace: BackpropWorkspace<Double>) -> [Double] {
        var gradient = workspace.gradient
        guard let group = network.parameterGroups.first(where: { $0.name == name }) else { return gradient }
        let (out, fanIn) = (group.shape[0], group.shape[1])
        // Unit j of the layer is the unit whose first term uses W[j,0]; its δ = x̄·α′(z).
        let units = (0..<out).map { j in
            network.units.firstIndex { $0.terms.first?.weight == group.indices[j * fanIn] }!
        }
        let delta = units.map { workspace.adjoints[$0] * workspace.slopes[$0] }
        let sources = network.units[units[0]].terms.map { term -> Double in
            switch term.source {
            case .input(let i): c.inputs[i]
            case .unit(let u): workspace.outputs[u]
            }
        }
        for k in 0..<(out * fanIn) { gradient[group.indices[k]] = sources[k / out] * delta[k % out] }
        return gradient
    }

    /// The gradient with every tied parameter credited with its first use only:
    /// later uses get their own (untied) copy, whose partial is dropped.
    static func firstUseOnly(_ network: Network, _ c: NetworkCase) -> [Double] {
        var untied = network
        var parameters = c.parameters
        var seen = Set<Int>()
        for u in untied.units.indices {
            for k in untied.units[u].terms.indices {
                let w = untied.units[u].terms[k].weight
                if seen.insert(w).inserted { continue }
                untied.parameters.append(untied.parameters[w] + "′\(untied.parameters.count)")
                parameters.append(c.parameters[w])
                untied.units[u].terms[k].weight = untied.parameters.count - 1
            }
        }
        untied.parameterGroups = []
        let gradient = Backprop.gradient(untied, activation: c.activation, inputs: c.inputs, parameters: parameters,
                                         targets: c.targets, filler: 0.0).gradient
        return Array(gradient.prefix(network.parameters.count))
    }
}

extension Network {
    /// Parameters used as the weight of more than one term (tied weights).
    public var tiedParameters: [Int] {
        var uses: [Int: Int] = [:]
        for unit in units { for term in unit.terms { uses[term.weight, default: 0] += 1 } }
        return uses.filter { $0.value > 1 }.keys.sorted()
    }
}
