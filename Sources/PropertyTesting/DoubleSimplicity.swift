/// The order in which the shrinker considers doubles simpler, and the
/// candidates it proposes.
///
/// For finite x ≠ 0 write x = ±m·2ᵉ with 1 ≤ m < 2, and let b(x) be the
/// number of significant bits of m (1 for a power of two, 2 for 1.5 or 3).
/// A double is simpler when its key is lexicographically smaller:
///
///     key(x) = (x ≠ 0,  b(x) + |e|,  b(x),  e < 0,  bits(|x|),  signbit(x))
///
/// so 0 < 1 < 2, ½ < 1.5 < 3, 4 < 0.25 < 1.25 …: fewer significant bits and a
/// magnitude nearer 1 win, integers beat fractions of equal cost, and +x beats
/// −x. It is a total order on finite doubles, so shrinking by strictly
/// decreasing keys always terminates.
public enum DoubleSimplicity {
    /// Significant bits of |x|'s significand (0 for zero).
    public static func significantBits(_ x: Double) -> Int {
        x == 0 ? 0 : x.significandWidth + 1
    }

    /// The simplicity key of a finite double; smaller is simpler.
    public static func key(_ x: Double) -> SimplicityKey {
        if x == 0 { return SimplicityKey(0, 0, 0, 0, 0, x.sign == .minus ? 1 : 0) }
        let bits = significantBits(x)
        let e = Int(x.exponent)
        return SimplicityKey(1, UInt64(bits) + UInt64(e.magnitude), UInt64(bits), e < 0 ? 1 : 0,
                             x.magnitude.bitPattern, x.sign == .minus ? 1 : 0)
    }

    /// x rounded to `k` significant bits (ties to even), or toward zero.
    public static func round(_ x: Double, toBits k: Int, towardZero: Bool = false) -> Double {
        guard x != 0, x.isFinite, k >= 1 else { return x }
        let quantum = Double(sign: .plus, exponent: x.exponent - (k - 1), significand: 1)
        guard quantum > 0 else { return x }
        let scaled = x / quantum
        let rounded = towardZero ? scaled.rounded(.towardZero) : scaled.rounded(.toNearestOrEven)
        return rounded * quantum
    }

    /// ±2ᵉ.
    static func power(_ sign: FloatingPointSign, _ e: Int) -> Double {
        Double(sign: sign, exponent: e, significand: 1)
    }

    /// The simplest double in a closed interval: 0 if it lies inside; else
    /// (mirroring negative intervals) the power of two inside whose exponent
    /// is nearest 0; else, inside one binade, the member with the fewest
    /// significant bits.
    public static func simplest(in interval: ClosedRange<Double>) -> Double {
        let a = interval.lowerBound, b = interval.upperBound
        if a <= 0 && 0 <= b { return 0 }
        if b < 0 { return -simplest(in: -b ... -a) }
        if let power = powerOfTwoNearestOne(in: a...b) { return power }
        return fewestBits(in: a...b)
    }

    /// For 0 < a ≤ b: the power of two in [a, b] whose exponent is nearest 0.
    static func powerOfTwoNearestOne(in interval: ClosedRange<Double>) -> Double? {
        let a = interval.lowerBound, b = interval.upperBound
        if a <= 1 && 1 <= b { return 1 }
        let candidate = b < 1 ? power(.plus, Int(b.exponent)) : nextPowerOfTwo(atLeast: a)
        return interval.contains(candidate) ? candidate : nil
    }

    /// The smallest power of two ≥ a, for finite a > 0.
    static func nextPowerOfTwo(atLeast a: Double) -> Double {
        let p = power(.plus, Int(a.exponent))
        return p == a ? p : p * 2
    }

    /// For 0 < a ≤ b inside one binade: the member with the fewest significant
    /// bits, found by rounding a up to k bits for k = 1, 2, … 53.
    static func fewestBits(in interval: ClosedRange<Double>) -> Double {
        let a = interval.lowerBound, b = interval.upperBound
        for k in 1...53 {
            let quantum = Double(sign: .plus, exponent: b.exponent - (k - 1), significand: 1)
            guard quantum > 0 else { break }
            let candidate = (a / quantum).rounded(.up) * quantum
            if candidate <= b && candidate >= a { return candidate }
        }
        return a
    }

    /// Values the shrinker tries in place of `x`, simplest first: only members
    /// of `domain` strictly simpler than `x`. They include 0 and ±1, −x, powers
    /// of two at and around x's exponent, x scaled toward exponent 0, x
    /// truncated to an integer and x rounded to fewer significant bits.
    public static func shrinkCandidates(for x: Double, in domain: DoubleDomain) -> [Double] {
        let current = key(x)
        var seen = Set<UInt64>()
        return rawCandidates(for: x, in: domain)
            .filter { domain.contains($0) && key($0) < current && seen.insert($0.bitPattern).inserted }
            .sorted { key($0) < key($1) }
    }

    static func rawCandidates(for x: Double, in domain: DoubleDomain) -> [Double] {
        var out: [Double] = [0, 1, -1, domain.simplest, -x, x.rounded(.towardZero), x.rounded()]
        guard x != 0, x.isFinite else { return out }
        let e = Int(x.exponent), s = x.sign
        for exponent in Set([0, e / 2, e - 1, e, e + 1]) { out.append(power(s, exponent)) }
        out.append(Double(sign: s, exponent: 0, significand: x.significand))
        out.append(Double(sign: s, exponent: e / 2, significand: x.significand))
        if e > 0 { out.append(x / 2) } else if e < 0 { out.append(x * 2) }
        let bits = significantBits(x)
        for k in [1, 2, 3, 4, 6, 8, 12, 16, 20, 24, 32, 40, 48] where k < bits {
            out.append(round(x, toBits: k))
            out.append(round(x, toBits: k, towardZero: true))
        }
        return out
    }
}

/// A lexicographically ordered tuple of six integers (see ``DoubleSimplicity``).
public struct SimplicityKey: Comparable, Hashable, Sendable {
    let parts: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    init(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64, _ e: UInt64, _ f: UInt64) {
        parts = (a, b, c, d, e, f)
    }

    public static func < (l: Self, r: Self) -> Bool { l.parts < r.parts }
    public static func == (l: Self, r: Self) -> Bool { l.parts == r.parts }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(parts.0); hasher.combine(parts.1); hasher.combine(parts.2)
        hasher.combine(parts.3); hasher.combine(parts.4); hasher.combine(parts.5)
    }
}
