import Testing
import PropertyTesting

/// Checks that `predicate` holds for generated values, inside a `@Test`.
///
///     @Test func sigmoidIsBounded() async {
///         await expectProperty(over: Gen.networkCase(), cases: 200) { tagged in
///             let y = Backprop.forward(.seed, activation: .sigmoid, inputs: tagged.case.inputs,
///                                      parameters: tagged.case.parameters).y
///             return 0 <= y && y <= 1
///         }
///     }
///
/// Runs the cases (see `PropertySettings` for where seed and count come
/// from), and on failure shrinks the lowest failing case and records a
/// *single* `Issue` holding the shrunk and original counterexamples, the
/// regime, the seed, the case index and the replay instruction. A malformed
/// environment variable or a generator failure is likewise one issue.
///
/// The property must report failure by returning false or throwing (e.g.
/// with `ensure(_:_:)` from `PropertyTesting`), not with `#expect`, which would
/// record an issue for every case shrinking tries.
///
/// - Parameters:
///   - generator: the values to check.
///   - cases: number of cases (environment `BACKPROP_CHECK_CASES` overrides).
///   - seed: seed of the run (environment `BACKPROP_CHECK_SEED` overrides).
///   - parallelism: cases evaluated at once (default: processors online);
///     pass 1 unless the property is pure and thread-safe.
///   - describe: formats values in the report (default `String(describing:)`).
///   - sourceLocation: where the issue is recorded (default: the call).
///   - predicate: the property: true when it holds for the value.
/// - Returns: the run's result, or nil if the environment was malformed.
@discardableResult
public func expectProperty<Value: Sendable>(
    over generator: Gen<Value>, cases: Int? = nil, seed: UInt64? = nil, parallelism: Int? = nil,
    describing describe: (@Sendable (Value) -> String)? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ predicate: @escaping @Sendable (Value) throws -> Bool
) async -> PropertyResult<Value>? {
    await PropertyExpectation(generator: generator, property: Property(predicate), cases: cases, seed: seed,
                              parallelism: parallelism, describe: describe, sourceLocation: sourceLocation).check()
}

/// Checks that `body` does not throw for generated values, inside a `@Test`;
/// otherwise as ``expectProperty(over:cases:seed:parallelism:describing:sourceLocation:_:)``.
@discardableResult @_disfavoredOverload
public func expectProperty<Value: Sendable>(
    over generator: Gen<Value>, cases: Int? = nil, seed: UInt64? = nil, parallelism: Int? = nil,
    describing describe: (@Sendable (Value) -> String)? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: @escaping @Sendable (Value) throws -> Void
) async -> PropertyResult<Value>? {
    await PropertyExpectation(generator: generator, property: Property(throwing: body), cases: cases, seed: seed,
                              parallelism: parallelism, describe: describe, sourceLocation: sourceLocation).check()
}

/// One property check: resolve settings, run, record at most one issue.
struct PropertyExpectation<Value: Sendable> {
    let generator: Gen<Value>
    let property: Property<Value>
    let cases: Int?
    let seed: UInt64?
    let parallelism: Int?
    let describe: (@Sendable (Value) -> String)?
    let sourceLocation: SourceLocation

    func check() async -> PropertyResult<Value>? {
        let environment: PropertyEnvironment
        do { environment = try PropertySettings.processEnvironment() } catch {
            Issue.record(Comment(rawValue: "Property check not run: \(error)"), sourceLocation: sourceLocation)
            return nil
        }
        let settings = PropertySettings.resolve(environment: environment, seed: seed, cases: cases,
                                                trait: PropertyCheckTrait.current)
        let result = await PropertyRunner(configuration(settings)).run(generator, property)
        record(result)
        return result
    }

    func configuration(_ settings: PropertySettings) -> PropertyConfiguration {
        var configuration = PropertyConfiguration(seed: settings.seed, cases: settings.cases,
                                                  onlyCase: settings.onlyCase)
        if let parallelism { configuration.parallelism = Swift.max(1, parallelism) }
        return configuration
    }

    func record(_ result: PropertyResult<Value>) {
        switch result {
        case .passed:
            return
        case .failed(let failure):
            let text = failure.report(describing: describe ?? { String(describing: $0) })
            Issue.record(Comment(rawValue: text + "\n" + replayHint(failure.replay)), sourceLocation: sourceLocation)
        case .generationFailed(let failure):
            Issue.record(Comment(rawValue: failure.description + "\n" + replayHint(failure.replay)),
                         sourceLocation: sourceLocation)
        }
    }

    /// The command line and the trait that replay one case of this test.
    func replayHint(_ replay: ReplayInstruction) -> String {
        let command = "  as a command: \(replay.environment) swift test --filter '\(Self.testNamePattern)'"
        let trait = "  or as a trait: @Test(.propertyCheck(seed: \(replay.seed), onlyCase: \(replay.caseIndex)))"
        return command + "\n" + trait
    }

    /// The current test's name without its argument list, for `--filter`.
    static var testNamePattern: String {
        guard let name = Test.current?.name else { return "<test name>" }
        return String(name.prefix { $0 != "(" })
    }
}
