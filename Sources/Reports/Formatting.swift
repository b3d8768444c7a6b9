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
    static func assignments(_ c: NetworkCase, network: Network) -> String {
        zip(network.inputs + network.parameters, c.inputs + c.parameters)
            .map { "\($0.0) = \(exact($0.1))" }
            .joined(separator: ", ")
    }

    /// A Markdown table from a header and rows.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let line = { (cells: [String]) in "| " + cells.joined(separator: " | ") + " |" }
        return ([line(header), line(header.map { _ in "---" })] + rows.map(line)).joined(separator: "\n")
    }
}
