#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSeedBackprop
import MultiPrecision
import NetworkModel

// MARK: - Cases

/// Pre-generated cases of the seed network in the kit's "ordinary" regime:
/// every input and parameter uniform in [−2, 2], sigmoid activation.
public struct SeedCases: @unchecked Sendable {
    /// The cases as the kit sees them.
    public let cases: [NetworkCase]
    /// The same values flat, ten per case (inputs, then parameters), for C.
    public let flat: [Double]

    /// `count` cases from a fixed seed, so every run measures the same work.
    public init(count: Int, seed: UInt64 = 20261129) {
        precondition(count > 0)
        var state = seed
        func next() -> Double {
            // SplitMix64, 53 random bits, scaled to [−2, 2).
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) * 0x1p-53 * 4 - 2
        }
        var cases: [NetworkCase] = []
        var flat: [Double] = []
        for _ in 0..<count {
            let values = (0..<Int(SEED_BACKPROP_VALUE_COUNT)).map { _ in next() }
            cases.append(NetworkCase(activation: .sigmoid, inputs: Array(values[0..<2]),
                                     parameters: Array(values[2...])))
            flat += values
        }
        self.cases = cases
        self.flat = flat
    }

    public var count: Int { cases.count }
}

// MARK: - C

/// Number of results per case in C: y, then the eight partials.
public let seedResultCount = Int(SEED_BACKPROP_RESULT_COUNT)

/// The straight-line binary64 C version (Sources/CSeedBackprop).
public enum CSeedBackpropDouble {
    /// y and the gradient of one case, in the kit's parameter order.
    public static func evaluate(_ values: [Double]) -> [Double] {
        var result = [Double](repeating: .nan, count: seedResultCount)
        values.withUnsafeBufferPointer { v in
            result.withUnsafeMutableBufferPointer { r in seed_backprop_double(v.baseAddress!, r.baseAddress!) }
        }
        return result
    }

    /// Runs `count` cases from `start` (wrapping) entirely in C; returns the
    /// elapsed time and the sum of y.
    @inline(never)
    public static func time(_ cases: SeedCases, start: Int, count: Int,
                            result: UnsafeMutablePointer<Double>) -> (nanoseconds: UInt64, sum: Double) {
        cases.flat.withUnsafeBufferPointer { flat in
            let begin = nanoseconds()
            let sum = seed_backprop_double_batch(flat.baseAddress!, cases.count, start, count, result)
            return (nanoseconds() - begin, sum)
        }
    }
}

/// The straight-line MPFR C version on variables allocated once.
public final class CSeedBackpropMPFR: @unchecked Sendable {
    let context: OpaquePointer
    public let precision: Int

    public init(precision: Int) {
        self.precision = precision
        context = seed_backprop_mpfr_create(precision)!
    }

    deinit { seed_backprop_mpfr_destroy(context) }

    /// Evaluates one case (ten values: inputs, then parameters).
    public func run(_ values: [Double]) {
        values.withUnsafeBufferPointer { seed_backprop_mpfr_run(context, $0.baseAddress!) }
    }

    /// y (index 0) and the gradient (1...8) of the last run, exactly.
    public func results() -> [BigFloat] {
        (0..<seedResultCount).map { index in
            let length = seed_backprop_mpfr_result_hex(context, Int32(index), nil, 0)
            var buffer = [CChar](repeating: 0, count: length + 1)
            _ = seed_backprop_mpfr_result_hex(context, Int32(index), &buffer, buffer.count)
            let text = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return BigFloat(text, precision: precision)!
        }
    }

    /// Runs `count` cases from `start` (wrapping) entirely in C.
    @inline(never)
    public func time(_ cases: SeedCases, start: Int, count: Int) -> (nanoseconds: UInt64, precision: Int) {
        cases.flat.withUnsafeBufferPointer { flat in
            let begin = nanoseconds()
            let p = seed_backprop_mpfr_batch(context, flat.baseAddress!, cases.count, start, count)
            return (nanoseconds() - begin, p)
        }
    }
}

// MARK: - Measuring

public func nanoseconds() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

public func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Medians of interleaved batches of the Swift and the C version.
public struct InterleavedComparison {
    /// Median time per case, nanoseconds.
    public var swift: Double
    public var c: Double
    /// Median of the per-pair ratios Swift/C.
    public var medianPairRatio: Double
    public var samples: Int
    /// Cases per batch.
    public var batch: Int

    /// Ratio of the medians, Swift/C.
    public var ratio: Double { swift / c }

    /// Sizes a batch to about `batchNanoseconds` of C time, then takes
    /// `samples` pairs of batches, alternating which side goes first. Each
    /// pair evaluates the same cases: `run(start, count)` evaluates `count`
    /// cases from case `start` (wrapping) and returns the elapsed nanoseconds.
    public static func measure(samples: Int, cases: Int, batchNanoseconds: Double = 2_000_000, minimumBatch: Int = 50,
                               swift: (_ start: Int, _ count: Int) -> UInt64,
                               c: (_ start: Int, _ count: Int) -> UInt64) -> InterleavedComparison {
        // Warm up both, then size the batch from C's time.
        let probe = Swift.max(minimumBatch, cases)
        _ = swift(0, probe)
        _ = c(0, probe)
        let perCase = Double(c(0, probe)) / Double(probe)
        let batch = Swift.max(minimumBatch, Int(batchNanoseconds / perCase))

        var swiftTimes: [Double] = [], cTimes: [Double] = [], pairRatios: [Double] = []
        var start = 0
        for sample in 0..<samples {
            let s: Double, t: Double
            if sample % 2 == 0 {
                s = Double(swift(start, batch)); t = Double(c(start, batch))
            } else {
                t = Double(c(start, batch)); s = Double(swift(start, batch))
            }
            swiftTimes.append(s / Double(batch)); cTimes.append(t / Double(batch)); pairRatios.append(s / t)
            start = (start + batch) % cases
        }
        return InterleavedComparison(swift: median(swiftTimes), c: median(cTimes),
                                     medianPairRatio: median(pairRatios), samples: samples, batch: batch)
    }
}

/// `x` with exactly `places` decimals.
public func fixed(_ x: Double, _ places: Int) -> String {
    let scale = (0..<places).reduce(1) { r, _ in r * 10 }
    let n = Int((x * Double(scale)).rounded())
    let fraction = String(n % scale)
    return places == 0 ? "\(n)" : "\(n / scale).\(String(repeating: "0", count: places - fraction.count))\(fraction)"
}
