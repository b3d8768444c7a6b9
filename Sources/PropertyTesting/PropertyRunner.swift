/// Runs a property over generated cases and shrinks the first failure.
///
/// Case i is generated from its own seed ``SplitMix64/caseSeed(_:index:)``,
/// so it can be replayed alone (``PropertyConfiguration/onlyCase``). With
/// ``PropertyConfiguration/parallelism`` above 1 the cases run concurrently
/// in chunks of `16 × parallelism`; a chunk is finished before the next one
/// starts and the failure reported is the *lowest* failing index, which is
/// independent of scheduling. Shrinking then runs sequentially.
public struct PropertyRunner: Sendable {
    public var configuration: PropertyConfiguration

    public init(_ configuration: PropertyConfiguration = PropertyConfiguration()) {
        self.configuration = configuration
    }

    /// Checks `property` on the configured cases, concurrently when the
    /// configuration allows it.
    public func run<Value: Sendable>(_ generator: Gen<Value>, _ property: Property<Value>) async
        -> PropertyResult<Value> {
        let indices = configuration.caseIndices
        let chunkSize = 16 * configuration.parallelism
        for start in stride(from: 0, to: indices.count, by: chunkSize) {
            let chunk = Array(indices[start..<Swift.min(start + chunkSize, indices.count)])
            if let (index, outcome) = await firstFailure(in: chunk, generator, property) {
                return conclude(index, outcome, generator, property)
            }
        }
        return .passed(PropertyPass(seed: configuration.seed, casesRun: indices.count))
    }

    /// Checks `predicate` (false or a thrown error fails) on the configured cases.
    public func run<Value: Sendable>(_ generator: Gen<Value>,
                                     _ predicate: @escaping @Sendable (Value) throws -> Bool) async
        -> PropertyResult<Value> {
        await run(generator, Property(predicate))
    }

    /// Checks `body` (a thrown error fails) on the configured cases.
    public func run<Value: Sendable>(_ generator: Gen<Value>,
                                     throwing body: @escaping @Sendable (Value) throws -> Void) async
        -> PropertyResult<Value> {
        await run(generator, Property(throwing: body))
    }

    /// Checks `property` on the configured cases one after another on the
    /// calling thread (ignores ``PropertyConfiguration/parallelism``).
    public func runSequentially<Value: Sendable>(_ generator: Gen<Value>, _ property: Property<Value>)
        -> PropertyResult<Value> {
        for index in configuration.caseIndices {
            let outcome = Self.evaluate(index, seed: configuration.seed, generator, property)
            if !outcome.isPass { return conclude(index, outcome, generator, property) }
        }
        return .passed(PropertyPass(seed: configuration.seed, casesRun: configuration.caseIndices.count))
    }

    // MARK: - Cases

    enum CaseOutcome<Value: Sendable>: Sendable {
        case passed
        case failed(nodes: [ChoiceNode], value: Value, message: String)
        case generationFailed(GenerationError)

        var isPass: Bool {
            if case .passed = self { return true }
            return false
        }
    }

    /// Generates case `index` from its own seed and checks it.
    static func evaluate<Value>(_ index: Int, seed: UInt64, _ generator: Gen<Value>,
                                _ property: Property<Value>) -> CaseOutcome<Value> {
        let source = ChoiceSource(seed: SplitMix64.caseSeed(seed, index: index))
        do {
            let value = try generator.generate(from: source)
            guard let message = property.failure(value) else { return .passed }
            return .failed(nodes: source.nodes, value: value, message: message)
        } catch {
            return .generationFailed(error)
        }
    }

    /// The lowest failing index of `chunk` (ascending), evaluated by
    /// `parallelism` tasks taking every parallelism-th index; each task stops
    /// at its first failure, since its later indices are higher.
    func firstFailure<Value: Sendable>(in chunk: [Int], _ generator: Gen<Value>, _ property: Property<Value>) async
        -> (Int, CaseOutcome<Value>)? {
        let lanes = Swift.min(configuration.parallelism, chunk.count)
        let seed = configuration.seed
        return await withTaskGroup(of: (Int, CaseOutcome<Value>)?.self) { group in
            for lane in 0..<lanes {
                group.addTask {
                    for position in stride(from: lane, to: chunk.count, by: lanes) {
                        let outcome = Self.evaluate(chunk[position], seed: seed, generator, property)
                        if !outcome.isPass { return (chunk[position], outcome) }
                    }
                    return nil
                }
            }
            var lowest: (Int, CaseOutcome<Value>)?
            for await case let found? in group where lowest.map({ found.0 < $0.0 }) ?? true {
                lowest = found
            }
            return lowest
        }
    }

    /// Turns the lowest failing case into a result, shrinking a failure.
    func conclude<Value>(_ index: Int, _ outcome: CaseOutcome<Value>, _ generator: Gen<Value>,
                         _ property: Property<Value>) -> PropertyResult<Value> {
        switch outcome {
        case .passed:
            return .passed(PropertyPass(seed: configuration.seed, casesRun: configuration.caseIndices.count))
        case .generationFailed(let error):
            return .generationFailed(GenerationFailure(seed: configuration.seed, caseIndex: index, error: error))
        case .failed(let nodes, let value, let message):
            return .failed(shrink(index, (nodes, value, message), generator, property))
        }
    }

    func shrink<Value>(_ index: Int, _ start: (nodes: [ChoiceNode], value: Value, message: String),
                       _ generator: Gen<Value>, _ property: Property<Value>) -> PropertyFailure<Value> {
        var shrinker = Shrinker(generator: generator, failing: start,
                                maxAttempts: configuration.maxShrinkAttempts,
                                timeLimit: configuration.shrinkTimeLimit, failure: property.failure)
        shrinker.shrink()
        return PropertyFailure(seed: configuration.seed, caseIndex: index, casesPlanned: configuration.cases,
                               original: start.value, originalMessage: start.message,
                               shrunk: shrinker.best.value, shrunkMessage: shrinker.best.message,
                               shrinkSteps: shrinker.steps, shrinkAttempts: shrinker.attempts,
                               shrinkBudgetExhausted: shrinker.isOutOfBudget,
                               shrunkChoices: shrinker.choices)
    }
}
