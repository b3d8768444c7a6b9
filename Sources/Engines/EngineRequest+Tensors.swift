import NetworkModel

/// Parameters and gradients as tensors, for engines of dense networks: read
/// `W1` as a matrix [out][in] (like `nn.Linear.weight`) and `b1` as a vector,
/// and answer in the same shapes — no scalar names like `"W1[3,0]"` needed.
///
///     let w1 = request.matrix("W1")!, b1 = request.vector("b1")!
///     …
///     return try EngineResult(objective: loss, matrices: ["W1": dW1], vectors: ["b1": db1],
///                             network: request.network)
extension EngineRequest {
    /// Parameter group `name` of rank 2 (`W1`: [out][in]), or nil when the
    /// network has no such group.
    public func matrix(_ name: String) -> [[Double]]? {
        guard let group = network.parameterGroups.first(where: { $0.name == name }), group.shape.count == 2 else {
            return nil
        }
        let columns = group.shape[1]
        return (0..<group.shape[0]).map { row in
            (0..<columns).map { networkCase.parameters[group.indices[row * columns + $0]] }
        }
    }

    /// Parameter group `name` of rank 1 (`b1`), or nil.
    public func vector(_ name: String) -> [Double]? {
        guard let group = network.parameterGroups.first(where: { $0.name == name }), group.shape.count == 1 else {
            return nil
        }
        return group.indices.map { networkCase.parameters[$0] }
    }

    /// The input values in `Network.inputs` order (`x[0]`, `x[1]`, … for a dense network).
    public var inputVector: [Double] { networkCase.inputs }

    /// The target values in `Network.targets` order (a class index for softmax-ce).
    public var targetVector: [Double] { networkCase.targets }
}

extension EngineResult {
    /// A result given by tensors named like the network's parameter groups
    /// (`matrices["W1"]` shaped [out][in], `vectors["b1"]`), plus any scalar
    /// partials by name. Throws when a tensor's shape does not match its group
    /// or names no group — an engine's plumbing error, reported as a fault.
    public init(objective: Double, matrices: [String: [[Double]]] = [:], vectors: [String: [Double]] = [:],
                scalars: [String: Double] = [:], network: Network) throws {
        var gradient = scalars
        func group(_ name: String, rank: Int) throws -> TensorGroup {
            guard let g = network.parameterGroups.first(where: { $0.name == name }), g.shape.count == rank else {
                throw EngineError.fault(kind: .malformedResponse,
                                        message: "no parameter group '\(name)' of rank \(rank) in network \(network.name)")
            }
            return g
        }
        for (name, rows) in matrices {
            let g = try group(name, rank: 2)
            guard rows.count == g.shape[0], rows.allSatisfy({ $0.count == g.shape[1] }) else {
                throw EngineError.fault(kind: .malformedResponse,
                                        message: "gradient '\(name)' must have shape \(g.shape)")
            }
            for (k, value) in rows.joined().enumerated() { gradient[network.parameters[g.indices[k]]] = value }
        }
        for (name, values) in vectors {
            let g = try group(name, rank: 1)
            guard values.count == g.shape[0] else {
                throw EngineError.fault(kind: .malformedResponse, message: "gradient '\(name)' must have \(g.shape[0]) values")
            }
            for (k, value) in values.enumerated() { gradient[network.parameters[g.indices[k]]] = value }
        }
        self.init(objective: objective, gradient: gradient)
    }
}
