import NetworkModel

/// A value that knows the numerical regime it was generated for, so a
/// failure report can say where the failure lives.
public protocol RegimeTagged {
    var regime: Regime { get }
}

/// A network case together with the regime its generator aimed at.
public struct TaggedCase: Sendable, Hashable, Codable, RegimeTagged, CustomStringConvertible {
    public var regime: Regime
    public var `case`: NetworkCase
    /// For a network whose units all have fixed activations, their names
    /// (`tanh, identity`): the case's α is then applied by no unit. Nil when
    /// some unit applies the case's α.
    public var unitActivations: String?

    public init(regime: Regime, case networkCase: NetworkCase, unitActivations: String? = nil) {
        self.regime = regime
        self.case = networkCase
        self.unitActivations = unitActivations
    }

    /// `[regime] activation inputs [...] parameters [...]`, doubles in Swift's
    /// shortest round-trip form; the activation is the case's α, or the units'
    /// own (`[saturation] tanh, identity inputs …`) when no unit applies α.
    public var description: String {
        "[\(regime.rawValue)] \(unitActivations ?? self.case.activation.rawValue) inputs \(self.case.inputs) "
            + "parameters \(self.case.parameters)"
    }
}
