// The seed network's forward pass: Swift BigFloat against C on preallocated
// MPFR variables, under ordo-one/package-benchmark.
//
//   swift package --package-path Benchmarks benchmark
//
// For the interleaved Swift/C ratio use the `mpfr-ratio` executable instead:
// this harness runs benchmarks one after another, not interleaved.
import Benchmark
import SeedForward

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .instructions],
        scalingFactor: .one,
        maxDuration: .seconds(2),
        maxIterations: 1_000_000
    )
    for precision in [64, 256, 1024] {
        let swift = SwiftSeedForward(precision: precision)
        let c = CSeedForward(precision: precision)
        Benchmark("Swift BigFloat forward, \(precision) bits") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(swift.run()) }
        }
        Benchmark("C MPFR forward, \(precision) bits") { benchmark in
            for _ in benchmark.scaledIterations { c.run() }
        }
    }
}
