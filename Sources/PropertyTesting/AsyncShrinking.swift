/// Budgets for one asynchronous shrink (``Gen/shrink(_:nodes:message:limits:isolation:failure:)``).
public struct ShrinkLimits: Sendable, Hashable {
    /// Most evaluations of the failure predicate (each typically calls an
    /// engine or another service).
    public var maxAttempts: Int
    /// Most wall time, or nil for none. Without a time limit shrinking is a
    /// deterministic function of the start and the predicate.
    public var timeLimit: Duration?

    public init(maxAttempts: Int = 200, timeLimit: Duration? = nil) {
        precondition(maxAttempts >= 0, "maxAttempts must be non-negative")
        self.maxAttempts = maxAttempts
        self.timeLimit = timeLimit
    }
}

/// The simplest failing value an asynchronous shrink found.
public struct ShrinkResult<Value> {
    /// The shrunk value (the start itself when nothing simpler failed).
    public var value: Value
    /// Its choice sequence: ``Gen/replay(_:)`` reproduces ``value``.
    public var choices: [Choice]
    /// The predicate's failure message for ``value``.
    public var message: String
    /// Accepted shrink steps.
    public var steps: Int
    /// Predicate evaluations spent.
    public var attempts: Int
    /// True when shrinking stopped on its attempt or time budget rather than
    /// because no edit was left to try.
    public var budgetExhausted: Bool
}

extension ShrinkResult: Sendable where Value: Sendable {}

extension Gen {
    /// The value of case `caseIndex` of a run with `seed` together with its
    /// recorded choices: the start of a shrink.
    public func recorded(seed: UInt64, caseIndex: Int = 0) throws(GenerationError)
        -> (value: Value, nodes: [ChoiceNode]) {
        let source = ChoiceSource(seed: SplitMix64.caseSeed(seed, index: caseIndex))
        let value = try body(source)
        return (value, source.nodes)
    }

    /// Shrinks a failing value with an asynchronous failure predicate: the
    /// same passes and the same acceptance rule as the property runner's
    /// shrinker (edits of the choice sequence, replayed through the whole
    /// generator, kept when the value still fails and the sequence is
    /// strictly simpler), but each check may await — call an engine, a
    /// process, a service — without blocking a thread.
    ///
    ///     let (value, nodes) = try gen.recorded(seed: seed, caseIndex: 17)
    ///     let result = await gen.shrink(value, nodes: nodes, message: "y is NaN") { candidate in
    ///         let answer = try? await engine.evaluate(request(for: candidate))
    ///         return answer?.y.isNaN == true ? "y is NaN" : nil
    ///     }
    ///
    /// Checks run one at a time, in the caller's isolation, so `failure` may
    /// touch the caller's state. With no time limit the result depends only
    /// on the start and on `failure`'s answers.
    ///
    /// - Parameters:
    ///   - value: a value `failure` rejects, as generated from `nodes`.
    ///   - nodes: its recorded choices (``recorded(seed:caseIndex:)``,
    ///     ``ChoiceSource/nodes``, or ``replay(_:)``).
    ///   - message: `failure`'s message for `value`.
    ///   - limits: at most this many `failure` calls and this much time.
    ///   - failure: nil when a candidate passes, else why it fails.
    public func shrink(_ value: Value, nodes: [ChoiceNode], message: String, limits: ShrinkLimits = ShrinkLimits(),
                       isolation: isolated (any Actor)? = #isolation,
                       failure: nonisolated(nonsending) (Value) async -> String?) async -> ShrinkResult<Value> {
        var search = ShrinkSearch(generator: self, failing: (nodes, value, message),
                                  maxAttempts: limits.maxAttempts, timeLimit: limits.timeLimit)
        var schedule = ShrinkSchedule()
        while !search.isOutOfBudget, let candidate = schedule.next(best: search.best.nodes, steps: search.steps) {
            var accepted = false
            if let (value, nodes) = search.admit(candidate), let message = await failure(value) {
                search.accept(nodes: nodes, value: value, message: message)
                accepted = true
            }
            schedule.record(accepted: accepted, best: search.best.nodes)
        }
        return ShrinkResult(value: search.best.value, choices: search.choices, message: search.best.message,
                            steps: search.steps, attempts: search.attempts, budgetExhausted: search.isOutOfBudget)
    }

    /// Generates case `caseIndex` of a run with `seed` and, when `failure`
    /// rejects it, shrinks it as ``shrink(_:nodes:message:limits:isolation:failure:)``
    /// does; nil when the case passes. The first check is not counted in the
    /// result's ``ShrinkResult/attempts``.
    public func shrink(seed: UInt64, caseIndex: Int, limits: ShrinkLimits = ShrinkLimits(),
                       isolation: isolated (any Actor)? = #isolation,
                       failure: nonisolated(nonsending) (Value) async -> String?) async throws(GenerationError)
        -> ShrinkResult<Value>? {
        let (value, nodes) = try recorded(seed: seed, caseIndex: caseIndex)
        guard let message = await failure(value) else { return nil }
        return await shrink(value, nodes: nodes, message: message, limits: limits, failure: failure)
    }
}
