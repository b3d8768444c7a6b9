/// Integrated shrinking over a recorded choice sequence (after Hypothesis).
///
/// Starting from a failing sequence, each pass proposes edited sequences,
/// replays the generator on them and keeps an edit when the replayed value
/// still fails *and* its normalised sequence is strictly simpler in
/// ``ChoiceOrder``. Passes, repeated until a full round changes nothing or
/// the budget runs out:
///
/// 1. delete blocks of 8, 4, 2, 1 consecutive choices (drops array elements,
///    filter retries and draws a simpler branch no longer makes);
/// 2. replace blocks of 8, 4, 2 choices by their simplest values;
/// 3. minimise each choice alone: integers by trying 0 then binary search
///    toward 0; doubles through ``DoubleSimplicity/shrinkCandidates(for:in:)``
///    (0, ±1, powers of two, fewer significant bits, …), simplest first.
///
/// The passes live in ``ShrinkSchedule`` and the bookkeeping in
/// ``ShrinkSearch``, which the asynchronous driver
/// (``Gen/shrink(_:nodes:message:limits:isolation:failure:)``) shares.
/// The budget bounds property evaluations (`maxAttempts`) and wall time.
struct Shrinker<Value> {
    /// nil when the value passes, else the failure message.
    let failure: (Value) -> String?
    private(set) var search: ShrinkSearch<Value>

    init(generator: Gen<Value>, failing start: (nodes: [ChoiceNode], value: Value, message: String),
         maxAttempts: Int, timeLimit: Duration, failure: @escaping (Value) -> String?) {
        self.failure = failure
        search = ShrinkSearch(generator: generator, failing: start, maxAttempts: maxAttempts, timeLimit: timeLimit)
    }

    var best: (nodes: [ChoiceNode], value: Value, message: String) { search.best }
    var attempts: Int { search.attempts }
    var steps: Int { search.steps }
    var isOutOfBudget: Bool { search.isOutOfBudget }
    var choices: [Choice] { search.choices }

    /// Runs passes until a round makes no progress or the budget is spent.
    mutating func shrink() {
        var schedule = ShrinkSchedule()
        while !search.isOutOfBudget, let candidate = schedule.next(best: search.best.nodes, steps: search.steps) {
            schedule.record(accepted: attempt(candidate), best: search.best.nodes)
        }
    }

    /// Replays `choices`; keeps them if the value fails and is simpler.
    @discardableResult
    mutating func attempt(_ choices: [Choice]) -> Bool {
        guard let (value, nodes) = search.admit(choices), let message = failure(value) else { return false }
        search.accept(nodes: nodes, value: value, message: message)
        return true
    }
}

/// The state a shrinking driver keeps: the best failing sequence so far, the
/// budget, and the sequences already tried.
struct ShrinkSearch<Value> {
    let generator: Gen<Value>
    let maxAttempts: Int
    /// nil: no wall-clock limit.
    let deadline: ContinuousClock.Instant?

    private(set) var best: (nodes: [ChoiceNode], value: Value, message: String)
    private(set) var attempts = 0
    private(set) var steps = 0
    private var tried = Set<[UInt64]>()

    init(generator: Gen<Value>, failing start: (nodes: [ChoiceNode], value: Value, message: String),
         maxAttempts: Int, timeLimit: Duration?) {
        self.generator = generator
        self.maxAttempts = maxAttempts
        self.deadline = timeLimit.map { ContinuousClock.now + $0 }
        best = start
    }

    var isOutOfBudget: Bool {
        attempts >= maxAttempts || deadline.map { ContinuousClock.now >= $0 } ?? false
    }

    var choices: [Choice] { best.nodes.map(\.choice) }

    /// Replays `choices` and returns the value to check when it is worth a
    /// property evaluation — within budget, strictly simpler than the best,
    /// not tried before — counting the evaluation as an attempt.
    mutating func admit(_ choices: [Choice]) -> (value: Value, nodes: [ChoiceNode])? {
        guard !isOutOfBudget, let (value, nodes) = try? generator.replay(choices),
              ChoiceOrder.isSimpler(nodes, than: best.nodes),
              tried.insert(nodes.map(\.choice.fingerprint)).inserted
        else { return nil }
        attempts += 1
        return (value, nodes)
    }

    /// Records that an admitted value still fails.
    mutating func accept(nodes: [ChoiceNode], value: Value, message: String) {
        best = (nodes, value, message)
        steps += 1
    }
}

/// The shrink passes as an explicit state machine, so that synchronous and
/// asynchronous drivers run exactly the same edits: ``next(best:steps:)``
/// proposes the next edited choice sequence (nil when shrinking is done), the
/// driver tries it and reports back with ``record(accepted:best:)``.
///
/// The passes, in order, repeated while a round makes progress:
/// delete blocks (sizes ``deleteSizes``, back to front; a failed deletion
/// moves one position left), simplify blocks (sizes ``simplifySizes``, front
/// to back), then minimise each choice (integers: 0, n − 1, binary search;
/// doubles: the simplest still-failing shrink candidate, repeatedly).
struct ShrinkSchedule {
    static let deleteSizes = [8, 4, 2, 1]
    static let simplifySizes = [8, 4, 2]

    enum Phase {
        case delete(sizeIndex: Int, start: Int)
        case simplify(sizeIndex: Int, start: Int)
        case minimize(index: Int, step: MinimizeStep)
        case finished
    }

    /// Where minimising choice `index` stands.
    enum MinimizeStep {
        case begin
        case integerZero(UInt64)
        case integerPredecessor(UInt64)
        /// The least failing value lies in (lo, hi]; proposing the midpoint.
        case integerSearch(lo: UInt64, hi: UInt64)
        /// Trying `candidates[next...]` (simplest first) in `domain`.
        case double(domain: DoubleDomain, candidates: [Double], next: Int)
    }

    /// Set by the first ``next(best:steps:)``.
    private(set) var phase: Phase = .finished
    /// Accepted steps when the current round began (nil before the first).
    private var stepsAtRoundStart: Int?

    /// The next sequence to try, or nil when a round made no progress.
    mutating func next(best nodes: [ChoiceNode], steps: Int) -> [Choice]? {
        if stepsAtRoundStart == nil { startRound(nodes, steps) }
        while true {
            switch phase {
            case .finished:
                return nil
            case .delete(let s, let start):
                let size = Self.deleteSizes[s]
                if start >= 0 {
                    var candidate = nodes.map(\.choice)
                    candidate.removeSubrange(start..<(start + size))
                    return candidate
                }
                phase = s + 1 < Self.deleteSizes.count
                    ? .delete(sizeIndex: s + 1, start: nodes.count - Self.deleteSizes[s + 1])
                    : .simplify(sizeIndex: 0, start: 0)
            case .simplify(let s, let start):
                let size = Self.simplifySizes[s]
                if start + size <= nodes.count {
                    var candidate = nodes.map(\.choice)
                    for i in start..<(start + size) { candidate[i] = nodes[i].constraint.simplest }
                    return candidate
                }
                phase = s + 1 < Self.simplifySizes.count
                    ? .simplify(sizeIndex: s + 1, start: 0)
                    : .minimize(index: 0, step: .begin)
            case .minimize(let i, let step):
                guard i < nodes.count else {
                    if steps == stepsAtRoundStart { phase = .finished } else { startRound(nodes, steps) }
                    continue
                }
                if let candidate = proposal(minimizing: i, step, nodes) { return candidate }
            }
        }
    }

    /// The candidate for minimising choice `i` at `step`, or nil after moving
    /// the phase on (to a sub-step, or to the next choice).
    private mutating func proposal(minimizing i: Int, _ step: MinimizeStep, _ nodes: [ChoiceNode]) -> [Choice]? {
        func replacing(_ choice: Choice) -> [Choice] {
            var candidate = nodes.map(\.choice)
            candidate[i] = choice
            return candidate
        }
        switch step {
        case .begin:
            switch (nodes[i].choice, nodes[i].constraint) {
            case (.integer(let n), _) where n > 0:
                phase = .minimize(index: i, step: .integerZero(n))
            case (.double(let x), .double(let domain)):
                phase = .minimize(index: i, step: .double(
                    domain: domain, candidates: DoubleSimplicity.shrinkCandidates(for: x, in: domain), next: 0))
            default:
                phase = .minimize(index: i + 1, step: .begin)
            }
            return nil
        case .integerZero:
            return replacing(.integer(0))
        case .integerPredecessor(let n):
            return replacing(.integer(n - 1))
        case .integerSearch(let lo, let hi):
            guard hi - lo > 1 else {
                phase = .minimize(index: i + 1, step: .begin)
                return nil
            }
            return replacing(.integer(lo + (hi - lo) / 2))
        case .double(_, let candidates, let next):
            guard next < candidates.count else {
                phase = .minimize(index: i + 1, step: .begin)
                return nil
            }
            return replacing(.double(candidates[next]))
        }
    }

    /// Moves on after the driver tried the last proposal; `nodes` is the
    /// (possibly new) best sequence.
    mutating func record(accepted: Bool, best nodes: [ChoiceNode]) {
        switch phase {
        case .delete(let s, let start):
            let moved = accepted ? start : start - 1
            phase = .delete(sizeIndex: s, start: Swift.min(moved, nodes.count - Self.deleteSizes[s]))
        case .simplify(let s, let start):
            phase = .simplify(sizeIndex: s, start: start + 1)
        case .minimize(let i, let step):
            phase = .minimize(index: i, step: Self.after(step, accepted: accepted, at: i, nodes))
        case .finished:
            break
        }
    }

    /// The minimising step after trying `step`'s proposal at choice `i`
    /// (``advancedPastChoice`` when choice `i` is done).
    private static func after(_ step: MinimizeStep, accepted: Bool, at i: Int,
                              _ nodes: [ChoiceNode]) -> MinimizeStep {
        switch step {
        case .begin:
            return .begin
        case .integerZero(let n):
            return accepted ? advancedPastChoice : .integerPredecessor(n)
        case .integerPredecessor(let n):
            return accepted ? advancedPastChoice : .integerSearch(lo: 0, hi: n)
        case .integerSearch(let lo, let hi):
            let mid = lo + (hi - lo) / 2
            return accepted ? .integerSearch(lo: lo, hi: mid) : .integerSearch(lo: mid, hi: hi)
        case .double(let domain, let candidates, let next):
            guard accepted else { return .double(domain: domain, candidates: candidates, next: next + 1) }
            guard i < nodes.count, case .double(let now) = nodes[i].choice else { return advancedPastChoice }
            return .double(domain: domain, candidates: DoubleSimplicity.shrinkCandidates(for: now, in: domain),
                           next: 0)
        }
    }

    /// A step that proposes nothing, so ``proposal(minimizing:_:_:)`` moves
    /// to the next choice: an exhausted integer search.
    private static let advancedPastChoice = MinimizeStep.integerSearch(lo: 0, hi: 1)

    private mutating func startRound(_ nodes: [ChoiceNode], _ steps: Int) {
        stepsAtRoundStart = steps
        phase = .delete(sizeIndex: 0, start: nodes.count - Self.deleteSizes[0])
    }
}
