/// A generator of values: a deterministic function from a ``ChoiceSource`` to
/// a value.
///
/// Generators compose (``map(_:)``, ``flatMap(_:)``, ``filter(maxAttempts:fileID:line:_:)``,
/// ``Gen/zip(_:_:)``, ``Gen/oneOf(_:)``, ``Gen/frequency(_:)``,
/// ``array(count:)``) and every composite is again a function of the choices
/// its primitives draw. A value is therefore reproduced by replaying its
/// choice sequence, and shrinking edits that sequence and re-runs the whole
/// generator: shrinking works through `map` and `flatMap` without any
/// per-type shrinker, and invariants a generator enforces hold for every
/// shrunk value too.
public struct Gen<Value>: Sendable {
    let body: @Sendable (ChoiceSource) throws(GenerationError) -> Value

    /// A generator from a function of the draw source (for custom primitives).
    public init(_ body: @escaping @Sendable (ChoiceSource) throws(GenerationError) -> Value) {
        self.body = body
    }

    /// Runs the generator on `source`.
    public func generate(from source: ChoiceSource) throws(GenerationError) -> Value {
        try body(source)
    }

    /// The value of case `index` of a run with seed `seed`: exactly what the
    /// property runner generates for that case.
    public func generate(seed: UInt64, caseIndex: Int = 0) throws(GenerationError) -> Value {
        try body(ChoiceSource(seed: SplitMix64.caseSeed(seed, index: caseIndex)))
    }

    /// The values of cases `0..<count` of a run with seed `seed`.
    public func samples(seed: UInt64, count: Int) throws(GenerationError) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(count)
        for index in 0..<count { values.append(try generate(seed: seed, caseIndex: index)) }
        return values
    }

    /// The value `choices` replay to, with the normalised choice record.
    public func replay(_ choices: [Choice]) throws(GenerationError) -> (value: Value, nodes: [ChoiceNode]) {
        let source = ChoiceSource(replaying: choices)
        let value = try body(source)
        return (value, source.nodes)
    }
}

// MARK: - Transformations

extension Gen {
    /// Applies `transform` to every generated value; shrinks as the source does.
    public func map<T>(_ transform: @escaping @Sendable (Value) -> T) -> Gen<T> {
        Gen<T> { source throws(GenerationError) in transform(try self.body(source)) }
    }

    /// Generates a value, then runs the generator `transform` makes from it.
    /// Both stages draw from the same choice sequence, so shrinking the first
    /// stage re-runs the second on the edited choices.
    public func flatMap<T>(_ transform: @escaping @Sendable (Value) -> Gen<T>) -> Gen<T> {
        Gen<T> { source throws(GenerationError) in try transform(try self.body(source)).body(source) }
    }

    /// Keeps only values satisfying `predicate`, redrawing up to `maxAttempts`
    /// times in a row; then fails with ``GenerationError/filterExhausted(attempts:location:)``
    /// naming the call site. Prefer constructing valid values directly.
    public func filter(maxAttempts: Int = 100, fileID: String = #fileID, line: Int = #line,
                       _ predicate: @escaping @Sendable (Value) -> Bool) -> Gen<Value> {
        precondition(maxAttempts > 0, "filter needs at least one attempt")
        return Gen { source throws(GenerationError) in
            for _ in 0..<maxAttempts {
                let value = try self.body(source)
                if predicate(value) { return value }
            }
            throw .filterExhausted(attempts: maxAttempts, location: "\(fileID):\(line)")
        }
    }
}

// MARK: - Basic generators

extension Gen {
    /// Always `value`; draws nothing.
    public static func constant(_ value: Value) -> Gen<Value> where Value: Sendable {
        Gen { _ in value }
    }

    /// One of `generators`, uniformly; shrinks toward earlier alternatives.
    public static func oneOf(_ generators: [Gen<Value>]) -> Gen<Value> {
        frequency(generators.map { (1, $0) })
    }

    /// One of `generators`, uniformly; shrinks toward earlier alternatives.
    public static func oneOf(_ generators: Gen<Value>...) -> Gen<Value> {
        oneOf(generators)
    }

    /// One of `alternatives`, alternative k with probability wₖ / Σw; shrinks
    /// toward earlier alternatives. Weights must be non-negative with a
    /// positive sum; alternatives of weight 0 are dropped, so shrinking
    /// cannot reach them either.
    public static func frequency(_ alternatives: [(weight: Int, generator: Gen<Value>)]) -> Gen<Value> {
        precondition(alternatives.allSatisfy { $0.weight >= 0 }, "frequency weights must be non-negative")
        let kept = alternatives.filter { $0.weight > 0 }
        let pick = Gen<Int>.weightedIndex(kept.map(\.weight))
        let generators = kept.map(\.generator)
        return Gen { source throws(GenerationError) in
            try generators[try pick.body(source)].body(source)
        }
    }

    /// An element of `elements`, uniformly; shrinks toward the first.
    public static func element(of elements: [Value]) -> Gen<Value> where Value: Sendable {
        precondition(!elements.isEmpty, "element(of:) needs a non-empty collection")
        return Gen<Int>.int(in: 0...(elements.count - 1)).map { elements[$0] }
    }

    /// An array with a length in `count` whose elements come from `self`.
    ///
    /// Each element beyond the minimum is preceded by a recorded
    /// continue-flag (1 = another element); deleting a flag together with its
    /// element's draws removes exactly that element, which is how arrays
    /// shrink in length. Fresh lengths are uniform in `count`.
    public func array(count: ClosedRange<Int>) -> Gen<[Value]> {
        precondition(count.lowerBound >= 0, "array lengths are non-negative")
        return Gen<[Value]> { source throws(GenerationError) in
            let span = UInt64(count.upperBound - count.lowerBound)
            let intended = count.lowerBound + Int(source.unrecorded { $0.next(upTo: span) } ?? 0)
            var values: [Value] = []
            while values.count < count.lowerBound { values.append(try self.body(source)) }
            while values.count < count.upperBound {
                let more = try source.integer(upTo: 1) { _ in values.count < intended ? 1 : 0 }
                if more == 0 { break }
                values.append(try self.body(source))
            }
            return values
        }
    }
}

extension Gen where Value == Int {
    /// An index k with probability wₖ / Σw, recorded as an integer choice so
    /// that it shrinks toward index 0.
    public static func weightedIndex(_ weights: [Int]) -> Gen<Int> {
        precondition(!weights.isEmpty && weights.allSatisfy { $0 >= 0 } && weights.contains { $0 > 0 },
                     "weights must be non-negative with a positive sum")
        let total = UInt64(weights.reduce(0, +))
        let bound = UInt64(weights.count - 1)
        return Gen { source throws(GenerationError) in
            Int(try source.integer(upTo: bound) { rng in
                UInt64(Self.bucket(of: rng.next(upTo: total - 1), weights: weights))
            })
        }
    }

    /// The index k with W_{k-1} ≤ r < W_k for cumulative weights W.
    static func bucket(of r: UInt64, weights: [Int]) -> Int {
        var cumulative: UInt64 = 0
        for (k, w) in weights.enumerated() {
            cumulative += UInt64(w)
            if r < cumulative { return k }
        }
        return weights.count - 1
    }

    /// A uniform integer in `range`, shrinking toward the member nearest 0
    /// (toward 0 itself, then alternately +1, −1, +2, −2, …).
    public static func int(in range: ClosedRange<Int>) -> Gen<Int> {
        let count = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound))
        return Gen { source throws(GenerationError) in
            IntegerOrdering.value(rank: try source.integer(upTo: count), in: range)
        }
    }
}

extension Gen where Value == Bool {
    /// false or true with equal probability; shrinks to false.
    public static var bool: Gen<Bool> {
        Gen { source throws(GenerationError) in try source.integer(upTo: 1) == 1 }
    }
}
