import MultiPrecision
import NetworkModel

/// How one engine value compares with its expectation.
public struct Deviation: Sendable, Hashable, Codable {
    /// The raw value is the outcome's JSON spelling (also as a key:
    /// `CodingKeyRepresentable` makes `[Outcome: Int]` a JSON object).
    public enum Outcome: String, Sendable, Hashable, Codable, CodingKeyRepresentable {
        /// Within the tolerance.
        case within
        /// Beyond the tolerance by an amount rounding could plausibly explain.
        case beyond
        /// Beyond the tolerance by far (relative error > 2⁻¹⁰ and more than
        /// 2²⁰ tolerances): what a formula error looks like.
        case gross
        /// NaN or ±∞ where the reference is finite.
        case nonFinite = "non-finite"
        /// The engine's answer lacks this quantity.
        case missing
        /// The partial does not exist at this point (a kink).
        case nonDifferentiable = "non-differentiable"
    }

    /// The objective or a partial.
    public var id: QuantityID
    /// The reference value rounded to binary64.
    public var expected: Double
    /// The engine's value (NaN when missing).
    public var actual: Double
    /// |actual − exact| in units of ulp(expected).
    public var ulps: Double
    /// |actual − exact| / |exact| (∞ when exact is 0 and actual is not).
    public var relativeError: Double
    /// |actual − exact| / τ.
    public var toleranceUnits: Double
    /// κ of the quantity (see ``ReferenceExpectation/Quantity/conditioning``).
    public var conditioning: Double
    public var outcome: Outcome

    /// Compares `actual` with `quantity`.
    public init(quantity: ReferenceExpectation.Quantity, actual: Double?) {
        id = quantity.id
        expected = quantity.rounded
        conditioning = quantity.conditioning
        guard let actual else {
            self.actual = .nan
            (ulps, relativeError, toleranceUnits, outcome) = (.infinity, .infinity, .infinity, .missing)
            return
        }
        self.actual = actual
        if quantity.nonDifferentiable {
            (ulps, relativeError, toleranceUnits, outcome) = (0, 0, 0, .nonDifferentiable)
            return
        }
        guard actual.isFinite else {
            (ulps, relativeError, toleranceUnits) = (.infinity, .infinity, .infinity)
            outcome = quantity.exact.isFinite ? .nonFinite : .within
            return
        }
        let error = (BigFloat(actual, precision: quantity.exact.precision) - quantity.exact).magnitude
        ulps = Double(error) / binary64Ulp(quantity.rounded)
        relativeError = quantity.exact.isZero ? (error.isZero ? 0 : .infinity) : Double(error / quantity.exact.magnitude)
        toleranceUnits = quantity.tolerance.isZero ? (error.isZero ? 0 : .infinity)
            : Double(error / quantity.tolerance.bigFloat)
        outcome = Self.classify(toleranceUnits: toleranceUnits, relativeError: relativeError)
    }

    /// within ≤ 1 τ < beyond; gross when relative error > 2⁻¹⁰ and > 2²⁰ τ.
    static func classify(toleranceUnits: Double, relativeError: Double) -> Outcome {
        if toleranceUnits <= 1 { return .within }
        if relativeError > 0x1p-10 && toleranceUnits > 0x1p20 { return .gross }
        return .beyond
    }
}
