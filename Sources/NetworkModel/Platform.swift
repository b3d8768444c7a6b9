// The platform's C library, imported here and nowhere else in NetworkModel.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

// The C library's elementary functions on `Double`, under names that
// `Double`'s own `NetworkScalar` members do not shadow: inside
// `extension Double: NetworkScalar`, `exp(x)` means `Double.exp(x)` itself.
// Inlinable, so the Double sweep calls the C function directly.

@inlinable func libmExp(_ x: Double) -> Double { exp(x) }
@inlinable func libmExpm1(_ x: Double) -> Double { expm1(x) }
@inlinable func libmLog(_ x: Double) -> Double { log(x) }
@inlinable func libmLog1p(_ x: Double) -> Double { log1p(x) }
@inlinable func libmTanh(_ x: Double) -> Double { tanh(x) }
@inlinable func libmErfc(_ x: Double) -> Double { erfc(x) }
