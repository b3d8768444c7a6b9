import Conformance
import Foundation
import NetworkModel

/// A plain SVG chart of an engine's error distribution: one histogram per
/// quantity of log₂(error / τ), bars stacked by regime, a dashed line at the
/// tolerance (0). Everything left of the line conforms.
public struct ErrorHistogramSVG {
    public var report: EngineReport
    /// Bins span log₂(error/τ) ∈ [lower, upper); values outside are clamped
    /// into the end bins (an exact answer lands in the first).
    public var bins = QuantityReport.histogramBins

    public init(report: EngineReport) { self.report = report }

    static let panelWidth = 300.0, panelHeight = 130.0, columns = 3
    static let colors: [Regime: String] = [
        .ordinary: "#4c78a8", .saturation: "#f58518", .tiny: "#54a24b",
        .wide: "#b279a2", .cancellation: "#e45756", .equalWeights: "#72b7b2",
    ]

    /// The SVG document.
    public var svg: String {
        let quantities = [report.value] + report.partials
        let rows = (quantities.count + Self.columns - 1) / Self.columns
        let width = Double(Self.columns) * Self.panelWidth + 20
        let height = Double(rows) * Self.panelHeight + 70
        var parts = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" "
                + "font-family=\"sans-serif\" font-size=\"10\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
            "<text x=\"10\" y=\"16\" font-size=\"13\">Engine \(escape(report.engine)): "
                + "log₂(error / tolerance) per quantity, by regime</text>",
        ]
        for (i, q) in quantities.enumerated() {
            let x = 10 + Double(i % Self.columns) * Self.panelWidth
            let y = 26 + Double(i / Self.columns) * Self.panelHeight
            parts.append(panel(q, x: x, y: y))
        }
        parts.append(legend(y: height - 20))
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }

    var binCount: Int { bins.count }
    var lower: Double { bins.lower }
    var upper: Double { bins.upper }

    /// Counts per bin per regime, regimes in declaration order.
    func counts(_ q: QuantityReport) -> [(Regime, [Int])] {
        Regime.allCases.compactMap { regime in
            guard let counts = q.errorHistogram[regime], counts.contains(where: { $0 > 0 }) else { return nil }
            return (regime, counts)
        }
    }

    func panel(_ q: QuantityReport, x: Double, y: Double) -> String {
        let plotX = x + 30, plotY = y + 18, plotW = Self.panelWidth - 45, plotH = Self.panelHeight - 45
        let stacks = counts(q)
        let totals = (0..<binCount).map { b in stacks.reduce(0) { $0 + $1.1[b] } }
        let peak = Double(max(1, totals.max() ?? 1))
        let barW = plotW / Double(binCount)
        var out = ["<g>",
                   "<text x=\"\(n(x))\" y=\"\(n(y + 10))\" font-size=\"11\">\(escape(title(q)))</text>",
                   "<rect x=\"\(n(plotX))\" y=\"\(n(plotY))\" width=\"\(n(plotW))\" height=\"\(n(plotH))\" "
                       + "fill=\"none\" stroke=\"#ccc\"/>"]
        var base = [Double](repeating: 0, count: binCount)
        for (regime, bins) in stacks {
            for b in 0..<binCount where bins[b] > 0 {
                let h = Double(bins[b]) / peak * plotH
                base[b] += h
                out.append("<rect x=\"\(n(plotX + Double(b) * barW))\" y=\"\(n(plotY + plotH - base[b]))\" "
                           + "width=\"\(n(barW - 0.5))\" height=\"\(n(h))\" fill=\"\(Self.colors[regime]!)\"/>")
            }
        }
        let zeroX = plotX + (0 - lower) / (upper - lower) * plotW
        out.append("<line x1=\"\(n(zeroX))\" y1=\"\(n(plotY))\" x2=\"\(n(zeroX))\" y2=\"\(n(plotY + plotH))\" "
                   + "stroke=\"black\" stroke-dasharray=\"3,2\"/>")
        for tick in stride(from: lower, through: upper, by: 20) {
            let tx = plotX + (tick - lower) / (upper - lower) * plotW
            out.append("<text x=\"\(n(tx))\" y=\"\(n(plotY + plotH + 11))\" text-anchor=\"middle\">\(Int(tick))</text>")
        }
        out.append("<text x=\"\(n(plotX - 4))\" y=\"\(n(plotY + 8))\" text-anchor=\"end\">\(Int(peak))</text>")
        out.append("</g>")
        return out.joined(separator: "\n")
    }

    func title(_ q: QuantityReport) -> String {
        report.label(q) + " — \(q.verdict.rawValue)"
    }

    func legend(y: Double) -> String {
        Regime.allCases.enumerated().map { i, regime in
            let x = 10 + Double(i) * 110
            return "<rect x=\"\(n(x))\" y=\"\(n(y - 8))\" width=\"10\" height=\"10\" fill=\"\(Self.colors[regime]!)\"/>"
                + "<text x=\"\(n(x + 14))\" y=\"\(n(y + 1))\">\(regime.rawValue)</text>"
        }.joined(separator: "\n")
    }

    func n(_ x: Double) -> String { String(format: "%.1f", x) }

    func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
