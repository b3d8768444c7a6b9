// swift-tools-version: 6.1
//
// Benchmarks for BackpropCheck, kept out of the main package so that its
// build and tests never fetch or compile the benchmark dependencies.
//
//   swift run -c release --package-path Benchmarks mpfr-ratio
//       Swift `BigFloat` against C calling MPFR directly, interleaved, medians.
//   swift package --package-path Benchmarks benchmark
//       The same comparison under ordo-one/package-benchmark (wall clock,
//       mallocs, throughput), with its usual baselines and thresholds.
//   swift run -c release --package-path Benchmarks engine-ratio
//       The kit's Double engine (forward + gradient) against straight-line C: one case per
//       call (DoubleBackprop), and batched over structure-of-arrays cases (DoubleBatchBackprop).
//   swift run -c release --package-path Benchmarks reference-ratio
//       The MPFR reference gradient (BigFloat) against the same algorithm in C on MPFR.
//   swift run -c release --package-path Benchmarks reference-scale
//       The reference (objective, every partial and its τ) on dense networks up to 784-128-10,
//       per case and per parameter, against the exact gradient in C on MPFR.
import PackageDescription

/// SwiftPM names a path dependency after its directory ("main" here, something
/// else in another clone), so work the main package's identity out from where
/// this manifest lives.
let mainPackage = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "main").lowercased()

let package = Package(
    name: "BackpropCheckBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The seed network's forward pass in C on preallocated MPFR variables.
        .target(
            name: "CSeedForward",
            linkerSettings: [.linkedLibrary("mpfr"), .linkedLibrary("gmp")]
        ),
        // The same pass with BigFloat, the inputs, and a handle on the C version.
        .target(
            name: "SeedForward",
            dependencies: [.product(name: "MultiPrecision", package: mainPackage), "CSeedForward"]
        ),
        // Plain executable: prints one line per precision ending in `ratio <x>`.
        .executableTarget(name: "mpfr-ratio", dependencies: ["SeedForward"]),
        // The seed network's forward pass and gradient in C: binary64, and MPFR on preallocated variables.
        .target(
            name: "CSeedBackprop",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("mpfr"), .linkedLibrary("gmp"), .linkedLibrary("m")]
        ),
        // Pre-generated cases, handles on the C versions, interleaved measurement.
        .target(
            name: "SeedBackprop",
            dependencies: [.product(name: "MultiPrecision", package: mainPackage),
                           .product(name: "NetworkModel", package: mainPackage), "CSeedBackprop"]
        ),
        // Plain executables: one line per comparison ending in `ratio <x>`.
        .executableTarget(
            name: "engine-ratio",
            dependencies: ["SeedBackprop", .product(name: "Engines", package: mainPackage),
                           .product(name: "NetworkModel", package: mainPackage)]
        ),
        .executableTarget(
            name: "reference-ratio",
            dependencies: ["SeedBackprop", .product(name: "Reference", package: mainPackage),
                           .product(name: "MultiPrecision", package: mainPackage),
                           .product(name: "NetworkModel", package: mainPackage)]
        ),
        // Not a benchmark: checks that the planned sweeps and the general ones agree bit for bit.
        // The dense-network reference at scale, with a C MPFR baseline.
        .target(name: "CDenseBackprop", linkerSettings: [.linkedLibrary("mpfr"), .linkedLibrary("gmp")]),
        .executableTarget(
            name: "reference-scale",
            dependencies: ["CDenseBackprop", .product(name: "Reference", package: mainPackage),
                           .product(name: "Judgement", package: mainPackage),
                           .product(name: "PropertyTesting", package: mainPackage),
                           .product(name: "MultiPrecision", package: mainPackage),
                           .product(name: "NetworkModel", package: mainPackage)]
        ),
        // ordo-one/package-benchmark target (found under Benchmarks/ by the plugin).
        .executableTarget(
            name: "SeedForwardBenchmarks",
            dependencies: ["SeedForward", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/SeedForwardBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
