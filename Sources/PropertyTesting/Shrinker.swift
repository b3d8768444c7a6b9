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
/// The budget bounds property evaluations (`maxAttempts`) and wall time.
struct Shrinker<Value> {
    let generator: Gen<Value>
    /// nil when the value passes, else the failure message.
    let failure: (Value) -> String?
    let maxAttempts: Int
    let deadline: ContinuousClock.Instant

    private(set) var best: (nodes: [ChoiceNode], value: Value, message: String)
    private(set) var attempts = 0
    private(set) var steps = 0
    private var tried = Set<[UInt64]>()

    init(generator: Gen<Value>, failing start: (nodes: [ChoiceNode], value: Value, message: String),
         maxAttempts: Int, timeLimit: Duration, failure: @escaping (Value) -> String?) {
        self.generator = generator
        self.failure = failure
        self.maxAttempts = maxAttempts
        self.deadline = ContinuousClock.now + timeLimit
        best = start
    }

    var isOutOfBudget: Bool { attempts >= maxAttempts || ContinuousClock.now >= deadline }

    /// Runs passes until a round makes no progress or the budget is spent.
    mutating func shrink() {
        while !isOutOfBudget {
            let before = steps
            deleteBlocks()
            simplifyBlocks()
            minimizeEach()
            if steps == before { return }
        }
    }

    /// Replays `choices`; keeps them if the value fails and is simpler.
    @discardableResult
    mutating func attempt(_ choices: [Choice]) -> Bool {
        guard !isOutOfBudget, let (value, nodes) = try? generator.replay(choices),
              ChoiceOrder.isSimpler(nodes, than: best.nodes),
              tried.insert(nodes.map(\.choice.fingerprint)).inserted
        else { return false }
        attempts += 1
        guard let message = failure(value) else { return false }
        best = (nodes, value, message)
        steps += 1
        return true
    }

    var choices: [Choice] { best.nodes.map(\.choice) }

    mutating func deleteBlocks() {
        for size in [8, 4, 2, 1] {
            var start = best.nodes.count - size
            while start >= 0 && !isOutOfBudget {
                var candidate = choices
                candidate.removeSubrange(start..<(start + size))
                if !attempt(candidate) { start -= 1 }
                start = Swift.min(start, best.nodes.count - size)
            }
        }
    }

    mutating func simplifyBlocks() {
        for size in [8, 4, 2] {
            var start = 0
            while start + size <= best.nodes.count && !isOutOfBudget {
                var candidate = choices
                for i in start..<(start + size) { candidate[i] = best.nodes[i].constraint.simplest }
                attempt(candidate)
                start += 1
            }
        }
    }

    mutating func minimizeEach() {
        var i = 0
        while i < best.nodes.count && !isOutOfBudget {
            switch best.nodes[i].choice {
            case .integer(let n): minimizeInteger(at: i, from: n)
            case .double(let x): minimizeDouble(at: i, from: x)
            }
            i += 1
        }
    }

    /// Replaces choice `i` by `replacement` and attempts the result.
    mutating func attempt(at i: Int, _ replacement: Choice) -> Bool {
        guard i < best.nodes.count else { return false }
        var candidate = choices
        candidate[i] = replacement
        return attempt(candidate)
    }

    /// Tries 0, then n − 1, then binary-searches the least failing value in
    /// (lo, hi] assuming failure is monotone.
    mutating func minimizeInteger(at i: Int, from n: UInt64) {
        guard n > 0, !attempt(at: i, .integer(0)), !attempt(at: i, .integer(n - 1)) else { return }
        var lo: UInt64 = 0, hi = n
        while hi - lo > 1 && !isOutOfBudget {
            let mid = lo + (hi - lo) / 2
            if attempt(at: i, .integer(mid)) { hi = mid } else { lo = mid }
        }
    }

    /// Repeatedly takes the simplest candidate that still fails.
    mutating func minimizeDouble(at i: Int, from x: Double) {
        guard case .double(let domain) = best.nodes[i].constraint else { return }
        var current = x
        var improved = true
        while improved && !isOutOfBudget {
            improved = false
            for candidate in DoubleSimplicity.shrinkCandidates(for: current, in: domain)
            where attempt(at: i, .double(candidate)) {
                guard i < best.nodes.count, case .double(let now) = best.nodes[i].choice else { return }
                current = now
                improved = true
                break
            }
        }
    }
}
