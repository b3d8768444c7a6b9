import Foundation
import NetworkModel

/// A tally of arithmetic operations, by kind, safe to share between tasks.
///
/// The counts are only ever read or written while `lock` is held. The lock
/// is Foundation's `NSLock` (a pthread mutex) rather than Synchronization's
/// `Mutex`, because ThreadSanitizer understands pthread locks: on Linux
/// `Mutex` waits on a futex, which it does not see, so every use would be
/// reported as a race (`swift test --sanitize=thread --filter OperationTally`).
public final class OperationTally: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String: Int] = [:]

    public init() {}

    /// Operation kinds counted: `+`, `-`, `*`, `/`, `neg`, and one per function.
    public var counts: [String: Int] { lock.withLock { storage } }

    func record(_ kind: String) { lock.withLock { storage[kind, default: 0] += 1 } }

    /// All operations counted.
    public var total: Int { counts.values.reduce(0, +) }

    /// Arithmetic (+ − × ÷) only.
    public var arithmetic: Int { ["+", "-", "*", "/"].reduce(0) { $0 + counts[$1, default: 0] } }

    /// Transcendental function calls (exp, log1p, tanh, erfc, sqrt, …).
    public var transcendental: Int { total - arithmetic - counts["neg", default: 0] }

    /// Forgets everything counted so far.
    public func reset() { lock.withLock { storage = [:] } }
}

/// A `Double` that counts every operation performed on it in a shared tally.
///
/// Running the model code on this type measures the cost of an algorithm
/// without timing it: the claim of section 3 — that back-to-front evaluation
/// with shared sub-expressions is cheaper than evaluating each partial's
/// formula on its own — becomes a count. Constants and comparisons are free.
public struct CountedDouble: NetworkScalar {
    public var value: Double
    public let tally: OperationTally

    public init(_ value: Double, tally: OperationTally) {
        self.value = value
        self.tally = tally
    }

    func counted(_ kind: String, _ result: Double) -> CountedDouble {
        tally.record(kind)
        return CountedDouble(result, tally: tally)
    }

    public func constant(_ c: Double) -> CountedDouble { CountedDouble(c, tally: tally) }
    public static func == (a: Self, b: Self) -> Bool { a.value == b.value }
    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }
    public static func + (a: Self, b: Self) -> Self { a.counted("+", a.value + b.value) }
    public static func - (a: Self, b: Self) -> Self { a.counted("-", a.value - b.value) }
    public static func * (a: Self, b: Self) -> Self { a.counted("*", a.value * b.value) }
    public static func / (a: Self, b: Self) -> Self { a.counted("/", a.value / b.value) }
    public static prefix func - (a: Self) -> Self { a.counted("neg", -a.value) }
    public static func exp(_ x: Self) -> Self { x.counted("exp", Double.exp(x.value)) }
    public static func expm1(_ x: Self) -> Self { x.counted("expm1", Double.expm1(x.value)) }
    public static func log(_ x: Self) -> Self { x.counted("log", Double.log(x.value)) }
    public static func log1p(_ x: Self) -> Self { x.counted("log1p", Double.log1p(x.value)) }
    public static func tanh(_ x: Self) -> Self { x.counted("tanh", Double.tanh(x.value)) }
    public static func erfc(_ x: Self) -> Self { x.counted("erfc", Double.erfc(x.value)) }
    public static func sqrt(_ x: Self) -> Self { x.counted("sqrt", x.value.squareRoot()) }
    public static func pi(like x: Self) -> Self { x.constant(.pi) }
}

/// Operation counts of one back-propagation: the forward pass (z, α(z) and
/// α′(z) of every unit) and the back-to-front sweep.
public struct BackpropCost: Sendable, Hashable, Codable {
    public var forward: [String: Int]
    public var backward: [String: Int]

    /// Counts `Backprop.run(activation:inputs:parameters:targets:workspace:)`
    /// on `network` with generic α = `activation` at the given point (the
    /// objective's evaluation counts with the forward pass).
    public static func measure(network: Network, activation: Activation,
                               inputs: [Double], parameters: [Double], targets: [Double] = []) -> BackpropCost {
        let tally = OperationTally()
        let x = inputs.map { CountedDouble($0, tally: tally) }
        let p = parameters.map { CountedDouble($0, tally: tally) }
        var workspace = BackpropWorkspace(network: network, filler: CountedDouble(0, tally: tally))
        Backprop.forward(activation: activation, inputs: x, parameters: p, targets: targets, workspace: &workspace)
        let forward = tally.counts
        tally.reset()
        Backprop.backward(inputs: x, parameters: p, workspace: &workspace)
        return BackpropCost(forward: forward, backward: tally.counts)
    }
}
