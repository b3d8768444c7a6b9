// swift-tools-version: 6.1
// A gradient engine written outside the kit, checked by it: the kit is a
// dependency by path, and the engine's own test calls `expectConformance`.
import PackageDescription

let package = Package(
    name: "SwiftEngineExample",
    dependencies: [
        // `package:` in `.product(name:package:)` below names a dependency by its identity: the
        // last component of its path or URL (without `.git`, any letter case), not the `name:` in
        // the kit's own manifest. Here that would be the folder of the kit's checkout (`..` of
        // `..`), which can be called anything, so `name:` gives this path dependency the name the
        // products use. Without it, `package: "BackpropCheck"` fails with "unknown package
        // 'BackpropCheck' … valid packages are: '<folder>'".
        // In your own package, from the repository: .package(url: "<…>/BackpropCheck.git", branch: "main")
        // (identity BackpropCheck, so no `name:` is needed).
        .package(name: "BackpropCheck", path: "../.."),
    ],
    targets: [
        .target(name: "StraightLineEngine",
                dependencies: [.product(name: "Engines", package: "BackpropCheck"),
                               .product(name: "NetworkModel", package: "BackpropCheck")]),
        .testTarget(name: "StraightLineEngineTests",
                    dependencies: ["StraightLineEngine",
                                   .product(name: "BackpropCheckTesting", package: "BackpropCheck"),
                                   .product(name: "Conformance", package: "BackpropCheck")]),
    ],
    swiftLanguageModes: [.v6]
)
