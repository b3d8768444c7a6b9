import NetworkModel

/// The kit's binary64 back-propagation engine: section 3 of the seed
/// document for any `Network`.
///
/// One forward pass keeps z, x and α′(z) of every unit; one back-to-front
/// sweep forms δ = x̄·α′(z) once per unit and reuses it for every partial
/// (`Backprop.run(activation:inputs:parameters:targets:workspace:)`). The
/// activation and loss formulas are the numerically careful ones of
/// `Activation` and `Loss`.
public struct DoubleEngine: GradientEngine {
    public let name = "double"

    public init() {}

    public func evaluate(_ request: EngineRequest) async throws -> EngineResult {
        let c = request.networkCase
        if let problem = request.network.caseProblem(c) { throw EngineError.fault(kind: .error, message: problem) }
        let (objective, gradient) = Backprop.gradient(request.network, activation: c.activation, inputs: c.inputs,
                                                      parameters: c.parameters, targets: c.targets, filler: 0.0)
        return EngineResult(objective: objective, gradient: gradient, network: request.network)
    }
}

/// The allocation-free core of ``DoubleEngine`` for hot loops and benchmarks:
/// reuses one workspace across evaluations.
public struct DoubleBackprop {
    public let network: Network
    public let activation: Activation
    public var workspace: BackpropWorkspace<Double>

    /// The engine for `network` (which must be well formed) with generic α = `activation`.
    public init(network: Network, activation: Activation) {
        self.network = network
        self.activation = activation
        workspace = BackpropWorkspace(network: network, filler: 0)
    }

    /// Runs forward and backward; returns the objective. The gradient is in
    /// `workspace.gradient`, in `Network.parameters` order.
    @inlinable
    public mutating func evaluate(inputs: [Double], parameters: [Double], targets: [Double] = []) -> Double {
        Backprop.run(activation: activation, inputs: inputs, parameters: parameters, targets: targets,
                     workspace: &workspace)
        return workspace.objective
    }
}
