import Testing
import PropertyTesting

/// A trait fixing the seed, case count or single case of every
/// `expectProperty(over:)` and ``expectConformance(of:network:cases:seed:activations:regimes:failOn:strict:precision:shrinking:attachingReport:sourceLocation:)``
/// call inside a test or suite:
///
///     @Test(.propertyCheck(seed: 42, cases: 500)) func gradients() async { … }
///     @Test(.propertyCheck(seed: 42, onlyCase: 17)) func replayOne() async { … }
///
/// It sets ``PropertyCheckTrait/current`` (a task-local) for the test's
/// duration. Environment variables still take precedence, so a printed
/// replay instruction works on any test.
public struct PropertyCheckTrait: TestTrait, SuiteTrait, TestScoping {
    public var seed: UInt64?
    public var cases: Int?
    public var onlyCase: Int?

    public init(seed: UInt64? = nil, cases: Int? = nil, onlyCase: Int? = nil) {
        self.seed = seed
        self.cases = cases
        self.onlyCase = onlyCase
    }

    /// The settings in force for the current task (innermost trait wins per field).
    @TaskLocal public static var current: PropertyCheckTrait?

    public var isRecursive: Bool { true }

    public func scopeProvider(for test: Test, testCase: Test.Case?) -> PropertyCheckTrait? { self }

    public func provideScope(for test: Test, testCase: Test.Case?,
                             performing function: @Sendable () async throws -> Void) async throws {
        try await Self.$current.withValue(merged(over: Self.current)) { try await function() }
    }

    /// These settings, falling back to `outer`'s where unset.
    func merged(over outer: PropertyCheckTrait?) -> PropertyCheckTrait {
        PropertyCheckTrait(seed: seed ?? outer?.seed, cases: cases ?? outer?.cases,
                           onlyCase: onlyCase ?? outer?.onlyCase)
    }
}

extension Trait where Self == PropertyCheckTrait {
    /// Fixes the seed, the number of cases, or a single case index to run,
    /// for property checks in this test or suite.
    public static func propertyCheck(seed: UInt64? = nil, cases: Int? = nil, onlyCase: Int? = nil) -> Self {
        PropertyCheckTrait(seed: seed, cases: cases, onlyCase: onlyCase)
    }
}
