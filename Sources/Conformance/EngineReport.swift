import Judgement
import NetworkModel

/// The conformance suite's findings about one engine.
public struct EngineReport: Sendable, Codable, Hashable {
    public var engine: String
    public var network: String
    public var verdict: EngineVerdict
    /// Cases the engine was asked to evaluate.
    public var cases: Int
    /// The seed the cases were generated from, if they were generated.
    public var seed: UInt64?
    /// The verdict on the objective (the seed's y, a loss L).
    public var value: QuantityReport
    /// One report per parameter, in ``Network/parameters`` order.
    public var partials: [QuantityReport]
    /// Crashes, timeouts, malformed answers, thrown errors.
    public var faults: [EngineFault]
    /// Capabilities the engine said it lacks (e.g. `activation gelu`), with
    /// the number of cases skipped for each.
    public var unsupported: [String: Int]
    /// The reference's self-check against finite differences in this run.
    public var referenceCheck: ReferenceCheck
    /// How many of the cases the engine evaluated, declined, faulted on.
    public var coverage: Coverage

    /// The engine verdict from its parts: nonconformant ⇐ a wrong quantity,
    /// a fault, or too few cases evaluated (``Coverage/isSufficient``);
    /// inaccurate ⇐ an inaccurate quantity; conforms otherwise.
    static func verdict(quantities: [QuantityReport], faults: [EngineFault], coverage: Coverage) -> EngineVerdict {
        if !faults.isEmpty || !coverage.isSufficient || quantities.contains(where: { $0.verdict == .wrong }) {
            return .nonconformant
        }
        return quantities.contains(where: { $0.verdict == .inaccurate }) ? .inaccurate : .conforms
    }

    /// The report for the quantity called `name` (the objective's name or a parameter's).
    public func quantity(_ name: String) -> QuantityReport? {
        value.name == name ? value : partials.first { $0.name == name }
    }

    /// `y` or `∂y/∂w10` (`L`, `∂L/∂W1[3,0]`): the quantity's label in this report.
    public func label(_ q: QuantityReport) -> String {
        q.id == .objective ? q.name : "∂\(value.name)/∂\(q.name)"
    }

    /// The report for quantity `id`.
    public func quantity(_ id: QuantityID) -> QuantityReport? {
        switch id {
        case .objective: value
        case .parameter(let p): partials.indices.contains(p) ? partials[p] : nil
        }
    }
}
