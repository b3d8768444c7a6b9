import Engines
import NetworkModel
import Verification

/// The `engine` JSON schema (docs/report-schema.md): snake_case keys,
/// non-finite numbers as the strings "nan", "inf", "-inf".
extension EngineReport {
    public func json(network: Network) -> JSONValue {
        .object([
            "engine": .string(engine),
            "network": .string(self.network),
            "verdict": .string(verdict.rawValue),
            "cases": .number(Double(cases)),
            "seed": seed.map { .string(String($0)) } ?? .null,
            "value": value.json(network: network),
            "partials": .array(partials.map { $0.json(network: network) }),
            "faults": .array(faults.map { fault in
                .object(["kind": .string(fault.kind), "message": .string(fault.message),
                         "case_index": fault.caseIndex.map { .number(Double($0)) } ?? .null])
            }),
            "unsupported": .object(unsupported.mapValues { .number(Double($0)) }),
            "reference_check": .object(["cases": .number(Double(referenceCheck.cases)),
                                        "partials_per_case": .number(Double(referenceCheck.partialsPerCase))]),
        ])
    }
}

extension QuantityReport {
    func json(network: Network) -> JSONValue {
        .object([
            "parameter": .string(name),
            "verdict": .string(verdict.rawValue),
            "cases": .number(Double(cases)),
            "outcomes": .object(outcomes.mapValues { .number(Double($0)) }),
            "max_ulp": .double(maxULP),
            "max_relative_error": .double(maxRelativeError),
            "max_tolerance_units": .double(maxToleranceUnits),
            "regimes": .array(regimes.map { .string($0.rawValue) }),
            "worst": worst.map { $0.json(network: network) } ?? .null,
            "counterexample": counterexample.map { $0.json(network: network) } ?? .null,
            "original_counterexample": originalCounterexample.map { $0.json(network: network) } ?? .null,
            "shrink": shrink.map { s in
                .object(["seed": .string(String(s.seed)), "case_index": .number(Double(s.caseIndex)),
                         "steps": .number(Double(s.steps)), "engine_calls": .number(Double(s.engineCalls)),
                         "budget_exhausted": .bool(s.budgetExhausted), "replay": .string(s.replay)])
            } ?? .null,
        ])
    }
}

extension CaseDeviation {
    /// A case's values are written out only up to this many (a 784-128-10
    /// case has 102,554); larger cases are named by their index, replayable
    /// from the report's seed.
    static let writtenValues = 256

    func json(network: Network) -> JSONValue {
        var fields = fieldsJSON(network: network)
        if network.inputs.count + network.parameters.count > Self.writtenValues {
            fields["inputs"] = nil
            fields["params"] = nil
        }
        if !network.targets.isEmpty {
            fields["targets"] = .object(Dictionary(uniqueKeysWithValues: zip(network.targets,
                                                                             networkCase.targets.map(JSONValue.double))))
        }
        return .object(fields)
    }

    func fieldsJSON(network: Network) -> [String: JSONValue] {
        [
            "case_index": .number(Double(index)),
            "regime": regime.map { .string($0.rawValue) } ?? .null,
            "activation": .string(networkCase.activation.rawValue),
            "inputs": .object(Dictionary(uniqueKeysWithValues: zip(network.inputs, networkCase.inputs.map(JSONValue.double)))),
            "params": .object(Dictionary(uniqueKeysWithValues: zip(network.parameters,
                                                                   networkCase.parameters.map(JSONValue.double)))),
            "expected": .double(deviation.expected),
            "actual": .double(deviation.actual),
            "ulp": .double(deviation.ulps),
            "relative_error": .double(deviation.relativeError),
            "tolerance_units": .double(deviation.toleranceUnits),
            "conditioning": .double(deviation.conditioning),
            "outcome": .string(deviation.outcome.rawValue),
        ]
    }
}
