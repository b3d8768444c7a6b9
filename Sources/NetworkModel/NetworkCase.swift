/// One point at which to evaluate a network and its gradient: the generic
/// activation's choice, the inputs, the targets and the parameters, all
/// binary64 (the values an engine sees).
public struct NetworkCase: Sendable, Hashable, Codable {
    /// The function the network's generic α units apply in this case
    /// (ignored by a network whose units all have fixed activations).
    public var activation: Activation
    /// Input values in ``Network/inputs`` order.
    public var inputs: [Double]
    /// Parameter values in ``Network/parameters`` order.
    public var parameters: [Double]
    /// Target values in ``Network/targets`` order (empty when the objective
    /// is a unit's output). Targets are data of the case, never parameters.
    public var targets: [Double]

    public init(activation: Activation, inputs: [Double], parameters: [Double], targets: [Double] = []) {
        self.activation = activation
        self.inputs = inputs
        self.parameters = parameters
        self.targets = targets
    }

    enum CodingKeys: String, CodingKey { case activation, inputs, parameters, targets }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        activation = try container.decode(Activation.self, forKey: .activation)
        inputs = try container.decode([Double].self, forKey: .inputs)
        parameters = try container.decode([Double].self, forKey: .parameters)
        targets = try container.decodeIfPresent([Double].self, forKey: .targets) ?? []
    }

    /// Targets are written only when there are some, so cases of networks
    /// without a loss encode as they always have.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(activation, forKey: .activation)
        try container.encode(inputs, forKey: .inputs)
        try container.encode(parameters, forKey: .parameters)
        if !targets.isEmpty { try container.encode(targets, forKey: .targets) }
    }
}

extension Network {
    /// Why `networkCase` does not fit this network (sizes, targets), or nil.
    public func caseProblem(_ networkCase: NetworkCase) -> String? {
        if networkCase.inputs.count != inputs.count {
            return "network \(name) has \(inputs.count) inputs; the case has \(networkCase.inputs.count)"
        }
        if networkCase.parameters.count != parameters.count {
            return "network \(name) has \(parameters.count) parameters; the case has \(networkCase.parameters.count)"
        }
        switch objective {
        case .unit:
            return networkCase.targets.isEmpty ? nil : "network \(name) takes no targets; the case has \(networkCase.targets.count)"
        case .loss(let loss, let outputs, _):
            return loss.targetProblem(networkCase.targets, outputCount: outputs.count).map { "network \(name): \($0)" }
        }
    }

    /// Throws when `networkCase` does not fit this network.
    public func check(_ networkCase: NetworkCase) throws(NetworkError) {
        if let problem = caseProblem(networkCase) { throw NetworkError(problem) }
    }
}

/// The numerical regime a generated case was drawn to exercise, so that a
/// report can say where a failure lives.
public enum Regime: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    /// |values| ≲ 2: the textbook regime.
    case ordinary
    /// Some |z| between 20 and 700: activations saturate.
    case saturation
    /// |values| < 1e-8.
    case tiny
    /// Magnitudes spread over many decades.
    case wide
    /// Some unit's z within a few ulps of zero while its summands are of order one.
    case cancellation
    /// All weights of an output unit equal: index mistakes between them are invisible.
    case equalWeights = "equal-weights"

    public static func < (a: Regime, b: Regime) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
