// The MPFR reference gradient (Swift BigFloat) against the same algorithm in C
// on raw MPFR, measured in the same process, interleaved.
//
//   swift run -c release --package-path Benchmarks reference-ratio [samples [precision ...]]
//
// For each precision, two Swift versions, each against the same C:
//  - `try ReferenceEvaluator(network: .seed, precision:).evaluate(case)`: converts the binary64
//    case, runs the forward pass and the back-to-front sweep (no finite
//    differences), returns a `ReferenceEvaluation`;
//  - `Backprop.run` on `BigFloat` with one reused workspace and input arrays
//    (the core of the above without its per-call setup).
// C: the seed network's forward pass and back-to-front gradient written out on
// mpfr_t variables allocated once (Sources/CSeedBackprop/seed_backprop.c),
// converting the same binary64 values with mpfr_set_d.
// Sigmoid activation, the same pre-generated ordinary cases. Before timing,
// y and all eight partials must be bit-identical for every case.
import MultiPrecision
import NetworkModel
import Reference
import SeedBackprop

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps results observable so no evaluation can be optimised away.
nonisolated(unsafe) var sink = 0

@inline(never)
func timeEvaluator(_ evaluator: ReferenceEvaluator, _ cases: [NetworkCase], start: Int, count: Int) -> UInt64 {
    var total = 0
    var i = start
    let begin = nanoseconds()
    for _ in 0..<count {
        let evaluation = try! evaluator.evaluate(cases[i])
        total &+= evaluation.objective.precision
        i += 1
        if i == cases.count { i = 0 }
    }
    let elapsed = nanoseconds() - begin
    sink &+= total
    return elapsed
}

/// `Backprop.run` on BigFloat with everything reusable kept across cases.
struct ReusedWorkspace {
    let network = Network.seed
    let precision: Int
    var inputs: [BigFloat]
    var parameters: [BigFloat]
    var workspace: BackpropWorkspace<BigFloat>

    init(precision: Int) {
        self.precision = precision
        let zero = BigFloat.zero(precision: precision)
        inputs = Array(repeating: zero, count: network.inputs.count)
        parameters = Array(repeating: zero, count: network.parameters.count)
        workspace = BackpropWorkspace(network: network, filler: zero)
    }

    @inline(__always)
    mutating func run(_ c: NetworkCase) {
        for i in inputs.indices { inputs[i] = BigFloat(c.inputs[i], precision: precision) }
        for i in parameters.indices { parameters[i] = BigFloat(c.parameters[i], precision: precision) }
        Backprop.run(activation: c.activation, inputs: inputs, parameters: parameters, workspace: &workspace)
    }
}

@inline(never)
func timeWorkspace(_ reused: inout ReusedWorkspace, _ cases: [NetworkCase], start: Int, count: Int) -> UInt64 {
    var total = 0
    var i = start
    let begin = nanoseconds()
    for _ in 0..<count {
        reused.run(cases[i])
        total &+= reused.workspace.outputs[2].precision
        i += 1
        if i == cases.count { i = 0 }
    }
    let elapsed = nanoseconds() - begin
    sink &+= total
    return elapsed
}

// `reference-ratio profile <evaluator|workspace|c> <precision> <cases>`: run
// one side only over `cases` cases, for callgrind (no timing, no check).
if CommandLine.arguments.dropFirst().first == "profile" {
    let a = Array(CommandLine.arguments.dropFirst(2))
    guard a.count == 3, let precision = Int(a[1]), let count = Int(a[2]) else {
        fatalError("usage: reference-ratio profile evaluator|workspace|c precision cases")
    }
    let cases = SeedCases(count: 4096)
    switch a[0] {
    case "evaluator": _ = timeEvaluator(try ReferenceEvaluator(network: .seed, precision: precision), cases.cases, start: 0, count: count)
    case "workspace":
        var reused = ReusedWorkspace(precision: precision)
        _ = timeWorkspace(&reused, cases.cases, start: 0, count: count)
    default: _ = CSeedBackpropMPFR(precision: precision).time(cases, start: 0, count: count)
    }
    exit(0)
}

let arguments = CommandLine.arguments.dropFirst()
let samples = arguments.first.flatMap { Int($0) } ?? 201
let requested = arguments.dropFirst().compactMap { Int($0) }
let precisions = requested.isEmpty ? [64, 256, 1024] : requested
guard samples > 0, precisions.allSatisfy({ (53...4096).contains($0) }) else {
    fatalError("usage: reference-ratio [samples > 0 [precision in 53...4096 ...]]")
}
let cases = SeedCases(count: 4096)

func µs(_ ns: Double) -> String { fixed(ns / 1000, 2) + " µs" }

for precision in precisions {
    let evaluator = try ReferenceEvaluator(network: .seed, precision: precision)
    var reused = ReusedWorkspace(precision: precision)
    let c = CSeedBackpropMPFR(precision: precision)

    // Same operations, same roundings: y and the gradient must be bit-identical.
    for (index, networkCase) in cases.cases.enumerated() {
        let evaluation = try evaluator.evaluate(networkCase)
        reused.run(networkCase)
        c.run(networkCase.inputs + networkCase.parameters)
        let fromC = c.results()
        let swift = [evaluation.objective] + evaluation.gradient
        let viaWorkspace = [reused.workspace.objective] + reused.workspace.gradient
        for k in fromC.indices where !(swift[k].isIdentical(to: fromC[k]) && viaWorkspace[k].isIdentical(to: fromC[k])
                                       && swift[k].precision == precision) {
            print("error: Swift and C disagree at \(precision) bits on case \(index), result \(k): "
                  + "\(swift[k]) / \(viaWorkspace[k]) vs \(fromC[k])")
            exit(1)
        }
    }

    let timeC: (Int, Int) -> UInt64 = { start, count in
        let (elapsed, p) = c.time(cases, start: start, count: count)
        sink &+= p
        return elapsed
    }
    let a = InterleavedComparison.measure(
        samples: samples, cases: cases.count,
        swift: { start, count in timeEvaluator(evaluator, cases.cases, start: start, count: count) }, c: timeC)
    print("seed network reference gradient (sigmoid, y + 8 partials), \(precision) bits: "
          + "Swift ReferenceEvaluator.evaluate \(µs(a.swift)), C MPFR \(µs(a.c)) per case "
          + "(medians of \(a.samples) interleaved samples of \(a.batch) cases; median pair ratio "
          + "\(fixed(a.medianPairRatio, 3))) ratio \(fixed(a.ratio, 3))")
    let b = InterleavedComparison.measure(
        samples: samples, cases: cases.count,
        swift: { start, count in timeWorkspace(&reused, cases.cases, start: start, count: count) }, c: timeC)
    print("seed network reference gradient (sigmoid, y + 8 partials), \(precision) bits: "
          + "Swift Backprop.run on BigFloat, reused workspace \(µs(b.swift)), C MPFR \(µs(b.c)) per case "
          + "(medians of \(b.samples) interleaved samples of \(b.batch) cases; median pair ratio "
          + "\(fixed(b.medianPairRatio, 3))) ratio \(fixed(b.ratio, 3))")
}
if sink == 42 { print("") }
