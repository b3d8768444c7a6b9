// The kit's Double engine against straight-line C, measured in the same
// process, interleaved.
//
//   swift run -c release --package-path Benchmarks engine-ratio [samples [cases [chunk]]]
//
// Swift, two ways, each against the same C loop:
// - per case: `DoubleBackprop.evaluate(inputs:parameters:)` (Sources/Engines),
//   the data-driven sweep over `Network.seed`: forward pass, then all eight
//   partials back to front, sigmoid activation, one reused workspace;
// - batched: `DoubleBatchBackprop` (Sources/Engines), the same sweep over
//   structure-of-arrays buffers, reading the network once per chunk of
//   `chunk` cases (default 256) and looping over the chunk's cases inside
//   every operation.
// C: the same computation written out for the seed network
// (Sources/CSeedBackprop/seed_backprop.c), compiled at -O2.
// Both evaluate the same pre-generated ordinary cases (uniform in [−2, 2]).
// Before timing, every case's y and gradient must be bit-identical (both
// Swift ways and C).
import Engines
import NetworkModel
import SeedBackprop

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps results observable so no evaluation can be optimised away.
nonisolated(unsafe) var sink = 0.0

@inline(never)
func timeSwift(_ engine: inout DoubleBackprop, _ cases: [NetworkCase], start: Int, count: Int) -> UInt64 {
    var sum = 0.0
    var i = start
    let begin = nanoseconds()
    for _ in 0..<count {
        sum += engine.evaluate(inputs: cases[i].inputs, parameters: cases[i].parameters)
        i += 1
        if i == cases.count { i = 0 }
    }
    let elapsed = nanoseconds() - begin
    sink += sum
    return elapsed
}

/// The cases as structure of arrays (value i of case c at i·count + c), with
/// output buffers of the same shape, for `DoubleBatchBackprop`.
struct BatchBuffers {
    let count: Int
    let inputs: UnsafeMutablePointer<Double>
    let parameters: UnsafeMutablePointer<Double>
    let y: UnsafeMutablePointer<Double>
    let gradient: UnsafeMutablePointer<Double>

    init(_ cases: [NetworkCase]) {
        count = cases.count
        let (inputCount, parameterCount) = (cases[0].inputs.count, cases[0].parameters.count)
        inputs = .allocate(capacity: inputCount * count)
        parameters = .allocate(capacity: parameterCount * count)
        y = .allocate(capacity: count)
        gradient = .allocate(capacity: parameterCount * count)
        y.initialize(repeating: .nan, count: count)
        gradient.initialize(repeating: .nan, count: parameterCount * count)
        for (c, one) in cases.enumerated() {
            for i in 0..<inputCount { (inputs + i * count + c).initialize(to: one.inputs[i]) }
            for p in 0..<parameterCount { (parameters + p * count + c).initialize(to: one.parameters[p]) }
        }
    }
}

@inline(never)
func timeBatch(_ engine: inout DoubleBatchBackprop, _ b: BatchBuffers, start: Int, count: Int) -> UInt64 {
    var sum = 0.0
    var i = start
    var left = count
    let begin = nanoseconds()
    while left > 0 {
        let n = min(left, b.count - i)
        engine.evaluate(caseCount: n, inputs: b.inputs + i, inputStride: b.count,
                        targets: b.inputs, targetStride: 0,
                        parameters: b.parameters + i, parameterStride: b.count,
                        objective: b.y + i, gradient: b.gradient + i, gradientStride: b.count)
        for c in i..<(i + n) { sum += b.y[c] }
        left -= n
        i += n
        if i == b.count { i = 0 }
    }
    let elapsed = nanoseconds() - begin
    sink += sum
    return elapsed
}

// `engine-ratio profile <swift|batch|c> <cases>`: run one side only over `cases`
// cases (after one warm-up evaluation), for callgrind; no timing, no check.
if CommandLine.arguments.dropFirst().first == "profile" {
    let a = Array(CommandLine.arguments.dropFirst(2))
    guard a.count == 2, let count = Int(a[1]) else { fatalError("usage: engine-ratio profile swift|batch|c cases") }
    let cases = SeedCases(count: 4096)
    if a[0] == "swift" {
        var engine = DoubleBackprop(network: .seed, activation: .sigmoid)
        _ = timeSwift(&engine, cases.cases, start: 0, count: 2)  // the plan is made on the second evaluation
        _ = timeSwift(&engine, cases.cases, start: 0, count: count)
    } else if a[0] == "batch" {
        var engine = try! DoubleBatchBackprop(network: .seed, activation: .sigmoid)
        let buffers = BatchBuffers(cases.cases)
        _ = timeBatch(&engine, buffers, start: 0, count: 1)
        _ = timeBatch(&engine, buffers, start: 0, count: count)
    } else {
        let result = UnsafeMutablePointer<Double>.allocate(capacity: seedResultCount)
        _ = CSeedBackpropDouble.time(cases, start: 0, count: count, result: result)
    }
    exit(0)
}

let arguments = CommandLine.arguments.dropFirst()
let samples = arguments.first.flatMap { Int($0) } ?? 201
let caseCount = arguments.dropFirst().first.flatMap { Int($0) } ?? 4096
let chunk = arguments.dropFirst(2).first.flatMap { Int($0) } ?? 256
guard samples > 0, caseCount > 0, chunk > 0 else {
    fatalError("usage: engine-ratio [samples > 0 [cases > 0 [chunk > 0]]]")
}

let cases = SeedCases(count: caseCount)
var engine = DoubleBackprop(network: .seed, activation: .sigmoid)

// Same computation, same roundings: every result must be bit-identical.
for (index, c) in cases.cases.enumerated() {
    let y = engine.evaluate(inputs: c.inputs, parameters: c.parameters)
    let swift = [y] + engine.workspace.gradient
    let reference = CSeedBackpropDouble.evaluate(c.inputs + c.parameters)
    guard swift.map(\.bitPattern) == reference.map(\.bitPattern) else {
        print("error: Swift and C disagree on case \(index) \(c): \(swift) vs \(reference)")
        exit(1)
    }
}

// The batched engine, over all the cases in one call (chunk after chunk),
// must give the same bits as well.
var batchEngine = try! DoubleBatchBackprop(network: .seed, activation: .sigmoid, chunkSize: chunk)
let buffers = BatchBuffers(cases.cases)
_ = timeBatch(&batchEngine, buffers, start: 0, count: cases.count)
for (index, c) in cases.cases.enumerated() {
    let batched = [buffers.y[index]] + (0..<seedResultCount - 1).map { buffers.gradient[$0 * cases.count + index] }
    let reference = CSeedBackpropDouble.evaluate(c.inputs + c.parameters)
    guard batched.map(\.bitPattern) == reference.map(\.bitPattern) else {
        print("error: batched Swift and C disagree on case \(index) \(c): \(batched) vs \(reference)")
        exit(1)
    }
}

let result = UnsafeMutablePointer<Double>.allocate(capacity: seedResultCount)
defer { result.deallocate() }
let m = InterleavedComparison.measure(
    samples: samples, cases: cases.count, minimumBatch: 1000,
    swift: { start, count in timeSwift(&engine, cases.cases, start: start, count: count) },
    c: { start, count in
        let (elapsed, sum) = CSeedBackpropDouble.time(cases, start: start, count: count, result: result)
        sink += sum
        return elapsed
    })
print("seed network gradient (sigmoid, y + 8 partials), binary64: Swift DoubleBackprop \(fixed(m.swift, 1)) ns, "
      + "C -O2 \(fixed(m.c, 1)) ns per case (medians of \(m.samples) interleaved samples of \(m.batch) cases "
      + "from \(cases.count) ordinary cases; median pair ratio \(fixed(m.medianPairRatio, 3))) ratio \(fixed(m.ratio, 3))")

let b = InterleavedComparison.measure(
    samples: samples, cases: cases.count, minimumBatch: 1000,
    swift: { start, count in timeBatch(&batchEngine, buffers, start: start, count: count) },
    c: { start, count in
        let (elapsed, sum) = CSeedBackpropDouble.time(cases, start: start, count: count, result: result)
        sink += sum
        return elapsed
    })
print("seed network gradient (sigmoid, y + 8 partials), binary64, batched: Swift DoubleBatchBackprop "
      + "(structure of arrays, chunks of \(chunk) cases) \(fixed(b.swift, 1)) ns, "
      + "C -O2 \(fixed(b.c, 1)) ns per case (medians of \(b.samples) interleaved samples of \(b.batch) cases "
      + "from \(cases.count) ordinary cases; median pair ratio \(fixed(b.medianPairRatio, 3))) ratio \(fixed(b.ratio, 3))")
if sink == 42 { print("") }
