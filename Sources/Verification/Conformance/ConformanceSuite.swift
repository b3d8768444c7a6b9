import Engines
import NetworkModel

/// A case to run, with where it came from.
public struct SuiteCase: Sendable, Hashable {
    public var regime: Regime?
    public var networkCase: NetworkCase

    public init(regime: Regime?, networkCase: NetworkCase) {
        self.regime = regime
        self.networkCase = networkCase
    }
}

/// Runs engines over cases and judges every value against the reference.
///
/// The expectations (reference values and tolerances) depend only on the
/// cases, so they are computed once, concurrently, and reused for every
/// engine. Engines are then called one case at a time, in order, so reports
/// do not depend on scheduling.
public struct ConformanceSuite: Sendable {
    public var network: Network
    public var precision: Int
    public var cases: [SuiteCase]
    public var seed: UInt64?
    /// Reference and tolerance for each case, in case order.
    public private(set) var expectations: [Expectation]

    /// Prepares the suite: evaluates the reference for every case.
    public init(network: Network = .seed, cases: [SuiteCase], seed: UInt64? = nil, precision: Int = 256) async throws {
        self.network = network
        self.precision = precision
        self.cases = cases
        self.seed = seed
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
                unsupported[what, default: 0] += 1
            } catch {
                faults.append(EngineFault(kind: Self.faultKind(error), message: String(describing: error),
                                          caseIndex: index, networkCase: c))
            }
        }
        return report(engine: engine.name, deviations: deviations, faults: faults, unsupported: unsupported)
    }

    static func faultKind(_ error: any Error) -> String {
        if case EngineError.fault(let kind, _) = error { return kind }
        return "error"
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
