import MultiPrecision
import NetworkModel

/// A derivative estimated from function values alone, with an estimate of
/// its own error.
public struct FiniteDifferenceEstimate: Sendable {
    /// The extrapolated derivative.
    public var value: BigFloat
    /// |difference between the last two extrapolation levels| plus a
    /// rounding-error term; the true derivative lies within it in practice.
    public var errorEstimate: BigFloat
    /// The largest step used.
    public var step: BigFloat
    /// True when some unit's z crosses a kink of α within ±step, so the
    /// stencil does not see one smooth function.
    public var straddlesKink: Bool
}

/// Central differences with Richardson extrapolation, at high precision.
///
/// With D(h) = (f(θ + h) − f(θ − h)) / 2h = f′(θ) + c₁h² + c₂h⁴ + …, the
/// steps hᵢ = h₀/2ⁱ and the table
///
///     R(i, 0) = D(hᵢ)
///     R(i, j) = (4ʲ R(i, j−1) − R(i−1, j−1)) / (4ʲ − 1)
///
/// cancel one more even power of h per column, so R(n, n) has error
/// O(h₀^(2n+2)). The error estimate is |R(n, n) − R(n−1, n−1)| plus the
/// rounding error of the differences, |f| · 2^(−p) / hₙ.
public struct RichardsonCentralDifference: Sendable {
    /// Number of halvings of the step (table size n + 1).
    public var levels: Int
    /// Candidate first steps h₀ = 2^(−k) · max(1, |θ|), tried in order; the
    /// one with the smallest error estimate wins. Several are needed because
    /// y may vary on a scale far smaller than |θ| (a weight multiplying 10³).
    public var initialStepExponents: [Int]

    public init(levels: Int = 6, initialStepExponents: [Int] = [12, 24, 36, 48]) {
        self.levels = levels
        self.initialStepExponents = initialStepExponents
    }

    /// The best of the candidate tables: the smallest error estimate, stopping
    /// early once it is below |f′| · 2^(−precision/3).
    public func bestDerivative(at theta: BigFloat, precision: Int,
                               _ f: (BigFloat) -> BigFloat) -> (value: BigFloat, error: BigFloat, step: BigFloat) {
        var best: (value: BigFloat, error: BigFloat, step: BigFloat)? = nil
        for k in initialStepExponents {
            let candidate = derivative(at: theta, precision: precision, initialStepExponent: k, f)
            if best == nil || candidate.error < best!.error { best = candidate }
            if candidate.error <= candidate.value.magnitude.scaled(byPowerOfTwo: -precision / 3) { break }
        }
        return best!
    }

    /// The estimate of f′(θ) for a function evaluated at `precision` bits.
    public func derivative(at theta: BigFloat, precision: Int, initialStepExponent: Int,
                           _ f: (BigFloat) -> BigFloat) -> (value: BigFloat, error: BigFloat, step: BigFloat) {
        let one = BigFloat(1, precision: precision)
        let scale = BigFloat.maximum(one, theta.magnitude.rounded(toPrecision: precision))
        let h0 = scale.scaled(byPowerOfTwo: -initialStepExponent)
        var previous: [BigFloat] = []
        var magnitude = BigFloat.zero(precision: precision)
        for i in 0...levels {
            let h = h0.scaled(byPowerOfTwo: -i)
            let plus = f(theta + h), minus = f(theta - h)
            magnitude = BigFloat.maximum(magnitude, BigFloat.maximum(plus.magnitude, minus.magnitude))
            var row = [(plus - minus) / h.scaled(byPowerOfTwo: 1)]
            for j in stride(from: 1, through: i, by: 1) {
                let factor = BigFloat(Double(1 << (2 * j)), precision: precision)
                row.append((factor * row[j - 1] - previous[j - 1]) / (factor - one))
            }
            if i == levels {
                let last = row[i], before = previous[i - 1]
                let rounding = magnitude.scaled(byPowerOfTwo: -precision + 4) / h
                return (last, (last - before).magnitude + rounding, h0)
            }
            previous = row
        }
        fatalError("unreachable: the loop returns at i == levels")
    }
}
