// The platform's C library, imported here and nowhere else in Verification.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// log₂ x from the platform's C library.
func binaryLogarithm(_ x: Double) -> Double { log2(x) }

/// eˣ in binary64, for magnitude estimates.
func doubleExp(_ x: Double) -> Double { exp(x) }
/// erfc x in binary64, for magnitude estimates.
func doubleErfc(_ x: Double) -> Double { erfc(x) }
