// How the reference scales with the network: for dense tanh networks with
// softmax cross-entropy (64-32-10, 256-64-10, 784-128-10), the time per case
// of
//   - `ReferenceExpectation` — the objective, every partial and every
//     partial's tolerance τ at 256 bits (what the conformance suite needs);
//   - `ReferenceEvaluator.evaluate` — the objective and every partial alone;
//   - the same exact gradient in C on preallocated MPFR variables
//     (CDenseBackprop), the baseline, measured in the same run;
// and the cost per parameter, which should stay flat (linear scaling).
//
//   swift run -c release --package-path Benchmarks reference-scale [REPEATS]
import CDenseBackprop
import Foundation
import Judgement
import MultiPrecision
import NetworkModel
import PropertyTesting
import Reference

let repeats = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 3 : 3
let precision = 256

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

print("network              parameters  expectation ms  evaluator ms  C MPFR ms  expectation µs/param  ratio Swift/C")
for widths in [[64, 32, 10], [256, 64, 10], [784, 128, 10]] {
    let network = try Network.dense(widths: widths, activations: [.fixed(.tanh), .fixed(.identity)],
                                    loss: .softmaxCrossEntropy)
    let generator = Gen<TaggedCase>.networkCase(network: network, regimes: .only(.ordinary))
    let c = try generator.generate(seed: 20_261_201, caseIndex: 0).case
    let plan = try SweepPlan(network)
    let evaluator = try ReferenceEvaluator(network: network, precision: precision)
    var expectationTimes: [Double] = [], evaluatorTimes: [Double] = [], cTimes: [Double] = []
    let cNetwork = widths.map { Int32($0) }
    let handle = cNetwork.withUnsafeBufferPointer { dense_create($0.baseAddress, Int32(widths.count), Int32(precision)) }
    defer { dense_destroy(handle) }
    var cGradient = [Double](repeating: 0, count: network.parameters.count)
    var objective = 0.0
    for _ in 0..<repeats {
        expectationTimes.append(try seconds {
            _ = try ReferenceExpectation(network: network, plan: plan, networkCase: c, precision: precision)
        })
        evaluatorTimes.append(try seconds { _ = try evaluator.evaluate(c) })
        cTimes.append(seconds {
            objective = dense_evaluate(handle, c.inputs, c.parameters, Int32(c.targets[0]), &cGradient)
        })
    }
    // The baseline computes the same numbers: check before trusting its time.
    let swift = try evaluator.evaluate(c)
    let agree = Double(swift.objective) == objective
        && zip(swift.gradient, cGradient).allSatisfy { Double($0) == $1 }
    precondition(agree, "C baseline disagrees with the reference for \(widths)")
    let e = median(expectationTimes), r = median(evaluatorTimes), b = median(cTimes)
    let name = widths.map(String.init).joined(separator: "-")
    print(name.padding(toLength: 21, withPad: " ", startingAt: 0),
          String(network.parameters.count).padding(toLength: 11, withPad: " ", startingAt: 0),
          String(format: "%14.1f  %12.1f  %9.1f  %20.3f  %13.2f", e * 1000, r * 1000, b * 1000,
                 e * 1e6 / Double(network.parameters.count), r / b))
}
