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
///   right, then (x, α′(z)) = `Double.activate(activation, z)`
///   (`Activation.valueAndDerivative(_:)`; for sigmoid
///   `Activation.sigmoidAndDerivative(_:)`);
/// - backward, from x̄_y = 1, per reached unit last to first: δ = x̄·α′(z),
///   then every partial and adjoint stored on its first contribution and
///   added to afterwards, in the order of `Backprop.backwardSweep(_:inputs:parameters:workspace:)`;
///   partials never reached are +0.
///
/// So y and every partial of every case are bit-identical to
/// ``DoubleBackprop/evaluate(inputs:parameters:)`` and
/// `Backprop.gradient(_:activation:inputs:parameters:)` (a NaN's sign and
/// payload aside). Nothing about the network is fixed in the code: it works
/// for any `Network` (per-term and unit biases, several terms from the same
/// source, units beyond the output).
///
/// Layout (structure of arrays): value `i` of case `c` is at `i·stride + c`;
/// inputs in `Network.inputs` order, parameters and gradient in
/// `Network.parameters` order. Storage is allocated once, at
/// initialisation; evaluations allocate nothing (except that the array
/// overload resizes `y` and `gradient` when their sizes do not fit).
public struct DoubleBatchBackprop {
    public let network: Network
    public let activation: Activation
    /// Cases swept together; the interpretation of the network is paid once
    /// per chunk.
    public let chunkSize: Int
    /// Values per case: `Network.inputs` and `Network.parameters` counts.
    public let inputCount: Int
    public let parameterCount: Int

    /// The network flattened into indices (see ``init(network:activation:chunkSize:)``).
    private let code: [Int]
    private let backwardStart: Int
    /// x, α′(z) and x̄ (then δ) of every unit, `chunkSize` cases per row.
    private var scratch: [Double]

    /// Storage for `network`, swept `chunkSize` cases at a time.
    ///
    /// Traps unless the network is well formed: the output is a unit, every
    /// index is in range, every unit has a term or a bias, and a unit reads
    /// only inputs and earlier units. The network is flattened by
    /// `Backprop.sweepCode(for:)`, the same code the planned per-case sweep runs.
    public init(network: Network, activation: Activation, chunkSize: Int = 256) {
        precondition(chunkSize > 0, "DoubleBatchBackprop needs a positive chunk size")
        let units = network.units
        let parameterCount = network.parameters.count
        let inputCount = network.inputs.count
        for (u, unit) in units.enumerated() {
            for term in unit.terms {
                switch term.source {
                case .input(let i):
                    precondition((0..<inputCount).contains(i), "DoubleBatchBackprop: input \(i) out of range")
                case .unit(let v):
                    precondition((0..<u).contains(v), "DoubleBatchBackprop: unit \(u) reads unit \(v), not an earlier one")
                }
            }
        }
        guard let (code, backwardStart, _) = Backprop.sweepCode(for: network) else {
            preconditionFailure("DoubleBatchBackprop: malformed network (an index out of range, or a unit with no term and no bias)")
        }

        self.network = network
        self.activation = activation
        self.chunkSize = chunkSize
        self.inputCount = inputCount
        self.parameterCount = parameterCount
        self.code = code
        self.backwardStart = backwardStart
        scratch = Array(repeating: 0, count: 3 * units.count * chunkSize)
    }

    /// Evaluates `caseCount` cases held in arrays the caller owns:
    /// `inputs[i·caseCount + c]`, `parameters[p·caseCount + c]`; writes
    /// `y[c]` and `gradient[p·caseCount + c]` (resizing them if their sizes
    /// do not fit).
    public mutating func evaluate(caseCount: Int, inputs: [Double], parameters: [Double],
                                  y: inout [Double], gradient: inout [Double]) {
        precondition(caseCount >= 0 && inputs.count == inputCount * caseCount
                     && parameters.count == parameterCount * caseCount,
                     "DoubleBatchBackprop: inputs and parameters must hold caseCount values each")
        if y.count != caseCount { y = Array(repeating: 0, count: caseCount) }
        if gradient.count != parameterCount * caseCount { gradient = Array(repeating: 0, count: parameterCount * caseCount) }
        guard caseCount > 0 else { return }
        inputs.withUnsafeBufferPointer { inputs in
        parameters.withUnsafeBufferPointer { parameters in
        y.withUnsafeMutableBufferPointer { y in
        gradient.withUnsafeMutableBufferPointer { gradient in
            // A network may have no inputs; its (empty) row pointer is then never read.
            let noInputs = UnsafePointer<Double>(bitPattern: MemoryLayout<Double>.alignment).unsafelyUnwrapped
            evaluate(caseCount: caseCount, inputs: inputs.baseAddress ?? noInputs, inputStride: caseCount,
                     parameters: parameters.baseAddress.unsafelyUnwrapped, parameterStride: caseCount,
                     y: y.baseAddress.unsafelyUnwrapped,
                     gradient: gradient.baseAddress.unsafelyUnwrapped, gradientStride: caseCount)
        } } } }
    }

    /// Evaluates `caseCount` cases in buffers the caller owns: input `i` of
    /// case `c` at `inputs[i·inputStride + c]`, parameter `p` at
    /// `parameters[p·parameterStride + c]`; writes y to `y[c]` and ∂y/∂θ_p to
    /// `gradient[p·gradientStride + c]`.
    ///
    /// The buffers must hold those elements (``inputCount`` rows of inputs,
    /// ``parameterCount`` rows of parameters and gradient); the outputs must
    /// not overlap the inputs. Nothing is checked beyond the counts.
    public mutating func evaluate(caseCount: Int,
                                  inputs: UnsafePointer<Double>, inputStride: Int,
                                  parameters: UnsafePointer<Double>, parameterStride: Int,
                                  y: UnsafeMutablePointer<Double>,
                                  gradient: UnsafeMutablePointer<Double>, gradientStride: Int) {
        precondition(caseCount >= 0 && inputStride >= 0 && parameterStride >= 0 && gradientStride >= 0,
                     "DoubleBatchBackprop: negative count or stride")
        let (activation, chunkSize, backwardStart, output) = (self.activation, self.chunkSize, backwardStart,
                                                              network.output)
        let unitCount = network.units.count
        code.withUnsafeBufferPointer { code in
        scratch.withUnsafeMutableBufferPointer { scratch in
            let code = code.baseAddress.unsafelyUnwrapped
            let xs = scratch.baseAddress.unsafelyUnwrapped
            let slopes = xs + unitCount * chunkSize
            let adjoints = slopes + unitCount * chunkSize
            var done = 0
            while done < caseCount {
                let n = Swift.min(chunkSize, caseCount - done)
                let chunk = BatchChunk(n: n, stride: chunkSize,
                                  inputs: inputs + done, inputStride: inputStride,
                                  parameters: parameters + done, parameterStride: parameterStride,
                                  gradient: gradient + done, gradientStride: gradientStride,
                                  xs: xs, slopes: slopes, adjoints: adjoints)
                chunk.forward(code, unitCount, activation)
                chunk.backward(code + backwardStart, output)
                let x = xs + output * chunkSize
                let y = y + done
                for c in 0..<n { y[c] = x[c] }
                done += n
            }
        } }
    }
}

/// One chunk of cases: row pointers into the caller's buffers and the scratch.
private struct BatchChunk {
    let n: Int
    /// Row stride of the scratch rows (x, α′(z), x̄ of each unit).
    let stride: Int
    let inputs: UnsafePointer<Double>
    let inputStride: Int
    let parameters: UnsafePointer<Double>
    let parameterStride: Int
    let gradient: UnsafeMutablePointer<Double>
    let gradientStride: Int
    let xs: UnsafeMutablePointer<Double>
    let slopes: UnsafeMutablePointer<Double>
    let adjoints: UnsafeMutablePointer<Double>

    @inline(__always) func parameter(_ p: Int) -> UnsafePointer<Double> { parameters + p &* parameterStride }
    @inline(__always) func partial(_ p: Int) -> UnsafeMutablePointer<Double> { gradient + p &* gradientStride }
    /// The row a term's source holds: input s (s ≥ 0) or the output of unit ~s.
    @inline(__always) func source(_ s: Int) -> UnsafePointer<Double> {
        s >= 0 ? inputs + s &* inputStride : UnsafePointer(xs + (~s) &* stride)
    }

    /// z, then x and α′(z), of every unit; z is summed in the unit's x row
    /// and replaced by x.
    @inline(__always)
    func forward(_ code: UnsafePointer<Int>, _ unitCount: Int, _ activation: Activation) {
        let n = self.n
        var pc = 0
        for u in 0..<unitCount {
            let termCount = code[pc], unitBias = code[pc &+ 1]
            pc &+= 2
            let z = xs + u &* stride
            if termCount > 0 {
                // z = w·s (+ b), then z = z + (w·s (+ b)) for each further term.
                var k = 0
                while k < termCount {
                    let w = parameter(code[pc]), s = source(code[pc &+ 1]), bias = code[pc &+ 2]
                    switch (k == 0, bias >= 0) {
                    case (true, false):
                        for c in 0..<n { z[c] = w[c] * s[c] }
                    case (true, true):
                        let b = parameter(bias)
                        for c in 0..<n { z[c] = w[c] * s[c] + b[c] }
                    case (false, false):
                        for c in 0..<n { z[c] = z[c] + w[c] * s[c] }
                    case (false, true):
                        let b = parameter(bias)
                        for c in 0..<n { z[c] = z[c] + (w[c] * s[c] + b[c]) }
                    }
                    pc &+= 3
                    k &+= 1
                }
                if unitBias >= 0 {
                    let b = parameter(unitBias)
                    for c in 0..<n { z[c] = z[c] + b[c] }
                }
            } else {
                let b = parameter(unitBias)
                for c in 0..<n { z[c] = b[c] }
            }
            let slope = slopes + u &* stride
            // The activation is resolved once per unit, so each loop inlines one formula.
            switch activation {
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

    /// The back-to-front sweep; x̄ of a unit is replaced by its δ when the
    /// unit is visited (it is never read again).
    @inline(__always)
    func backward(_ code: UnsafePointer<Int>, _ output: Int) {
        let n = self.n
        /// ∂y/∂θ_p = v (first contribution) or += v, for every case.
        @inline(__always)
        func accumulate(_ p: Int, add: Int, _ v: (Int) -> Double) {
            let g = partial(p)
            if add != 0 {
                for c in 0..<n { g[c] = g[c] + v(c) }
            } else {
                for c in 0..<n { g[c] = v(c) }
            }
        }
        let top = adjoints + output &* stride
        for c in 0..<n { top[c] = 1 }
        let visits = code[0]
        var pc = 1
        var visit = 0
        while visit < visits {
            let u = code[pc], unitBias = code[pc &+ 1], unitBiasAdd = code[pc &+ 2], termCount = code[pc &+ 3]
            pc &+= 4
            let delta = adjoints + u &* stride
            let slope = UnsafePointer(slopes + u &* stride)
            for c in 0..<n { delta[c] = delta[c] * slope[c] }
            if unitBias >= 0 { accumulate(unitBias, add: unitBiasAdd) { delta[$0] } }
            var k = 0
            while k < termCount {
                let weight = code[pc], source = code[pc &+ 2], bias = code[pc &+ 3]
                let s = self.source(source)
                accumulate(weight, add: code[pc &+ 1]) { delta[$0] * s[$0] }
                if bias >= 0 { accumulate(bias, add: code[pc &+ 4]) { delta[$0] } }
                if source < 0 {
                    let w = parameter(weight)
                    let a = adjoints + (~source) &* stride
                    if code[pc &+ 5] != 0 {
                        for c in 0..<n { a[c] = a[c] + delta[c] * w[c] }
                    } else {
                        for c in 0..<n { a[c] = delta[c] * w[c] }
                    }
                }
                pc &+= 6
                k &+= 1
            }
            visit &+= 1
        }
        let zeros = code[pc]
        var k = 0
        while k < zeros {
            let g = partial(code[pc &+ 1 &+ k])
            for c in 0..<n { g[c] = 0 }
            k &+= 1
        }
    }
}
