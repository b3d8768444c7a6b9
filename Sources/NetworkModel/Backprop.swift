/// The values of one forward pass: every pre-activation z, output x, and
/// the objective.
public struct ForwardPass<T: NetworkScalar> {
    /// z of each unit, in ``Network/units`` order.
    public var preactivations: [T]
    /// x = α(z) of each unit, in ``Network/units`` order.
    public var outputs: [T]
    /// The objective (a unit's output, or the loss).
    public var objective: T

    @inlinable
    public init(preactivations: [T], outputs: [T], objective: T) {
        self.preactivations = preactivations
        self.outputs = outputs
        self.objective = objective
    }
}

/// Reusable storage for one forward pass and one back-to-front sweep over
/// one network's ``SweepPlan``, so that repeated evaluations allocate nothing.
public struct BackpropWorkspace<T: NetworkScalar> {
    public let plan: SweepPlan
    /// z of each unit.
    public var preactivations: [T]
    /// x = α(z) of each unit.
    public var outputs: [T]
    /// α′(z) of each unit, kept from the forward pass.
    public var slopes: [T]
    /// x̄ = ∂objective/∂x of each unit (then reused for δ).
    public var adjoints: [T]
    /// ∂objective/∂θ in ``Network/parameters`` order.
    public var gradient: [T]
    /// The objective after the forward pass.
    public var objective: T

    /// Storage for `plan`; `filler` is any value of the number type (its
    /// precision, for an arbitrary-precision type).
    @inlinable
    public init(plan: SweepPlan, filler: T) {
        self.plan = plan
        preactivations = Array(repeating: filler, count: plan.unitCount)
        outputs = preactivations
        slopes = preactivations
        adjoints = preactivations
        gradient = Array(repeating: filler, count: plan.parameterCount)
        objective = filler
    }

    /// Storage for `network` (which must be well formed: ``Network/validate()``).
    @inlinable
    public init(network: Network, filler: T) {
        do { self.init(plan: try SweepPlan(network), filler: filler) } catch {
            preconditionFailure("BackpropWorkspace: \(error)")
        }
    }
}

/// Forward evaluation and back-to-front gradient (section 3 of the seed
/// document) for any network, generic over the number type.
public enum Backprop {
    /// The objective and ∂objective/∂θ for every parameter by one forward
    /// pass and one back-to-front sweep; allocates a fresh workspace.
    @inlinable
    public static func gradient<T: NetworkScalar>(_ network: Network, activation: Activation, inputs: [T],
                                                  parameters: [T], targets: [Double] = [],
                                                  filler: T) -> (objective: T, gradient: [T]) {
        var workspace = BackpropWorkspace(network: network, filler: filler)
        run(activation: activation, inputs: inputs, parameters: parameters, targets: targets, workspace: &workspace)
        return (workspace.objective, workspace.gradient)
    }

    /// z, x and the objective of every unit (no slopes, no sweep).
    @inlinable
    public static func forward<T: NetworkScalar>(_ network: Network, activation: Activation, inputs: [T],
                                                 parameters: [T], targets: [Double] = [],
                                                 filler: T) -> ForwardPass<T> {
        var workspace = BackpropWorkspace(network: network, filler: filler)
        forward(activation: activation, inputs: inputs, parameters: parameters, targets: targets,
                workspace: &workspace, slopes: false)
        return ForwardPass(preactivations: workspace.preactivations, outputs: workspace.outputs,
                           objective: workspace.objective)
    }

    /// One forward pass keeping z, x and α′(z), then one back-to-front sweep.
    ///
    /// With adjoints x̄ = ∂objective/∂x — seeded with 1 at a unit objective,
    /// with ∂L/∂yₖ at a loss's outputs (``Loss``) — each visited unit, last
    /// to first, forms δ = x̄ · α′(z) once and reuses it:
    ///
    ///     ∂/∂wₖ += δ · sₖ     ∂/∂bₖ += δ     ∂/∂b += δ     x̄(sₖ) += δ · wₖ
    ///
    /// A parameter used by several terms (a tied weight) collects one
    /// contribution per use. For the seed network δ₂₀ = α′(z20) and
    /// x̄10 = α′(z20)·w20[0] are exactly the shared sub-expressions section 3
    /// names; each partial then costs one multiplication on top of them.
    @inlinable
    public static func run<T: NetworkScalar>(activation: Activation, inputs: [T], parameters: [T],
                                             targets: [Double] = [], workspace: inout BackpropWorkspace<T>) {
        forward(activation: activation, inputs: inputs, parameters: parameters, targets: targets,
                workspace: &workspace, slopes: true)
        backward(inputs: inputs, parameters: parameters, workspace: &workspace)
    }

    /// z, x = α(z) (and α′(z) when `slopes`) for every unit in order, then
    /// the objective and the adjoints of the units it reads.
    @inlinable
    public static func forward<T: NetworkScalar>(activation: Activation, inputs: [T], parameters: [T],
                                                 targets: [Double], workspace: inout BackpropWorkspace<T>,
                                                 slopes computeSlopes: Bool = true) {
        // The plan's arrays are read in place (a copy of the plan would retain each one).
        precondition(inputs.count == workspace.plan.inputCount && parameters.count == workspace.plan.parameterCount
                     && targets.count == workspace.plan.targetCount,
                     "Backprop: the case has \(inputs.count) inputs, \(parameters.count) parameters and "
                     + "\(targets.count) targets; the network has \(workspace.plan.inputCount), "
                     + "\(workspace.plan.parameterCount) and \(workspace.plan.targetCount)")
        let activations = Activation.indexed
        workspace.plan.forwardUnits.withUnsafeBufferPointer { units in
        workspace.plan.forwardTerms.withUnsafeBufferPointer { terms in
        inputs.withUnsafeBufferPointer { inputs in
        parameters.withUnsafeBufferPointer { parameters in
        workspace.preactivations.withUnsafeMutableBufferPointer { zs in
        workspace.outputs.withUnsafeMutableBufferPointer { xs in
        workspace.slopes.withUnsafeMutableBufferPointer { slopes in
            /// sₖ of a term.
            @inline(__always)
            func source(_ t: SweepPlan.ForwardTerm) -> T {
                t.source.isInput ? inputs[t.source.index] : xs[t.source.index]
            }
            /// wₖ·sₖ (+ bₖ).
            @inline(__always)
            func term(_ t: SweepPlan.ForwardTerm) -> T {
                let product = parameters[t.weight] * source(t)
                return t.bias >= 0 ? product + parameters[t.bias] : product
            }
            for u in 0..<units.count {
                let unit = units[u]
                var z: T
                if unit.termCount > 0 {
                    z = term(terms[unit.firstTerm])
                    var k = 1
                    while k < unit.termCount {
                        let t = terms[unit.firstTerm &+ k]
                        z = t.bias >= 0 ? z + term(t) : T.multiplyAdd(z, parameters[t.weight], source(t))
                        k &+= 1
                    }
                    if unit.bias >= 0 { z = z + parameters[unit.bias] }
                } else {
                    z = parameters[unit.bias]
                }
                let a = unit.activation < 0 ? activation : activations[unit.activation]
                zs[u] = z
                if computeSlopes {
                    let (x, slope) = T.activate(a, z)
                    xs[u] = x
                    slopes[u] = slope
                } else {
                    xs[u] = a.value(z)
                }
            }
        } } } } } } }
        evaluateObjective(targets: targets, workspace: &workspace)
    }

    /// The objective from the outputs, and x̄ of the units it reads.
    @inlinable
    static func evaluateObjective<T: NetworkScalar>(targets: [Double], workspace: inout BackpropWorkspace<T>) {
        switch workspace.plan.objective {
        case .unit(let u, _):
            workspace.objective = workspace.outputs[u]
            workspace.adjoints[u] = workspace.outputs[u].constant(1)
        case .loss(let loss, let outputs, _):
            let xs = workspace.outputs
            workspace.objective = loss.evaluate(count: outputs.count, output: { xs[outputs[$0]] },
                                                target: { targets[$0] },
                                                adjoint: { workspace.adjoints[outputs[$0]] = $1 })
        }
    }

    /// The back-to-front sweep over the slopes and adjoints the forward pass left.
    @inlinable
    public static func backward<T: NetworkScalar>(inputs: [T], parameters: [T], workspace: inout BackpropWorkspace<T>) {
        workspace.plan.backwardUnits.withUnsafeBufferPointer { units in
        workspace.plan.backwardTerms.withUnsafeBufferPointer { terms in
        inputs.withUnsafeBufferPointer { inputs in
        parameters.withUnsafeBufferPointer { parameters in
        workspace.outputs.withUnsafeBufferPointer { xs in
        workspace.slopes.withUnsafeBufferPointer { slopes in
        workspace.adjoints.withUnsafeMutableBufferPointer { adjoints in
        workspace.gradient.withUnsafeMutableBufferPointer { gradient in
            /// ∂/∂θₚ += v, or = v for the first contribution.
            @inline(__always)
            func accumulate(_ p: Int, _ v: T, adds: Bool) {
                gradient[p] = adds ? gradient[p] + v : v
            }
            for unit in units {
                let delta = adjoints[unit.unit] * slopes[unit.unit]
                if unit.bias >= 0 { accumulate(unit.bias, delta, adds: unit.biasAdds) }
                var k = 0
                while k < unit.termCount {
                    let t = terms[unit.firstTerm &+ k]
                    let s = t.source.isInput ? inputs[t.source.index] : xs[t.source.index]
                    accumulate(t.weight, delta * s, adds: t.weightAdds)
                    if t.bias >= 0 { accumulate(t.bias, delta, adds: t.biasAdds) }
                    if !t.source.isInput {
                        let v = t.source.index
                        let contribution = delta * parameters[t.weight]
                        adjoints[v] = t.adjointAdds ? adjoints[v] + contribution : contribution
                    }
                    k &+= 1
                }
            }
        } } } } } } } }
        for p in workspace.plan.unreached { workspace.gradient[p] = parameters[p].constant(0) }
    }
}
