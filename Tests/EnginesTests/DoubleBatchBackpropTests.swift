import Testing
import NetworkModel
import Engines

/// Networks with every feature the sweep handles: the seed (per-term
/// biases), dense MLPs (unit biases), and a hand-made one with a bias-only
/// unit, two terms from the same unit, paths of different lengths into a
/// unit, a unit after the output, and a parameter nothing reads.
private let batchNetworks: [Network] = [
    .seed,
    try! .dense(widths: [1, 1]),
    try! .dense(widths: [2, 3, 1]),
    try! .dense(widths: [3, 4, 2, 1]),
    try! .dense(widths: [4, 5, 5, 1]),
    try! .dense(spec: "3-4-2/tanh,identity/mse"),
    try! .dense(spec: "3-4-1/generic,identity/logistic"),
    try! .dense(spec: "2-5-3/relu,identity/softmax-ce"),
    Network(
        name: "irregular", inputs: ["a", "b"],
        parameters: ["p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "unused"],
        units: [
            .init(preactivationName: "z0", outputName: "x0", terms: [.init(weight: 0, source: .input(1), bias: 1)]),
            .init(preactivationName: "z1", outputName: "x1", terms: [], bias: 2),
            .init(preactivationName: "z2", outputName: "x2",
                  terms: [.init(weight: 3, source: .unit(0)), .init(weight: 4, source: .input(0), bias: 5),
                          .init(weight: 3, source: .unit(0), bias: 1)],
                  bias: 6),
            .init(preactivationName: "z3", outputName: "x3",
                  terms: [.init(weight: 7, source: .unit(2)), .init(weight: 8, source: .unit(0)),
                          .init(weight: 9, source: .unit(1), bias: 6), .init(weight: 0, source: .input(0))]),
            .init(preactivationName: "z4", outputName: "x4", terms: [.init(weight: 10, source: .unit(3))]),
        ],
        output: 3),
]

/// SplitMix64 values: mostly uniform in [−4, 4], sometimes far out (σ
/// saturates, exp overflows) or a signed zero.
private struct BatchValues {
    var state: UInt64
    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        let u = Double(z >> 11) * 0x1p-53
        switch z & 63 {
        case 0: return 0
        case 1: return -0.0
        case 2: return u * 1600 - 800
        case 3: return u * 80 - 40
        default: return u * 8 - 4
        }
    }
}

/// Same bits, or both NaN.
private func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

/// Valid targets for case `c` of `network`.
private func targets(_ network: Network, _ c: Int) -> [Double] {
    switch network.objective {
    case .unit: []
    case .loss(.mse, let outputs, _): outputs.indices.map { Double(($0 + c) % 3) - 1 }
    case .loss(.logistic, _, _): [Double(c % 3) / 2]
    case .loss(.softmaxCrossEntropy, let outputs, _): [Double(c % outputs.count)]
    }
}

/// `caseCount` random cases of `network`, case-major, and the batched run's
/// results on them compared with the per-case engines.
private func checkBatch(_ network: Network, _ activation: Activation, caseCount: Int, chunkSize: Int,
                        seed: UInt64) {
    var values = BatchValues(state: seed)
    let (inputCount, parameterCount, targetCount) = (network.inputs.count, network.parameters.count, network.targets.count)
    let cases = (0..<caseCount).map { c in
        (inputs: (0..<inputCount).map { _ in values.next() }, parameters: (0..<parameterCount).map { _ in values.next() },
         targets: targets(network, c))
    }
    // Structure of arrays: value i of case c at i·caseCount + c.
    var inputs = [Double](repeating: 0, count: inputCount * caseCount)
    var parameters = [Double](repeating: 0, count: parameterCount * caseCount)
    var targetRows = [Double](repeating: 0, count: targetCount * caseCount)
    for (c, one) in cases.enumerated() {
        for i in 0..<inputCount { inputs[i * caseCount + c] = one.inputs[i] }
        for k in 0..<targetCount { targetRows[k * caseCount + c] = one.targets[k] }
        for p in 0..<parameterCount { parameters[p * caseCount + c] = one.parameters[p] }
    }
    var batch = try! DoubleBatchBackprop(network: network, activation: activation, chunkSize: chunkSize)
    var y: [Double] = [], gradient: [Double] = []
    // Twice: the second run reuses the storage and must give the same results.
    for _ in 0..<2 {
        batch.evaluate(caseCount: caseCount, inputs: inputs, targets: targetRows, parameters: parameters,
                       objective: &y, gradient: &gradient)
        #expect(y.count == caseCount && gradient.count == parameterCount * caseCount)
        var engine = DoubleBackprop(network: network, activation: activation)
        var mismatches = 0
        for (c, one) in cases.enumerated() {
            let planned = engine.evaluate(inputs: one.inputs, parameters: one.parameters, targets: one.targets)
            let general = Backprop.gradient(network, activation: activation, inputs: one.inputs, parameters: one.parameters,
                                            targets: one.targets, filler: 0.0)
            if !same(y[c], planned) || !same(y[c], general.objective) { mismatches += 1 }
            for p in 0..<parameterCount {
                let g = gradient[p * caseCount + c]
                if !same(g, engine.workspace.gradient[p]) || !same(g, general.gradient[p]) { mismatches += 1 }
            }
        }
        #expect(mismatches == 0, "\(network.name) \(activation) \(caseCount) cases, chunks of \(chunkSize)")
    }
}

@Test(arguments: Activation.allCases, [1, 7, 64])
func batchIsBitIdenticalToThePerCaseSweep(_ activation: Activation, caseCount: Int) {
    for (n, network) in batchNetworks.enumerated() {
        for chunkSize in [256, 5, 1] {
            checkBatch(network, activation, caseCount: caseCount, chunkSize: chunkSize,
                       seed: UInt64(1000 * n + caseCount) &* 0x2545_F491_4F6C_DD1D)
        }
    }
}

@Test func batchOfMoreCasesThanAChunk() {
    checkBatch(.seed, .sigmoid, caseCount: 1000, chunkSize: 256, seed: 7)
    checkBatch(try! .dense(widths: [3, 4, 2, 1]), .tanh, caseCount: 300, chunkSize: 64, seed: 8)
}

@Test func emptyBatchWritesNothingAndNeedsNoValues() throws {
    var batch = try DoubleBatchBackprop(network: .seed, activation: .sigmoid)
    var y: [Double] = [1, 2], gradient: [Double] = [3]
    batch.evaluate(caseCount: 0, inputs: [], parameters: [], objective: &y, gradient: &gradient)
    #expect(y.isEmpty && gradient.isEmpty)
    // The pointer form with no cases touches no buffer.
    let none = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    defer { none.deallocate() }
    none.initialize(to: 42)
    batch.evaluate(caseCount: 0, inputs: none, inputStride: 0, targets: none, targetStride: 0, parameters: none,
                   parameterStride: 0, objective: none, gradient: none, gradientStride: 0)
    #expect(none.pointee == 42)
}

/// The pointer form on a window of larger buffers (row strides larger than
/// the batch, cases starting at an offset), as a caller sweeping one big
/// data set chunk by chunk would use it.
@Test func stridedWindowMatchesThePerCaseSweep() throws {
    let network = Network.seed
    let (total, offset, count) = (50, 13, 20)
    var values = BatchValues(state: 99)
    let inputs = (0..<network.inputs.count * total).map { _ in values.next() }
    let parameters = (0..<network.parameters.count * total).map { _ in values.next() }
    var y = [Double](repeating: .nan, count: count)
    var gradient = [Double](repeating: .nan, count: network.parameters.count * total)
    var batch = try DoubleBatchBackprop(network: network, activation: .sigmoid, chunkSize: 8)
    inputs.withUnsafeBufferPointer { i in
    parameters.withUnsafeBufferPointer { p in
    y.withUnsafeMutableBufferPointer { y in
    gradient.withUnsafeMutableBufferPointer { g in
        batch.evaluate(caseCount: count, inputs: i.baseAddress! + offset, inputStride: total,
                       targets: i.baseAddress!, targetStride: 0,
                       parameters: p.baseAddress! + offset, parameterStride: total,
                       objective: y.baseAddress!, gradient: g.baseAddress! + offset, gradientStride: total)
    } } } }
    var engine = DoubleBackprop(network: network, activation: .sigmoid)
    for c in 0..<count {
        let caseInputs = (0..<network.inputs.count).map { inputs[$0 * total + offset + c] }
        let caseParameters = (0..<network.parameters.count).map { parameters[$0 * total + offset + c] }
        let expected = engine.evaluate(inputs: caseInputs, parameters: caseParameters)
        #expect(same(y[c], expected))
        for p in network.parameters.indices {
            #expect(same(gradient[p * total + offset + c], engine.workspace.gradient[p]))
        }
    }
    // Outside the window the gradient buffer is untouched.
    #expect(gradient[offset - 1].isNaN && gradient[offset + count].isNaN)
}
