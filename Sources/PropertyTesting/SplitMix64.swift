/// SplitMix64 (Steele, Lea & Flood 2014; the constants of Vigna's reference
/// `splitmix64.c`).
///
/// The state advances by the golden-ratio increment γ = 0x9E3779B97F4A7C15 and
/// each output is the state pushed through a bijective finaliser:
///
///     s ← s + γ (mod 2⁶⁴)
///     z ← (s ⊕ (s ≫ 30)) · 0xBF58476D1CE4E5B9
///     z ← (z ⊕ (z ≫ 27)) · 0x94D049BB133111EB
///     output z ⊕ (z ≫ 31)
///
/// Only wrapping integer arithmetic is involved, so the stream is identical on
/// every platform and Swift version. It seeds ``Xoshiro256StarStar`` and
/// derives the per-case seeds of a property run (``SplitMix64/caseSeed(_:index:)``).
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The golden-ratio increment γ = ⌊2⁶⁴/φ⌋ rounded to odd.
    public static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The next 64-bit output.
    public mutating func next() -> UInt64 {
        state &+= Self.increment
        return Self.finalize(state)
    }

    /// The bijective output function (Stafford's "Mix13" variant).
    @inlinable
    public static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed of case `index` of a run with seed `seed`: output number
    /// `index + 1` of a SplitMix64 stream started at `seed`, that is
    /// `finalize(seed + (index + 1)·γ)`. Computed directly, so any case can be
    /// replayed alone without generating the ones before it.
    public static func caseSeed(_ seed: UInt64, index: Int) -> UInt64 {
        precondition(index >= 0, "case indices are non-negative")
        return finalize(seed &+ (UInt64(index) &+ 1) &* increment)
    }
}
