import MultiPrecision
import NetworkModel

/// `BigFloat` runs the network code directly. Constants take the working
/// precision of the value they are made from, so a whole evaluation stays at
/// the precision of its inputs.
extension BigFloat: NetworkScalar {
    @inlinable
    public func constant(_ value: Double) -> BigFloat { BigFloat(value, precision: precision) }

    public static func pi(like x: BigFloat) -> BigFloat { BigFloat.pi(precision: x.precision) }

    /// z + w·s with one rounding (`mpfr_fma`): the real-number sum, more
    /// closely, with one allocation instead of two.
    /// p − 1 = −rest/total exactly (no cancellation).
    @inlinable
    public static func differenceFromOne(_ p: BigFloat, rest: BigFloat, total: BigFloat) -> BigFloat { -(rest / total) }

    @inlinable
    public static func multiplyAdd(_ z: BigFloat, _ w: BigFloat, _ s: BigFloat) -> BigFloat { fma(w, s, z) }
}
