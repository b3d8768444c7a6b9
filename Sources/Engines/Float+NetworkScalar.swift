import NetworkModel

/// binary32 runs the network code too (the `binary32` mutant computes in
/// it): its functions round the binary64 result of the C library once more.
extension Float: NetworkScalar {
    @inlinable public func constant(_ value: Double) -> Float { Float(value) }
    @inlinable public static func exp(_ x: Float) -> Float { Float(Double.exp(Double(x))) }
    @inlinable public static func expm1(_ x: Float) -> Float { Float(Double.expm1(Double(x))) }
    @inlinable public static func log(_ x: Float) -> Float { Float(Double.log(Double(x))) }
    @inlinable public static func log1p(_ x: Float) -> Float { Float(Double.log1p(Double(x))) }
    @inlinable public static func tanh(_ x: Float) -> Float { Float(Double.tanh(Double(x))) }
    @inlinable public static func erfc(_ x: Float) -> Float { Float(Double.erfc(Double(x))) }
    @inlinable public static func sqrt(_ x: Float) -> Float { x.squareRoot() }
    @inlinable public static func pi(like x: Float) -> Float { .pi }
}
