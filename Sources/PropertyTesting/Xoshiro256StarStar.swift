/// xoshiro256** 1.0 (Blackman & Vigna 2018), the stream every generator draws
/// from.
///
/// State s₀…s₃ (256 bits, never all zero). One step:
///
///     output  rotl(s₁ · 5, 7) · 9
///     t ← s₁ ≪ 17
///     s₂ ⊕= s₀;  s₃ ⊕= s₁;  s₁ ⊕= s₂;  s₀ ⊕= s₃;  s₂ ⊕= t;  s₃ ← rotl(s₃, 45)
///
/// Seeding from a 64-bit seed takes four consecutive ``SplitMix64`` outputs,
/// as the authors recommend. Everything is wrapping integer arithmetic, so a
/// seed yields the same stream on every platform and Swift version.
///
/// It deliberately does not conform to `RandomNumberGenerator`: the standard
/// library's `random(in:using:)` algorithms are unspecified and could change,
/// so bounded integers and doubles are derived here from the bits
/// (``next(upTo:)``, ``nextUnitDouble()``).
public struct Xoshiro256StarStar: Sendable, Hashable {
    public private(set) var state: (UInt64, UInt64, UInt64, UInt64)

    /// Seeds the state with four outputs of SplitMix64 started at `seed`.
    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        state = (mixer.next(), mixer.next(), mixer.next(), mixer.next())
    }

    /// The next 64 uniformly distributed bits.
    public mutating func next() -> UInt64 {
        let result = Self.rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = Self.rotateLeft(state.3, 45)
        return result
    }

    /// A uniform integer in `0...bound` by Lemire's multiply-and-reject
    /// method: with n = bound + 1, take the high word of the 128-bit product
    /// r·n, rejecting r while the low word is below 2⁶⁴ mod n. Unbiased, and a
    /// function of the bit stream alone.
    public mutating func next(upTo bound: UInt64) -> UInt64 {
        if bound == .max { return next() }
        let n = bound + 1
        var product = next().multipliedFullWidth(by: n)
        if product.low < n {
            let threshold = (0 &- n) % n
            while product.low < threshold { product = next().multipliedFullWidth(by: n) }
        }
        return product.high
    }

    /// A uniform double in [0, 1) on the grid k·2⁻⁵³: the top 53 bits of the
    /// next output, scaled exactly by 2⁻⁵³.
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.state.0 == b.state.0 && a.state.1 == b.state.1 && a.state.2 == b.state.2 && a.state.3 == b.state.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(state.0)
        hasher.combine(state.1)
        hasher.combine(state.2)
        hasher.combine(state.3)
    }

    @inline(__always)
    static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
