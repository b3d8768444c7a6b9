import Engines
import Judgement
import NetworkModel
import PropertyTesting
import Reference

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

/// Where a suite's cases come from: given one by one, or generated on the
/// fly (case i of the regime-tagged generator with a seed), so that a run
/// of any length keeps only a chunk of cases in memory.
public enum SuiteCases: Sendable {
    case given([SuiteCase])
    case generated(seed: UInt64, count: Int, activations: [Activation], regimes: RegimeWeights)

    public var count: Int {
        switch self {
        case .given(let cases): cases.count
        case .generated(_, let count, _, _): count
        }
    }

    /// Every case (for tests and small runs: a generated source is materialised).
    public func all(network: Network) throws -> [SuiteCase] { try cases(0..<count, network: network) }

    /// The cases at positions `range`.
    func cases(_ range: Range<Int>, network: Network) throws -> [SuiteCase] {
        switch self {
        case .given(let cases): return Array(cases[range])
        case .generated(let seed, _, let activations, let regimes):
            return try SuiteCase.generated(network: network, seed: seed, indices: Array(range),
                                           activations: activations, regimes: regimes)
        }
    }
}

/// Runs engines over cases and judges every value against the reference.
///
/// Cases stream through in chunks: for each chunk the expectations
/// (reference values and tolerances) are computed concurrently, while the
/// engine is given the chunk's cases in one call (`GradientEngine.evaluate(batch:)`,
/// in case order), and each quantity's
/// ``QuantityReport`` absorbs the deviations; then the chunk is dropped. So
/// memory does not grow with the number of cases, and reports do not depend
/// on scheduling.
///
/// The reference checks itself on every run: on the first cases its exact
/// gradient (back-to-front sweep) is compared with Richardson finite
/// differences, which never use the sweep (``referenceCheckSample``): every
/// partial of the first 8 cases for small networks, an evenly spread sample
/// of partials on fewer cases for large ones, within a fixed budget of
/// finite-difference work. A disagreement throws
/// ``ReferenceInconsistency``: a bug in the kit. A comparison that could not
/// have failed (the estimate's error as large as the value, as in deep
/// saturation) is counted as not checkable in ``ReferenceCheck``, never as
/// an agreement.
///
/// The report's ``Coverage`` counts the cases the engine evaluated, declined
/// and faulted on; too few evaluated makes the engine nonconformant
/// (``Coverage/isSufficient``).
///
/// When the cases were generated (``SuiteCase/origin``), the first
/// counterexample of every quantity that does not conform is then shrunk
/// through the generator, calling the engine on each candidate (see
/// ``shrinking``), so reports show the simplest case that fails the same way.
public struct ConformanceSuite: Sendable {
    public let network: Network
    public let plan: SweepPlan
    public var precision: Int
    public var cases: SuiteCases
    public var seed: UInt64?
    /// Budget for shrinking one failing case (engine calls, wall time), or
    /// nil to report counterexamples as generated.
    public var shrinking: ShrinkLimits?
    /// Cases per chunk: expectations computed together, then dropped —
    /// 512 for small networks, fewer as the network grows, so a chunk holds
    /// about 400,000 quantities at most.
    public var chunkSize: Int { Swift.min(512, Swift.max(2, 400_000 / (network.parameters.count + 1))) }

    /// At most this many cases of a run are checked against finite differences …
    public static let referenceCheckCases = 8
    /// … and at most this many partials per case …
    public static let referenceCheckPartials = 64
    /// … within this budget of (network size × checked partials × cases),
    /// network size counted as units plus terms: each finite difference
    /// costs a dozen or more forward passes.
    public static let referenceCheckBudget = 1_000_000

    /// How many cases and which partials the reference checks itself on:
    /// seed network all 8 partials of 8 cases; 784-128-10, 9 partials of 1 case.
    public var referenceCheckSample: (cases: Int, partials: [Int]) {
        let size = Swift.max(1, plan.forwardTerms.count + plan.unitCount)
        let pairs = Swift.max(1, Self.referenceCheckBudget / size)
        let partials = Swift.min(network.parameters.count, Self.referenceCheckPartials, pairs)
        let cases = Swift.min(Self.referenceCheckCases, Swift.max(1, pairs / Swift.max(1, partials)))
        return (cases, FiniteDifferenceSelection.sample(partials).parameters(count: network.parameters.count))
    }

    /// The default shrink budget: at most 200 engine calls and 60 s per
    /// failing case. Within it, shrinking is deterministic, so the same
    /// cases give the same report.
    public static let defaultShrinking = ShrinkLimits(maxAttempts: 200, timeLimit: .seconds(60))

    /// A suite over `cases` of `network`; throws when the network is
    /// malformed or a given case does not fit it.
    public init(network: Network, cases: [SuiteCase], seed: UInt64? = nil, precision: Int = 256,
                shrinking: ShrinkLimits? = ConformanceSuite.defaultShrinking) throws {
        try self.init(network: network, source: .given(cases), seed: seed, precision: precision, shrinking: shrinking)
        for c in cases { try network.check(c.networkCase) }
    }

    /// A suite over `count` cases generated on the fly from `seed`.
    public init(network: Network, generating count: Int, seed: UInt64,
                activations: [Activation] = Activation.allCases, regimes: RegimeWeights = .uniform,
                precision: Int = 256, shrinking: ShrinkLimits? = ConformanceSuite.defaultShrinking) throws {
        try self.init(network: network, source: .generated(seed: seed, count: count, activations: activations,
                                                          regimes: regimes),
                      seed: seed, precision: precision, shrinking: shrinking)
    }

    init(network: Network, source: SuiteCases, seed: UInt64?, precision: Int, shrinking: ShrinkLimits?) throws {
        try network.validate()
        self.network = network
        self.plan = try SweepPlan(network)
        self.precision = precision
        self.cases = source
        self.seed = seed
        self.shrinking = shrinking
    }

    /// The suite case at position `index`.
    public func suiteCase(_ index: Int) throws -> SuiteCase {
        try cases.cases(index..<(index + 1), network: network)[0]
    }

    /// Expectations of `chunk`, computed in parallel, returned in case order.
    func expectations(_ chunk: [SuiteCase]) async throws -> [ReferenceExpectation] {
        let (network, plan, precision) = (network, plan, precision)
        let part = max(1, (chunk.count + 7) / 8)
        return try await withThrowingTaskGroup(of: (Int, [ReferenceExpectation]).self) { group in
            for start in stride(from: 0, to: chunk.count, by: part) {
                let slice = Array(chunk[start..<min(start + part, chunk.count)])
                group.addTask {
                    (start, try slice.map {
                        try ReferenceExpectation(network: network, plan: plan, networkCase: $0.networkCase,
                                                 regime: $0.regime, precision: precision)
                    })
                }
            }
            var parts: [(Int, [ReferenceExpectation])] = []
            for try await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    /// Checks the reference's exact gradient against finite differences on
    /// the first cases (see ``referenceCheckCases``), counting the comparisons
    /// that could have failed apart from those that could not.
    func checkReference(_ chunk: [SuiteCase]) async throws -> ReferenceCheck {
        let evaluator = try ReferenceEvaluator(network: network, precision: precision)
        let (caseCount, partials) = referenceCheckSample
        let checked = Array(chunk.prefix(caseCount))
        // Two tasks per case, each with half the partials, so one large case uses both cores.
        let halves = [Array(partials.prefix(partials.count / 2)), Array(partials.dropFirst(partials.count / 2))]
        var check = ReferenceCheck(cases: checked.count, partialsPerCase: partials.count)
        try await withThrowingTaskGroup(of: [FiniteDifferenceComparison].self) { group in
            for c in checked {
                for half in halves where !half.isEmpty {
                    group.addTask {
                        let evaluation = try evaluator.evaluate(c.networkCase, finiteDifferences: .parameters(half))
                        return half.compactMap { evaluator.comparison(evaluation, parameter: $0) }
                    }
                }
            }
            for try await comparisons in group { comparisons.forEach { check.count($0) } }
        }
        return check
    }

    /// Runs `engine` over every case and judges it. `progress` is told the
    /// number of cases done after each one. Throws only for faults of the
    /// kit itself (``ReferenceInconsistency``, a case that cannot be generated).
    public func run(_ engine: some GradientEngine,
                    progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) async throws -> EngineReport {
        var quantities = [QuantityReport(id: .objective, name: network.objective.name)]
            + network.parameters.indices.map { QuantityReport(id: .parameter($0), name: network.parameters[$0]) }
        var faults: [EngineFault] = []
        var unsupported: [String: Int] = [:]
        var evaluated = 0
        var referenceCheck = ReferenceCheck(cases: 0, partialsPerCase: 0)
        let total = cases.count
        for start in stride(from: 0, to: total, by: chunkSize) {
            let chunk = try cases.cases(start..<min(start + chunkSize, total), network: network)
            if start == 0 { referenceCheck = try await checkReference(chunk) }
            // The engine gets the chunk's cases in one call (in case order),
            // while the expectations are computed.
            let lacks = chunk.map { Self.lack(of: engine, network: network, networkCase: $0.networkCase) }
            let requests = chunk.indices.filter { lacks[$0] == nil }.map {
                EngineRequest(id: start + $0, network: network, networkCase: chunk[$0].networkCase)
            }
            async let answers = engine.evaluate(batch: requests)
            let expectations = try await expectations(chunk)
            var results = await answers[...]
            for (offset, expectation) in expectations.enumerated() {
                let index = start + offset
                defer { progress?(index + 1, total) }
                let c = expectation.networkCase
                if let lack = lacks[offset] {
                    unsupported[lack, default: 0] += 1
                    continue
                }
                do {
                    let result = try (results.popFirst() ?? .failure(EngineError.fault(
                        kind: .error, message: "case \(index): the engine returned fewer results than requests"))).get()
                    evaluated += 1
                    for (q, quantity) in expectation.quantities.enumerated() {
                        quantities[q].record(CaseDeviation(
                            index: index, regime: expectation.regime, networkCase: c,
                            deviation: Deviation(quantity: quantity, actual: result.value(of: quantity.id, in: network)),
                            saturated: expectation.saturated,
                            saturatingActivations: expectation.saturatingActivations))
                    }
                } catch EngineError.unsupported(let what) {
                    unsupported[what.key, default: 0] += 1
                } catch {
                    faults.append(EngineFault(kind: Self.faultKind(error), message: String(describing: error),
                                              caseIndex: index, networkCase: c))
                }
            }
        }
        for q in quantities.indices { quantities[q].finish() }
        let coverage = Coverage(generated: total, evaluated: evaluated, declined: unsupported.values.reduce(0, +),
                                faulted: faults.count)
        var report = EngineReport(engine: engine.name, network: network.name,
                                  verdict: EngineReport.verdict(quantities: quantities, faults: faults, coverage: coverage),
                                  cases: total, seed: seed, value: quantities[0], partials: Array(quantities.dropFirst()),
                                  faults: faults, unsupported: unsupported, referenceCheck: referenceCheck,
                                  coverage: coverage)
        if let shrinking { await shrinkCounterexamples(of: &report, engine: engine, limits: shrinking) }
        return report
    }

    /// The capability `engine` lacks for this case, if any: the network, or
    /// an activation the case uses.
    static func lack(of engine: some GradientEngine, network: Network, networkCase: NetworkCase) -> String? {
        guard engine.supports(network) else { return EngineError.Capability.network(network.name).key }
        let missing = network.activations(for: networkCase).subtracting(engine.supportedActivations)
        return missing.sorted { $0.rawValue < $1.rawValue }.first.map { EngineError.Capability.activation($0).key }
    }

    static func faultKind(_ error: any Error) -> String {
        if case EngineError.fault(let kind, _) = error { return kind.rawValue }
        return EngineError.FaultKind.error.rawValue
    }
}

/// How much of the reference checked itself against finite differences in a run.
public struct ReferenceCheck: Sendable, Codable, Hashable {
    /// Cases whose exact gradient was compared with finite differences.
    public var cases: Int
    /// Partials compared per case.
    public var partialsPerCase: Int
    /// Comparisons that could have failed and agreed.
    public var agreed: Int
    /// Comparisons that could not have failed (the finite difference's error
    /// estimate as large as the value): counted apart, never as agreements.
    public var notCheckable: Int
    /// Comparisons skipped because the stencil straddles a kink.
    public var straddlingKink: Int

    public init(cases: Int, partialsPerCase: Int, agreed: Int = 0, notCheckable: Int = 0, straddlingKink: Int = 0) {
        self.cases = cases
        self.partialsPerCase = partialsPerCase
        self.agreed = agreed
        self.notCheckable = notCheckable
        self.straddlingKink = straddlingKink
    }

    /// Counts one comparison (a disagreement has already thrown).
    mutating func count(_ comparison: FiniteDifferenceComparison) {
        switch comparison {
        case .agrees: agreed += 1
        case .notCheckable: notCheckable += 1
        case .straddlesKink: straddlingKink += 1
        case .disagrees: break
        }
    }
}
