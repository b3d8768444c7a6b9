/// The values of one forward pass: every pre-activation z and output x.
public struct ForwardPass<T: NetworkScalar> {
    /// z of each unit, in ``Network/units`` order.
    public var preactivations: [T]
    /// x = α(z) of each unit, in ``Network/units`` order.
    public var outputs: [T]
    /// The network output y = x of the output unit.
    public var y: T

    @inlinable
    public init(preactivations: [T], outputs: [T], y: T) {
        self.preactivations = preactivations
        self.outputs = outputs
        self.y = y
    }
}

/// Reusable storage for one forward pass and one back-to-front sweep, so
/// that repeated evaluations allocate nothing.
public struct BackpropWorkspace<T: NetworkScalar> {
    /// z of each unit.
    public var preactivations: [T]
    /// x = α(z) of each unit.
    public var outputs: [T]
    /// α′(z) of each unit, kept from the forward pass.
    public var slopes: [T]
    /// x̄ = ∂y/∂x of each unit.
    @usableFromInline var adjoints: [T]
    /// ∂y/∂θ in ``Network/parameters`` order.
    public var gradient: [T]
    @usableFromInline var unitReached: [Bool]
    @usableFromInline var parameterSeen: [Bool]

    /// Storage sized for `network`; `filler` is any value of the number type.
    @inlinable
    public init(network: Network, filler: T) {
        preactivations = Array(repeating: filler, count: network.units.count)
        outputs = preactivations
        slopes = preactivations
        adjoints = preactivations
        gradient = Array(repeating: filler, count: network.parameters.count)
        unitReached = Array(repeating: false, count: network.units.count)
        parameterSeen = Array(repeating: false, count: network.parameters.count)
    }

    /// The network output after ``Backprop/run(_:activation:inputs:parameters:workspace:)``.
    @inlinable
    public func y(of network: Network) -> T { outputs[network.output] }
}

/// Forward evaluation and back-to-front gradient (section 3 of the seed
/// document), generic over the number type.
public enum Backprop {
    /// z = Σₖ (wₖ·sₖ + bₖ) + b, summed left to right as the model writes it.
    @inlinable
    static func preactivation<T: NetworkScalar>(of unit: Network.Unit, inputs: [T], parameters: [T],
                                                outputs: [T]) -> T {
        var z: T? = nil
        for term in unit.terms {
            var t = parameters[term.weight] * value(of: term.source, inputs: inputs, outputs: outputs)
            if let b = term.bias { t = t + parameters[b] }
            z = z.map { $0 + t } ?? t
        }
        if let b = unit.bias { z = z.map { $0 + parameters[b] } ?? parameters[b] }
        return z!
    }

    /// The value a term's source holds in this pass.
    @inlinable
    static func value<T>(of source: Network.Source, inputs: [T], outputs: [T]) -> T {
        switch source {
        case .input(let i): inputs[i]
        case .unit(let u): outputs[u]
        }
    }

    /// Evaluates z and x = α(z) for every unit, in order.
    @inlinable
    public static func forward<T: NetworkScalar>(_ network: Network, activation: Activation,
                                                 inputs: [T], parameters: [T]) -> ForwardPass<T> {
        var zs: [T] = []
        var xs: [T] = []
        zs.reserveCapacity(network.units.count)
        xs.reserveCapacity(network.units.count)
        for unit in network.units {
            let z = preactivation(of: unit, inputs: inputs, parameters: parameters, outputs: xs)
            zs.append(z)
            xs.append(activation.value(z))
        }
        return ForwardPass(preactivations: zs, outputs: xs, y: xs[network.output])
    }

    /// ∂y/∂θ for every parameter by one forward pass and one back-to-front
    /// sweep; allocates a fresh workspace.
    @inlinable
    public static func gradient<T: NetworkScalar>(_ network: Network, activation: Activation,
                                                  inputs: [T], parameters: [T]) -> (y: T, gradient: [T]) {
        var workspace = BackpropWorkspace(network: network, filler: parameters[0])
        run(network, activation: activation, inputs: inputs, parameters: parameters, workspace: &workspace)
        return (workspace.y(of: network), workspace.gradient)
    }

    /// One forward pass keeping z, x and α′(z), then one back-to-front sweep.
    ///
    /// With adjoints x̄ = ∂y/∂x (x̄_y = 1), each unit, last to first, forms
    /// δ = x̄ · α′(z) once and reuses it:
    ///
    ///     ∂y/∂wₖ = δ · sₖ     ∂y/∂bₖ = δ     x̄(sₖ) += δ · wₖ
    ///
    /// For the seed network δ₂₀ = α′(z20) and x̄10 = α′(z20)·w20[0] are exactly
    /// the shared sub-expressions section 3 names; each partial then costs
    /// one multiplication on top of them.
    @inlinable
    public static func run<T: NetworkScalar>(_ network: Network, activation: Activation,
                                             inputs: [T], parameters: [T],
                                             workspace: inout BackpropWorkspace<T>) {
        forwardPass(network, activation: activation, inputs: inputs, parameters: parameters, workspace: &workspace)
        backwardSweep(network, inputs: inputs, parameters: parameters, workspace: &workspace)
    }

    /// z, x = α(z) and α′(z) for every unit.
    @inlinable
    public static func forwardPass<T: NetworkScalar>(_ network: Network, activation: Activation,
                                              inputs: [T], parameters: [T],
                                              workspace: inout BackpropWorkspace<T>) {
        for u in network.units.indices {
            let z = preactivation(of: network.units[u], inputs: inputs, parameters: parameters,
                                  outputs: workspace.outputs)
            let (x, slope) = T.activate(activation, z)
            workspace.preactivations[u] = z
            workspace.outputs[u] = x
            workspace.slopes[u] = slope
        }
    }

    /// The back-to-front sweep over the slopes kept by the forward pass.
    @inlinable
    public static func backwardSweep<T: NetworkScalar>(_ network: Network, inputs: [T], parameters: [T],
                                                workspace: inout BackpropWorkspace<T>) {
        for u in network.units.indices { workspace.unitReached[u] = false }
        for p in parameters.indices { workspace.parameterSeen[p] = false }
        let output = network.output
        workspace.adjoints[output] = workspace.outputs[output].constant(1)
        workspace.unitReached[output] = true
        for u in network.units.indices.reversed() where workspace.unitReached[u] {
            let unit = network.units[u]
            let delta = workspace.adjoints[u] * workspace.slopes[u]
            if let b = unit.bias { accumulate(b, delta, &workspace) }
            for term in unit.terms {
                accumulate(term.weight, delta * value(of: term.source, inputs: inputs, outputs: workspace.outputs),
                           &workspace)
                if let b = term.bias { accumulate(b, delta, &workspace) }
                if case .unit(let s) = term.source {
                    let contribution = delta * parameters[term.weight]
                    workspace.adjoints[s] = workspace.unitReached[s] ? workspace.adjoints[s] + contribution : contribution
                    workspace.unitReached[s] = true
                }
            }
        }
        for p in parameters.indices where !workspace.parameterSeen[p] {
            workspace.gradient[p] = parameters[p].constant(0)
        }
    }

    /// ∂y/∂θᵢ += v; the first contribution is stored, not added to zero.
    @inlinable
    static func accumulate<T: NetworkScalar>(_ i: Int, _ v: T, _ workspace: inout BackpropWorkspace<T>) {
        workspace.gradient[i] = workspace.parameterSeen[i] ? workspace.gradient[i] + v : v
        workspace.parameterSeen[i] = true
    }
}
