/// Numeric generators. Every double is recorded as one ``Choice/double(_:)``
/// draw with its ``DoubleDomain``, so shrinking moves it toward 0, ±1 and
/// values with few significant bits (``DoubleSimplicity``) while staying in
/// the domain. Sampling uses only exact IEEE operations on stream bits, so it
/// is identical on every platform.
extension Gen where Value == Double {
    /// Uniform on `range`: (1 − u)·lo + u·hi with u = k·2⁻⁵³ from the stream
    /// (``Xoshiro256StarStar/nextUnitDouble()``), clamped into the range.
    public static func uniform(in range: ClosedRange<Double>) -> Gen<Double> {
        let domain = DoubleDomain(range)
        return Gen { source throws(GenerationError) in
            try source.double(in: domain) { rng in NumericSampling.uniform(range, &rng) }
        }
    }

    /// Magnitude log-uniform on `magnitudes` (per binade: the binary exponent
    /// is uniform over the binades the range meets and the significand
    /// uniform in [1, 2), rejecting values outside the range), with a random
    /// sign when `signed`. Zero is never sampled; `shrinksToZero` lets the
    /// shrinker use 0 (and everything below the lower magnitude) anyway.
    public static func logUniform(magnitudes: ClosedRange<Double>, signed: Bool = true,
                                  shrinksToZero: Bool = false) -> Gen<Double> {
        let low = Swift.max(magnitudes.lowerBound, .leastNonzeroMagnitude), high = magnitudes.upperBound
        precondition(low <= high && high.isFinite, "logUniform needs finite magnitudes with a positive upper bound")
        let domain = shrinksToZero
            ? DoubleDomain(lower: signed ? -high : 0, upper: high)
            : DoubleDomain(magnitudes: low...high, signed: signed)
        return Gen { source throws(GenerationError) in
            try source.double(in: domain) { rng in
                let m = NumericSampling.logUniform(low...high, &rng)
                return signed && rng.next() >> 63 == 1 ? -m : m
            }
        }
    }

    /// A "simple" value n/2ʲ, exact in binary: a small integer numerator
    /// |n| ≤ `maxNumerator` and j ≤ `maxHalvings` (0.5, 0.25, −3, 1.75, …).
    /// n and j are separate integer draws shrinking toward 0, so shrinking
    /// reaches 0 through ever simpler dyadics.
    public static func simple(maxNumerator: Int = 16, maxHalvings: Int = 4) -> Gen<Double> {
        precondition(maxNumerator >= 0 && (0...62).contains(maxHalvings), "simple needs maxNumerator ≥ 0, 0 ≤ maxHalvings ≤ 62")
        return Gen<Int>.int(in: -maxNumerator...maxNumerator).zip(Gen<Int>.int(in: 0...maxHalvings))
            .map { n, j in Double(n) / Double(1 << j) }
    }

    /// The special values ±0, ± the smallest subnormal, ± the smallest normal
    /// and ± the largest finite double, uniformly; shrinks toward +0.
    public static var special: Gen<Double> { element(of: SpecialValues.all) }

    /// A mixture for properties that accept any of these inside `range`:
    /// 70 % uniform, 20 % simple dyadics n/2ʲ in the range, and (when
    /// `specials`) 10 % the special values that lie in the range.
    public static func double(in range: ClosedRange<Double>, specials: Bool = false) -> Gen<Double> {
        var parts: [(weight: Int, generator: Gen<Double>)] = [(7, uniform(in: range))]
        if let simple = simpleDyadic(in: range) { parts.append((2, simple)) }
        let inRange = SpecialValues.all.filter(range.contains)
        if specials && !inRange.isEmpty { parts.append((1, element(of: inRange))) }
        return frequency(parts)
    }

    /// n/16 for integers n with n/16 in `range` and |n| ≤ 64, when there are any.
    static func simpleDyadic(in range: ClosedRange<Double>) -> Gen<Double>? {
        let low = Swift.max((range.lowerBound * 16).rounded(.up), -64)
        let high = Swift.min((range.upperBound * 16).rounded(.down), 64)
        guard low <= high else { return nil }
        return Gen<Int>.int(in: Int(low)...Int(high)).map { Double($0) / 16 }
    }
}

/// The special doubles a property may opt into.
public enum SpecialValues {
    /// +0, −0, ±least nonzero (subnormal), ±least normal, ±greatest finite.
    public static let all: [Double] = [
        0, -0.0,
        .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
        .leastNormalMagnitude, -.leastNormalMagnitude,
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
    ]
}

/// Distributions as exact functions of stream bits.
enum NumericSampling {
    static func uniform(_ range: ClosedRange<Double>, _ rng: inout Xoshiro256StarStar) -> Double {
        let u = rng.nextUnitDouble()
        let x = (1 - u) * range.lowerBound + u * range.upperBound
        return Swift.min(Swift.max(x, range.lowerBound), range.upperBound)
    }

    /// Binade-uniform exponent, uniform significand, up to 64 rejections
    /// (then the lower bound).
    static func logUniform(_ range: ClosedRange<Double>, _ rng: inout Xoshiro256StarStar) -> Double {
        let lowExponent = Int(range.lowerBound.exponent), highExponent = Int(range.upperBound.exponent)
        for _ in 0..<64 {
            let e = lowExponent + Int(rng.next(upTo: UInt64(highExponent - lowExponent)))
            let significand = 1 + rng.nextUnitDouble()
            let m = Double(sign: .plus, exponent: e, significand: significand)
            if range.contains(m) { return m }
        }
        return range.lowerBound
    }
}
