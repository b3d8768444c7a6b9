import Testing
import Conformance
import Engines
import NetworkModel
import PropertyTesting
import Reports
@testable import BackpropCheckTesting

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A dense ReLU network written the way people write it by hand — forward,
/// then δ's backward — with the two classic mask bugs as switches.
///
///     a⁰ = x,  zˡ = Wˡaˡ⁻¹ + bˡ,  aˡ = relu(zˡ) (identity on the last layer)
///     δᴸ = softmax(zᴸ) − onehot(t),  ∂Wˡ = δˡ(aˡ⁻¹)ᵀ,  ∂bˡ = δˡ,
///     δˡ⁻¹ = (Wˡ)ᵀδˡ ⊙ relu′(zˡ⁻¹)
struct HandWrittenReLUEngine: GradientEngine {
    enum Bug: String, Sendable, CaseIterable {
        /// ∂W2 = δ²(z¹)ᵀ: the pre-activation z¹ where a¹ belongs.
        case preactivationInW2Gradient = "z-for-a-in-W2"
        /// δ² = (W³)ᵀδ³ without ⊙ relu′(z²): the mask of hidden layer 2 forgotten.
        case missingMaskInLayer2 = "missing-mask-layer-2"
    }

    var bug: Bug?
    var name: String { "hand-written-relu" + (bug.map { "-" + $0.rawValue } ?? "") }
    var supportedActivations: Set<Activation> { [.relu, .identity] }

    func evaluate(_ request: EngineRequest) async throws -> EngineResult {
        let layers = request.network.parameterGroups.count / 2
        let weights = (1...layers).map { request.matrix("W\($0)")! }
        let biases = (1...layers).map { request.vector("b\($0)")! }
        var zs: [[Double]] = [], activations = [request.inputVector]
        for l in 0..<layers {
            let z = zip(weights[l], biases[l]).map { row, b in zip(row, activations[l]).reduce(0) { $0 + $1.0 * $1.1 } + b }
            zs.append(z)
            activations.append(l == layers - 1 ? z : z.map { max($0, 0) })
        }
        let y = activations[layers], c = Int(request.targetVector[0])
        let m = y.max()!
        let e = y.map { exp($0 - m) }
        let s = e.reduce(0, +)
        var delta = e.enumerated().map { k, ek in ek / s - (k == c ? 1 : 0) }
        var matrices: [String: [[Double]]] = [:], vectors: [String: [Double]] = [:]
        for l in stride(from: layers - 1, through: 0, by: -1) {
            let source = bug == .preactivationInW2Gradient && l == 1 ? zs[0] : activations[l]
            matrices["W\(l + 1)"] = delta.map { d in source.map { d * $0 } }
            vectors["b\(l + 1)"] = delta
            if l > 0 {
                let masked = !(bug == .missingMaskInLayer2 && l == 2)
                delta = activations[l].indices.map { i in
                    let back = delta.indices.reduce(0.0) { $0 + weights[l][$1][i] * delta[$1] }
                    return masked ? (zs[l - 1][i] > 0 ? back : 0) : back
                }
            }
        }
        return try EngineResult(objective: log(s) - (y[c] - m), matrices: matrices, vectors: vectors,
                                network: request.network)
    }
}

/// The kit's own sweep run in binary32 (`Float`): correct formulas, lower precision.
struct Binary32SweepEngine: GradientEngine {
    var name: String { "binary32-sweep" }

    func evaluate(_ request: EngineRequest) async throws -> EngineResult {
        let c = request.networkCase
        let (objective, gradient) = Backprop.gradient(request.network, activation: c.activation,
                                                      inputs: c.inputs.map { Float($0) },
                                                      parameters: c.parameters.map { Float($0) },
                                                      targets: c.targets, filler: Float(0))
        let named = Dictionary(uniqueKeysWithValues: zip(request.network.parameters, gradient.map(Double.init)))
        return EngineResult(objective: Double(objective), gradient: named)
    }
}

@Suite("Sound verdicts: textbook bugs are wrong where they are, correct work is never wrong", .tags(.conformance))
struct SoundVerdictTests {
    static let relu = try! Network.dense(spec: "3-8-8-2/relu,relu,identity/softmax-ce")

    /// The tensor groups judged wrong.
    static func wrongTensors(_ report: EngineReport, _ network: Network) -> Set<String> {
        Set(report.tensors(in: network).filter { $0.verdict == .wrong }.map(\.name))
    }

    @Test("A ReLU bug is an error of swift test with the defaults, on exactly the tensors it corrupts",
          arguments: [(HandWrittenReLUEngine.Bug.preactivationInW2Gradient, ["W2"]),
                      (.missingMaskInLayer2, ["W2", "b2", "W1", "b1"])])
    func reluBugFailsOnItsTensors(bug: HandWrittenReLUEngine.Bug, corrupted: [String]) async throws {
        var report: EngineReport?
        await withKnownIssue("\(bug.rawValue) corrupts \(corrupted)") {
            report = await expectConformance(of: HandWrittenReLUEngine(bug: bug), network: Self.relu, cases: 500)
        } matching: { issue in
            issue.severity == .error
        }
        let r = try #require(report)
        let issues = ConformanceExpectation(network: Self.relu, strict: false, testName: "t").findings(r)
            .filter { $0.severity == .error }.map(\.message)
        #expect(Self.wrongTensors(r, Self.relu) == Set(corrupted))
        #expect(r.verdict == .nonconformant)
        // One issue per corrupted tensor, each naming it first, with the per-tensor table.
        #expect(issues.count == corrupted.count)
        #expect(Set(issues.compactMap { $0.split(separator: " ").first.map(String.init) }) == Set(corrupted))
        #expect(issues.allSatisfy { $0.contains("Per tensor:") && $0.contains("The error enters at layer 2") })
    }

    @Test("The missing mask names layer 2 as where the error enters; W1 and b1 inherit it")
    func missingMaskEntersAtLayerTwo() async throws {
        let suite = try ConformanceSuite(network: Self.relu, generating: 150, seed: 7, activations: [.relu])
        let report = try await suite.run(HandWrittenReLUEngine(bug: .missingMaskInLayer2))
        #expect(report.errorEntry(in: Self.relu) == "The error enters at layer 2: W2, b2 are wrong; W1, b1 inherit it.")
    }

    @Test("The hand-written engine without a bug conforms with the defaults")
    func correctReLUEngineConforms() async throws {
        let report = try #require(await expectConformance(of: HandWrittenReLUEngine(), network: Self.relu, cases: 200))
        #expect(report.verdict != .nonconformant)
        #expect(Self.wrongTensors(report, Self.relu).isEmpty)
    }

    @Test("A binary32 engine with correct formulas is never wrong on dense networks, and binary32 is named",
          arguments: ["3-8-8-2/relu,relu,identity/softmax-ce", "4-6-3/gelu,identity/softmax-ce",
                      "4-6-1/silu,sigmoid/mse", "3-5-1/softplus,identity/logistic",
                      "4-6-6-3/tanh,tanh,identity/mse"])
    func binary32IsNeverWrong(spec: String) async throws {
        let network = try Network.dense(spec: spec)
        let suite = try ConformanceSuite(network: network, generating: 200, seed: 11)
        let report = try await suite.run(Binary32SweepEngine())
        #expect(report.verdict == .inaccurate)
        #expect(Self.wrongTensors(report, network).isEmpty)
        let quantities = [report.value] + report.partials
        #expect(quantities.contains { ($0.failureContexts[.binary32] ?? 0) > 0 })
        #expect(quantities.filter { $0.verdict == .inaccurate }.contains { $0.likelyCause?.contains("binary32") == true })
    }
}
