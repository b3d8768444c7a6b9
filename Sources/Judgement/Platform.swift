// The platform's C library, imported here and nowhere else in Judgement.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// eˣ in binary64, for magnitude estimates.
func doubleExp(_ x: Double) -> Double { exp(x) }
/// erfc x in binary64, for magnitude estimates.
func doubleErfc(_ x: Double) -> Double { erfc(x) }
