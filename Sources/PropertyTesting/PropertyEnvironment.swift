/// The environment variables that steer property runs, and their parsing
/// (pure: the caller passes the environment in).
///
/// - `BACKPROP_CHECK_SEED`: a decimal UInt64 seed, or `random` for a fresh
///   seed per process (the caller should print it);
/// - `BACKPROP_CHECK_CASES`: number of cases per property;
/// - `BACKPROP_CHECK_CASE`: run only this case index (with the seed, replays it).
public struct PropertyEnvironment: Sendable, Hashable {
    public static let seedVariable = "BACKPROP_CHECK_SEED"
    public static let casesVariable = "BACKPROP_CHECK_CASES"
    public static let caseVariable = "BACKPROP_CHECK_CASE"

    /// A seed setting.
    public enum Seed: Sendable, Hashable {
        case fixed(UInt64)
        case random
    }

    public var seed: Seed?
    public var cases: Int?
    public var onlyCase: Int?

    public init(seed: Seed? = nil, cases: Int? = nil, onlyCase: Int? = nil) {
        self.seed = seed
        self.cases = cases
        self.onlyCase = onlyCase
    }

    /// A malformed variable.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var variable: String
        public var value: String
        public var expected: String
        public var description: String { "\(variable)=\(value) is not \(expected)" }
    }

    /// Reads the three variables from `environment`; absent or empty ones stay nil.
    public static func parse(_ environment: [String: String]) throws(ParseError) -> PropertyEnvironment {
        var result = PropertyEnvironment()
        if let text = value(seedVariable, environment) {
            if text.lowercased() == "random" { result.seed = .random }
            else if let seed = UInt64(text) { result.seed = .fixed(seed) }
            else { throw ParseError(variable: seedVariable, value: text, expected: "a decimal UInt64 or `random`") }
        }
        if let text = value(casesVariable, environment) {
            guard let n = Int(text), n >= 0 else {
                throw ParseError(variable: casesVariable, value: text, expected: "a non-negative integer")
            }
            result.cases = n
        }
        if let text = value(caseVariable, environment) {
            guard let i = Int(text), i >= 0 else {
                throw ParseError(variable: caseVariable, value: text, expected: "a non-negative case index")
            }
            result.onlyCase = i
        }
        return result
    }

    static func value(_ name: String, _ environment: [String: String]) -> String? {
        guard let text = environment[name]?.trimmingWhitespace, !text.isEmpty else { return nil }
        return text
    }
}

extension String {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
