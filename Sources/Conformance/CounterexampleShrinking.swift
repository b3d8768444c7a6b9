import Engines
import Judgement
import NetworkModel
import PropertyTesting

/// How a quantity's counterexample was shrunk, and how to replay the case it
/// came from.
public struct ShrinkRecord: Sendable, Codable, Hashable {
    /// Seed of the generator run the original case came from.
    public var seed: UInt64
    /// Index of the original case in that run (and in the suite).
    public var caseIndex: Int
    /// Accepted shrink steps (0: nothing simpler failed the same way).
    public var steps: Int
    /// Engine calls spent shrinking this case.
    public var engineCalls: Int
    /// Shrinking stopped on its budget (engine calls or time) rather than
    /// because no simpler candidate was left to try.
    public var budgetExhausted: Bool
    /// The names of the quantities whose first counterexample was this
    /// case; they are shrunk together and all keep failing the same way.
    public var quantities: [String]

    public init(seed: UInt64, caseIndex: Int, steps: Int, engineCalls: Int, budgetExhausted: Bool,
                quantities: [String]) {
        self.seed = seed
        self.caseIndex = caseIndex
        self.steps = steps
        self.engineCalls = engineCalls
        self.budgetExhausted = budgetExhausted
        self.quantities = quantities
    }

    /// `BACKPROP_CHECK_SEED=<seed> BACKPROP_CHECK_CASE=<index>`: the
    /// environment that replays the original case alone (shrinking it again
    /// gives the same shrunk case).
    public var replay: String {
        "\(PropertyEnvironment.seedVariable)=\(seed) \(PropertyEnvironment.caseVariable)=\(caseIndex)"
    }
}

extension ConformanceSuite {
    /// Shrinks the first counterexample of every quantity judged wrong or
    /// inaccurate whose case was generated. Quantities sharing a first
    /// counterexample are shrunk together, once: a candidate is kept when
    /// each of them fails on it the same way (``failsTheSameWay(_:_:)``).
    /// Cases are shrunk one after another in case order and every check
    /// awaits the engine, so the result is deterministic for a deterministic
    /// engine (unless the time limit strikes).
    func shrinkCounterexamples(of report: inout EngineReport, engine: some GradientEngine,
                               limits: ShrinkLimits) async {
        var groups: [Int: [CaseDeviation]] = [:]
        for q in [report.value] + report.partials where q.verdict == .wrong || q.verdict == .inaccurate {
            guard let first = q.counterexample, (0..<cases.count).contains(first.index),
                  (try? suiteCase(first.index))?.origin != nil else { continue }
            groups[first.index, default: []].append(first)
        }
        var requestID = cases.count
        for index in groups.keys.sorted() {
            let originals = groups[index]!
            guard let (shrunk, record) = await shrinkCase(index, originals: originals, engine: engine,
                                                          limits: limits, requestID: &requestID) else { continue }
            for original in originals {
                report.modifyQuantity(original.deviation.id) { q in
                    q.originalCounterexample = original
                    q.counterexample = shrunk[original.deviation.id] ?? original
                    q.shrink = record
                }
            }
        }
    }

    /// Replays case `index`'s choice sequence and shrinks it while every
    /// quantity in `originals` keeps failing the same way. Returns the
    /// shrunk case's deviations by quantity name, or nil when the case cannot
    /// be replayed (its origin does not reproduce it).
    func shrinkCase(_ index: Int, originals: [CaseDeviation], engine: some GradientEngine, limits: ShrinkLimits,
                    requestID: inout Int) async -> ([QuantityID: CaseDeviation], ShrinkRecord)? {
        guard let given = try? suiteCase(index), let origin = given.origin else { return nil }
        let generator = origin.generator(network: network)
        guard let (start, nodes) = try? generator.recorded(seed: origin.seed, caseIndex: origin.index),
              start.case == given.networkCase else { return nil }
        let ids = originals.map(\.deviation.id)
        var failing: [TaggedCase: [QuantityID: CaseDeviation]] = [:]
        let result = await generator.shrink(start, nodes: nodes, message: failureMessage(originals),
                                            limits: limits) { candidate in
            requestID += 1
            guard let judged = await judge(candidate, engine: engine, shrunkFrom: index, requestID: requestID - 1),
                  originals.allSatisfy({ original in
                      judged[original.deviation.id].map { Self.failsTheSameWay(original, $0) } ?? false
                  })
            else { return nil }
            failing[candidate] = judged
            return failureMessage(ids.compactMap { judged[$0] })
        }
        let shrunk = failing[result.value] ?? Dictionary(uniqueKeysWithValues: originals.map { ($0.deviation.id, $0) })
        let record = ShrinkRecord(seed: origin.seed, caseIndex: origin.index, steps: result.steps,
                                  engineCalls: result.attempts, budgetExhausted: result.budgetExhausted,
                                  quantities: ids.map { $0.name(in: network) })
        return (shrunk, record)
    }

    /// Every quantity of `candidate` judged against a freshly computed
    /// expectation, or nil when the engine cannot or does not answer.
    func judge(_ candidate: TaggedCase, engine: some GradientEngine, shrunkFrom index: Int,
               requestID: Int) async -> [QuantityID: CaseDeviation]? {
        let c = candidate.case
        guard Self.lack(of: engine, network: network, networkCase: c) == nil,
              let expectation = try? ReferenceExpectation(network: network, plan: plan, networkCase: c,
                                                          regime: candidate.regime, precision: precision),
              let result = try? await engine.evaluate(EngineRequest(id: requestID, network: network, networkCase: c))
        else { return nil }
        return Dictionary(uniqueKeysWithValues: expectation.quantities.map { quantity in
            let actual = result.value(of: quantity.id, in: network)
            return (quantity.id, CaseDeviation(index: index, regime: candidate.regime, networkCase: c,
                                                 deviation: Deviation(quantity: quantity, actual: actual),
                                                 saturated: expectation.saturated,
                            saturatingActivations: expectation.saturatingActivations))
        })
    }

    /// Whether `candidate` fails like `original`: beyond the allowance
    /// stays beyond it, non-finite stays non-finite, missing stays missing,
    /// an explained failure (beyond τ, binary32) stays at least as bad.
    public static func failsTheSameWay(_ original: CaseDeviation, _ candidate: CaseDeviation) -> Bool {
        let now = candidate.deviation.outcome
        switch original.deviation.outcome {
        case .beyondAllowance, .nonFinite, .missing:
            return now == original.deviation.outcome
        case .beyond, .binary32:
            return now.severity >= original.deviation.outcome.severity
        case .within, .nonDifferentiable:
            return false
        }
    }

    func failureMessage(_ deviations: [CaseDeviation]) -> String {
        deviations.map { "\($0.deviation.id.name(in: network)) \($0.deviation.outcome.rawValue)" }
            .joined(separator: ", ")
    }
}

extension EngineReport {
    /// Applies `change` to the report of quantity `id`.
    mutating func modifyQuantity(_ id: QuantityID, _ change: (inout QuantityReport) -> Void) {
        switch id {
        case .objective: change(&value)
        case .parameter(let p) where partials.indices.contains(p): change(&partials[p])
        case .parameter: break
        }
    }
}
