/// Why a generator could not produce a value.
public enum GenerationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A ``Gen/filter(maxAttempts:fileID:line:_:)`` predicate rejected every
    /// one of `attempts` consecutive values.
    case filterExhausted(attempts: Int, location: String)
    /// A run made more than `limit` draws (a runaway recursive generator).
    case tooManyChoices(limit: Int)

    public var description: String {
        switch self {
        case .filterExhausted(let attempts, let location):
            "filter at \(location) rejected \(attempts) consecutive values; loosen the predicate, "
                + "raise maxAttempts, or generate valid values directly (map instead of filter)"
        case .tooManyChoices(let limit):
            "the generator made more than \(limit) draws for one value; is a recursive generator unbounded?"
        }
    }
}
