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
    /// The network flattened into plain indices, so the sweeps run without
    /// touching its nested arrays. Made on the second run with this
    /// workspace (see ``Backprop/run(_:activation:inputs:parameters:workspace:)``),
    /// so that a workspace used once never pays for it.
    @usableFromInline var plan: BackpropPlan
    /// Runs that took the general path.
    @usableFromInline var generalRuns: Int

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
        plan = BackpropPlan()
        generalRuns = 0
    }

    /// Whether the plan was made for `network` and every array has the size
    /// the planned sweeps index without checks.
    @inlinable
    func planApplies(to network: Network, inputCount: Int, parameterCount: Int) -> Bool {
        guard plan.isPlan(for: network) else { return false }
        let units = plan.unitCount
        return inputCount >= plan.inputsNeeded
            && parameterCount == plan.parameterCount && gradient.count == plan.parameterCount
            && preactivations.count >= units && outputs.count >= units && slopes.count >= units
            && adjoints.count >= units
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
        if workspace.planApplies(to: network, inputCount: inputs.count, parameterCount: parameters.count) {
            plannedRun(activation: activation, inputs: inputs, parameters: parameters, workspace: &workspace)
            return
        }
        workspace.generalRuns &+= 1
        if workspace.generalRuns == 2 {
            // Used again: worth planning (once).
            workspace.plan = BackpropPlan(network)
            if workspace.planApplies(to: network, inputCount: inputs.count, parameterCount: parameters.count) {
                plannedRun(activation: activation, inputs: inputs, parameters: parameters, workspace: &workspace)
                return
            }
        }
        forwardPass(network, activation: activation, inputs: inputs, parameters: parameters, workspace: &workspace)
        backwardSweep(network, inputs: inputs, parameters: parameters, workspace: &workspace)
    }

    /// z, x = α(z) and α′(z) for every unit.
    @inlinable
    public static func forwardPass<T: NetworkScalar>(_ network: Network, activation: Activation,
                                              inputs: [T], parameters: [T],
                                              workspace: inout BackpropWorkspace<T>) {
        if workspace.planApplies(to: network, inputCount: inputs.count, parameterCount: parameters.count) {
            plannedForwardPass(activation: activation, inputs: inputs, parameters: parameters, workspace: &workspace)
            return
        }
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
        if workspace.planApplies(to: network, inputCount: inputs.count, parameterCount: parameters.count) {
            plannedBackwardSweep(inputs: inputs, parameters: parameters, workspace: &workspace)
            return
        }
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

// MARK: - The planned sweeps

/// A network flattened into one array of indices, with the back-to-front
/// sweep's control flow worked out in advance.
///
/// Which units the sweep visits, and whether a partial or an adjoint is
/// stored (first contribution) or added to, depend only on the network's
/// wiring, never on the values; so the plan records them once, and the
/// planned sweeps perform exactly the operations of the general ones, in the
/// same order, with the same operands. They only skip the bookkeeping: no
/// copies of units or term arrays (no reference counting), no per-element
/// bounds or uniqueness checks, no flag arrays.
///
/// Layout of the code, all `Int`; a source s ≥ 0 is input s, s < 0 is the
/// output of unit ~s; an absent bias is −1; "add" flags are 0 (store) or 1:
///
///     forward, per unit in order:  termCount, unitBias,
///                                  termCount × (weight, source, bias)
///     backward (at backwardStart): visitCount, then per visited unit:
///                                  unit, unitBias, unitBiasAdd, termCount,
///                                  termCount × (weight, weightAdd, source, bias, biasAdd, adjointAdd)
///     then: zeroCount, zeroCount × parameter (never reached: ∂y/∂θ = 0)
@usableFromInline
struct BackpropPlan: @unchecked Sendable {
    /// Owns the code; immutable once made.
    @usableFromInline
    final class Storage {
        @usableFromInline let code: UnsafeMutablePointer<Int>
        init(_ code: [Int]) {
            self.code = .allocate(capacity: Swift.max(1, code.count))
            self.code.initialize(from: code, count: code.count)
        }
        deinit { code.deallocate() }
    }

    /// The units the plan was made from. A network whose `units` share this
    /// storage has exactly these units: shared array storage is never
    /// mutated in place.
    @usableFromInline let units: [Network.Unit]
    @usableFromInline let output: Int
    @usableFromInline let unitCount: Int
    /// 1 + the largest input index a term reads.
    @usableFromInline let inputsNeeded: Int
    @usableFromInline let parameterCount: Int
    @usableFromInline let backwardStart: Int
    /// The code (plain integers, so reading it needs no reference counting).
    @usableFromInline let code: UnsafePointer<Int>
    @usableFromInline let storage: Storage?

    /// A plan that applies to no network (its code pointer is a
    /// placeholder, never read: ``isPlan(for:)`` is false for every network).
    @usableFromInline
    init() {
        units = []
        output = -1
        (unitCount, inputsNeeded, parameterCount, backwardStart) = (0, 0, 0, 0)
        storage = nil
        code = UnsafePointer(bitPattern: MemoryLayout<Int>.alignment).unsafelyUnwrapped
    }

    /// The plan of `network`, or one that applies to no network when the
    /// general path must handle it (an index out of range, a unit with
    /// neither terms nor bias): that path traps where it should.
    @usableFromInline
    init(_ network: Network) {
        self = BackpropPlan(planning: network) ?? BackpropPlan()
    }

    init?(planning network: Network) {
        guard let flat = Backprop.sweepCode(for: network) else { return nil }
        let (code, backwardStart, inputsNeeded) = flat
        let units = network.units
        let parameterCount = network.parameters.count
        self.units = units
        self.output = network.output
        self.unitCount = units.count
        self.inputsNeeded = inputsNeeded
        self.parameterCount = parameterCount
        self.backwardStart = backwardStart
        let storage = Storage(code)
        self.storage = storage
        self.code = UnsafePointer(storage.code)
    }

    /// Whether `network` is the network this plan was made from (the same
    /// unit storage, so no element-wise comparison is needed).
    @inlinable
    func isPlan(for network: Network) -> Bool {
        guard network.output == output, output >= 0 else { return false }
        return network.units.withUnsafeBufferPointer { given in
            units.withUnsafeBufferPointer { own in given.baseAddress == own.baseAddress && given.count == own.count }
        }
    }
}

extension Backprop {
    // The planned sweeps index unsafe buffers: bounds are checked in debug
    // builds only; in release builds `planApplies` has already checked every
    // array against the plan's largest index.

    /// ``forwardPass(_:activation:inputs:parameters:workspace:)`` from the plan.
    @inlinable
    static func plannedForwardPass<T: NetworkScalar>(activation: Activation, inputs: [T], parameters: [T],
                                                     workspace: inout BackpropWorkspace<T>) {
        let (code, unitCount) = (workspace.plan.code, workspace.plan.unitCount)
        inputs.withUnsafeBufferPointer { inputs in
        parameters.withUnsafeBufferPointer { parameters in
        workspace.preactivations.withUnsafeMutableBufferPointer { zs in
        workspace.outputs.withUnsafeMutableBufferPointer { xs in
        workspace.slopes.withUnsafeMutableBufferPointer { slopes in
            plannedForward(code, unitCount, activation, inputs, parameters, zs, xs, slopes)
        } } } } }
    }

    /// ``backwardSweep(_:inputs:parameters:workspace:)`` from the plan.
    @inlinable
    static func plannedBackwardSweep<T: NetworkScalar>(inputs: [T], parameters: [T],
                                                       workspace: inout BackpropWorkspace<T>) {
        let (code, output) = (workspace.plan.code + workspace.plan.backwardStart, workspace.plan.output)
        inputs.withUnsafeBufferPointer { inputs in
        parameters.withUnsafeBufferPointer { parameters in
        workspace.outputs.withUnsafeBufferPointer { xs in
        workspace.slopes.withUnsafeBufferPointer { slopes in
        workspace.adjoints.withUnsafeMutableBufferPointer { adjoints in
        workspace.gradient.withUnsafeMutableBufferPointer { gradient in
            plannedBackward(code, output, inputs, parameters, xs, slopes, adjoints, gradient)
        } } } } } }
    }

    /// ``run(_:activation:inputs:parameters:workspace:)`` from the plan: the
    /// two planned sweeps, sharing one access to each array.
    @inlinable
    static func plannedRun<T: NetworkScalar>(activation: Activation, inputs: [T], parameters: [T],
                                             workspace: inout BackpropWorkspace<T>) {
        let (code, unitCount) = (workspace.plan.code, workspace.plan.unitCount)
        let (output, backwardStart) = (workspace.plan.output, workspace.plan.backwardStart)
        inputs.withUnsafeBufferPointer { inputs in
        parameters.withUnsafeBufferPointer { parameters in
        workspace.preactivations.withUnsafeMutableBufferPointer { zs in
        workspace.outputs.withUnsafeMutableBufferPointer { xs in
        workspace.slopes.withUnsafeMutableBufferPointer { slopes in
        workspace.adjoints.withUnsafeMutableBufferPointer { adjoints in
        workspace.gradient.withUnsafeMutableBufferPointer { gradient in
            plannedForward(code, unitCount, activation, inputs, parameters, zs, xs, slopes)
            plannedBackward(code + backwardStart, output, inputs, parameters, UnsafeBufferPointer(xs),
                            UnsafeBufferPointer(slopes), adjoints, gradient)
        } } } } } } }
    }

    /// The forward sweep over the plan's code (see ``BackpropPlan``).
    @inlinable @inline(__always)
    static func plannedForward<T: NetworkScalar>(_ code: UnsafePointer<Int>, _ unitCount: Int, _ activation: Activation,
                                                 _ inputs: UnsafeBufferPointer<T>, _ parameters: UnsafeBufferPointer<T>,
                                                 _ zs: UnsafeMutableBufferPointer<T>, _ xs: UnsafeMutableBufferPointer<T>,
                                                 _ slopes: UnsafeMutableBufferPointer<T>) {
        /// wₖ·sₖ (+ bₖ) of the term whose code starts at `pc`.
        @inline(__always)
        func term(_ pc: Int) -> T {
            let source = code[pc &+ 1], bias = code[pc &+ 2]
            var t = parameters[code[pc]] * (source >= 0 ? inputs[source] : xs[~source])
            if bias >= 0 { t = t + parameters[bias] }
            return t
        }
        var pc = 0
        for u in 0..<unitCount {
            let termCount = code[pc], unitBias = code[pc &+ 1]
            pc &+= 2
            var z: T
            if termCount > 0 {
                z = term(pc)
                pc &+= 3
                var k = 1
                while k < termCount {
                    z = z + term(pc)
                    pc &+= 3
                    k &+= 1
                }
                if unitBias >= 0 { z = z + parameters[unitBias] }
            } else {
                z = parameters[unitBias]
            }
            let (x, slope) = T.activate(activation, z)
            zs[u] = z
            xs[u] = x
            slopes[u] = slope
        }
    }

    /// The back-to-front sweep over the plan's code from its backward part.
    @inlinable @inline(__always)
    static func plannedBackward<T: NetworkScalar>(_ code: UnsafePointer<Int>, _ output: Int,
                                                  _ inputs: UnsafeBufferPointer<T>, _ parameters: UnsafeBufferPointer<T>,
                                                  _ xs: UnsafeBufferPointer<T>, _ slopes: UnsafeBufferPointer<T>,
                                                  _ adjoints: UnsafeMutableBufferPointer<T>,
                                                  _ gradient: UnsafeMutableBufferPointer<T>) {
        /// ∂y/∂θᵢ += v, or = v for the first contribution.
        @inline(__always)
        func accumulate(_ i: Int, _ v: T, add: Int) {
            gradient[i] = add != 0 ? gradient[i] + v : v
        }
        adjoints[output] = xs[output].constant(1)
        let visits = code[0]
        var pc = 1
        var visit = 0
        while visit < visits {
            let u = code[pc], unitBias = code[pc &+ 1], unitBiasAdd = code[pc &+ 2], termCount = code[pc &+ 3]
            pc &+= 4
            let delta = adjoints[u] * slopes[u]
            if unitBias >= 0 { accumulate(unitBias, delta, add: unitBiasAdd) }
            var k = 0
            while k < termCount {
                let weight = code[pc], source = code[pc &+ 2], bias = code[pc &+ 3]
                accumulate(weight, delta * (source >= 0 ? inputs[source] : xs[~source]), add: code[pc &+ 1])
                if bias >= 0 { accumulate(bias, delta, add: code[pc &+ 4]) }
                if source < 0 {
                    let contribution = delta * parameters[weight]
                    adjoints[~source] = code[pc &+ 5] != 0 ? adjoints[~source] + contribution : contribution
                }
                pc &+= 6
                k &+= 1
            }
            visit &+= 1
        }
        let zeros = code[pc]
        var k = 0
        while k < zeros {
            let p = code[pc &+ 1 &+ k]
            gradient[p] = parameters[p].constant(0)
            k &+= 1
        }
    }
}

extension Backprop {
    /// The network flattened into integers, with the back-to-front sweep's
    /// visit order and store-or-add decisions worked out once — they depend
    /// only on the wiring, never on the values. Shared by the planned sweep
    /// of a reused workspace and by the batched Double engine. Nil when the
    /// network is malformed (an index out of range, a unit with neither
    /// terms nor bias); the general sweep then traps where it should.
    ///
    /// Layout, all `Int`; a source s ≥ 0 is input s, s < 0 is unit ~s's
    /// output; an absent bias is −1; "add" flags are 0 (store) or 1:
    ///
    ///     forward, per unit in order:  termCount, unitBias,
    ///                                  termCount × (weight, source, bias)
    ///     backward (at backwardStart): visitCount, then per visited unit:
    ///                                  unit, unitBias, unitBiasAdd, termCount,
    ///                                  termCount × (weight, weightAdd, source, bias, biasAdd, adjointAdd)
    ///     then: zeroCount, zeroCount × parameter (never reached: ∂y/∂θ = 0)
    package static func sweepCode(for network: Network) -> (code: [Int], backwardStart: Int, inputsNeeded: Int)? {
        let units = network.units
        let parameterCount = network.parameters.count
        guard units.indices.contains(network.output) else { return nil }
        func isParameter(_ i: Int?) -> Bool { i.map { (0..<parameterCount).contains($0) } ?? true }
        var code: [Int] = []
        code.reserveCapacity(3 * units.count + 9 * units.reduce(0) { $0 + $1.terms.count } + parameterCount + 2)
        var inputsNeeded = 0
        for unit in units {
            guard !unit.terms.isEmpty || unit.bias != nil, isParameter(unit.bias) else { return nil }
            code += [unit.terms.count, unit.bias ?? -1]
            for term in unit.terms {
                guard isParameter(term.weight), isParameter(term.bias) else { return nil }
                let source: Int
                switch term.source {
                case .input(let i):
                    guard i >= 0 else { return nil }
                    inputsNeeded = Swift.max(inputsNeeded, i + 1)
                    source = i
                case .unit(let v):
                    guard units.indices.contains(v) else { return nil }
                    source = ~v
                }
                code += [term.weight, source, term.bias ?? -1]
            }
        }

        // Run the general sweep's control flow once, recording what it does.
        let backwardStart = code.count
        var reached = Array(repeating: false, count: units.count)
        var seen = Array(repeating: false, count: parameterCount)
        reached[network.output] = true
        func accumulate(_ i: Int) -> Int {
            defer { seen[i] = true }
            return seen[i] ? 1 : 0
        }
        code.append(0)
        var visits = 0
        for u in units.indices.reversed() where reached[u] {
            visits += 1
            let unit = units[u]
            code += [u, unit.bias ?? -1, unit.bias.map(accumulate) ?? 0, unit.terms.count]
            for term in unit.terms {
                let weightAdd = accumulate(term.weight)
                let biasAdd = term.bias.map(accumulate) ?? 0
                var source = 0, adjointAdd = 0
                switch term.source {
                case .input(let i):
                    source = i
                case .unit(let v):
                    source = ~v
                    adjointAdd = reached[v] ? 1 : 0
                    reached[v] = true
                }
                code += [term.weight, weightAdd, source, term.bias ?? -1, biasAdd, adjointAdd]
            }
        }
        code[backwardStart] = visits
        let unreached = (0..<parameterCount).filter { !seen[$0] }
        code.append(unreached.count)
        code += unreached

        return (code, backwardStart, inputsNeeded)
    }
}
