import NetworkModel

/// The kit's binary64 back-propagation for a batch of cases of one network
/// and one activation, structure of arrays: the same data-driven sweep as
/// ``DoubleBackprop``, with the cost of reading the network shared by the
/// cases of the batch.
///
/// ``DoubleBackprop`` walks the network's units and terms once per case.
/// This walks them once per chunk of cases (``chunkSize``, 256 by default)
/// and, for every operation of the sweep, runs a tight loop over the chunk's
/// cases. Per case it performs exactly the floating-point operations of
/// `Backprop.run(_:activation:inputs:parameters:workspace:)` on `Double`,
/// in the same order with the same operands:
///
/// - forward, per unit in order: z = Σₖ (wₖ·sₖ + bₖ) + b summed left to
///   right, then (x, α′(z)) = `Double.activate(α, z)` with the unit's α;
///   then, per case, the objective and its adjoints (`Loss.evaluate(count:output:target:adjoint:)`);
/// - backward, per visited unit last to first: δ = x̄·α′(z), then every
///   partial and adjoint stored on its first contribution and added to
///   afterwards, in the order of the `SweepPlan`; partials never reached are +0.
///
/// So the objective and every partial of every case are bit-identical to
/// ``DoubleBackprop/evaluate(inputs:parameters:targets:)`` (a NaN's sign and
/// payload aside): both sweeps read the same `SweepPlan`.
///
/// Layout (structure of arrays): value `i` of case `c` is at `i·stride + c`;
/// inputs in `Network.inputs` order, targets in `Network.targets` order,
/// parameters and gradient in `Network.parameters` order. Storage is allocated once, at
/// initialisation; evaluations allocate nothing (except that the array
/// overload resizes `y` and `gradient` when their sizes do not fit).
public struct DoubleBatchBackprop {
    public let network: Network
    /// The generic α's choice (units with a fixed activation keep theirs).
    public let activation: Activation
    /// Cases swept together; the interpretation of the network is paid once
    /// per chunk.
    public let chunkSize: Int
    /// Values per case: `Network.inputs`, `Network.targets` and `Network.parameters` counts.
    public let inputCount: Int
    public let targetCount: Int
    public let parameterCount: Int

    let plan: SweepPlan
    /// x, α′(z) and x̄ (then δ) of every unit, `chunkSize` cases per row.
    private var scratch: [Double]

    /// Storage for `network`, swept `chunkSize` cases at a time; throws when
    /// the network is malformed (`Network.validate()`).
    public init(network: Network, activation: Activation, chunkSize: Int = 256) throws(NetworkError) {
        guard chunkSize > 0 else { throw NetworkError("DoubleBatchBackprop needs a positive chunk size") }
        plan = try SweepPlan(network)
        self.network = network
        self.activation = activation
        self.chunkSize = chunkSize
        inputCount = network.inputs.count
        targetCount = network.targets.count
        parameterCount = network.parameters.count
        scratch = Array(repeating: 0, count: 3 * network.units.count * chunkSize)
    }

    /// Evaluates `caseCount` cases held in arrays the caller owns:
    /// `inputs[i·caseCount + c]`, `targets[k·caseCount + c]`,
    /// `parameters[p·caseCount + c]`; writes `objective[c]` and
    /// `gradient[p·caseCount + c]` (resizing them if their sizes do not fit).
    public mutating func evaluate(caseCount: Int, inputs: [Double], targets: [Double] = [], parameters: [Double],
                                  objective: inout [Double], gradient: inout [Double]) {
        precondition(caseCount >= 0 && inputs.count == inputCount * caseCount
                     && targets.count == targetCount * caseCount && parameters.count == parameterCount * caseCount,
                     "DoubleBatchBackprop: inputs, targets and parameters must hold caseCount values each")
        if objective.count != caseCount { objective = Array(repeating: 0, count: caseCount) }
        if gradient.count != parameterCount * caseCount { gradient = Array(repeating: 0, count: parameterCount * caseCount) }
        guard caseCount > 0 else { return }
        // A network may have no inputs or targets; an empty row pointer is then never read.
        let nothing = UnsafePointer<Double>(bitPattern: MemoryLayout<Double>.alignment).unsafelyUnwrapped
        inputs.withUnsafeBufferPointer { inputs in
        targets.withUnsafeBufferPointer { targets in
        parameters.withUnsafeBufferPointer { parameters in
        objective.withUnsafeMutableBufferPointer { objective in
        gradient.withUnsafeMutableBufferPointer { gradient in
            evaluate(caseCount: caseCount, inputs: inputs.baseAddress ?? nothing, inputStride: caseCount,
                     targets: targets.baseAddress ?? nothing, targetStride: caseCount,
                     parameters: parameters.baseAddress.unsafelyUnwrapped, parameterStride: caseCount,
                     objective: objective.baseAddress.unsafelyUnwrapped,
                     gradient: gradient.baseAddress.unsafelyUnwrapped, gradientStride: caseCount)
        } } } } }
    }

    /// Evaluates `caseCount` cases in buffers the caller owns: input `i` of
    /// case `c` at `inputs[i·inputStride + c]`, target k at
    /// `targets[k·targetStride + c]`, parameter `p` at
    /// `parameters[p·parameterStride + c]`; writes the objective to
    /// `objective[c]` and ∂/∂θ_p to `gradient[p·gradientStride + c]`.
    ///
    /// The buffers must hold those elements; the outputs must not overlap
    /// the inputs. Nothing is checked beyond the counts.
    public mutating func evaluate(caseCount: Int,
                                  inputs: UnsafePointer<Double>, inputStride: Int,
                                  targets: UnsafePointer<Double>, targetStride: Int,
                                  parameters: UnsafePointer<Double>, parameterStride: Int,
                                  objective: UnsafeMutablePointer<Double>,
                                  gradient: UnsafeMutablePointer<Double>, gradientStride: Int) {
        precondition(caseCount >= 0 && inputStride >= 0 && targetStride >= 0 && parameterStride >= 0
                     && gradientStride >= 0, "DoubleBatchBackprop: negative count or stride")
        let (plan, activation, chunkSize) = (self.plan, self.activation, self.chunkSize)
        let unitCount = plan.unitCount
        plan.forwardUnits.withUnsafeBufferPointer { forwardUnits in
        plan.forwardTerms.withUnsafeBufferPointer { forwardTerms in
        plan.backwardUnits.withUnsafeBufferPointer { backwardUnits in
        plan.backwardTerms.withUnsafeBufferPointer { backwardTerms in
        scratch.withUnsafeMutableBufferPointer { scratch in
            let xs = scratch.baseAddress.unsafelyUnwrapped
            let slopes = xs + unitCount * chunkSize
            let adjoints = slopes + unitCount * chunkSize
            var done = 0
            while done < caseCount {
                let n = Swift.min(chunkSize, caseCount - done)
                let chunk = BatchChunk(n: n, stride: chunkSize,
                                       inputs: inputs + done, inputStride: inputStride,
                                       targets: targets + done, targetStride: targetStride,
                                       parameters: parameters + done, parameterStride: parameterStride,
                                       gradient: gradient + done, gradientStride: gradientStride,
                                       xs: xs, slopes: slopes, adjoints: adjoints)
                chunk.forward(forwardUnits, forwardTerms, activation)
                chunk.objective(plan.objective, into: objective + done)
                chunk.backward(backwardUnits, backwardTerms, unreached: plan.unreached)
                done += n
            }
        } } } } }
    }
}

/// One chunk of cases: row pointers into the caller's buffers and the scratch.
private struct BatchChunk {
    let n: Int
    /// Row stride of the scratch rows (x, α′(z), x̄ of each unit).
    let stride: Int
    let inputs: UnsafePointer<Double>
    let inputStride: Int
    let targets: UnsafePointer<Double>
    let targetStride: Int
    let parameters: UnsafePointer<Double>
    let parameterStride: Int
    let gradient: UnsafeMutablePointer<Double>
    let gradientStride: Int
    let xs: UnsafeMutablePointer<Double>
    let slopes: UnsafeMutablePointer<Double>
    let adjoints: UnsafeMutablePointer<Double>

    @inline(__always) func parameter(_ p: Int) -> UnsafePointer<Double> { parameters + p &* parameterStride }
    @inline(__always) func partial(_ p: Int) -> UnsafeMutablePointer<Double> { gradient + p &* gradientStride }
    /// The row a term's source holds: an input or a unit's output.
    @inline(__always) func row(_ s: SweepPlan.Slot) -> UnsafePointer<Double> {
        s.isInput ? inputs + s.index &* inputStride : UnsafePointer(xs + s.index &* stride)
    }

    /// z, then x and α′(z), of every unit; z is summed in the unit's x row
    /// and replaced by x.
    @inline(__always)
    func forward(_ units: UnsafeBufferPointer<SweepPlan.ForwardUnit>,
                 _ terms: UnsafeBufferPointer<SweepPlan.ForwardTerm>, _ generic: Activation) {
        let n = self.n
        let activations = Activation.indexed
        for u in 0..<units.count {
            let unit = units[u]
            let z = xs + u &* stride
            if unit.termCount > 0 {
                // z = w·s (+ b), then z = z + (w·s (+ b)) for each further term.
                var k = 0
                while k < unit.termCount {
                    let t = terms[unit.firstTerm &+ k]
                    let w = parameter(t.weight), s = row(t.source)
                    switch (k == 0, t.bias >= 0) {
                    case (true, false):
                        for c in 0..<n { z[c] = w[c] * s[c] }
                    case (true, true):
                        let b = parameter(t.bias)
                        for c in 0..<n { z[c] = w[c] * s[c] + b[c] }
                    case (false, false):
                        for c in 0..<n { z[c] = z[c] + w[c] * s[c] }
                    case (false, true):
                        let b = parameter(t.bias)
                        for c in 0..<n { z[c] = z[c] + (w[c] * s[c] + b[c]) }
                    }
                    k &+= 1
                }
                if unit.bias >= 0 {
                    let b = parameter(unit.bias)
                    for c in 0..<n { z[c] = z[c] + b[c] }
                }
            } else {
                let b = parameter(unit.bias)
                for c in 0..<n { z[c] = b[c] }
            }
            let slope = slopes + u &* stride
            // The activation is resolved once per unit, so each loop inlines one formula.
            switch unit.activation < 0 ? generic : activations[unit.activation] {
            case .sigmoid: activate(.sigmoid, z, slope)
            case .tanh: activate(.tanh, z, slope)
            case .softplus: activate(.softplus, z, slope)
            case .silu: activate(.silu, z, slope)
            case .gelu: activate(.gelu, z, slope)
            case .identity: activate(.identity, z, slope)
            case .relu: activate(.relu, z, slope)
            }
        }
    }

    /// x = α(z) in place of z, and α′(z), exactly as the per-case sweep
    /// computes them (`Double.activate`).
    @inline(__always)
    func activate(_ activation: Activation, _ zx: UnsafeMutablePointer<Double>, _ slope: UnsafeMutablePointer<Double>) {
        for c in 0..<n {
            let (x, d) = Double.activate(activation, zx[c])
            zx[c] = x
            slope[c] = d
        }
    }

    /// The objective of each case and x̄ of the units it reads, as the
    /// per-case sweep computes them.
    @inline(__always)
    func objective(_ objective: Objective, into values: UnsafeMutablePointer<Double>) {
        switch objective {
        case .unit(let u, _):
            let x = xs + u &* stride, a = adjoints + u &* stride
            for c in 0..<n {
                values[c] = x[c]
                a[c] = 1
            }
        case .loss(let loss, let outputs, _):
            for c in 0..<n {
                values[c] = loss.evaluate(count: outputs.count, output: { xs[outputs[$0] &* stride &+ c] },
                                          target: { targets[$0 &* targetStride &+ c] },
                                          adjoint: { adjoints[outputs[$0] &* stride &+ c] = $1 })
            }
        }
    }

    /// The back-to-front sweep; x̄ of a unit is replaced by its δ when the
    /// unit is visited (it is never read again).
    @inline(__always)
    func backward(_ units: UnsafeBufferPointer<SweepPlan.BackwardUnit>,
                  _ terms: UnsafeBufferPointer<SweepPlan.BackwardTerm>, unreached: [Int]) {
        let n = self.n
        /// ∂/∂θ_p = v (first contribution) or += v, for every case.
        @inline(__always)
        func accumulate(_ p: Int, adds: Bool, _ v: (Int) -> Double) {
            let g = partial(p)
            if adds {
                for c in 0..<n { g[c] = g[c] + v(c) }
            } else {
                for c in 0..<n { g[c] = v(c) }
            }
        }
        for unit in units {
            let delta = adjoints + unit.unit &* stride
            let slope = UnsafePointer(slopes + unit.unit &* stride)
            for c in 0..<n { delta[c] = delta[c] * slope[c] }
            if unit.bias >= 0 { accumulate(unit.bias, adds: unit.biasAdds) { delta[$0] } }
            var k = 0
            while k < unit.termCount {
                let t = terms[unit.firstTerm &+ k]
                let s = row(t.source)
                accumulate(t.weight, adds: t.weightAdds) { delta[$0] * s[$0] }
                if t.bias >= 0 { accumulate(t.bias, adds: t.biasAdds) { delta[$0] } }
                if !t.source.isInput {
                    let w = parameter(t.weight)
                    let a = adjoints + t.source.index &* stride
                    if t.adjointAdds {
                        for c in 0..<n { a[c] = a[c] + delta[c] * w[c] }
                    } else {
                        for c in 0..<n { a[c] = delta[c] * w[c] }
                    }
                }
                k &+= 1
            }
        }
        for p in unreached {
            let g = partial(p)
            for c in 0..<n { g[c] = 0 }
        }
    }
}
