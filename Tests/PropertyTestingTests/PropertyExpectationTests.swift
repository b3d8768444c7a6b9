import Foundation
import Synchronization
import Testing
import NetworkModel
import PropertyTesting
import BackpropCheckTesting

/// Issues seen by a known-issue matcher.
final class IssueLog: Sendable {
    private let comments = Mutex<[String]>([])
    func append(_ issue: Issue) { comments.withLock { $0.append(issue.comments.map(\.rawValue).joined()) } }
    var all: [String] { comments.withLock { $0 } }
}

/// True when no property variable is set, so precedence tests see the defaults.
let propertyEnvironmentIsClean = ProcessInfo.processInfo.environment.keys.allSatisfy { !$0.hasPrefix("BACKPROP_CHECK_") }

@Suite(.tags(.adapter))
struct PropertyExpectationTests {
    @Test func passingPropertyRecordsNothing() async {
        let result = await expectProperty(over: Gen<TaggedCase>.networkCase(network: .seed), cases: 50) { tagged in
            tagged.case.parameters.count == 8
        }
        #expect(result?.isPassed == true)
    }

    @Test func failingPropertyRecordsExactlyOneDescriptiveIssue() async {
        let log = IssueLog()
        await withKnownIssue {
            await expectProperty(over: Gen<TaggedCase>.networkCase(network: .seed), cases: 100) { tagged in
                tagged.case.parameters[4] == tagged.case.parameters[5]
            }
        } matching: { issue in
            log.append(issue)
            return true
        }
        #expect(log.all.count == 1)
        let text = log.all.first ?? ""
        for fragment in ["Shrunk counterexample", "Original counterexample", "Regime: ordinary",
                         "BACKPROP_CHECK_SEED=", "BACKPROP_CHECK_CASE=", "swift test --filter",
                         ".propertyCheck(seed:"] {
            #expect(text.contains(fragment), "missing \(fragment) in\n\(text)")
        }
    }

    @Test func throwingPropertyFailureIsOneIssue() async {
        let log = IssueLog()
        await withKnownIssue {
            await expectProperty(over: Gen<Double>.uniform(in: 0...4), cases: 100, parallelism: 1) { x in
                try ensure(x < 3, "too big")
            }
        } matching: { issue in
            log.append(issue)
            return issue.comments.contains { $0.rawValue.contains("property threw: too big") }
        }
        #expect(log.all.count == 1)
    }

    @Test func generatorFailureIsOneIssue() async {
        await withKnownIssue {
            await expectProperty(over: Gen<Int>.int(in: 0...3).filter(maxAttempts: 3) { $0 > 5 }) { _ in true }
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("rejected 3 consecutive values") }
        }
    }

    @Test(.propertyCheck(seed: 99, cases: 7), .enabled(if: propertyEnvironmentIsClean))
    func traitSetsSeedAndCaseCount() async {
        let result = await expectProperty(over: Gen<Double>.uniform(in: 0...1)) { _ in true }
        guard case .passed(let pass)? = result else {
            Issue.record("expected a pass")
            return
        }
        #expect(pass.seed == 99 && pass.casesRun == 7)
    }

    @Test(.propertyCheck(seed: 5, onlyCase: 12), .enabled(if: propertyEnvironmentIsClean))
    func traitCanReplayOneCase() async {
        let result = await expectProperty(over: Gen<Double>.uniform(in: 0...1), cases: 1_000) { _ in true }
        guard case .passed(let pass)? = result else {
            Issue.record("expected a pass")
            return
        }
        #expect(pass.casesRun == 1)
    }

    @Test func settingsPrecedenceIsEnvironmentThenArgumentThenTraitThenDefault() {
        let trait = PropertyCheckTrait(seed: 3, cases: 30, onlyCase: 2)
        let env = PropertyEnvironment(seed: .fixed(1), cases: 10, onlyCase: nil)
        let fromEnv = PropertySettings.resolve(environment: env, seed: 2, cases: 20, trait: trait)
        #expect(fromEnv == PropertySettings(seed: 1, cases: 10, onlyCase: 2))
        let fromArguments = PropertySettings.resolve(environment: PropertyEnvironment(), seed: 2, cases: 20, trait: trait)
        #expect(fromArguments == PropertySettings(seed: 2, cases: 20, onlyCase: 2))
        let fromTrait = PropertySettings.resolve(environment: PropertyEnvironment(), seed: nil, cases: nil, trait: trait)
        #expect(fromTrait == PropertySettings(seed: 3, cases: 30, onlyCase: 2))
        let defaults = PropertySettings.resolve(environment: PropertyEnvironment(), seed: nil, cases: nil, trait: nil)
        #expect(defaults == PropertySettings(seed: PropertyConfiguration.defaultSeed,
                                             cases: PropertyConfiguration.defaultCases, onlyCase: nil))
    }
}
