// The platform's C library, imported here and nowhere else in PropertyTesting.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// What PropertyTesting asks of the operating system.
enum Platform {
    /// The processors online (`sysconf(_SC_NPROCESSORS_ONLN)`), at least 1;
    /// 1 where there is no such call.
    static var processorsOnline: Int {
        #if canImport(Glibc) || canImport(Darwin) || canImport(Musl)
        return Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }
}
