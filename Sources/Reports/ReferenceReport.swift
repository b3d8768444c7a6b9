import Engines
import MultiPrecision
import NetworkModel
import Reference
import WireJSON

/// The `reference` command's output for one case: the objective, every intermediate,
/// the exact gradient and the finite-difference gradient with its error
/// estimate, as decimal strings with round-trip digits for the precision.
public struct ReferenceReport {
    public var evaluation: ReferenceEvaluation

    public init(evaluation: ReferenceEvaluation) { self.evaluation = evaluation }

    var network: Network { evaluation.network }

    /// The `reference` JSON: values as decimal strings with round-trip
    /// digits for the precision, the case's values as numbers.
    public var json: JSONValue { ReportJSON.value(JSONForm(evaluation: evaluation)) }

    struct JSONForm: Encodable {
        /// One partial's finite difference.
        struct FiniteDifference: Encodable {
            let value: String
            let errorEstimate: String
            let nonDifferentiable: Bool
            /// Whether comparing it with the exact partial could fail (the estimate tells the value from 0).
            let checkable: Bool

            enum CodingKeys: String, CodingKey {
                case value, checkable
                case errorEstimate = "error_estimate"
                case nonDifferentiable = "non_differentiable"
            }
        }

        let evaluation: ReferenceEvaluation
        var network: Network { evaluation.network }

        enum CodingKeys: String, CodingKey {
            case precision, network, activation, inputs, params, targets, objective, intermediates, gradient
            case objectiveName = "objective_name"
            case finiteDifference = "finite_difference"
        }

        func encode(to encoder: any Encoder) throws {
            var fields = encoder.container(keyedBy: CodingKeys.self)
            let c = evaluation.networkCase
            try fields.encode(evaluation.precision, forKey: .precision)
            try fields.encode(network.name, forKey: .network)
            try fields.encode(network.genericActivation(c), forKey: .activation)
            try fields.encode(Dictionary(uniqueKeysWithValues: zip(network.inputs, c.inputs)), forKey: .inputs)
            try fields.encode(Dictionary(uniqueKeysWithValues: zip(network.parameters, c.parameters)), forKey: .params)
            if !network.targets.isEmpty {
                try fields.encode(Dictionary(uniqueKeysWithValues: zip(network.targets, c.targets)), forKey: .targets)
            }
            try fields.encode(network.objective.name, forKey: .objectiveName)
            try fields.encode(evaluation.objective.description, forKey: .objective)
            try fields.encode(intermediates, forKey: .intermediates)
            try fields.encode(Dictionary(uniqueKeysWithValues: zip(network.parameters, evaluation.gradient.map(\.description))),
                              forKey: .gradient)
            if !evaluation.finiteDifferences.isEmpty {
                try fields.encode(finiteDifferences, forKey: .finiteDifference)
            }
        }

        /// Every unit's pre-activation and output by name.
        var intermediates: [String: String] {
            var values: [String: String] = [:]
            for (u, unit) in network.units.enumerated() {
                values[unit.preactivationName] = evaluation.preactivations[u].description
                values[unit.outputName] = evaluation.outputs[u].description
            }
            return values
        }

        /// The finite differences by parameter name.
        var finiteDifferences: [String: FiniteDifference] {
            Dictionary(uniqueKeysWithValues: evaluation.finiteDifferences.map { p, e in
                (network.parameters[p], FiniteDifference(value: e.value.description,
                                                         errorEstimate: e.errorEstimate.decimalString(significantDigits: 6),
                                                         nonDifferentiable: e.straddlesKink,
                                                         checkable: evaluation.comparison(parameter: p) == .agrees))
            })
        }
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
                             + (e.straddlesKink ? " (stencil straddles a kink: non-differentiable)" : "")
                             + (evaluation.comparison(parameter: p) == .notCheckable
                                ? " (not checkable: the error estimate is as large as the value)" : ""))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
