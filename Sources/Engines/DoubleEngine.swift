import NetworkModel

/// The kit's binary64 back-propagation engine: section 3 of the seed
/// document for any `Network`.
///
/// One forward pass keeps z, x and α′(z) of every unit; one back-to-front
/// sweep forms δ = x̄·α′(z) once per unit and reuses it for every partial
/// (`Backprop.run(_:activation:inputs:parameters:workspace:)`). The
/// activation formulas are the numerically careful ones of `Activation`.
public struct DoubleEngine: GradientEngine {
    public let name = "double"

    public init() {}

    public func evaluate(_ request: EngineRequest) async throws -> EngineResult {
        let c = request.networkCase
        let (y, gradient) = Backprop.gradient(request.network, activation: c.activation,
                                              inputs: c.inputs, parameters: c.parameters)
        return EngineResult(y: y, gradient: gradient, network: request.network)
    }
}

/// The allocation-free core of ``DoubleEngine`` for hot loops and benchmarks:
/// reuses one workspace across evaluations.
public struct DoubleBackprop {
    public let network: Network
    public let activation: Activation
    public var workspace: BackpropWorkspace<Double>

    public init(network: Network, activation: Activation) {
        self.network = network
        self.activation = activation
        workspace = BackpropWorkspace(network: network, filler: 0)
    }

    /// Runs forward and backward; returns y. The gradient is in
    /// `workspace.gradient`, in `Network.parameters` order.
    @inlinable
    public mutating func evaluate(inputs: [Double], parameters: [Double]) -> Double {
        Backprop.run(network, activation: activation, inputs: inputs, parameters: parameters, workspace: &workspace)
        return workspace.y(of: network)
    }
}
