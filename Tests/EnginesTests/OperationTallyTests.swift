import Testing
import NetworkModel
@testable import Engines

/// `OperationTally` is shared between tasks: every record must land, under
/// ThreadSanitizer too (`swift test --sanitize=thread --filter OperationTally`).
@Suite("Operation tallies are safe to share")
struct OperationTallyTests {
    @Test func concurrentRecordsAllCount() async {
        let tally = OperationTally()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<1_000 {
                        tally.record("+")
                        tally.record("exp")
                    }
                }
            }
        }
        #expect(tally.counts["+"] == 8_000 && tally.counts["exp"] == 8_000)
        #expect(tally.arithmetic == 8_000 && tally.transcendental == 8_000)
    }

    @Test func theSeedSweepCountsSection3sOperations() {
        let cost = BackpropCost.measure(network: .seed, activation: .sigmoid, inputs: [0.25, -1.5],
                                        parameters: [0.1, -0.3, 2.0, 0.5, -1.25, 0.75, 0.0625, 2.5])
        // δ per unit and one multiplication per weight and per unit-to-unit edge (docs/operation-counts.md).
        #expect(cost.backward["*", default: 0] == 3 + 4 + 2)
        #expect(cost.forward["exp", default: 0] == 3)
    }
}
