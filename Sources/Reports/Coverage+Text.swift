import Conformance

extension EngineReport {
    /// One sentence for reports: how many cases the engine evaluated, and
    /// why a verdict cannot be *conforms* when too few were.
    var coverageSentence: String {
        var parts: [String] = []
        if coverage.declined > 0 { parts.append("declined \(coverage.declined)") }
        if coverage.faulted > 0 { parts.append("faulted on \(coverage.faulted)") }
        let rest = parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
        let sentence = "Coverage: the engine \(coverage.summary)\(rest)."
        guard let insufficient = insufficientCoverage else { return sentence }
        return sentence + " Not a conforming engine: \(insufficient)."
    }
}
