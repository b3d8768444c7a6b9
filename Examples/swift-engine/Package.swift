// swift-tools-version: 6.1
// A gradient engine written outside the kit, checked by it: the kit is a
// dependency by path, and the engine's own test calls `expectConformance`.
import PackageDescription

let package = Package(
    name: "SwiftEngineExample",
    dependencies: [
        // In your own package: .package(url: "<BackpropCheck repository>", branch: "main")
        .package(name: "BackpropCheck", path: "../.."),
    ],
    targets: [
        .target(name: "StraightLineEngine",
                dependencies: [.product(name: "Engines", package: "BackpropCheck"),
                               .product(name: "NetworkModel", package: "BackpropCheck")]),
        .testTarget(name: "StraightLineEngineTests",
                    dependencies: ["StraightLineEngine",
                                   .product(name: "BackpropCheckTesting", package: "BackpropCheck"),
                                   .product(name: "Verification", package: "BackpropCheck")]),
    ],
    swiftLanguageModes: [.v6]
)
