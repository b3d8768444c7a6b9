import Foundation
import NetworkModel

/// Number formatting shared by every report. Deterministic: no locale, no
/// platform-dependent digits.
enum Format {
    /// `%.3g`-style: three significant digits, e.g. `1.25e-07`, `3.5`.
    static func short(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "−∞" : "∞" }
        return String(format: "%.3g", x)
    }

    /// Shortest round-trip decimal for a binary64 value (`0.1`, `-1.25e-08`).
    static func exact(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return "\(x)"
    }

    /// `name = value` pairs of a case, inputs first.
    /// `x00 = 0.25, w10 = 1, …`; a large case that is mostly +0 (a shrunk
    /// counterexample) lists its non-zero values and counts the rest.
    static func assignments(_ c: NetworkCase, network: Network) -> String {
        let pairs = Array(zip(network.inputs + network.parameters, c.inputs + c.parameters))
        let zeros = pairs.filter { isPlusZero($0.1) }.count
        guard pairs.count > sparseListing, zeros * 2 >= pairs.count else {
            return pairs.map { "\($0.0) = \(exact($0.1))" }.joined(separator: ", ")
        }
        return pairs.filter { !isPlusZero($0.1) }.map { "\($0.0) = \(exact($0.1))" }.joined(separator: ", ")
            + "; the other \(zeros) values are 0"
    }

    /// Cases with more values than this list only their non-zero ones when mostly zero.
    static let sparseListing = 12

    static func isPlusZero(_ x: Double) -> Bool { x == 0 && x.sign == .plus }

    /// A Markdown table from a header and rows.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let line = { (cells: [String]) in "| " + cells.joined(separator: " | ") + " |" }
        return ([line(header), line(header.map { _ in "---" })] + rows.map(line)).joined(separator: "\n")
    }
}
