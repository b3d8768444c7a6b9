import CMPFR

/// An arbitrary-precision binary floating-point number backed by GNU MPFR.
///
/// A `BigFloat` is a value `x = ±m · 2^e` whose significand `m` has exactly
/// ``precision`` bits. Every value carries its own precision, fixed when it is
/// made; MPFR's thread-local default precision and rounding mode are never read,
/// so values and operations are safe to use from any task or thread.
///
/// ## Storage
/// The MPFR header (`__mpfr_struct`) and its limbs live together in one
/// immutable heap object, set up with MPFR's *custom interface*
/// (`mpfr_custom_init_set`). One allocation per value, freed by Swift's
/// reference counting: there is no `mpfr_clear` to forget or to call twice.
/// The storage is never mutated after the operation that fills it, so the
/// type has value semantics and is `Sendable`.
///
/// ## Precision of results
/// An operation's result has the **largest precision among its operands**,
/// and is correctly rounded to it (round-to-nearest-even unless a `rounding`
/// argument says otherwise):
///
///     prec(a ∘ b) = max(prec(a), prec(b))      prec(f(a)) = prec(a)
///
/// Exact `Double` constants therefore mix freely into a computation at a
/// higher working precision: `BigFloat(0.5) * x` is computed at `x.precision`.
/// Use the `precision:` overloads to choose another result precision.
public struct BigFloat: @unchecked Sendable {
    /// Header and limbs of one MPFR number; immutable once made.
    @usableFromInline
    typealias Storage = ManagedBuffer<__mpfr_struct, mp_limb_t>

    @usableFromInline
    let storage: Storage

    @usableFromInline
    init(storage: Storage) { self.storage = storage }

    /// The number of bits in the significand.
    ///
    /// Reads the header field directly, as mpfr.h's own `mpfr_get_prec` macro
    /// does (Swift cannot import the macro, only the out-of-line function):
    /// every operation reads its operands' precisions, and a call per read
    /// showed in profiles.
    @inlinable
    public var precision: Int { storage.withUnsafeMutablePointerToHeader { Int($0.pointee._mpfr_prec) } }

    /// Smallest precision MPFR accepts.
    public static let minimumPrecision = Int(MPFR_PREC_MIN)

    /// Largest precision this type accepts (well below MPFR's own limit).
    public static let maximumPrecision = 1 << 24
}

// MARK: - Making values

extension BigFloat {
    /// Makes a fresh value of `precision` bits, initialised to +0, and lets
    /// `fill` write the result of an MPFR operation into it.
    @inlinable
    static func make(precision: Int, _ fill: (mpfr_ptr) -> Void) -> BigFloat {
        precondition(precision >= minimumPrecision && precision <= maximumPrecision,
                     "BigFloat precision \(precision) outside \(minimumPrecision)...\(maximumPrecision)")
        let limbCount = (mpfr_custom_get_size(mpfr_prec_t(precision)) + MemoryLayout<mp_limb_t>.size - 1) / MemoryLayout<mp_limb_t>.size
        let storage = Storage.create(minimumCapacity: limbCount) { _ in __mpfr_struct() }
        storage.withUnsafeMutablePointers { header, limbs in
            mpfr_custom_init(limbs, mpfr_prec_t(precision))
            mpfr_custom_init_set(header, Int32(MPFR_ZERO_KIND.rawValue), 0, mpfr_prec_t(precision), limbs)
            fill(header)
        }
        return BigFloat(storage: storage)
    }

    /// Gives `body` read access to the underlying `mpfr_t`.
    @inlinable
    public func withPointer<R>(_ body: (mpfr_srcptr) throws -> R) rethrows -> R {
        try storage.withUnsafeMutablePointerToHeader { try body(UnsafePointer($0)) }
    }

    /// +0 with the given precision.
    public static func zero(precision: Int) -> BigFloat { make(precision: precision) { _ in } }

    /// A quiet NaN with the given precision.
    public static func nan(precision: Int = 53) -> BigFloat {
        make(precision: precision) { mpfr_set_nan($0) }
    }

    /// ±∞ with the given precision.
    public static func infinity(sign: FloatingPointSign = .plus, precision: Int = 53) -> BigFloat {
        make(precision: precision) { mpfr_set_inf($0, sign == .minus ? -1 : 1) }
    }

    /// The same value rounded to `precision` bits.
    public func rounded(toPrecision precision: Int, rounding: Rounding = .toNearestOrEven) -> BigFloat {
        let source = self
        return BigFloat.make(precision: precision) { result in
            source.withPointer { _ = mpfr_set(result, $0, rounding.mpfr) }
        }
    }
}

// MARK: - Rounding

extension BigFloat {
    /// The rounding directions MPFR offers.
    public enum Rounding: Sendable, CaseIterable {
        /// Round to nearest, ties to even (IEEE 754 default).
        case toNearestOrEven
        /// Round toward zero (truncate).
        case towardZero
        /// Round toward +∞.
        case up
        /// Round toward −∞.
        case down
        /// Round away from zero.
        case awayFromZero

        @usableFromInline
        var mpfr: mpfr_rnd_t {
            switch self {
            case .toNearestOrEven: MPFR_RNDN
            case .towardZero: MPFR_RNDZ
            case .up: MPFR_RNDU
            case .down: MPFR_RNDD
            case .awayFromZero: MPFR_RNDA
            }
        }
    }
}
