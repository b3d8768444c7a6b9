/// How a property run is carried out.
public struct PropertyConfiguration: Sendable, Hashable {
    /// The fixed seed used unless one is given, so CI runs are deterministic.
    public static let defaultSeed: UInt64 = 2_718_281_828
    /// Cases per run unless told otherwise.
    public static let defaultCases = 100

    /// Seed of the run; case i uses ``SplitMix64/caseSeed(_:index:)``.
    public var seed: UInt64
    /// Number of cases 0..<cases to run.
    public var cases: Int
    /// When set, run only this case index (replaying one case of a run).
    public var onlyCase: Int?
    /// Most property evaluations spent on shrinking one failure.
    public var maxShrinkAttempts: Int
    /// Most wall time spent on shrinking one failure.
    public var shrinkTimeLimit: Duration
    /// Cases evaluated at once; 1 runs sequentially. Use 1 unless the
    /// property is pure and thread-safe.
    public var parallelism: Int

    public init(seed: UInt64 = defaultSeed, cases: Int = defaultCases, onlyCase: Int? = nil,
                maxShrinkAttempts: Int = 5_000, shrinkTimeLimit: Duration = .seconds(10),
                parallelism: Int = ProcessorCount.online) {
        precondition(cases >= 0, "cases must be non-negative")
        precondition(onlyCase.map { $0 >= 0 } ?? true, "case indices are non-negative")
        self.seed = seed
        self.cases = cases
        self.onlyCase = onlyCase
        self.maxShrinkAttempts = maxShrinkAttempts
        self.shrinkTimeLimit = shrinkTimeLimit
        self.parallelism = Swift.max(1, parallelism)
    }

    /// The case indices this configuration runs, in order.
    public var caseIndices: [Int] { onlyCase.map { [$0] } ?? Array(0..<cases) }
}
