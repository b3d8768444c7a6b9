import Testing
import Foundation
import Conformance
import Engines
import NetworkModel

/// What reading answer lines costs the kit, without any process: 2,000 seed
/// answers, as `backprop-engine/2` batches of 256 and as `/1` lines, read
/// five times each (best time printed; one test at a time, so the timings do
/// not share the machine with each other). Every decoded value must equal
/// the value written, bit for bit.
@Suite(.serialized, .timeLimit(.minutes(15)))
struct DecodeThroughputTests {
    static let caseCount = 2000
    static let batchSize = 256

    /// The requests and the binary64 engine's answers to them.
    static func answered() async throws -> [(EngineRequest, EngineResult)] {
        let cases = try SuiteCase.generated(network: .seed, seed: 20_261_201, count: caseCount)
        var answered: [(EngineRequest, EngineResult)] = []
        for (id, generated) in cases.enumerated() {
            let request = EngineRequest(id: id, network: .seed, networkCase: generated.networkCase)
            answered.append((request, try await DoubleEngine().evaluate(request)))
        }
        return answered
    }

    /// `{"id":…,"y":…,"gradient":{…}}` as an engine writes it.
    static func answerObject(_ request: EngineRequest, _ result: EngineResult) -> String {
        let partials = request.network.parameters.map { name in
            "\"\(name)\":" + EngineWireFormat.number(result.gradient[name]!).serialized
        }
        return "{\"id\":\(request.id),\"y\":" + EngineWireFormat.number(result.objective).serialized
            + ",\"gradient\":{" + partials.joined(separator: ",") + "}}"
    }

    /// The value bits of `decoded` against those of `expected`.
    static func sameBits(_ decoded: EngineWireFormat.Decoded, _ expected: EngineResult) -> Bool {
        guard case .answer(let result) = decoded else { return false }
        return result.objective.bitPattern == expected.objective.bitPattern
            && expected.gradient.allSatisfy { result.gradient[$0.key]?.bitPattern == $0.value.bitPattern }
    }

    /// The best of five runs of `body`, in milliseconds.
    static func bestMilliseconds(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let best = (0..<5).map { _ in clock.measure(body) }.min()!
        return Double(best.components.seconds) * 1e3 + Double(best.components.attoseconds) * 1e-15
    }

    /// The answers in batches, each with its `{"batch":[…]}` line.
    static func batchLines() async throws -> [(line: String, batch: [(EngineRequest, EngineResult)])] {
        let answered = try await answered()
        return stride(from: 0, to: answered.count, by: batchSize).map {
            let batch = Array(answered[$0..<min($0 + batchSize, answered.count)])
            return ("{\"batch\":[" + batch.map { answerObject($0.0, $0.1) }.joined(separator: ",") + "]}", batch)
        }
    }

    @Test func batchLinesParse() async throws {
        let lines = try await Self.batchLines()
        var parsed: [JSONValue] = []
        let milliseconds = Self.bestMilliseconds {
            parsed = lines.compactMap { try? JSONValue.parse($0.line) }
        }
        print("DecodeThroughputTests: JSONValue.parse, \(Self.caseCount) answers in lines of \(Self.batchSize): "
              + "\(String(format: "%.1f", milliseconds)) ms")
        let counts = parsed.map { value -> Int in
            if case .array(let answers)? = value["batch"] { return answers.count }
            return 0
        }
        #expect(counts == lines.map(\.batch.count))
    }

    @Test func batchAnswersDecodeToTheValuesWritten() async throws {
        let batchLines = try await Self.batchLines()
        let (lines, batches) = (batchLines.map(\.line), batchLines.map(\.batch))
        let answered = batches.flatMap { $0 }
        var decoded: [EngineWireFormat.Decoded] = []
        let milliseconds = Self.bestMilliseconds {
            decoded = zip(lines, batches).flatMap { line, batch in
                EngineWireFormat.decodeBatch(line, for: batch.map(\.0))
            }
        }
        print("DecodeThroughputTests: /2, \(Self.caseCount) answers in lines of \(Self.batchSize): "
              + "\(String(format: "%.1f", milliseconds)) ms")
        #expect(decoded.count == answered.count)
        #expect(zip(decoded, answered).allSatisfy { Self.sameBits($0, $1.1) })
    }

    @Test func singleAnswersDecodeToTheValuesWritten() async throws {
        let answered = try await Self.answered()
        let lines = answered.map { Self.answerObject($0.0, $0.1) }
        var decoded: [EngineWireFormat.Decoded] = []
        let milliseconds = Self.bestMilliseconds {
            decoded = zip(lines, answered).map { EngineWireFormat.decode($0, for: $1.0) }
        }
        print("DecodeThroughputTests: /1, \(Self.caseCount) answer lines: \(String(format: "%.1f", milliseconds)) ms")
        #expect(zip(decoded, answered).allSatisfy { Self.sameBits($0, $1.1) })
    }
}
