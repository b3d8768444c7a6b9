// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "BackpropCheck",
    products: [
        .executable(name: "backprop-check", targets: ["BackpropCheckCLI"]),
        .library(name: "MultiPrecision", targets: ["MultiPrecision"]),
        .library(name: "PropertyTesting", targets: ["PropertyTesting"]),
        .library(name: "NetworkModel", targets: ["NetworkModel"]),
        .library(name: "Notation", targets: ["Notation"]),
        .library(name: "Reference", targets: ["Reference"]),
        .library(name: "WireJSON", targets: ["WireJSON"]),
        .library(name: "Engines", targets: ["Engines"]),
        .library(name: "Judgement", targets: ["Judgement"]),
        .library(name: "DocumentVerification", targets: ["DocumentVerification"]),
        .library(name: "Conformance", targets: ["Conformance"]),
        .library(name: "BackpropCheckTesting", targets: ["BackpropCheckTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        // `swift package generate-documentation` (scripts/docs); no target depends on it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // C shim: GNU MPFR found through pkg-config.
        .systemLibrary(
            name: "CMPFR",
            pkgConfig: "mpfr",
            providers: [.apt(["libgmp-dev", "libmpfr-dev"]), .brew(["mpfr"])]
        ),
        // Arbitrary-precision binary floating point (`BigFloat`).
        .target(name: "MultiPrecision", dependencies: ["CMPFR"]),
        // The network as data, activations, and the generic back-prop sweep.
        .target(name: "NetworkModel"),
        // Seeded generators, integrated shrinking, the property runner, network case generators.
        .target(name: "PropertyTesting", dependencies: ["NetworkModel"]),
        // The MPFR reference: value, exact gradient, finite-difference oracle.
        .target(name: "Reference", dependencies: ["MultiPrecision", "NetworkModel"]),
        // The wire's JSON: one strict reader (located errors, duplicate keys, each number's text)
        // and a deterministic writer; JSONEncoder output read into it (docs/architecture.md).
        .target(name: "WireJSON"),
        // Engines: the protocol, the Double engine, MPFR and autodiff engines, operation counting,
        // external engines speaking backprop-engine/1 (ProcessEngine).
        .target(name: "Engines", dependencies: ["WireJSON", "NetworkModel", "Reference", "MultiPrecision",
                                                .product(name: "Subprocess", package: "swift-subprocess")]),
        // Reading derivations written in LaTeX: lexer, parser, expressions, symbol resolution.
        .target(name: "Notation", dependencies: ["NetworkModel"]),
        // The judgement both checks share: the allowance, τ, rounding-error bounds, arithmetic
        // formats, deviations and their outcomes, verdicts, reference expectations.
        .target(name: "Judgement", dependencies: ["Engines", "Reference", "NetworkModel", "MultiPrecision"]),
        // Verification of derivation documents: claims against finite differences, the model graph,
        // repairs, findings.
        .target(name: "DocumentVerification",
                dependencies: ["Judgement", "Engines", "Reference", "Notation", "PropertyTesting", "NetworkModel",
                               "MultiPrecision"]),
        // Conformance of engines: the suite, per-quantity and per-tensor reports, coverage, shrinking.
        .target(name: "Conformance",
                dependencies: ["Judgement", "Engines", "Reference", "PropertyTesting", "NetworkModel"]),
        // Markdown, JSON and SVG reports.
        .target(name: "Reports", dependencies: ["Judgement", "DocumentVerification", "Conformance", "Engines", "WireJSON",
                                               "NetworkModel", "MultiPrecision", "Reference", "Notation"]),
        // The `backprop-check` command line.
        .executableTarget(name: "BackpropCheckCLI",
                          dependencies: ["Reports", "DocumentVerification", "Conformance", "Engines", "WireJSON",
                                         "Reference", "NetworkModel", "MultiPrecision", "PropertyTesting", "Notation",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Swift Testing integration: properties and conformance in one call inside a @Test.
        .target(name: "BackpropCheckTesting",
                dependencies: ["PropertyTesting", "NetworkModel", "Engines", "Judgement", "Conformance", "Reports"]),

        .testTarget(name: "MultiPrecisionTests", dependencies: ["MultiPrecision", "PropertyTesting"]),
        .testTarget(name: "NetworkModelTests", dependencies: ["NetworkModel"]),
        .testTarget(name: "WireJSONTests", dependencies: ["WireJSON"]),
        .testTarget(name: "PropertyTestingTests",
                    dependencies: ["PropertyTesting", "BackpropCheckTesting", "NetworkModel"]),
        .testTarget(name: "ReferenceTests", dependencies: ["Reference", "MultiPrecision", "NetworkModel"]),
        .testTarget(name: "EnginesTests", dependencies: ["Engines", "Reference", "MultiPrecision", "NetworkModel"]),
        .testTarget(name: "JudgementTests", dependencies: ["Judgement", "Engines", "NetworkModel"]),
        .testTarget(name: "DocumentVerificationTests",
                    dependencies: ["DocumentVerification", "Engines", "PropertyTesting", "NetworkModel", "MultiPrecision",
                                   "Notation"]),
        .testTarget(name: "ConformanceTests",
                    dependencies: ["Conformance", "Engines", "PropertyTesting", "NetworkModel"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports"]),
        .testTarget(name: "CLITests", dependencies: ["BackpropCheckCLI"]),
        .testTarget(name: "NotationTests", dependencies: ["Notation", "NetworkModel", "PropertyTesting"]),
        .testTarget(name: "ProcessEngineTests", dependencies: ["Engines", "WireJSON", "Conformance", "NetworkModel"]),
        // The mutation campaign: hand-written dense engines with realistic bugs and legitimate rewrites,
        // judged by the conformance suite (docs/tolerance.md, "The mutation campaign"). Test-only.
        .testTarget(name: "MutationCampaignTests",
                    dependencies: ["Engines", "Judgement", "Conformance", "NetworkModel"]),
        .testTarget(name: "BackpropCheckTestingTests",
                    dependencies: ["BackpropCheckTesting", "Judgement", "DocumentVerification", "Conformance", "Engines",
                                   "Reports", "PropertyTesting", "NetworkModel", "Notation"]),
    ],
    swiftLanguageModes: [.v6]
)
