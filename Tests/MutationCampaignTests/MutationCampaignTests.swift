import Foundation
import Testing
import Conformance
import Engines
import NetworkModel

extension Tag {
    /// Runs of the conformance suite on the campaign's engines.
    @Tag static var mutationCampaign: Self
    /// Runs through the process protocol (Python engine).
    @Tag static var processEngine: Self
}

/// The conformance suite, in its default mode, must judge each realistic
/// back-propagation bug *wrong* on exactly the tensors it corrupts, and never
/// judge a legitimate rewrite wrong (issue 18).
@Suite("Mutation campaign", .tags(.mutationCampaign))
struct MutationCampaignTests {
    @Test("A mutant is wrong on exactly the tensors it corrupts", arguments: Campaign.mutants)
    func mutantIsWrongOnExactlyItsTensors(_ scenario: Scenario) async throws {
        let required = try #require(try scenario.required(), "\(scenario): the mistake cannot be made there")
        let outcome = try await CampaignRuns.shared.outcome(scenario, cases: Campaign.cases)
        #expect(outcome.wrong == required, """
            \(scenario): judged wrong on \(CampaignScore.list(outcome.wrong)), \
            corrupts \(CampaignScore.list(required)) (inaccurate: \(CampaignScore.list(outcome.inaccurate)))
            """)
        #expect(outcome.faults.isEmpty, "\(outcome.faults)")
        #expect(outcome.unsupported.isEmpty, "\(outcome.unsupported)")
    }

    @Test("A legitimate variant is never wrong", arguments: Campaign.variants)
    func legitimateVariantIsNeverWrong(_ scenario: Scenario) async throws {
        let outcome = try await CampaignRuns.shared.outcome(scenario, cases: Campaign.cases)
        #expect(outcome.wrong.isEmpty, "\(scenario): judged wrong on \(CampaignScore.list(outcome.wrong))")
        #expect(outcome.verdict != .nonconformant)
        #expect(outcome.faults.isEmpty, "\(outcome.faults)")
        #expect(outcome.unsupported.isEmpty, "\(outcome.unsupported)")
    }

    @Test("The committed score is what the campaign gives now")
    func score() async throws {
        let markdown = try await CampaignScore.measure(cases: Campaign.reportCases).markdown
        let url = URL(fileURLWithPath: PythonCampaign.root).appendingPathComponent(CampaignScore.path)
        if ProcessInfo.processInfo.environment["BACKPROP_CHECK_WRITE_FIXTURES"] == "1" {
            try Data(markdown.utf8).write(to: url)
        }
        let committed = try? String(contentsOf: url, encoding: .utf8)
        #expect(committed == markdown, """
            \(CampaignScore.path) is stale. Refresh with: \
            BACKPROP_CHECK_WRITE_FIXTURES=1 swift test --filter MutationCampaignTests.score
            """)
    }
}

/// The campaign's own bookkeeping: names, declared sets, coverage. No suite runs.
@Suite("Mutation campaign bookkeeping")
struct CampaignBookkeepingTests {
    @Test("Mutation names round-trip", arguments: Campaign.mutants)
    func namesRoundTrip(_ scenario: Scenario) throws {
        guard case .mutant(let m) = scenario.subject else { return }
        #expect(DenseMutation(name: m.name) == m)
    }

    @Test("Malformed mutation names are refused",
          arguments: ["", "relu-mask-missing", "relu-mask-missing@0", "relu-mask-missing@x", "mse-half-forgotten@1",
                      "no-such-bug@1"])
    func malformedNames(_ name: String) {
        #expect(DenseMutation(name: name) == nil)
    }

    /// Declared sets worked out by hand for the mistakes whose reach is least obvious.
    @Test("Declared sets follow the reach of the mistake",
          arguments: [
              (Campaign.relu, "relu-mask-missing@2", "W1, b1, W2, b2"),
              (Campaign.relu, "transposed-weight-backward@2", "W1, b1"),
              (Campaign.relu, "preactivation-for-activation@2", "W2"),
              (Campaign.relu, "slope-at-output@1", "—"),
              (Campaign.relu, "forward-bias-dropped@1", "L, W1, b1, W2, b2, W3, b3"),
              (Campaign.relu, "softmax-target-off-by-one", "W1, b1, W2, b2, W3, b3"),
              (Campaign.sigmoid, "preactivation-for-activation@2", "—"),
              (Campaign.sigmoid, "delta-of-next-layer@1", "W1"),
              (Campaign.sigmoid, "bias-gradient-times-input@1", "b1"),
              (Campaign.tanh, "tanh-slope-of-preactivation@2", "W1, b1, W2, b2"),
          ])
    func declaredSets(_ network: String, _ name: String, _ expected: String) throws {
        let stack = try #require(LayerStack(try Campaign.network(network)))
        let mutation = try #require(DenseMutation(name: name))
        #expect(mutation.corrupted(in: stack).map(CampaignScore.list) == expected)
    }

    @Test("A mistake that cannot be made on a network is declined, not declared",
          arguments: [
              (Campaign.relu, "transposed-weight-backward@3"),  // W3 is 3×4
              (Campaign.relu, "tanh-slope-of-preactivation@1"),
              (Campaign.relu, "mse-half-forgotten"),
              (Campaign.silu, "delta-of-next-layer@1"),         // widths 4 and 2
              (Campaign.silu, "preactivation-for-activation@1"),
              (Campaign.gelu, "relu-mask-missing@4"),
          ])
    func declined(_ network: String, _ name: String) throws {
        let network = try Campaign.network(network)
        let mutation = try #require(DenseMutation(name: name))
        #expect(mutation.corrupted(in: try #require(LayerStack(network))) == nil)
        #expect(!HandWrittenDenseEngine(mutation: mutation).supports(network))
    }

    @Test("The campaign covers every kind of mistake, every activation, every loss, and the required variants")
    func coverage() throws {
        var kinds: Set<String> = []
        var activations: Set<Activation> = []
        var losses: Set<Loss> = []
        for s in Campaign.mutants {
            guard case .mutant(let m) = s.subject, let required = try s.required(), !required.isEmpty else { continue }
            kinds.insert(m.kind)
            let stack = try #require(LayerStack(try Campaign.network(s.network)))
            activations.formUnion((1...stack.layerCount).compactMap(stack.fixedActivation))
            if let loss = stack.loss { losses.insert(loss) }
        }
        #expect(kinds == Set(DenseMutation.kinds.map(\.kind)))
        #expect(kinds.count >= 15)
        #expect(activations == Set(Activation.allCases))
        #expect(losses == Set(Loss.allCases))
        let variants = Set(Campaign.variants.compactMap { s -> LegitimateVariant? in
            if case .legitimate(let v) = s.subject { v } else { nil }
        })
        #expect(variants == Set(LegitimateVariant.allCases))
    }

    @Test("The careful engine agrees with the kit's Double engine", arguments: Campaign.networks)
    func carefulEngineMatchesDoubleEngine(_ spec: String) async throws {
        let network = try Campaign.network(spec)
        let suite = try ConformanceSuite(network: network, generating: 40, seed: Campaign.seed, shrinking: nil)
        for index in 0..<40 {
            let c = try suite.suiteCase(index).networkCase
            let request = EngineRequest(id: index, network: network, networkCase: c)
            let mine = try await HandWrittenDenseEngine(variant: .careful).evaluate(request)
            let kit = try await DoubleEngine().evaluate(request)
            for name in network.parameters {
                let (a, b) = (mine.gradient[name]!, kit.gradient[name]!)
                #expect(abs(a - b) <= 1e-9 * max(1, abs(b)) || (a.isNaN && b.isNaN), "\(spec) case \(index) \(name)")
            }
        }
    }
}
