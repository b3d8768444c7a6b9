import Foundation
import Conformance
import Engines
import Judgement
import NetworkModel

/// The mutation campaign: which engine runs on which network, how many
/// cases, and what the suite is required to say.
enum Campaign {
    /// The networks: every activation and every loss, square layers for the
    /// transposition and wrong-layer mistakes.
    static let relu = "dense:3-4-4-3/relu,relu,identity/softmax-ce"
    static let tanh = "dense:3-4-4-1/tanh,tanh,identity/logistic"
    static let sigmoid = "dense:2-3-3-2/identity,sigmoid,sigmoid/mse"
    static let softplus = "dense:3-4-1/softplus,identity/logistic"
    static let silu = "dense:3-4-2/silu,identity/mse"
    static let gelu = "dense:3-4-3/gelu,identity/softmax-ce"
    static let networks = [relu, tanh, sigmoid, softplus, silu, gelu]

    /// Seed of the generated cases (the same cases for every engine on a network).
    static let seed: UInt64 = 20_261_215

    /// Cases per run: 100 by default (the score's, so one `swift test` run computes each once), 500 with
    /// `BACKPROP_CHECK_ACCEPTANCE=1`.
    static var cases: Int { ProcessInfo.processInfo.environment["BACKPROP_CHECK_ACCEPTANCE"] == "1" ? 500 : reportCases }

    /// Cases per run in the committed score (fixed, so the file does not depend on the environment).
    static let reportCases = 100

    /// Cases per run through the process protocol (slower: kept small).
    static let processCases = 100

    /// The mutants, each on the networks where it is tried. A mutant that
    /// changes nothing on a network (declared set ∅) is tried too: the suite
    /// must then find nothing wrong.
    static let mutants: [Scenario] = [
        // ReLU, identity output, softmax-ce; W2 square.
        .init(relu, .reluMaskMissing(layer: 1)),
        .init(relu, .reluMaskMissing(layer: 2)),
        .init(relu, .preactivationForActivation(layer: 2)),
        .init(relu, .preactivationForActivation(layer: 3)),
        .init(relu, .transposedWeightBackward(layer: 2)),
        .init(relu, .deltaOfNextLayer(layer: 1)),
        .init(relu, .biasGradientTimesInput(layer: 2)),
        .init(relu, .forwardBiasDropped(layer: 1)),
        .init(relu, .softmaxTargetOffByOne),
        .init(relu, .softmaxUnnormalised),
        .init(relu, .slopeAtOutput(layer: 2)),   // ∅: 1[relu(z) > 0] = 1[z > 0]
        .init(relu, .outputSlopeForgotten),      // ∅: the identity's slope is 1
        // tanh, logistic; W2 square.
        .init(tanh, .tanhSlopeOfPreactivation(layer: 1)),
        .init(tanh, .tanhSlopeOfPreactivation(layer: 2)),
        .init(tanh, .slopeAtOutput(layer: 2)),
        .init(tanh, .transposedWeightBackward(layer: 2)),
        .init(tanh, .preactivationForActivation(layer: 3)),
        .init(tanh, .logisticGradientSign),
        .init(tanh, .logisticGradientOfLogit),
        // identity hidden layer, sigmoid, mse; W2 square.
        .init(sigmoid, .slopeAtOutput(layer: 2)),
        .init(sigmoid, .slopeAtOutput(layer: 3)),
        .init(sigmoid, .outputSlopeForgotten),
        .init(sigmoid, .mseHalfForgotten),
        .init(sigmoid, .transposedWeightBackward(layer: 2)),
        .init(sigmoid, .deltaOfNextLayer(layer: 1)),
        .init(sigmoid, .preactivationForActivation(layer: 3)),
        .init(sigmoid, .biasGradientTimesInput(layer: 1)),
        .init(sigmoid, .preactivationForActivation(layer: 2)),  // ∅: z = a below an identity layer
        // softplus, logistic.
        .init(softplus, .softplusSlopeMirrored(layer: 1)),
        .init(softplus, .slopeAtOutput(layer: 1)),
        .init(softplus, .preactivationForActivation(layer: 2)),
        .init(softplus, .logisticGradientOfLogit),
        // SiLU, mse.
        .init(silu, .siluSlopeMissingTerm(layer: 1)),
        .init(silu, .slopeAtOutput(layer: 1)),
        .init(silu, .mseHalfForgotten),
        .init(silu, .biasGradientTimesInput(layer: 2)),
        // GELU, softmax-ce.
        .init(gelu, .geluSlopeMissingDensity(layer: 1)),
        .init(gelu, .slopeAtOutput(layer: 1)),
        .init(gelu, .preactivationForActivation(layer: 2)),
        .init(gelu, .softmaxTargetOffByOne),
    ]

    /// The legitimate variants: the careful engine on every network, each
    /// other variant on networks where its formula is used (the general ones —
    /// sums, FMA, binary32 — on two or three networks each, to keep `swift test` short).
    static let variants: [Scenario] = networks.map { Scenario($0, LegitimateVariant.careful) } + [
        .init(relu, .reverseSummation),
        .init(gelu, .reverseSummation),
        .init(tanh, .pairwiseSummation),
        .init(silu, .pairwiseSummation),
        .init(sigmoid, .compensatedSummation),
        .init(softplus, .compensatedSummation),
        .init(relu, .fusedMultiplyAdd),
        .init(sigmoid, .fusedMultiplyAdd),
        .init(tanh, .binary32),
        .init(gelu, .binary32),
        .init(softplus, .binary32),
        .init(sigmoid, .sigmoidSlopeFromOutput),
        .init(tanh, .tanhSlopeFromOutput),
        .init(silu, .siluSlopeFromOutput),
        .init(relu, .softmaxLogSumExp),
        .init(gelu, .softmaxLogSumExp),
        .init(gelu, .geluOnePlusErf),
        .init(softplus, .softplusThreshold),
        .init(tanh, .logisticLogOnePlus),
        .init(softplus, .logisticLogOnePlus),
    ]

    /// What goes through the Python engine (`backprop-engine/2`): a few of each.
    static let processScenarios: [Scenario] = [
        .init(relu, .reluMaskMissing(layer: 2)),
        .init(tanh, .tanhSlopeOfPreactivation(layer: 1)),
        .init(sigmoid, .transposedWeightBackward(layer: 2)),
        .init(gelu, .geluSlopeMissingDensity(layer: 1)),
        .init(relu, .slopeAtOutput(layer: 2)),
        .init(gelu, LegitimateVariant.careful),
        .init(tanh, .tanhSlopeFromOutput),
        .init(silu, .compensatedSummation),
    ]

    /// The network of a `dense:` spec.
    static func network(_ spec: String) throws -> Network { try Network.named(spec) }
}

/// One run of the campaign: an engine (mutant or legitimate variant) on a network.
struct Scenario: Sendable, Hashable, CustomStringConvertible {
    enum Subject: Sendable, Hashable, CustomStringConvertible {
        case mutant(DenseMutation)
        case legitimate(LegitimateVariant)

        var description: String {
            switch self {
            case .mutant(let m): m.name
            case .legitimate(let v): v.rawValue
            }
        }
    }

    var network: String
    var subject: Subject

    init(_ network: String, _ mutation: DenseMutation) { (self.network, subject) = (network, .mutant(mutation)) }
    init(_ network: String, _ variant: LegitimateVariant) { (self.network, subject) = (network, .legitimate(variant)) }

    var description: String { "\(subject) on \(network)" }

    /// The Swift engine of this scenario.
    var engine: HandWrittenDenseEngine {
        switch subject {
        case .mutant(let m): HandWrittenDenseEngine(mutation: m)
        case .legitimate(let v): HandWrittenDenseEngine(variant: v)
        }
    }

    /// The Python engine's arguments: `--mutation NAME` or `--variant NAME`.
    var pythonArguments: String {
        switch subject {
        case .mutant(let m): "--mutation \(m.name)"
        case .legitimate(let v): "--variant \(v.rawValue)"
        }
    }

    /// The tensor groups (and `L`) the suite must judge wrong: the mutation's
    /// declared set, ∅ for a legitimate variant; nil when the mutation cannot
    /// be made on the network (a mistake in the campaign itself).
    func required() throws -> Set<String>? {
        switch subject {
        case .mutant(let m):
            guard let stack = LayerStack(try Campaign.network(network)) else { return nil }
            return m.corrupted(in: stack)
        case .legitimate:
            return []
        }
    }
}

/// What the suite said about one run, per tensor group.
struct Outcome: Sendable, Hashable {
    var verdict: EngineVerdict
    /// Groups (W1, b1, …, and L for the objective) with some quantity judged wrong.
    var wrong: Set<String>
    /// Groups with some quantity inaccurate and none wrong.
    var inaccurate: Set<String>
    var faults: [String]
    var unsupported: [String: Int]

    init(_ report: EngineReport) {
        verdict = report.verdict
        var wrong: Set<String> = []
        var inaccurate: Set<String> = []
        for q in [report.value] + report.partials {
            let group = q.id == .objective ? "L" : String(q.name.prefix { $0 != "[" })
            switch q.verdict {
            case .wrong: wrong.insert(group)
            case .inaccurate: inaccurate.insert(group)
            case .conforms, .nonDifferentiable: break
            }
        }
        self.wrong = wrong
        self.inaccurate = inaccurate.subtracting(wrong)
        faults = report.faults.prefix(3).map { "\($0.kind): \($0.message)" }
        unsupported = report.unsupported
    }
}

/// Which engine runs a scenario.
enum EngineKind: Sendable, Hashable {
    /// ``HandWrittenDenseEngine`` in process.
    case swift
    /// `Examples/python-engine/campaign.py` through ``ProcessEngine``.
    case python
}

/// Runs of the campaign, each computed once per test process and shared by
/// the tests that need it (the per-scenario tests and the score's).
actor CampaignRuns {
    static let shared = CampaignRuns()

    struct Key: Hashable, Sendable {
        var scenario: Scenario
        var engine: EngineKind
        var cases: Int
    }

    private var runs: [Key: Task<Outcome, any Error>] = [:]

    /// The outcome of `scenario` on `engine` with `cases` generated cases.
    func outcome(_ scenario: Scenario, engine: EngineKind = .swift, cases: Int) async throws -> Outcome {
        let key = Key(scenario: scenario, engine: engine, cases: cases)
        if let run = runs[key] { return try await run.value }
        let run = Task { try await Self.run(key) }
        runs[key] = run
        return try await run.value
    }

    /// One conformance run in the default (non-strict) mode, without shrinking
    /// (shrinking changes counterexamples, never verdicts).
    static func run(_ key: Key) async throws -> Outcome {
        let network = try Campaign.network(key.scenario.network)
        let suite = try ConformanceSuite(network: network, generating: key.cases, seed: Campaign.seed, shrinking: nil)
        switch key.engine {
        case .swift:
            return Outcome(try await suite.run(key.scenario.engine))
        case .python:
            let engine = ProcessEngine(command: PythonCampaign.command(key.scenario.pythonArguments),
                                       name: "python-\(key.scenario.subject)",
                                       configuration: ProcessEngine.Configuration(requestTimeout: .seconds(30)))
            let report = try await suite.run(engine)
            await engine.shutdown()
            return Outcome(report)
        }
    }
}

/// The Python campaign engine, `Examples/python-engine/campaign.py`.
enum PythonCampaign {
    /// The package root: three levels above this file.
    static let root: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    static let script = root + "/Examples/python-engine/campaign.py"

    /// The shell command running the engine with `arguments`.
    static func command(_ arguments: String) -> String {
        "python3 '\(script.replacingOccurrences(of: "'", with: "'\\''"))' \(arguments)"
    }
}
