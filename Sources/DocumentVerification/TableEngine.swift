import Engines
import NetworkModel
import Notation

/// A summary table used as an engine: y from a binary64 forward pass, each
/// partial by evaluating the table's formula for it in binary64, as a
/// person who trusted the table would implement it.
///
/// Running the conformance suite on this engine checks the table the way
/// engines are checked: the seed document's table is wrong on ∂y/∂w10.
public struct TableEngine: GradientEngine {
    public let name: String
    public let network: Network
    /// Each parameter's formula (parameters missing from the table are absent).
    let formulas: [Int: Expression]

    /// The engine for `document`'s summary-table rows.
    public init(document: Document, network: Network, name: String = "table") {
        self.name = name
        self.network = network
        let resolver = SymbolResolver(network: network)
        var formulas: [Int: Expression] = [:]
        for row in document.tableRows {
            if case .parameter(let p)? = resolver.resolve(row.parameter) { formulas[p] = row.rhs }
        }
        self.formulas = formulas
    }

    public func supports(_ network: Network) -> Bool { network == self.network }

    public func evaluate(_ request: EngineRequest) async throws -> EngineResult {
        let c = request.networkCase
        let pass = Backprop.forward(network, activation: c.activation, inputs: c.inputs, parameters: c.parameters,
                                    targets: c.targets, filler: 0.0)
        let evaluator = ExpressionEvaluator<Double>(
            resolver: SymbolResolver(network: network), activation: c.activation, constantsLike: 1,
            value: { $0.value(in: pass, of: c) }, partial: nil)
        var gradient: [String: Double] = [:]
        for (p, formula) in formulas {
            do { gradient[network.parameters[p]] = try evaluator.scalar(formula) } catch {
                throw EngineError.fault(kind: .init(rawValue: "formula"), message: "∂y/∂\(network.parameters[p]): \(error)")
            }
        }
        return EngineResult(objective: pass.objective, gradient: gradient)
    }
}
