// Swift BigFloat against C on MPFR, measured in the same process, interleaved.
//
//   swift run -c release --package-path Benchmarks mpfr-ratio [samples [precision ...]]
//
// For each precision: check that both compute the bit-identical result, pick
// a batch size of about 2 ms, then take `samples` pairs of batches, Swift and
// C alternating which goes first, and report the median time per forward pass
// of each and their ratio Swift/C.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MultiPrecision
import SeedForward

func nanoseconds() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Keeps results observable so no pass can be optimised away.
nonisolated(unsafe) var sink = 0

@inline(never)
func timeSwift(_ forward: SwiftSeedForward, passes: Int) -> Double {
    let start = nanoseconds()
    for _ in 0..<passes {
        let y = forward.run()
        sink &+= y.precision
    }
    return Double(nanoseconds() - start) / Double(passes)
}

@inline(never)
func timeC(_ forward: CSeedForward, passes: Int) -> Double {
    let start = nanoseconds()
    for _ in 0..<passes { forward.run() }
    return Double(nanoseconds() - start) / Double(passes)
}

let arguments = CommandLine.arguments.dropFirst()
let samples = arguments.first.flatMap { Int($0) } ?? 201
let requested = arguments.dropFirst().compactMap { Int($0) }
let precisions = requested.isEmpty ? [64, 256, 1024] : requested
guard samples > 0, precisions.allSatisfy({ $0 >= 2 }) else {
    fatalError("usage: mpfr-ratio [samples > 0 [precision ≥ 2 ...]]")
}

for precision in precisions {
    let swift = SwiftSeedForward(precision: precision)
    let c = CSeedForward(precision: precision)

    // Same computation, same roundings: the results must be bit-identical.
    let y = swift.run()
    c.run()
    guard let cy = c.result(precision: precision), cy.isIdentical(to: y), y.precision == precision else {
        print("error: Swift and C disagree at \(precision) bits: \(y) vs \(c.result(precision: precision).map(String.init(describing:)) ?? "nil")")
        exit(1)
    }

    // Warm up, then size a batch to about 2 ms of C time.
    _ = timeSwift(swift, passes: 2000)
    _ = timeC(c, passes: 2000)
    let perPass = timeC(c, passes: 2000)
    let passes = max(50, Int(2_000_000 / perPass))

    var swiftTimes: [Double] = [], cTimes: [Double] = [], pairRatios: [Double] = []
    for sample in 0..<samples {
        let s: Double, t: Double
        if sample % 2 == 0 {
            s = timeSwift(swift, passes: passes); t = timeC(c, passes: passes)
        } else {
            t = timeC(c, passes: passes); s = timeSwift(swift, passes: passes)
        }
        swiftTimes.append(s); cTimes.append(t); pairRatios.append(s / t)
    }
    let (ms, mc) = (median(swiftTimes), median(cTimes))
    func µs(_ ns: Double) -> String {
        let hundredths = Int((ns / 10).rounded())
        return "\(hundredths / 100).\(String(hundredths % 100).count == 1 ? "0" : "")\(hundredths % 100) µs"
    }
    func fixed(_ x: Double, _ places: Int) -> String {
        let scale = (0..<places).reduce(1) { r, _ in r * 10 }
        let n = Int((x * Double(scale)).rounded())
        let fraction = String(n % scale)
        return "\(n / scale).\(String(repeating: "0", count: places - fraction.count))\(fraction)"
    }
    print("seed forward pass (sigmoid), \(precision) bits: Swift BigFloat \(µs(ms)), C MPFR \(µs(mc)) per pass "
          + "(medians of \(samples) interleaved samples of \(passes) passes; median pair ratio \(fixed(median(pairRatios), 3))) "
          + "ratio \(fixed(ms / mc, 3))")
}
if sink == 42 { print("") }
