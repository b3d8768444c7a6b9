import Foundation
import Testing
import Conformance
import Engines
import Judgement
import NetworkModel
import PropertyTesting
import Reports

/// Checks a gradient engine against the MPFR reference inside a `@Test`, in
/// one call — in the spirit of ChainRulesTestUtils' `test_rrule` and Stan's
/// `expect_ad`:
///
///     @Test func myEngineConforms() async {
///         let report = await expectConformance(of: MyEngine(), network: .seed, cases: 500)
///         #expect(report?.unsupported.isEmpty == true)
///     }
///
/// Generates `cases` regime-tagged cases (every regime, every activation the
/// engine supports unless `activations` says otherwise), computes each case's
/// exact values and tolerances, runs the engine on every case, shrinks the
/// first counterexample of every quantity that does not conform, and records
/// Swift Testing issues:
///
/// - one per tensor group (`W2`, `b2`, or a lone parameter) judged *wrong* —
///   beyond the allowance of every legitimate evaluation on some case
///   (docs/tolerance.md) — naming the tensor, where the error enters ("The
///   error enters at layer 2: W2, b2 are wrong; W1, b1 inherit it."), its
///   first wrong entry with the regimes where it fails, the shrunk
///   counterexample as named values, the expected and actual values, the
///   error in ulps, tolerance units and allowance units, the original case
///   and the replay instruction, and the per-tensor table;
/// - one per tensor group judged *inaccurate*, with `severity: .warning` (an
///   error when `strict` is true), saying why it is not wrong;
/// - one per kind of engine fault (thrown error, crash, timeout, …);
/// - one when no case could be run at all (the engine supports neither the
///   network nor any requested activation), or the set-up failed.
///
/// The Markdown report is attached as `conformance-<engine>.md` (written by
/// `swift test --attachments-path DIR`).
///
/// Seed and case count are resolved like `expectProperty(over:)`'s:
/// the environment (`BACKPROP_CHECK_SEED`, `BACKPROP_CHECK_CASES`,
/// `BACKPROP_CHECK_CASE` to replay one case), then the arguments, then a
/// ``PropertyCheckTrait`` on the test or suite, then the defaults (seed
/// `PropertyConfiguration.defaultSeed`, ``defaultConformanceCases`` cases).
/// The same seed gives the same cases, the same shrunk counterexamples and
/// the same report.
///
/// - Parameters:
///   - engine: the engine under test.
///   - network: the network to check it on (`Network.seed`, `Network.dense(spec:)`, a network file, …).
///   - cases: number of generated cases.
///   - seed: seed of the case generator.
///   - activations: activations to generate cases for (default: every
///     activation the engine supports, in `Activation` order).
///   - regimes: regime weights of the generator (default: uniform).
///   - failOn: which verdicts fail the test: `.wrong` (default; inaccurate
///     quantities are warnings that say why) or `.inaccurate` (both are errors).
///   - strict: shorthand for `failOn: .inaccurate`.
///   - precision: bits of the MPFR reference.
///   - shrinking: budget for shrinking each failing case, or nil not to shrink.
///   - attachingReport: attach the Markdown report to the test.
///   - sourceLocation: where issues are recorded (default: the call).
/// - Returns: the engine report, or nil when the check could not run (a
///   malformed environment variable, a generator or reference failure), which
///   is itself recorded as an issue.
@discardableResult
public func expectConformance(
    of engine: some GradientEngine,
    network: Network,
    cases: Int? = nil,
    seed: UInt64? = nil,
    activations: [Activation]? = nil,
    regimes: RegimeWeights = .uniform,
    failOn: ConformanceFailure = .wrong,
    strict: Bool = false,
    precision: Int = 256,
    shrinking: ShrinkLimits? = ConformanceSuite.defaultShrinking,
    attachingReport: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
) async -> EngineReport? {
    let settings: PropertySettings
    do {
        let environment = try PropertySettings.processEnvironment()
        settings = ConformanceExpectation.settings(environment: environment, seed: seed, cases: cases,
                                                   trait: PropertyCheckTrait.current)
    } catch {
        Issue.record(Comment(rawValue: "Conformance check not run: \(error)"), sourceLocation: sourceLocation)
        return nil
    }
    let activations = activations ?? Activation.allCases.filter(engine.supportedActivations.contains)
    guard !activations.isEmpty else {
        Issue.record(Comment(rawValue: "Conformance check not run: engine `\(engine.name)` supports no activation"),
                     sourceLocation: sourceLocation)
        return nil
    }
    let suite: ConformanceSuite
    do {
        if let only = settings.onlyCase {
            let suiteCases = try SuiteCase.generated(network: network, seed: settings.seed, indices: [only],
                                                     activations: activations, regimes: regimes)
            suite = try ConformanceSuite(network: network, cases: suiteCases, seed: settings.seed,
                                         precision: precision, shrinking: shrinking)
        } else {
            suite = try ConformanceSuite(network: network, generating: settings.cases, seed: settings.seed,
                                         activations: activations, regimes: regimes, precision: precision,
                                         shrinking: shrinking)
        }
    } catch {
        Issue.record(Comment(rawValue: "Conformance check not run: preparing the cases failed: \(error)"),
                     sourceLocation: sourceLocation)
        return nil
    }
    let report: EngineReport
    do { report = try await suite.run(engine) } catch {
        Issue.record(Comment(rawValue: "Conformance check failed inside the kit: \(error)"), sourceLocation: sourceLocation)
        return nil
    }
    let expectation = ConformanceExpectation(network: network, strict: strict || failOn == .inaccurate,
                                             testName: ConformanceExpectation.testNamePattern)
    for finding in expectation.findings(report) {
        Issue.record(Comment(rawValue: finding.message), severity: finding.severity, sourceLocation: sourceLocation)
    }
    if attachingReport {
        Attachment.record(report.markdown(network: network), named: ConformanceExpectation.attachmentName(engine.name),
                          sourceLocation: sourceLocation)
    }
    return report
}

/// Which verdicts make ``expectConformance(of:network:cases:seed:activations:regimes:failOn:strict:precision:shrinking:attachingReport:sourceLocation:)``
/// record an error (the others are warnings).
public enum ConformanceFailure: Sendable, Hashable {
    /// Only *wrong* quantities and faults fail the test; *inaccurate* ones are warnings.
    case wrong
    /// *Inaccurate* quantities fail the test too.
    case inaccurate
}

/// Cases per ``expectConformance(of:network:cases:seed:activations:regimes:failOn:strict:precision:shrinking:attachingReport:sourceLocation:)``
/// call when neither the environment, the call nor a trait sets the count.
public let defaultConformanceCases = 500

/// Turns an engine report into the issues a conformance check records.
struct ConformanceExpectation {
    /// One issue to record.
    struct Finding: Sendable {
        var message: String
        var severity: Issue.Severity
    }

    let network: Network
    let strict: Bool
    /// The test name for the `--filter` of the replay command.
    let testName: String

    /// Property settings with the conformance default case count.
    static func settings(environment: PropertyEnvironment, seed: UInt64?, cases: Int?,
                         trait: PropertyCheckTrait?) -> PropertySettings {
        var settings = PropertySettings.resolve(environment: environment, seed: seed, cases: cases, trait: trait)
        if environment.cases == nil && cases == nil && trait?.cases == nil { settings.cases = defaultConformanceCases }
        return settings
    }

    /// The issues for `report`, quantities in report order, then faults.
    func findings(_ report: EngineReport) -> [Finding] {
        var findings: [Finding] = []
        let tensors = report.tensors(in: network)
        for tensor in tensors {
            switch tensor.verdict {
            case .wrong: findings.append(Finding(message: message(tensor, tensors, report), severity: .error))
            case .inaccurate:
                findings.append(Finding(message: message(tensor, tensors, report), severity: strict ? .error : .warning))
            case .conforms, .nonDifferentiable: break
            }
        }
        let faultKinds = report.faults.reduce(into: [String]()) { kinds, f in
            if !kinds.contains(f.kind) { kinds.append(f.kind) }
        }
        for kind in faultKinds {
            findings.append(Finding(message: faultMessage(kind, report), severity: .error))
        }
        if let insufficient = report.insufficientCoverage {
            findings.append(Finding(
                message: "Engine `\(report.engine)` does not conform: \(insufficient). A verdict needs the engine to "
                    + "evaluate at least one case and decline at most half of them (docs/tolerance.md, \"Coverage\").",
                severity: .error))
        }
        return findings
    }

    /// The issue text for a tensor judged wrong or inaccurate: the tensor's
    /// verdict over its entries, where the error enters (for a wrong
    /// tensor), the first entry with that verdict in detail, and the
    /// per-tensor table.
    func message(_ tensor: TensorVerdict, _ tensors: [TensorVerdict], _ report: EngineReport) -> String {
        let entries = tensor.quantities.compactMap { report.quantity($0) }
        var lines = ["\(tensor.name) is \(tensor.verdict.rawValue) (\(tensor.entrySummary) entries) — engine "
                     + "`\(report.engine)`, network `\(report.network)`."]
        if tensor.verdict == .wrong, let entry = report.errorEntry(in: network) { lines.append(entry) }
        if let first = entries.first(where: { $0.verdict == tensor.verdict }) {
            lines.append("First such entry:")
            lines += message(first, report).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        lines.append("Per tensor:")
        lines += Self.tensorTable(tensors).map { "  " + $0 }
        return lines.joined(separator: "\n")
    }

    /// `tensor  verdict  entries  max error / allowance`, one line per tensor.
    static func tensorTable(_ tensors: [TensorVerdict]) -> [String] {
        let rows = [["tensor", "verdict", "entries", "max error / allowance"]] + tensors.map {
            [$0.name, $0.verdict.rawValue, $0.entrySummary, short($0.maxAllowanceUnits)]
        }
        let widths = (0..<4).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in c == 3 ? cell : cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }
    }

    /// The issue text for a quantity judged wrong or inaccurate.
    func message(_ q: QuantityReport, _ report: EngineReport) -> String {
        let label = report.label(q)
        var lines = ["\(label) is \(q.verdict.rawValue) — engine `\(report.engine)`, network `\(report.network)`, "
                     + "seed \(report.seed.map(String.init) ?? "—"): \(q.failureSummary); regimes: "
                     + (q.regimes.isEmpty ? "—" : q.regimes.map(\.rawValue).joined(separator: ", ")) + "."]
        if let why = q.whyNotWrong { lines.append(why) }
        if let cause = q.likelyCause { lines.append("Cause: \(cause).") }
        if let shrunk = q.counterexample {
            if let shrink = q.shrink, let original = q.originalCounterexample {
                let how = shrink.steps == 0
                    ? "nothing simpler fails the same way; \(shrink.engineCalls) engine calls"
                    : "\(shrink.steps) shrink steps, \(shrink.engineCalls) engine calls"
                        + (shrink.budgetExhausted ? ", budget exhausted" : "")
                lines.append("Shrunk counterexample (\(how)):")
                lines += describe(shrunk, label).map { "  " + $0 }
                lines.append("Original counterexample (case \(shrink.caseIndex) of seed \(shrink.seed)):")
                lines += describe(original, label).map { "  " + $0 }
                lines.append("Replay the original case alone (it shrinks again to the same case):")
                lines.append("  \(shrink.replay) swift test --filter '\(testName)'")
                lines.append("  or as a trait: "
                             + "@Test(.propertyCheck(seed: \(shrink.seed), onlyCase: \(shrink.caseIndex)))")
            } else {
                lines.append("Counterexample (case \(shrunk.index) of this run, not shrunk):")
                lines += describe(shrunk, label).map { "  " + $0 }
            }
        }
        if let worst = q.worst, worst != q.originalCounterexample ?? q.counterexample {
            lines.append("Worst case: \(caseName(worst, seed: report.seed)): \(Self.errorSummary(worst.deviation))")
        }
        return lines.joined(separator: "\n")
    }

    /// Named values, expected and actual value, and the error of one case.
    func describe(_ c: CaseDeviation, _ label: String) -> [String] {
        let d = c.deviation
        var lines = ["\(activationText(c.networkCase)), regime \(c.regime?.rawValue ?? "given")" + (c.saturated ? " (saturated)" : "")]
        lines.append(Self.named(network.inputs, c.networkCase.inputs))
        if !network.targets.isEmpty { lines.append(Self.named(network.targets, c.networkCase.targets)) }
        lines.append(Self.named(network.parameters, c.networkCase.parameters))
        return lines + [
            "expected \(label) = \(d.expected)",
            "actual   \(label) = \(d.actual)",
            Self.errorSummary(d),
        ]
    }

    /// "activation sigmoid" for a case of the seed (its units apply the case's α), "activations tanh,
    /// identity" for a network whose units apply those, whatever the case's α.
    func activationText(_ c: NetworkCase) -> String {
        let label = network.activationLabel(c)
        return label.contains(",") ? "activations \(label)" : "activation \(label)"
    }

    /// "case 17 (sigmoid, saturation; replay BACKPROP_CHECK_SEED=… BACKPROP_CHECK_CASE=17)".
    func caseName(_ c: CaseDeviation, seed: UInt64?) -> String {
        let activation = network.activationLabel(c.networkCase) + ", "
        let replay = seed.map { "; replay \(PropertyEnvironment.seedVariable)=\($0) \(PropertyEnvironment.caseVariable)=\(c.index)" } ?? ""
        return "case \(c.index) (\(activation)\(c.regime?.rawValue ?? "given")\(c.saturated ? ", saturated" : "")\(replay))"
    }

    /// `error 2.3e+14 ulp = 3.5e+14 τ (tolerance τ ≈ 1.2e-17), relative 1 = 9e+13 × the allowance; κ = 2; beyond-allowance` —
    /// against an exact zero, the absolute error instead of ulps.
    static func errorSummary(_ d: Deviation) -> String {
        let error = d.ulps * binary64Ulp(d.expected)
        var text = d.expected == 0 ? "absolute error \(short(error)) against an exact 0 = \(short(d.toleranceUnits)) τ"
            : "error \(short(d.ulps)) ulp = \(short(d.toleranceUnits)) τ"
        if d.toleranceUnits.isFinite && d.toleranceUnits > 0 && error.isFinite {
            text += " (tolerance τ ≈ \(short(error / d.toleranceUnits)))"
        }
        let relative = d.expected == 0 ? "" : ", relative \(short(d.relativeError))"
        return text + "\(relative) = \(short(d.allowanceUnits)) × the allowance; κ = \(short(d.conditioning)); "
            + d.outcome.rawValue
    }

    /// One issue for every fault of `kind`: how many, and the first few.
    func faultMessage(_ kind: String, _ report: EngineReport) -> String {
        let faults = report.faults.filter { $0.kind == kind }
        var lines = ["Engine `\(report.engine)` faulted (\(kind)) on \(faults.count) of \(report.cases) cases."]
        for fault in faults.prefix(3) {
            var line = "  " + (fault.caseIndex.map { "case \($0)" } ?? "no case") + ": \(fault.message)"
            if let c = fault.networkCase {
                let values = zip(network.inputs + network.parameters, c.inputs + c.parameters)
                    .map { "\($0.0) = \($0.1)" }
                line += "\n    \(activationText(c)); " + values.joined(separator: ", ")
            }
            if let seed = report.seed, let index = fault.caseIndex {
                line += "\n    replay: \(PropertyEnvironment.seedVariable)=\(seed) "
                    + "\(PropertyEnvironment.caseVariable)=\(index)"
            }
            lines.append(line)
        }
        if faults.count > 3 { lines.append("  … and \(faults.count - 3) more") }
        return lines.joined(separator: "\n")
    }

    /// Values to show per line before eliding the rest (a 784-128-10 case has 101,770).
    static let shownValues = 32

    /// `name = value, …`, the first ``shownValues`` of them.
    static func named(_ names: [String], _ values: [Double]) -> String {
        let isPlusZero = { (x: Double) in x == 0 && x.sign == .plus }
        let zeros = values.filter(isPlusZero).count
        let sparse = values.count > 12 && zeros * 2 >= values.count
        let shown = zip(names, values).filter { !sparse || !isPlusZero($0.1) }
        let pairs = shown.prefix(shownValues).map { "\($0.0) = \($0.1)" }
        let rest = shown.count - pairs.count
        return pairs.joined(separator: ", ") + (rest > 0 ? ", … and \(rest) more (replay the case for all)" : "")
            + (sparse ? "; the other \(zeros) values are 0" : "")
    }

    /// Three significant digits, `%.3g` style (no locale).
    static func short(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "−∞" : "∞" }
        return String(format: "%.3g", x)
    }

    /// `conformance-<engine>.md`, with characters unsafe in file names replaced.
    static func attachmentName(_ engine: String) -> String {
        let safe = engine.map { c -> Character in
            c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_" || c == ".") ? c : "-"
        }
        return "conformance-\(String(safe)).md"
    }

    /// The current test's name without its argument list, for `--filter`.
    static var testNamePattern: String {
        guard let name = Test.current?.name else { return "<test name>" }
        return String(name.prefix { $0 != "(" })
    }
}
