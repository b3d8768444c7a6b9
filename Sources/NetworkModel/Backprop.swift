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

/// Forward evaluation and back-to-front gradient (section 3 of the seed
/// document), generic over the number type.
public enum Backprop {
    /// The value a term's source holds in this pass.
    @inlinable
    static func value<T>(of source: Network.Source, inputs: [T], outputs: [T]) -> T {
        switch source {
        case .input(let i): inputs[i]
        case .unit(let u): outputs[u]
        }
    }

    /// Evaluates z = Σₖ (wₖ·sₖ + bₖ) + b and x = α(z) for every unit, in order.
    @inlinable
    public static func forward<T: NetworkScalar>(_ network: Network, activation: Activation,
                                                 inputs: [T], parameters: [T]) -> ForwardPass<T> {
        var zs: [T] = []
        var xs: [T] = []
        zs.reserveCapacity(network.units.count)
        xs.reserveCapacity(network.units.count)
        for unit in network.units {
            var z: T? = nil
            for term in unit.terms {
                var t = parameters[term.weight] * value(of: term.source, inputs: inputs, outputs: xs)
                if let b = term.bias { t = t + parameters[b] }
                z = z.map { $0 + t } ?? t
            }
            if let b = unit.bias { z = z.map { $0 + parameters[b] } ?? parameters[b] }
            let zValue = z!
            zs.append(zValue)
            xs.append(activation.value(zValue))
        }
        return ForwardPass(preactivations: zs, outputs: xs, y: xs[network.output])
    }

    /// ∂y/∂θ for every parameter θ by one back-to-front sweep.
    ///
    /// With adjoints x̄ = ∂y/∂x (x̄_y = 1), each unit, last to first, forms
    /// δ = x̄ · α′(z) once and reuses it:
    ///
    ///     ∂y/∂wₖ = δ · sₖ     ∂y/∂bₖ = δ     x̄(sₖ) += δ · wₖ
    ///
    /// For the seed network δ₂₀ = α′(z20) and x̄10 = α′(z20)·w20[0] are exactly
    /// the shared sub-expressions section 3 names.
    @inlinable
    public static func gradient<T: NetworkScalar>(_ network: Network, activation: Activation,
                                                  inputs: [T], parameters: [T],
                                                  pass: ForwardPass<T>) -> [T] {
        let zero = pass.y.constant(0)
        var gradient = [T](repeating: zero, count: parameters.count)
        var adjoint = [T](repeating: zero, count: network.units.count)
        var reached = [Bool](repeating: false, count: network.units.count)
        var seen = [Bool](repeating: false, count: parameters.count)
        /// ∂y/∂θᵢ += v; the first contribution is stored, not added to zero.
        func accumulate(_ i: Int, _ v: T) {
            gradient[i] = seen[i] ? gradient[i] + v : v
            seen[i] = true
        }
        adjoint[network.output] = pass.y.constant(1)
        reached[network.output] = true
        for u in network.units.indices.reversed() where reached[u] {
            let unit = network.units[u]
            let delta = adjoint[u] * activation.derivative(pass.preactivations[u])
            if let b = unit.bias { accumulate(b, delta) }
            for term in unit.terms {
                accumulate(term.weight, delta * value(of: term.source, inputs: inputs, outputs: pass.outputs))
                if let b = term.bias { accumulate(b, delta) }
                if case .unit(let s) = term.source {
                    let contribution = delta * parameters[term.weight]
                    adjoint[s] = reached[s] ? adjoint[s] + contribution : contribution
                    reached[s] = true
                }
            }
        }
        return gradient
    }
}
