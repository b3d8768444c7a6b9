import Foundation
import Testing
import NetworkModel
import Engines
import PropertyTesting
@testable import Conformance

/// The cases most suite tests share: the generator's default seed, every
/// regime and activation.
enum SharedSuite {
    static let caseCount = 700

    static func make(count: Int = caseCount, seed: UInt64 = PropertyConfiguration.defaultSeed) async throws -> ConformanceSuite {
        try ConformanceSuite(network: .seed, cases: SuiteCase.generated(network: .seed, seed: seed, count: count), seed: seed)
    }
}

extension Tag {
    @Tag static var conformance: Self
    @Tag static var mutation: Self
}

@Suite("The suite's power: deliberately faulty engines", .tags(.mutation))
struct MutantTests {
    @Test("Each mutant is rejected with the right verdict on the right quantities",
          arguments: MutantEngine.Mutation.allCases)
    func suiteRejectsMutant(_ mutation: MutantEngine.Mutation) async throws {
        let report = try await SharedSuite.make().run(MutantEngine(mutation))
        let quantities = [report.value] + report.partials
        switch mutation.expectedVerdict {
        case .wrong(let names):
            #expect(report.verdict == .nonconformant)
            for q in quantities {
                #expect((q.verdict == .wrong) == names.contains(q.name), "\(q.name) judged \(q.verdict)")
            }
        case .inaccurate:
            #expect(report.verdict == .inaccurate)
            #expect(!quantities.contains { $0.verdict == .wrong },
                    "\(quantities.filter { $0.verdict == .wrong }.map(\.name)) judged wrong")
        }
    }

    @Test("The naive σ′ is inaccurate only where sigmoid saturates")
    func naiveSigmoidSlopeFailsInSaturation() async throws {
        let report = try await SharedSuite.make().run(MutantEngine(.naiveSigmoidSlope))
        let regimes = Set(report.partials.flatMap(\.regimes))
        #expect(regimes.contains(.saturation))
    }
}

@Suite("Built-in engines", .tags(.conformance))
struct BuiltInEngineTests {
    @Test("The Double engine and the rounded MPFR reference conform on every generated case")
    func carefulEnginesConform() async throws {
        let suite = try await SharedSuite.make()
        for engine in [DoubleEngine(), ReferenceEngine()] as [any GradientEngine] {
            let report = try await suite.run(engine)
            #expect(report.verdict == .conforms, "\(engine.name): \(report.partials.filter { $0.verdict != .conforms }.map(\.name))")
        }
    }

    /// Acceptance: 100% conformance of the Double engine across all regimes.
    /// 2,000 cases by default; BACKPROP_CHECK_ACCEPTANCE=1 runs 100,000.
    @Test("Acceptance: the Double engine conforms on many generated cases")
    func doubleEngineAcceptance() async throws {
        let heavy = ProcessInfo.processInfo.environment["BACKPROP_CHECK_ACCEPTANCE"] == "1"
        let suite = try await SharedSuite.make(count: heavy ? 100_000 : 2_000, seed: 20_261_129)
        let report = try await suite.run(DoubleEngine())
        #expect(report.verdict == .conforms)
        for q in [report.value] + report.partials {
            #expect(q.verdict == .conforms, "\(q.name): worst \(String(describing: q.worst))")
        }
    }

    /// Acceptance on a mid-size dense network with a loss: 300 cases by
    /// default; BACKPROP_CHECK_ACCEPTANCE=1 runs 100,000.
    @Test("Acceptance: the Double engine conforms on a dense 8-16-16-4 softmax-ce network",
          arguments: ["dense:8-16-16-4/tanh,relu,identity/softmax-ce"])
    func doubleEngineAcceptanceOnADenseNetwork(_ spec: String) async throws {
        let heavy = ProcessInfo.processInfo.environment["BACKPROP_CHECK_ACCEPTANCE"] == "1"
        let network = try Network.named(spec)
        let suite = try ConformanceSuite(network: network, generating: heavy ? 100_000 : 300, seed: 20_261_201)
        let report = try await suite.run(DoubleEngine())
        #expect(report.verdict == .conforms, "\(report.partials.filter { $0.verdict != .conforms }.map(\.name))")
    }

    @Test("Compiler-derived reverse mode is never wrong (it may be inaccurate in saturation)")
    func autodiffIsNotWrong() async throws {
        let report = try await SharedSuite.make().run(AutodiffEngine())
        let wrong = ([report.value] + report.partials).filter { $0.verdict == .wrong }
        #expect(wrong.isEmpty, "\(wrong.map(\.name))")
        #expect(report.faults.isEmpty)
    }
}
