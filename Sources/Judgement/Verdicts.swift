import NetworkModel

/// The verdict on one quantity (y or a partial) over all cases.
public enum PartialVerdict: String, Sendable, Codable, Hashable {
    /// Within tolerance on every differentiable case.
    case conforms
    /// Beyond tolerance somewhere, but never grossly in a well-conditioned,
    /// unsaturated case: an accuracy problem (typical of 1 − tanh² or
    /// σ(1 − σ) in saturation), not a formula error.
    case inaccurate
    /// Grossly off in a well-conditioned unsaturated case, non-finite where the
    /// reference is finite, or missing: a formula or plumbing error.
    case wrong
    /// Every case sat on a kink of α: nothing to judge.
    case nonDifferentiable = "non-differentiable"
}

/// The verdict on a whole engine.
public enum EngineVerdict: String, Sendable, Codable, Hashable {
    case conforms
    /// Some quantity is inaccurate; none is wrong; no faults.
    case inaccurate
    /// Some quantity is wrong, or the engine faulted.
    case nonconformant
}

/// A case at which a quantity was judged, with the judgement.
public struct CaseDeviation: Sendable, Codable, Hashable {
    /// Position of the case in the run.
    public var index: Int
    public var regime: Regime?
    public var networkCase: NetworkCase
    public var deviation: Deviation
    /// Some unit saturated in this case (see ``ReferenceExpectation/saturated``).
    public var saturated: Bool
    /// The activations of the units that saturated (the network's own, not the case's α
    /// unless a unit applies it).
    public var saturatingActivations: [Activation] = []

    /// The memberwise initializer, spelled out as `package`: the conformance suite judges the cases.
    package init(index: Int, regime: Regime? = nil, networkCase: NetworkCase, deviation: Deviation, saturated: Bool,
                 saturatingActivations: [Activation] = []) {
        self.index = index
        self.regime = regime
        self.networkCase = networkCase
        self.deviation = deviation
        self.saturated = saturated
        self.saturatingActivations = saturatingActivations
    }
}

/// A failure of the engine itself rather than a wrong number.
public struct EngineFault: Sendable, Codable, Hashable {
    /// e.g. `error`, `crash`, `timeout`, `malformed-response`.
    public var kind: String
    public var message: String
    /// The case being evaluated, if any.
    public var caseIndex: Int?
    public var networkCase: NetworkCase?

    /// The memberwise initializer, spelled out as `package`: the conformance suite records the faults.
    package init(kind: String, message: String, caseIndex: Int? = nil, networkCase: NetworkCase? = nil) {
        self.kind = kind
        self.message = message
        self.caseIndex = caseIndex
        self.networkCase = networkCase
    }
}
