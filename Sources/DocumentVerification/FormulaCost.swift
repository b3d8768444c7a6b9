import Engines
import NetworkModel
import Notation

/// The cost of section 3's alternative: evaluating each partial's formula on
/// its own, with no sub-expression shared between formulas. The forward
/// values (z, x) are given free, as they are to back-propagation's sweep.
public enum FormulaCost {
    /// Operation counts of evaluating every formula separately at `networkCase`.
    public static func measure(formulas: [Expression], network: Network, networkCase: NetworkCase) throws -> [String: Int] {
        let tally = OperationTally()
        let pass = Backprop.forward(network, activation: networkCase.activation,
                                    inputs: networkCase.inputs, parameters: networkCase.parameters,
                                    targets: networkCase.targets, filler: 0.0)
        let evaluator = ExpressionEvaluator<CountedDouble>(
            resolver: SymbolResolver(network: network), activation: networkCase.activation,
            constantsLike: CountedDouble(1, tally: tally),
            value: { CountedDouble($0.value(in: pass, of: networkCase), tally: tally) }, partial: nil)
        for formula in formulas { _ = try evaluator.scalar(formula) }
        return tally.counts
    }
}

extension DocumentFindings {
    /// The summary table with every discrepant row replaced by its first
    /// suggested repair, in parameter order of the rows.
    public func correctedTableFormulas() throws -> [(parameter: String, latex: String)] {
        rows.map { row in
            (row.subject, row.verdict == .discrepant ? (row.repairs.first?.latex ?? row.latex) : row.latex)
        }
    }
}
