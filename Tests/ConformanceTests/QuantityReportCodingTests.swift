import Foundation
import Testing
import Conformance

/// `QuantityReport.outcomes` is keyed by the outcome itself, and still codes
/// as a JSON object keyed by the outcome's spelling.
struct QuantityReportCodingTests {
    static func report() -> QuantityReport {
        var report = QuantityReport(id: .objective, name: "y")
        report.outcomes = [.within: 3, .nonFinite: 2]
        return report
    }

    @Test func outcomesAreAnObjectKeyedByTheirSpelling() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(Self.report()), as: UTF8.self)
        #expect(text.contains(#""outcomes":{"non-finite":2,"within":3}"#), "\(text)")
    }

    @Test func aReportReadsBackAsWritten() throws {
        let data = try JSONEncoder().encode(Self.report())
        #expect(try JSONDecoder().decode(QuantityReport.self, from: data) == Self.report())
    }
}
