import Foundation
import PropertyTesting

/// Seed, case count and single case of one property check, resolved from
/// (highest precedence first) the environment, the call's arguments, the
/// ``PropertyCheckTrait`` in force, and the defaults
/// (`PropertyConfiguration.defaultSeed`, `PropertyConfiguration.defaultCases`).
public struct PropertySettings: Sendable, Hashable {
    public var seed: UInt64
    public var cases: Int
    public var onlyCase: Int?

    public init(seed: UInt64, cases: Int, onlyCase: Int? = nil) {
        self.seed = seed
        self.cases = cases
        self.onlyCase = onlyCase
    }

    public static func resolve(environment: PropertyEnvironment, seed: UInt64?, cases: Int?,
                               trait: PropertyCheckTrait?) -> PropertySettings {
        let environmentSeed: UInt64? = switch environment.seed {
        case .fixed(let s)?: s
        case .random?: RandomSeed.forThisProcess
        case nil: nil
        }
        return PropertySettings(
            seed: environmentSeed ?? seed ?? trait?.seed ?? PropertyConfiguration.defaultSeed,
            cases: environment.cases ?? cases ?? trait?.cases ?? PropertyConfiguration.defaultCases,
            onlyCase: environment.onlyCase ?? trait?.onlyCase)
    }

    /// The process environment's property variables.
    static func processEnvironment() throws(PropertyEnvironment.ParseError) -> PropertyEnvironment {
        try PropertyEnvironment.parse(ProcessInfo.processInfo.environment)
    }
}

/// The seed `BACKPROP_CHECK_SEED=random` stands for: drawn once per process
/// from the system generator (choosing a seed is the only use of system
/// randomness) and printed, so the run can be repeated.
enum RandomSeed {
    static let forThisProcess: UInt64 = {
        var system = SystemRandomNumberGenerator()
        let seed = system.next()
        print("BackpropCheck: \(PropertyEnvironment.seedVariable)=random chose seed \(seed); "
              + "repeat this run with \(PropertyEnvironment.seedVariable)=\(seed)")
        return seed
    }()
}
