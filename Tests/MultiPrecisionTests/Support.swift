import Testing
import MultiPrecision
import PropertyTesting

// Shared helpers for the MultiPrecision tests: tags, a deterministic PRNG,
// exact value construction and random value generators.

extension Tag {
    /// Compares against digits or values published independently of MPFR.
    @Tag static var knownValues: Self
    /// Checks correct rounding (to nearest, ties to even, or directed).
    @Tag static var correctRounding: Self
    /// Runs over many generated values from a seeded `SplitMix64`.
    @Tag static var randomized: Self
    /// Text output and parsing.
    @Tag static var text: Self
    /// Compares against the platform's C math library.
    @Tag static var platformLibm: Self
    /// Pins down a bug that was found and fixed.
    @Tag static var regression: Self
}

/// The tests draw from the kit's own SplitMix64 (PropertyTesting), so every run
/// sees the same values on every platform.
extension SplitMix64 {
    /// A uniformly random `UInt128`.
    mutating func next128() -> UInt128 {
        UInt128(next()) << 64 | UInt128(next())
    }

    /// A coin flip that comes up true with probability 1/n.
    mutating func oneIn(_ n: UInt64) -> Bool { next() % n == 0 }
}

/// 2ⁿ exactly (2 bits of precision are plenty for a power of two).
func pow2(_ n: Int) -> BigFloat {
    BigFloat(1, precision: 2).scaled(byPowerOfTwo: n)
}

/// m · 2ᵉ exactly.
func exact(_ m: Int, _ e: Int = 0) -> BigFloat {
    BigFloat(exactly: m).scaled(byPowerOfTwo: e)
}

/// The exact sum of `terms`, at a precision wide enough for every hand-picked
/// case in these tests (terms may span up to 4000 binary orders of magnitude).
func exactSum(_ terms: BigFloat...) -> BigFloat {
    terms.reduce(BigFloat.zero(precision: 4096)) { BigFloat.sum($0, $1, precision: 4096) }
}

/// A random value with exactly `precision` significant bits (the leading and,
/// usually, trailing bits set), a random sign, and |x| ∈ [2^e, 2^(e+1)) for
/// a random e in `exponents`.
func randomBigFloat(precision: Int, exponents: ClosedRange<Int>,
                    using rng: inout SplitMix64) -> BigFloat {
    var value = BigFloat.zero(precision: precision)
    var remaining = precision
    // Build the significand 64 bits at a time, most significant word first;
    // every partial sum is exact at `precision` bits.
    var position = 0
    while remaining > 0 {
        let width = Swift.min(64, remaining)
        var word = width == 64 ? rng.next() : rng.next() & ((1 << UInt64(width)) - 1)
        if position == 0 { word |= 1 << UInt64(width - 1) }
        let term = BigFloat(exactly: word).scaled(byPowerOfTwo: -position - width)
        value = BigFloat.sum(value, term, precision: precision)
        position += width
        remaining -= width
    }
    // value ∈ [1/2, 1): scale into [2^e, 2^(e+1)).
    let e = Int.random(in: exponents, using: &rng)
    let scaled = value.scaled(byPowerOfTwo: e + 1)
    return rng.oneIn(2) ? -scaled : scaled
}

/// Distance in units in the last place between two finite doubles of the
/// same sign (0 when bit-identical; ±0 count as equal).
func ulpDistance(_ a: Double, _ b: Double) -> UInt64 {
    if a == b { return 0 }
    // Map to a monotone integer line: negative values below positive ones.
    func key(_ x: Double) -> Int64 {
        let bits = Int64(bitPattern: x.bitPattern)
        return bits < 0 ? Int64.min &- bits : bits
    }
    let (ka, kb) = (key(a), key(b))
    return ka > kb ? UInt64(bitPattern: ka &- kb) : UInt64(bitPattern: kb &- ka)
}

/// True when `a` and `b` are the same datum: bit-identical, or both NaN.
func sameDatum<F: BinaryFloatingPoint>(_ a: F, _ b: F) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    return a == b && a.sign == b.sign
}
