import Foundation
import Testing
import Conformance
import Engines
import NetworkModel

/// The campaign through the process protocol: the Python twin of the
/// hand-written engine (`Examples/python-engine/campaign.py`, `backprop-engine/2`)
/// under ``ProcessEngine``. Kept small: a process run costs more than an in-process one.
@Suite("Mutation campaign through backprop-engine/2", .tags(.mutationCampaign, .processEngine))
struct ProcessCampaignTests {
    @Test("The Python mutant or variant is judged as the Swift one must be", arguments: Campaign.processScenarios)
    func pythonEngineIsJudgedAsRequired(_ scenario: Scenario) async throws {
        let required = try #require(try scenario.required())
        let outcome = try await CampaignRuns.shared.outcome(scenario, engine: .python, cases: Campaign.processCases)
        #expect(outcome.wrong == required, """
            python \(scenario): judged wrong on \(CampaignScore.list(outcome.wrong)), \
            required \(CampaignScore.list(required))
            """)
        #expect(outcome.faults.isEmpty, "\(outcome.faults)")
        #expect(outcome.unsupported.isEmpty, "\(outcome.unsupported)")
    }

    /// The Python engine is the same engine: it answers what the Swift engine
    /// answers, to within a few ulps (libm and summation details aside), on 12
    /// cases of each scenario — the process scenarios by default, every
    /// scenario of the campaign (binary32 is Swift-only) with `BACKPROP_CHECK_ACCEPTANCE=1`.
    @Test("The Python twin answers what the Swift engine answers", arguments: twinScenarios)
    func pythonTwinAgreesWithSwift(_ scenario: Scenario) async throws {
        let network = try Campaign.network(scenario.network)
        let suite = try ConformanceSuite(network: network, generating: 12, seed: Campaign.seed, shrinking: nil)
        let requests = try (0..<12).map {
            EngineRequest(id: $0, network: network, networkCase: try suite.suiteCase($0).networkCase)
        }
        let python = ProcessEngine(command: PythonCampaign.command(scenario.pythonArguments),
                                   configuration: ProcessEngine.Configuration(requestTimeout: .seconds(30)))
        let answers = await python.evaluate(batch: requests)
        await python.shutdown()
        for (request, answer) in zip(requests, answers) {
            let theirs = try answer.get()
            let ours = try await scenario.engine.evaluate(request)
            #expect(Self.close(theirs.objective, ours.objective), "\(scenario) case \(request.id): L")
            for name in network.parameters {
                let (a, b) = (theirs.gradient[name] ?? .nan, ours.gradient[name] ?? .nan)
                #expect(Self.close(a, b), "\(scenario) case \(request.id): \(name) python \(a) swift \(b)")
            }
        }
    }

    static let twinScenarios: [Scenario] = ProcessInfo.processInfo.environment["BACKPROP_CHECK_ACCEPTANCE"] == "1"
        ? (Campaign.mutants + Campaign.variants).filter { $0.subject != .legitimate(.binary32) }
        : Campaign.processScenarios

    /// |a − b| ≤ 2⁻⁴⁰·max(|a|, |b|), or both NaN.
    static func close(_ a: Double, _ b: Double) -> Bool {
        (a.isNaN && b.isNaN) || a == b || abs(a - b) <= 0x1p-40 * max(abs(a), abs(b))
    }
}
