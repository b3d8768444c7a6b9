import NetworkModel

/// The defining condition of each regime, checked on a concrete case. The
/// case generators construct cases that satisfy them; tests (and reports)
/// check them independently.
public struct RegimeConditions: Sendable {
    /// Inclusive band of |z| that counts as saturated.
    public static let saturationBand: ClosedRange<Double> = 20...700
    /// Every |value| must lie below this in the tiny regime.
    public static let tinyBound = 1e-8
    /// Least ratio max|v| / min|v| over nonzero values in the wide regime.
    public static let wideSpread = 1e6
    /// In the cancellation regime |z| ≤ 2⁻⁴⁰ · max|summand| …
    public static let cancellationRatio = 0x1p-40
    /// … and max|summand| ≥ ¼ (the summands are of order one).
    public static let cancellationScale = 0.25

    public let surgery: NetworkSurgery

    public init(_ network: Network) { surgery = NetworkSurgery(network) }

    /// Inputs followed by parameters.
    static func values(_ c: NetworkCase) -> [Double] { c.inputs + c.parameters }

    /// Whether `c` satisfies `regime`'s defining condition.
    public func holds(_ regime: Regime, for c: NetworkCase) -> Bool {
        switch regime {
        case .ordinary: Self.values(c).allSatisfy { abs($0) <= 2 }
        case .saturation: !saturatedUnits(c).isEmpty
        case .tiny: Self.values(c).allSatisfy { abs($0) < Self.tinyBound }
        case .wide: spread(c) >= Self.wideSpread
        case .cancellation: isCancelling(c)
        case .equalWeights: outputWeightsAreEqual(c)
        }
    }

    /// Units with |z| in ``saturationBand``.
    public func saturatedUnits(_ c: NetworkCase) -> [Int] {
        let zs = surgery.preactivations(c)
        return zs.indices.filter { Self.saturationBand.contains(abs(zs[$0])) }
    }

    /// max|v| / min|v| over the nonzero values (0 when there are none).
    public func spread(_ c: NetworkCase) -> Double {
        let magnitudes = Self.values(c).map(abs).filter { $0 > 0 }
        guard let low = magnitudes.min(), let high = magnitudes.max() else { return 0 }
        return high / low
    }

    /// |z_u| / max|summand of z_u| at the output unit where it is smallest
    /// (∞ when every summand is 0).
    public func cancellation(_ c: NetworkCase) -> (ratio: Double, scale: Double) {
        surgery.network.outputUnits.map { cancellation(c, unit: $0) }.min { $0.ratio < $1.ratio }
            ?? (.infinity, 0)
    }

    /// |z_u| / max|summand of z_u| (∞ when every summand is 0).
    public func cancellation(_ c: NetworkCase, unit u: Int) -> (ratio: Double, scale: Double) {
        let scale = surgery.summands(ofUnit: u, in: c).map(abs).max() ?? 0
        let z = surgery.preactivations(c)[u]
        return (scale > 0 ? abs(z) / scale : .infinity, scale)
    }

    func isCancelling(_ c: NetworkCase) -> Bool {
        surgery.network.outputUnits.contains { u in
            let (ratio, scale) = cancellation(c, unit: u)
            return ratio <= Self.cancellationRatio && scale >= Self.cancellationScale
        }
    }

    /// Whether all weights of some output unit with two or more weights are equal.
    public func outputWeightsAreEqual(_ c: NetworkCase) -> Bool {
        surgery.equalizableOutputUnits.contains { u in
            let weights = surgery.network.units[u].terms.map { c.parameters[$0.weight] }
            return weights.allSatisfy { $0 == weights.first }
        }
    }
}
