// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "BackpropCheck",
    products: [
        .library(name: "MultiPrecision", targets: ["MultiPrecision"]),
        .library(name: "PropertyTesting", targets: ["PropertyTesting"]),
        .library(name: "NetworkModel", targets: ["NetworkModel"]),
    ],
    targets: [
        // C shim: GNU MPFR found through pkg-config.
        .systemLibrary(
            name: "CMPFR",
            pkgConfig: "mpfr",
            providers: [.apt(["libgmp-dev", "libmpfr-dev"])]
        ),
        // Arbitrary-precision binary floating point (`BigFloat`).
        .target(name: "MultiPrecision", dependencies: ["CMPFR"]),
        // Seeded generators, shrinking and the property runner.
        .target(name: "PropertyTesting"),
        // The network as data, activations, and the generic back-prop sweep.
        .target(name: "NetworkModel"),

        .testTarget(name: "MultiPrecisionTests", dependencies: ["MultiPrecision"]),
        .testTarget(name: "PropertyTestingTests", dependencies: ["PropertyTesting", "NetworkModel"]),
        .testTarget(name: "NetworkModelTests", dependencies: ["NetworkModel"]),
    ],
    swiftLanguageModes: [.v6]
)
