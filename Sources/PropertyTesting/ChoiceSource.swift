/// Where a generator run takes its draws from, and the record of them.
///
/// *Fresh* sources sample from a ``Xoshiro256StarStar`` stream; *replaying*
/// sources read a given choice sequence (the shrinker's edited sequences).
/// Either way every draw is recorded as a ``ChoiceNode``, so ``nodes`` is the
/// normalised sequence that reproduces the value just generated.
///
/// Replaying is forgiving, which is what lets the shrinker delete and change
/// choices freely: a recorded choice of the right kind inside the draw's
/// constraint is used as is; an integer above the bound is clamped to it; a
/// double outside the domain, a choice of the wrong kind, or a draw past the
/// end of the sequence yields the constraint's simplest value.
public final class ChoiceSource {
    enum Mode {
        case fresh(Xoshiro256StarStar)
        case replay([Choice])
    }

    /// Default cap on draws per generated value: room for a case of a
    /// network with millions of parameters (a 784-128-10 case draws
    /// 102,554 values), while an unbounded recursive generator still stops.
    public static let defaultChoiceLimit = 10_000_000

    var mode: Mode
    var position = 0
    let choiceLimit: Int
    /// The draws made so far, in order.
    public private(set) var nodes: [ChoiceNode] = []

    /// A source sampling the stream seeded with `seed`.
    public init(seed: UInt64, choiceLimit: Int = ChoiceSource.defaultChoiceLimit) {
        mode = .fresh(Xoshiro256StarStar(seed: seed))
        self.choiceLimit = choiceLimit
    }

    /// A source replaying `choices`.
    public init(replaying choices: [Choice], choiceLimit: Int = ChoiceSource.defaultChoiceLimit) {
        mode = .replay(choices)
        self.choiceLimit = choiceLimit
    }

    /// Draws an integer in `0...bound`. When fresh, `sample` picks it from the
    /// stream (its result is clamped to the bound); 0 is the simplest value.
    public func integer(upTo bound: UInt64,
                        sample: (inout Xoshiro256StarStar) -> UInt64) throws(GenerationError) -> UInt64 {
        let value: UInt64
        switch nextRecorded() {
        case .fresh(var rng):
            value = Swift.min(sample(&rng), bound)
            mode = .fresh(rng)
        case .replayed(.integer(let n)):
            value = Swift.min(n, bound)
        case .replayed, .exhausted:
            value = 0
        }
        try record(.integer(value), .integer(upTo: bound))
        return value
    }

    /// Draws a uniform integer in `0...bound`.
    public func integer(upTo bound: UInt64) throws(GenerationError) -> UInt64 {
        try integer(upTo: bound) { $0.next(upTo: bound) }
    }

    /// Draws a double from `domain`. When fresh, `sample` picks it from the
    /// stream (its result is moved to the nearest member of the domain).
    public func double(in domain: DoubleDomain,
                       sample: (inout Xoshiro256StarStar) -> Double) throws(GenerationError) -> Double {
        let value: Double
        switch nextRecorded() {
        case .fresh(var rng):
            value = domain.nearestMember(to: sample(&rng))
            mode = .fresh(rng)
        case .replayed(.double(let x)) where domain.contains(x):
            value = x
        case .replayed, .exhausted:
            value = domain.simplest
        }
        try record(.double(value), .double(domain))
        return value
    }

    /// Runs `sample` on the stream without recording a choice, or returns nil
    /// when replaying. For generation-time decisions that recorded choices
    /// already encode (e.g. the intended length behind an array's
    /// continue-flags).
    public func unrecorded<T>(_ sample: (inout Xoshiro256StarStar) -> T) -> T? {
        guard case .fresh(var rng) = mode else { return nil }
        let result = sample(&rng)
        mode = .fresh(rng)
        return result
    }

    enum Next {
        case fresh(Xoshiro256StarStar)
        case replayed(Choice)
        case exhausted
    }

    /// The stream (fresh), the recorded choice at the current position, or
    /// `exhausted` past the end of a replayed sequence; advances the position.
    private func nextRecorded() -> Next {
        defer { position += 1 }
        switch mode {
        case .fresh(let rng): return .fresh(rng)
        case .replay(let choices): return position < choices.count ? .replayed(choices[position]) : .exhausted
        }
    }

    private func record(_ choice: Choice, _ constraint: ChoiceConstraint) throws(GenerationError) {
        guard nodes.count < choiceLimit else { throw .tooManyChoices(limit: choiceLimit) }
        nodes.append(ChoiceNode(choice: choice, constraint: constraint))
    }
}
