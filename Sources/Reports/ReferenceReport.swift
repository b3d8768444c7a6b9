import Engines
import MultiPrecision
import NetworkModel
import Reference

/// The `reference` command's output for one case: the objective, every intermediate,
/// the exact gradient and the finite-difference gradient with its error
/// estimate, as decimal strings with round-trip digits for the precision.
public struct ReferenceReport {
    public var evaluation: ReferenceEvaluation

    public init(evaluation: ReferenceEvaluation) { self.evaluation = evaluation }

    var network: Network { evaluation.network }

    public var json: JSONValue {
        var intermediates: [String: JSONValue] = [:]
        for (u, unit) in network.units.enumerated() {
            intermediates[unit.preactivationName] = .string(evaluation.preactivations[u].description)
            intermediates[unit.outputName] = .string(evaluation.outputs[u].description)
        }
        let named = { (values: [BigFloat]) in
            JSONValue.object(Dictionary(uniqueKeysWithValues: zip(self.network.parameters, values.map { .string($0.description) })))
        }
        var fields: [String: JSONValue] = [
            "precision": .number(Double(evaluation.precision)),
            "network": .string(network.name),
            "activation": .string(evaluation.networkCase.activation.rawValue),
            "inputs": .object(Dictionary(uniqueKeysWithValues: zip(network.inputs, evaluation.networkCase.inputs.map(JSONValue.double)))),
            "params": .object(Dictionary(uniqueKeysWithValues: zip(network.parameters,
                                                                   evaluation.networkCase.parameters.map(JSONValue.double)))),
            "objective_name": .string(network.objective.name),
            "objective": .string(evaluation.objective.description),
            "intermediates": .object(intermediates),
            "gradient": named(evaluation.gradient),
        ]
        if !network.targets.isEmpty {
            fields["targets"] = .object(Dictionary(uniqueKeysWithValues: zip(network.targets,
                                                                             evaluation.networkCase.targets.map(JSONValue.double))))
        }
        if !evaluation.finiteDifferences.isEmpty {
            fields["finite_difference"] = .object(Dictionary(uniqueKeysWithValues: evaluation.finiteDifferences.map { p, e in
                (network.parameters[p], JSONValue.object(["value": .string(e.value.description),
                                  "error_estimate": .string(e.errorEstimate.decimalString(significantDigits: 6)),
                                  "non_differentiable": .bool(e.straddlesKink)]))
            }))
        }
        return .object(fields)
    }

    /// Aligned `name = value` lines for a terminal.
    public var text: String {
        let objective = network.objective.name
        let activation = network.hasGenericUnits ? ", activation \(evaluation.networkCase.activation.rawValue)" : ""
        var lines = ["network \(network.name), precision \(evaluation.precision) bits\(activation)",
                     "\(objective) = \(evaluation.objective)"]
        for (name, t) in zip(network.targets, evaluation.networkCase.targets) { lines.append("target \(name) = \(t)") }
        for (u, unit) in network.units.enumerated() {
            lines.append("\(unit.preactivationName) = \(evaluation.preactivations[u])")
            lines.append("\(unit.outputName) = \(evaluation.outputs[u])")
        }
        for (p, name) in network.parameters.enumerated() {
            lines.append("∂\(objective)/∂\(name) = \(evaluation.gradient[p])")
            if let e = evaluation.finiteDifferences[p] {
                lines.append("  finite difference \(e.value) ± \(e.errorEstimate.decimalString(significantDigits: 3))"
                             + (e.straddlesKink ? " (stencil straddles a kink: non-differentiable)" : ""))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
