/// One point at which to evaluate a network and its gradient: an activation,
/// the inputs and the parameters, all binary64 (the values an engine sees).
public struct NetworkCase: Sendable, Hashable, Codable {
    public var activation: Activation
    /// Input values in ``Network/inputs`` order.
    public var inputs: [Double]
    /// Parameter values in ``Network/parameters`` order.
    public var parameters: [Double]

    public init(activation: Activation, inputs: [Double], parameters: [Double]) {
        self.activation = activation
        self.inputs = inputs
        self.parameters = parameters
    }
}

/// The numerical regime a generated case was drawn to exercise, so that a
/// report can say where a failure lives.
public enum Regime: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    /// |values| ≲ 2: the textbook regime.
    case ordinary
    /// Some |z| between 20 and 700: activations saturate.
    case saturation
    /// |values| < 1e-8.
    case tiny
    /// Magnitudes spread over many decades.
    case wide
    /// z20 within a few ulps of zero while its terms are of order one.
    case cancellation
    /// w20[0] = w20[1]: index mistakes between them are invisible.
    case equalWeights = "equal-weights"

    public static func < (a: Regime, b: Regime) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
