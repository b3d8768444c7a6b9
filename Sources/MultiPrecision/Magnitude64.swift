import CMPFR

/// A non-negative binary floating-point number with a 64-bit significand,
/// rounded to nearest (ties to even) exactly as an MPFR value of precision 64
/// is — the arithmetic of error bounds and tolerances, with no allocation
/// per operation.
///
/// The value is `significand · 2^(exponent − 64)` with the significand's top
/// bit set (MPFR's convention: a significand in [½, 1) times 2^exponent), or
/// zero, +∞ or NaN. Every operation returns the correctly rounded result of
/// the exact operation on its operands, so a computation on `Magnitude64`
/// gives bit for bit what the same computation on 64-bit `BigFloat`
/// magnitudes gives (tested against MPFR).
public struct Magnitude64: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The significand, top bit set for finite non-zero values.
    public let significand: UInt64
    /// The exponent e of `significand · 2^(e − 64)`.
    public let exponent: Int
    let kind: Kind

    enum Kind: UInt8, Sendable, Hashable { case finite, infinity, nan }

    init(significand: UInt64, exponent: Int, kind: Kind) {
        self.significand = significand
        self.exponent = exponent
        self.kind = kind
    }

    public static let zero = Magnitude64(significand: 0, exponent: 0, kind: .finite)
    public static let infinity = Magnitude64(significand: 1 << 63, exponent: .max, kind: .infinity)
    public static let nan = Magnitude64(significand: 0, exponent: .max, kind: .nan)

    public var isZero: Bool { kind == .finite && significand == 0 }
    public var isFinite: Bool { kind == .finite }
    public var isNaN: Bool { kind == .nan }

    /// |x| exactly (every binary64 value fits in 64 bits).
    public init(_ x: Double) {
        let m = x.magnitude
        if m.isNaN { self = .nan; return }
        if m.isInfinite { self = .infinity; return }
        if m == 0 { self = .zero; return }
        // m = s · 2^q with s an integer of at most 53 bits; normalise s to 64 bits.
        let q = Int(m.exponent) - 52
        let s = UInt64(m.significandBitPattern) | (m.isNormal ? 1 << 52 : 0)
        let shift = s.leadingZeroBitCount
        let normalQ = m.isNormal ? q : -1074
        self.init(significand: s << shift, exponent: normalQ + 64 - shift, kind: .finite)
    }

    /// |x| rounded to 64 bits, to nearest (MPFR `mpfr_abs` into a 64-bit variable).
    public init(magnitudeOf x: BigFloat) {
        var limb: mp_limb_t = 0
        var header = __mpfr_struct()
        let (zero, inf, nan, exponent): (Bool, Bool, Bool, Int) = withUnsafeMutablePointer(to: &limb) { limbs in
            withUnsafeMutablePointer(to: &header) { h in
                mpfr_custom_init_set(h, Int32(MPFR_ZERO_KIND.rawValue), 0, 64, limbs)
                _ = x.withPointer { mpfr_abs(h, $0, MPFR_RNDN) }
                let regular = mpfr_regular_p(h) != 0
                return (mpfr_zero_p(h) != 0, mpfr_inf_p(h) != 0, mpfr_nan_p(h) != 0, regular ? Int(mpfr_get_exp(h)) : 0)
            }
        }
        if nan { self = .nan } else if inf { self = .infinity } else if zero { self = .zero } else {
            self.init(significand: UInt64(limb), exponent: exponent, kind: .finite)
        }
    }

    /// The value as a 64-bit `BigFloat` (exact).
    public var bigFloat: BigFloat {
        switch kind {
        case .nan: return .nan(precision: 64)
        case .infinity: return .infinity(precision: 64)
        case .finite:
            if significand == 0 { return .zero(precision: 64) }
            return BigFloat(exactly: significand, precision: 64).scaled(byPowerOfTwo: exponent - 64)
        }
    }

    /// The value correctly rounded to binary64.
    public var double: Double {
        switch kind {
        case .nan: return .nan
        case .infinity: return .infinity
        case .finite:
            if significand == 0 { return 0 }
            // Normal binary64 range: round the 64-bit significand to 53 bits here.
            if exponent > -1021 && exponent < 1024 {
                var q = significand >> 11
                let rest = significand & 0x7FF
                var e = exponent
                if rest > 0x400 || (rest == 0x400 && q & 1 == 1) { q += 1 }
                if q == 1 << 53 { q = 1 << 52; e += 1 }
                if e < 1025 { return Double(sign: .plus, exponent: e - 53, significand: Double(q)) }
            }
            return Double(bigFloat)
        }
    }

    /// self · 2ᵏ (exact).
    public func scaled(byPowerOfTwo k: Int) -> Magnitude64 {
        kind == .finite && significand != 0 ? Magnitude64(significand: significand, exponent: exponent + k, kind: .finite) : self
    }

    public static func < (a: Magnitude64, b: Magnitude64) -> Bool {
        if a.isNaN || b.isNaN { return false }
        if a.kind == .infinity { return false }
        if b.kind == .infinity { return true }
        if a.significand == 0 { return b.significand != 0 }
        if b.significand == 0 { return false }
        return a.exponent != b.exponent ? a.exponent < b.exponent : a.significand < b.significand
    }

    public static func maximum(_ a: Magnitude64, _ b: Magnitude64) -> Magnitude64 {
        if a.isNaN { return b }
        if b.isNaN { return a }
        return a < b ? b : a
    }

    /// Rounds hi·2⁶⁴ + lo (+ sticky bits below) to 64 bits, to nearest even.
    @inline(__always)
    static func round(hi: UInt64, lo: UInt64, sticky: Bool, exponent: Int) -> Magnitude64 {
        var (hi, e) = (hi, exponent)
        let roundBit = lo >> 63 != 0
        let rest = (lo << 1) != 0 || sticky
        if roundBit && (rest || hi & 1 == 1) {
            hi &+= 1
            if hi == 0 { hi = 1 << 63; e += 1 }
        }
        return Magnitude64(significand: hi, exponent: e, kind: .finite)
    }

    /// a + b, correctly rounded.
    public static func + (a: Magnitude64, b: Magnitude64) -> Magnitude64 {
        if a.kind != .finite || b.kind != .finite { return a.isNaN || b.isNaN ? .nan : .infinity }
        if a.significand == 0 { return b }
        if b.significand == 0 { return a }
        let (big, small) = a.exponent >= b.exponent ? (a, b) : (b, a)
        let d = big.exponent - small.exponent
        var (bHi, bLo, sticky): (UInt64, UInt64, Bool)
        switch d {
        case 0: (bHi, bLo, sticky) = (small.significand, 0, false)
        case 1..<64: (bHi, bLo, sticky) = (small.significand >> d, small.significand << (64 - d), false)
        case 64: (bHi, bLo, sticky) = (0, small.significand, false)
        case 65..<128: (bHi, bLo, sticky) = (0, small.significand >> (d - 64), small.significand << (128 - d) != 0)
        default: (bHi, bLo, sticky) = (0, 0, true)
        }
        var (lo, hi, e) = (bLo, big.significand, big.exponent)
        let (sumHi, carry) = hi.addingReportingOverflow(bHi)
        hi = sumHi
        if carry {
            sticky = sticky || lo & 1 == 1
            lo = (lo >> 1) | (hi << 63)
            hi = (hi >> 1) | (1 << 63)
            e += 1
        }
        return round(hi: hi, lo: lo, sticky: sticky, exponent: e)
    }

    /// a · b, correctly rounded.
    public static func * (a: Magnitude64, b: Magnitude64) -> Magnitude64 {
        if a.isNaN || b.isNaN { return .nan }
        if a.kind == .infinity || b.kind == .infinity { return a.isZero || b.isZero ? .nan : .infinity }
        if a.significand == 0 || b.significand == 0 { return .zero }
        var (hi, lo) = a.significand.multipliedFullWidth(by: b.significand)
        var e = a.exponent + b.exponent
        if hi >> 63 == 0 {
            hi = (hi << 1) | (lo >> 63)
            lo <<= 1
            e -= 1
        }
        return round(hi: hi, lo: lo, sticky: false, exponent: e)
    }

    /// a / b, correctly rounded.
    public static func / (a: Magnitude64, b: Magnitude64) -> Magnitude64 {
        if a.isNaN || b.isNaN { return .nan }
        if a.kind == .infinity { return b.kind == .infinity ? .nan : .infinity }
        if b.kind == .infinity { return .zero }
        if b.significand == 0 { return a.significand == 0 ? .nan : .infinity }
        if a.significand == 0 { return .zero }
        let (x, y) = (a.significand, b.significand)
        let dividend: (high: UInt64, low: UInt64)
        var e = a.exponent - b.exponent
        if x < y {
            dividend = (x, 0)
        } else {
            dividend = (x >> 1, x << 63)
            e += 1
        }
        var (q, r) = y.dividingFullWidth(dividend)
        // Exact quotient q + r/y: round up past ½, ties to even.
        if r > y - r || (r == y - r && q & 1 == 1) {
            q &+= 1
            if q == 0 { q = 1 << 63; e += 1 }
        }
        return Magnitude64(significand: q, exponent: e, kind: .finite)
    }

    public var description: String { bigFloat.description }
}
