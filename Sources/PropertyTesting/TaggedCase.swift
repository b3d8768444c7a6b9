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

    public init(regime: Regime, case networkCase: NetworkCase) {
        self.regime = regime
        self.case = networkCase
    }

    /// `[regime] activation inputs [...] parameters [...]`, doubles in Swift's
    /// shortest round-trip form.
    public var description: String {
        "[\(regime.rawValue)] \(self.case.activation.rawValue) inputs \(self.case.inputs) "
            + "parameters \(self.case.parameters)"
    }
}
