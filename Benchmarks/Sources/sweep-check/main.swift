// Checks that the planned back-propagation sweeps (the fast path a reused
// `BackpropWorkspace` takes from its second run on) and the shared-constant
// `Activation.sigmoidAndDerivative` compute exactly what the general sweep
// and the original formula compute: bit-identical values for Double and
// BigFloat, and the same operation counts for CountedDouble, over many
// networks (seed, dense, shared and unused parameters, unreachable units,
// bias-only units, forward references), every activation, and ordinary,
// saturating and special values (±0, ±∞, NaN, subnormals).
//
//   swift run -c release --package-path Benchmarks sweep-check
//
// Not a benchmark: it prints one summary line and exits non-zero on any
// difference.
import Engines
import MultiPrecision
import NetworkModel
import Reference

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Networks

func unit(_ z: String, _ terms: [Network.Term], bias: Int? = nil) -> Network.Unit {
    Network.Unit(preactivationName: z, outputName: "x" + z.dropFirst(), terms: terms, bias: bias)
}

let networks: [Network] = [
    .seed,
    .dense(widths: [2, 3, 1]),
    .dense(widths: [3, 4, 2, 1]),
    .dense(widths: [1, 1]),
    // Shared weight (p0 twice), a parameter as weight and bias of one term,
    // a bias-only unit, an unused parameter (p6), an unreachable unit (u3),
    // a unit feeding two others (u0), output not the last unit.
    Network(name: "odd", inputs: ["a", "b"], parameters: ["p0", "p1", "p2", "p3", "p4", "p5", "p6"],
            units: [
                unit("z0", [.init(weight: 0, source: .input(0), bias: 1)]),
                unit("z1", [], bias: 2),
                unit("z2", [.init(weight: 0, source: .unit(0)), .init(weight: 3, source: .unit(1), bias: 3),
                            .init(weight: 4, source: .input(1))], bias: 5),
                unit("z3", [.init(weight: 1, source: .unit(2))]),
                unit("z4", [.init(weight: 2, source: .unit(0), bias: 4), .init(weight: 5, source: .unit(2))]),
            ],
            output: 4),
    // A forward reference (u0 reads u1, which comes later) and a self reference.
    Network(name: "forward-reference", inputs: ["a"], parameters: ["p0", "p1", "p2", "p3"],
            units: [
                unit("z0", [.init(weight: 0, source: .input(0)), .init(weight: 1, source: .unit(1))]),
                unit("z1", [.init(weight: 2, source: .unit(0)), .init(weight: 3, source: .unit(1))], bias: 0),
            ],
            output: 1),
    // Output in the middle: later units are never reached.
    Network(name: "middle-output", inputs: ["a"], parameters: ["p0", "p1", "p2"],
            units: [
                unit("z0", [.init(weight: 0, source: .input(0), bias: 1)]),
                unit("z1", [.init(weight: 2, source: .unit(0))]),
            ],
            output: 0),
]

// MARK: - Values

nonisolated(unsafe) var state: UInt64 = 0x5EED
func random() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}
let specials: [Double] = [0, -0.0, .infinity, -.infinity, .nan, -.nan, .leastNonzeroMagnitude,
                          -.leastNormalMagnitude, 1e-300, 700, -700, 40, -40, 1, -1, .greatestFiniteMagnitude]
func value(_ regime: Int) -> Double {
    let u = Double(random() >> 11) * 0x1p-53
    switch regime {
    case 0: return u * 4 - 2
    case 1: return (u * 2 - 1) * 60
    case 2: return (u * 2 - 1) * 1e-9
    default: return random() % 3 == 0 ? specials[Int(random() % UInt64(specials.count))] : u * 4 - 2
    }
}

// MARK: - Comparing

nonisolated(unsafe) var comparisons = 0
nonisolated(unsafe) var failures = 0
nonisolated(unsafe) var kinds: [String: Int] = [:]
func fail(_ message: String) {
    failures += 1
    if failures <= 20 { print("MISMATCH: \(message.prefix(300))") }
    let key = String(message.split(separator: " ").prefix(3).joined(separator: " ")) + " / " + (message.components(separatedBy: "]] ").first.map { String($0.suffix(0)) } ?? "")
    kinds[key, default: 0] += 1
}

/// Bit for bit, except that any two NaNs match: IEEE 754 leaves the sign
/// and payload of a NaN result unspecified and LLVM does not keep them (it
/// may swap the operands of + and ×), so they differ between call sites of
/// the very same source code.
func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
func same(_ a: BigFloat, _ b: BigFloat) -> Bool { a.isIdentical(to: b) && a.precision == b.precision }
func same(_ a: CountedDouble, _ b: CountedDouble) -> Bool { same(a.value, b.value) }

/// Everything a run leaves in the workspace that callers can see.
func snapshot<T>(_ w: BackpropWorkspace<T>, _ n: Network) -> [[T]] {
    [w.preactivations, w.outputs, w.slopes, w.gradient, [w.y(of: n)]]
}

func compare<T>(_ a: [[T]], _ b: [[T]], _ same: (T, T) -> Bool, _ what: @autoclosure () -> String) {
    comparisons += 1
    guard a.count == b.count, zip(a, b).allSatisfy({ $0.count == $1.count && zip($0, $1).allSatisfy(same) }) else {
        fail("\(what()): \(a) vs \(b)")
        return
    }
}

/// A copy of `network` whose unit array has its own storage, so no plan
/// made for `network` applies to it: runs on it take the general path.
func unplannable(_ network: Network) -> Network {
    var copy = network
    copy.units = network.units.map { $0 }
    return copy
}

/// From the same workspace state (it matters for forward references, which
/// read the previous pass's outputs): the general path (a network value no
/// plan applies to) against the planned one, for `run` and for
/// `forwardPass` + `backwardSweep` called separately. `planned` advances.
func check<T: NetworkScalar>(_ network: Network, _ activation: Activation, _ inputs: [T], _ parameters: [T],
                             planned: inout BackpropWorkspace<T>, _ same: @escaping (T, T) -> Bool, _ label: String) {
    let other = unplannable(network)
    var general = planned
    Backprop.run(other, activation: activation, inputs: inputs, parameters: parameters, workspace: &general)
    let reference = snapshot(general, other)

    var separate = planned
    Backprop.run(network, activation: activation, inputs: inputs, parameters: parameters, workspace: &planned)
    compare(snapshot(planned, network), reference, same, "\(label) run")

    Backprop.forwardPass(network, activation: activation, inputs: inputs, parameters: parameters, workspace: &separate)
    Backprop.backwardSweep(network, inputs: inputs, parameters: parameters, workspace: &separate)
    compare(snapshot(separate, network), reference, same, "\(label) forwardPass + backwardSweep")
}

/// Operation counts of forwardPass and backwardSweep, planned against general.
func checkCounts(_ network: Network, _ activation: Activation, _ x: [Double], _ p: [Double],
                 planned: BackpropWorkspace<CountedDouble>, tally: OperationTally) {
    let cx = x.map { CountedDouble($0, tally: tally) }, cp = p.map { CountedDouble($0, tally: tally) }
    func counts(_ n: Network) -> [[String: Int]] {
        var w = planned
        tally.reset()
        Backprop.forwardPass(n, activation: activation, inputs: cx, parameters: cp, workspace: &w)
        let forward = tally.counts
        tally.reset()
        Backprop.backwardSweep(n, inputs: cx, parameters: cp, workspace: &w)
        return [forward, tally.counts]
    }
    comparisons += 1
    let (general, fast) = (counts(unplannable(network)), counts(network))
    if general != fast { fail("\(network.name) \(activation) operation counts: planned \(fast), general \(general)") }
}

// MARK: - The sigmoid formula before the shared constants

func originalSigmoidAndDerivative<T: NetworkScalar>(_ z: T) -> (T, T) {
    let e = T.exp(-z.absoluteValue)
    let d = z.constant(1) + e
    let s = z >= z.constant(0) ? z.constant(1) / d : e / d
    return (s, e / (d * d))
}

func checkSigmoid(_ z: Double) {
    comparisons += 1
    let (a, b) = (Activation.sigmoidAndDerivative(z), originalSigmoidAndDerivative(z))
    if !same(a.0, b.0) || !same(a.1, b.1) { fail("sigmoid Double \(z): \(a) vs \(b)") }
    for precision in [53, 256] {
        let big = BigFloat(z, precision: precision)
        let (c, d) = (Activation.sigmoidAndDerivative(big), originalSigmoidAndDerivative(big))
        if !same(c.0, d.0) || !same(c.1, d.1) { fail("sigmoid BigFloat(\(precision)) \(z): \(c) vs \(d)") }
    }
    let tally = OperationTally()
    let counted = CountedDouble(z, tally: tally)
    let e = Activation.sigmoidAndDerivative(counted)
    let newCounts = tally.counts
    tally.reset()
    let f = originalSigmoidAndDerivative(counted)
    if tally.counts != newCounts || !same(e.0, f.0) || !same(e.1, f.1) {
        fail("sigmoid CountedDouble \(z): \(newCounts) vs \(tally.counts)")
    }
}

// MARK: - Run

for z in specials + specials.map({ -$0 }) + (0..<2000).map({ _ in value(Int(random() % 4)) }) { checkSigmoid(z) }

for network in networks {
    for activation in Activation.allCases {
        var doubles = BackpropWorkspace(network: network, filler: 0.0)
        var big53 = BackpropWorkspace(network: network, filler: BigFloat(0, precision: 53))
        var big256 = BackpropWorkspace(network: network, filler: BigFloat(0, precision: 256))
        let tally = OperationTally()
        var counted = BackpropWorkspace(network: network, filler: CountedDouble(0, tally: tally))
        for trial in 0..<300 {
            let regime = trial % 4
            let x = network.inputs.map { _ in value(regime) }
            let p = network.parameters.map { _ in value(regime) }
            check(network, activation, x, p, planned: &doubles, same, "\(network.name) \(activation) Double \(x) \(p)")
            if trial % 5 == 0 {
                check(network, activation, x.map { BigFloat($0, precision: 53) }, p.map { BigFloat($0, precision: 53) },
                      planned: &big53, same, "\(network.name) \(activation) BigFloat(53) \(x) \(p)")
                check(network, activation, x.map { BigFloat($0, precision: 256) }, p.map { BigFloat($0, precision: 256) },
                      planned: &big256, same, "\(network.name) \(activation) BigFloat(256) \(x) \(p)")
            }
            check(network, activation, x.map { CountedDouble($0, tally: tally) }, p.map { CountedDouble($0, tally: tally) },
                  planned: &counted, same, "\(network.name) \(activation) CountedDouble \(x) \(p)")
            checkCounts(network, activation, x, p, planned: counted, tally: tally)
        }
    }
}

for (k, v) in kinds.sorted(by: { $0.key < $1.key }) { print("  \(v) \(k)") }
print("sweep-check: \(comparisons) comparisons, \(failures) mismatches")
exit(failures == 0 ? 0 : 1)
