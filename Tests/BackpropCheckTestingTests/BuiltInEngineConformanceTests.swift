import Foundation
import Testing
import Conformance
import DocumentVerification
import Engines
import NetworkModel
import Notation
@testable import BackpropCheckTesting

/// The same one-call suite an engine author uses, run on every built-in
/// engine of the kit.
@Suite("Every built-in engine through expectConformance", .tags(.conformance))
struct BuiltInEngineConformanceTests {
    @Test("The careful engines conform strictly", arguments: ["double", "mpfr"])
    func carefulEngines(_ name: String) async throws {
        let engine: any GradientEngine = name == "double" ? DoubleEngine() : ReferenceEngine()
        let report = try #require(await expectConformance(of: engine, network: .seed, cases: checkCases, seed: checkSeed, strict: true))
        #expect(report.verdict == .conforms)
    }

    @Test("Compiler-derived reverse mode: never wrong; its inaccuracy (1 − tanh²) is a warning")
    func autodiffEngine() async throws {
        let report = try #require(await expectConformance(of: AutodiffEngine(), network: .seed, cases: checkCases, seed: checkSeed))
        #expect(report.verdict != .nonconformant)
    }

    @Test("The seed document's summary table, used as an engine, is wrong on ∂y/∂w10 — and only there")
    func seedTableEngine() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let files = ["model.tex", "derivation-w10.tex", "derivation-w11.tex", "summary-table.tex"]
        let document = Document(merging: try files.map {
            try Document.read(contentsOfFile: root.appendingPathComponent("Fixtures/seed/\($0)").path)
        })
        var report: EngineReport?
        await withKnownIssue("the seed table writes w20^[1] in the w10 row") {
            report = await expectConformance(of: TableEngine(document: document, network: .seed), network: .seed, cases: checkCases, seed: checkSeed)
        } matching: { issue in
            issue.comments.map(\.rawValue).joined().contains("∂y/∂w10 is wrong")
        }
        let wrong = ([report?.value] + (report?.partials ?? [])).compactMap { $0 }.filter { $0.verdict == .wrong }
        #expect(wrong.map(\.name) == ["w10"])
    }
}
