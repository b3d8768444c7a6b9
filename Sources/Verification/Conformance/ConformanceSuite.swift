import Engines
import NetworkModel
import PropertyTesting

/// A case to run, with where it came from.
public struct SuiteCase: Sendable, Hashable {
    public var regime: Regime?
    public var networkCase: NetworkCase
    /// The generator run that made the case (nil for cases given by hand):
    /// what lets the suite replay and shrink a failing case.
    public var origin: CaseOrigin?

    public init(regime: Regime?, networkCase: NetworkCase, origin: CaseOrigin? = nil) {
        self.regime = regime
        self.networkCase = networkCase
        self.origin = origin
    }
}

/// Case `index` of the regime-tagged generator
/// `Gen.networkCase(network:activations:regimes:)` run with `seed`.
public struct CaseOrigin: Sendable, Hashable {
    public var seed: UInt64
    public var index: Int
    public var activations: [Activation]
    public var regimes: RegimeWeights

    public init(seed: UInt64, index: Int, activations: [Activation], regimes: RegimeWeights) {
        self.seed = seed
        self.index = index
        self.activations = activations
        self.regimes = regimes
    }

    /// The generator the case came from, for `network`.
    public func generator(network: Network) -> Gen<TaggedCase> {
        .networkCase(network: network, activations: activations, regimes: regimes)
    }
}

/// Runs engines over cases and judges every value against the reference.
///
/// The expectations (reference values and tolerances) depend only on the
/// cases, so they are computed once, concurrently, and reused for every
/// engine. Engines are then called one case at a time, in order, so reports
/// do not depend on scheduling.
///
/// When the cases were generated (``SuiteCase/origin``), the first
/// counterexample of every quantity that does not conform is then shrunk
/// through the generator, calling the engine on each candidate (see
/// ``shrinking``), so reports show the simplest case that fails the same way.
public struct ConformanceSuite: Sendable {
    public var network: Network
    public var precision: Int
    public var cases: [SuiteCase]
    public var seed: UInt64?
    /// Budget for shrinking one failing case (engine calls, wall time), or
    /// nil to report counterexamples as generated.
    public var shrinking: ShrinkLimits?
    /// Reference and tolerance for each case, in case order.
    public private(set) var expectations: [Expectation]

    /// The default shrink budget: at most 200 engine calls and 60 s per
    /// failing case. Within it, shrinking is deterministic, so the same
    /// cases give the same report.
    public static let defaultShrinking = ShrinkLimits(maxAttempts: 200, timeLimit: .seconds(60))

    /// Prepares the suite: evaluates the reference for every case.
    public init(network: Network = .seed, cases: [SuiteCase], seed: UInt64? = nil, precision: Int = 256,
                shrinking: ShrinkLimits? = ConformanceSuite.defaultShrinking) async throws {
        self.network = network
        self.precision = precision
        self.cases = cases
        self.seed = seed
        self.shrinking = shrinking
        self.expectations = try await Self.expectations(network: network, cases: cases, precision: precision)
    }

    /// Computes expectations in parallel chunks, returned in case order.
    static func expectations(network: Network, cases: [SuiteCase], precision: Int) async throws -> [Expectation] {
        let chunk = max(1, cases.count / 64)
        return try await withThrowingTaskGroup(of: (Int, [Expectation]).self) { group in
            for start in stride(from: 0, to: cases.count, by: chunk) {
                let slice = Array(cases[start..<min(start + chunk, cases.count)])
                group.addTask {
                    (start, try slice.map {
                        try Expectation(network: network, networkCase: $0.networkCase, regime: $0.regime,
                                        precision: precision)
                    })
                }
            }
            var parts: [(Int, [Expectation])] = []
            for try await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    /// Runs `engine` over every case and judges it. `progress` is told the
    /// number of cases done after each one.
    public func run(_ engine: some GradientEngine,
                    progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) async -> EngineReport {
        var deviations: [String: [CaseDeviation]] = [:]
        var faults: [EngineFault] = []
        var unsupported: [String: Int] = [:]
        for (index, expectation) in expectations.enumerated() {
            defer { progress?(index + 1, expectations.count) }
            let c = expectation.networkCase
            guard engine.supports(network) else { unsupported["network \(network.name)", default: 0] += 1; continue }
            guard engine.supportedActivations.contains(c.activation) else {
                unsupported["activation \(c.activation.rawValue)", default: 0] += 1
                continue
            }
            do {
                let result = try await engine.evaluate(EngineRequest(id: index, network: network, networkCase: c))
                for quantity in expectation.quantities {
                    let actual = quantity.name == "y" ? result.y : result.gradient[quantity.name]
                    deviations[quantity.name, default: []].append(CaseDeviation(
                        index: index, regime: expectation.regime, networkCase: c,
                        deviation: Deviation(quantity: quantity, actual: actual), saturated: expectation.saturated))
                }
            } catch EngineError.unsupported(let what) {
                unsupported[what.key, default: 0] += 1
            } catch {
                faults.append(EngineFault(kind: Self.faultKind(error), message: String(describing: error),
                                          caseIndex: index, networkCase: c))
            }
        }
        var report = report(engine: engine.name, deviations: deviations, faults: faults, unsupported: unsupported)
        if let shrinking { await shrinkCounterexamples(of: &report, engine: engine, limits: shrinking) }
        return report
    }

    static func faultKind(_ error: any Error) -> String {
        if case EngineError.fault(let kind, _) = error { return kind.rawValue }
        return EngineError.FaultKind.error.rawValue
    }

    func report(engine: String, deviations: [String: [CaseDeviation]], faults: [EngineFault],
                unsupported: [String: Int]) -> EngineReport {
        let value = QuantityReport(name: "y", deviations: deviations["y"] ?? [])
        let partials = network.parameters.map { QuantityReport(name: $0, deviations: deviations[$0] ?? []) }
        return EngineReport(engine: engine, network: network.name,
                            verdict: EngineReport.verdict(quantities: [value] + partials, faults: faults),
                            cases: cases.count, seed: seed, value: value, partials: partials,
                            faults: faults, unsupported: unsupported)
    }
}
