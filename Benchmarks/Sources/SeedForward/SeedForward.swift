import CSeedForward
import MultiPrecision

/// The seed network's inputs and parameters, fixed so that every run computes
/// the same thing (the values of the NetworkModel seed gradient test).
public enum SeedValues {
    /// x00, x01, w10, b10, w11, b11, w20[0], w20[1], b20[0], b20[1].
    public static let doubles: [Double] = [0.25, -1.5, 0.1, -0.3, 2.0, 0.5, -1.25, 0.75, 0.0625, -2.5]
}

/// The seed network's forward pass with BigFloat, written as a user would.
public struct SwiftSeedForward: @unchecked Sendable {
    let x00, x01, w10, b10, w11, b11, w20_0, w20_1, b20_0, b20_1: BigFloat
    /// 1, exact at 2 bits; results take the working precision of the other operand.
    let one = BigFloat(1, precision: 2)

    public init(precision: Int) {
        let v = SeedValues.doubles.map { BigFloat($0, precision: precision) }
        (x00, x01, w10, b10, w11, b11) = (v[0], v[1], v[2], v[3], v[4], v[5])
        (w20_0, w20_1, b20_0, b20_1) = (v[6], v[7], v[8], v[9])
    }

    /// σ(z) = 1/(1 + e⁻ᶻ).
    @inline(__always)
    func sigmoid(_ z: BigFloat) -> BigFloat { one / (one + BigFloat.exp(-z)) }

    /// y = σ(z20) with z10 = w10·x00 + b10, x10 = σ(z10), z11 = w11·x01 + b11,
    /// x11 = σ(z11), z20 = (w20[0]·x10 + b20[0]) + (w20[1]·x11 + b20[1]).
    @inline(never)
    public func run() -> BigFloat {
        let z10 = w10 * x00 + b10
        let x10 = sigmoid(z10)
        let z11 = w11 * x01 + b11
        let x11 = sigmoid(z11)
        let z20 = (w20_0 * x10 + b20_0) + (w20_1 * x11 + b20_1)
        return sigmoid(z20)
    }
}

/// The same pass in C on preallocated MPFR variables (Sources/CSeedForward).
public final class CSeedForward: @unchecked Sendable {
    let context: OpaquePointer

    public init(precision: Int) {
        context = SeedValues.doubles.withUnsafeBufferPointer { values in
            seed_forward_create(precision, values.baseAddress!)
        }!
    }

    deinit { seed_forward_destroy(context) }

    /// One forward pass; the result stays in the C context.
    @inline(__always)
    public func run() { seed_forward_run(context) }

    /// The last result, exactly, read back as a BigFloat of `precision` bits.
    public func result(precision: Int) -> BigFloat? {
        let length = seed_forward_result_hex(context, nil, 0)
        var buffer = [CChar](repeating: 0, count: length + 1)
        _ = seed_forward_result_hex(context, &buffer, buffer.count)
        let text = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return BigFloat(text, precision: precision)
    }
}
