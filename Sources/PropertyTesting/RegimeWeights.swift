import NetworkModel

/// Relative weights of the regimes a case generator draws from. Regime r is
/// drawn with probability w(r) / Σw; regimes of weight 0 are never drawn.
/// Alternatives are ordered as ``Regime/allCases``, so shrinking moves a
/// case toward earlier regimes (ordinary first).
public struct RegimeWeights: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    public var weights: [Regime: Int]

    public init(_ weights: [Regime: Int]) {
        precondition(weights.values.allSatisfy { $0 >= 0 } && weights.values.contains { $0 > 0 },
                     "regime weights must be non-negative with a positive sum")
        self.weights = weights
    }

    public init(dictionaryLiteral elements: (Regime, Int)...) {
        self.init(Dictionary(elements, uniquingKeysWith: +))
    }

    /// Every regime with weight 1.
    public static let uniform = RegimeWeights(Dictionary(uniqueKeysWithValues: Regime.allCases.map { ($0, 1) }))

    /// Only `regime`.
    public static func only(_ regime: Regime) -> RegimeWeights { [regime: 1] }

    /// The regimes with positive weight, in ``Regime`` order, with their weights.
    public var drawn: [(regime: Regime, weight: Int)] {
        Regime.allCases.compactMap { r in weights[r].flatMap { $0 > 0 ? (r, $0) : nil } }
    }

    /// The probability of drawing `regime`.
    public func probability(of regime: Regime) -> Double {
        let total = drawn.reduce(0) { $0 + $1.weight }
        return Double(weights[regime] ?? 0) / Double(total)
    }
}
