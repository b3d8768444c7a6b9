import MultiPrecision
import NetworkModel

/// How one engine value compares with its expectation.
public struct Deviation: Sendable, Hashable, Codable {
    /// The raw value is the outcome's JSON spelling (also as a key:
    /// `CodingKeyRepresentable` makes `[Outcome: Int]` a JSON object).
    public enum Outcome: String, Sendable, Hashable, Codable, CodingKeyRepresentable {
        /// Within the tolerance τ: as accurate as a careful evaluation.
        case within
        /// Beyond τ but within the binary64 allowance: a legitimate binary64
        /// evaluation (another formula, another order) can err this much here.
        case beyond
        /// Beyond the binary64 allowance but within the binary32 allowance:
        /// consistent with binary32 arithmetic (or underflow below its range).
        case binary32
        /// Beyond every allowance: no legitimate evaluation errs this much,
        /// whatever the conditioning — what a formula error looks like.
        case beyondAllowance = "beyond-allowance"
        /// NaN or ±∞ where the reference is finite (and no allowed format overflows).
        case nonFinite = "non-finite"
        /// The engine's answer lacks this quantity.
        case missing
        /// The partial does not exist at this point (a kink).
        case nonDifferentiable = "non-differentiable"

        /// Whether no rounding can explain this outcome: the value is wrong.
        public var isUnexplained: Bool {
            switch self {
            case .beyondAllowance, .nonFinite, .missing: true
            case .within, .beyond, .binary32, .nonDifferentiable: false
            }
        }

        /// Whether the value is off by more than τ (explained or not).
        public var isFailure: Bool {
            switch self {
            case .beyond, .binary32, .beyondAllowance, .nonFinite, .missing: true
            case .within, .nonDifferentiable: false
            }
        }

        /// How bad an outcome is, for "fails the same way or worse":
        /// within < beyond < binary32 < beyond-allowance, non-finite, missing.
        public var severity: Int {
            switch self {
            case .within, .nonDifferentiable: 0
            case .beyond: 1
            case .binary32: 2
            case .beyondAllowance, .nonFinite, .missing: 3
            }
        }
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
    /// |actual − exact| / the binary64 allowance.
    public var allowanceUnits: Double
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
            (ulps, relativeError, toleranceUnits, allowanceUnits) = (.infinity, .infinity, .infinity, .infinity)
            outcome = .missing
            return
        }
        self.actual = actual
        if quantity.nonDifferentiable {
            (ulps, relativeError, toleranceUnits, allowanceUnits) = (0, 0, 0, 0)
            outcome = .nonDifferentiable
            return
        }
        guard actual.isFinite else {
            (ulps, relativeError, toleranceUnits, allowanceUnits) = (.infinity, .infinity, .infinity, .infinity)
            outcome = Self.classifyNonFinite(quantity)
            return
        }
        let error = (BigFloat(actual, precision: quantity.exact.precision) - quantity.exact).magnitude
        ulps = Double(error) / binary64Ulp(quantity.rounded)
        relativeError = quantity.exact.isZero ? (error.isZero ? 0 : .infinity) : Double(error / quantity.exact.magnitude)
        toleranceUnits = Self.units(error, of: quantity.tolerance)
        allowanceUnits = Self.units(error, of: quantity.allowance)
        outcome = Self.classify(toleranceUnits: toleranceUnits, allowanceUnits: allowanceUnits,
                                binary32Units: Self.units(error, of: quantity.binary32Allowance))
    }

    /// error / limit (0 when both are 0, ∞ when only the limit is, 0 when the limit is ∞).
    static func units(_ error: BigFloat, of limit: Magnitude64) -> Double {
        if limit.isZero { return error.isZero ? 0 : .infinity }
        return Double(error / limit.bigFloat)
    }

    /// within ≤ 1 τ < beyond ≤ 1 allowance < binary32 ≤ 1 binary32 allowance < beyond-allowance.
    static func classify(toleranceUnits: Double, allowanceUnits: Double, binary32Units: Double) -> Outcome {
        if toleranceUnits <= 1 { return .within }
        if allowanceUnits <= 1 { return .beyond }
        if binary32Units <= 1 { return .binary32 }
        return .beyondAllowance
    }

    /// A non-finite answer: unexplained where the exact value is finite,
    /// unless some format's allowance is ∞ there (the value or an
    /// intermediate may overflow in it).
    static func classifyNonFinite(_ q: ReferenceExpectation.Quantity) -> Outcome {
        if !q.exact.isFinite { return .within }
        if q.allowance == .infinity { return .beyond }
        if q.binary32Allowance == .infinity { return .binary32 }
        return .nonFinite
    }
}
