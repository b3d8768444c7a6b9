// The platform's C library, imported here and nowhere else in Conformance.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// log₂ x from the platform's C library.
func binaryLogarithm(_ x: Double) -> Double { log2(x) }
