import MultiPrecision
import NetworkModel

/// `BigFloat` runs the network code directly. Constants take the working
/// precision of the value they are made from, so a whole evaluation stays at
/// the precision of its inputs.
extension BigFloat: NetworkScalar {
    @inlinable
    public func constant(_ value: Double) -> BigFloat { BigFloat(value, precision: precision) }

    public static func pi(like x: BigFloat) -> BigFloat { BigFloat.pi(precision: x.precision) }
}
