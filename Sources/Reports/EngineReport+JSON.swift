import Conformance
import Judgement
import NetworkModel
import WireJSON

/// The `engine` JSON schema (docs/report-schema.md): snake_case keys,
/// non-finite numbers as the strings "nan", "inf", "-inf".
extension EngineReport {
    public func json(network: Network) -> JSONValue { ReportJSON.value(JSONForm(report: self, network: network)) }

    struct JSONForm: Encodable {
        let report: EngineReport
        let network: Network

        enum CodingKeys: String, CodingKey {
            case engine, network, verdict, cases, seed, value, partials, faults, unsupported, coverage, tensors
            case referenceCheck = "reference_check"
            case errorEntry = "error_entry"
        }

        func encode(to encoder: any Encoder) throws {
            var fields = encoder.container(keyedBy: CodingKeys.self)
            try fields.encode(report.engine, forKey: .engine)
            try fields.encode(report.network, forKey: .network)
            try fields.encode(report.verdict, forKey: .verdict)
            try fields.encode(report.cases, forKey: .cases)
            // A string: a 64-bit seed does not fit a JSON reader's double.
            try fields.encode(report.seed.map { String($0) }, forKey: .seed)
            try fields.encode(QuantityReport.JSONForm(report: report.value, network: network), forKey: .value)
            try fields.encode(report.partials.map { QuantityReport.JSONForm(report: $0, network: network) },
                              forKey: .partials)
            try fields.encode(report.faults.map(EngineFault.JSONForm.init), forKey: .faults)
            try fields.encode(report.unsupported, forKey: .unsupported)
            try fields.encode(ReferenceCheck.JSONForm(check: report.referenceCheck), forKey: .referenceCheck)
            try fields.encode(Coverage.JSONForm(report: report), forKey: .coverage)
            try fields.encode(report.tensors(in: network).map(TensorVerdict.JSONForm.init), forKey: .tensors)
            try fields.encode(report.errorEntry(in: network), forKey: .errorEntry)
        }
    }
}

extension TensorVerdict {
    /// `{"name": "W2", "verdict": "wrong", "entries": 64, "counts": {"wrong": 40, …}, "layer": 2,
    /// "max_allowance_units": x}`.
    struct JSONForm: Encodable {
        let tensor: TensorVerdict

        enum CodingKeys: String, CodingKey {
            case name, verdict, entries, counts, layer
            case maxAllowanceUnits = "max_allowance_units"
        }

        func encode(to encoder: any Encoder) throws {
            var fields = encoder.container(keyedBy: CodingKeys.self)
            try fields.encode(tensor.name, forKey: .name)
            try fields.encode(tensor.verdict, forKey: .verdict)
            try fields.encode(tensor.quantities.count, forKey: .entries)
            try fields.encode(Dictionary(uniqueKeysWithValues: tensor.counts.map { ($0.key.rawValue, $0.value) }),
                              forKey: .counts)
            try fields.encode(tensor.depth, forKey: .layer)
            try fields.encode(tensor.maxAllowanceUnits, forKey: .maxAllowanceUnits)
        }
    }
}

extension EngineFault {
    struct JSONForm: Encodable {
        let fault: EngineFault

        enum CodingKeys: String, CodingKey {
            case kind, message
            case caseIndex = "case_index"
        }

        func encode(to encoder: any Encoder) throws {
            var fields = encoder.container(keyedBy: CodingKeys.self)
            try fields.encode(fault.kind, forKey: .kind)
            try fields.encode(fault.message, forKey: .message)
            try fields.encode(fault.caseIndex, forKey: .caseIndex)
        }
    }
}

extension Coverage {
    /// `{"generated": 50, "evaluated": 0, "declined": 50, "faulted": 0, "sufficient": false,
    /// "reason": "the engine evaluated 0 of 50 cases: …"}`.
    struct JSONForm: Encodable {
        let report: EngineReport

        enum CodingKeys: String, CodingKey {
            case generated, evaluated, declined, faulted, sufficient, reason
        }

        func encode(to encoder: any Encoder) throws {
            var fields = encoder.container(keyedBy: CodingKeys.self)
            let coverage = report.coverage
            try fields.encode(coverage.generated, forKey: .generated)
            try fields.encode(coverage.evaluated, forKey: .evaluated)
            try fields.encode(coverage.declined, forKey: .declined)
            try fields.encode(coverage.faulted, forKey: .faulted)
            try fields.encode(coverage.isSufficient, forKey: .sufficient)
            try fields.encode(report.insufficientCoverage, forKey: .reason)
        }
    }
}

extension ReferenceCheck {
    struct JSONForm: Encodable {
        let check: ReferenceCheck

        enum CodingKeys: String, CodingKey {
            case cases, agreed
            case partialsPerCase = "partials_per_case"
            case notCheckable = "not_checkable"
            case straddlingKink = "straddling_kink"
        }

        func encode(to encoder: any Encoder) throws {
            var fields = encoder.container(keyedBy: CodingKeys.self)
            try fields.encode(check.cases, forKey: .cases)
            try fields.encode(check.partialsPerCase, forKey: .partialsPerCase)
            try fields.encode(check.agreed, forKey: .agreed)
            try fields.encode(check.notCheckable, forKey: .notCheckable)
            try fields.encode(check.straddlingKink, forKey: .straddlingKink)
        }
    }
}

extension QuantityReport {
    struct JSONForm: Encodable {
        let report: QuantityReport
        let network: Network

        enum CodingKeys: String, CodingKey {
            case parameter, verdict, cases, outcomes, regimes, worst, counterexample, shrink
            case maxULP = "max_ulp"
            case maxRelativeError = "max_relative_error"
            case maxToleranceUnits = "max_tolerance_units"
            case originalCounterexample = "original_counterexample"
        }

        func encode(to encoder: any Encoder) throws {
            var fields = encoder.container(keyedBy: CodingKeys.self)
            try fields.encode(report.name, forKey: .parameter)
            try fields.encode(report.verdict, forKey: .verdict)
            try fields.encode(report.cases, forKey: .cases)
            try fields.encode(report.outcomes, forKey: .outcomes)
            try fields.encode(report.maxULP, forKey: .maxULP)
            try fields.encode(report.maxRelativeError, forKey: .maxRelativeError)
            try fields.encode(report.maxToleranceUnits, forKey: .maxToleranceUnits)
            try fields.encode(report.regimes, forKey: .regimes)
            try fields.encode(form(report.worst), forKey: .worst)
            try fields.encode(form(report.counterexample), forKey: .counterexample)
            try fields.encode(form(report.originalCounterexample), forKey: .originalCounterexample)
            try fields.encode(report.shrink.map(ShrinkRecord.JSONForm.init), forKey: .shrink)
        }

        func form(_ deviation: CaseDeviation?) -> CaseDeviation.JSONForm? {
            deviation.map { CaseDeviation.JSONForm(deviation: $0, network: network) }
        }
    }
}

extension ShrinkRecord {
    struct JSONForm: Encodable {
        let record: ShrinkRecord

        enum CodingKeys: String, CodingKey {
            case seed, steps, replay
            case caseIndex = "case_index"
            case engineCalls = "engine_calls"
            case budgetExhausted = "budget_exhausted"
        }

        func encode(to encoder: any Encoder) throws {
            var fields = encoder.container(keyedBy: CodingKeys.self)
            try fields.encode(String(record.seed), forKey: .seed)
            try fields.encode(record.caseIndex, forKey: .caseIndex)
            try fields.encode(record.steps, forKey: .steps)
            try fields.encode(record.engineCalls, forKey: .engineCalls)
            try fields.encode(record.budgetExhausted, forKey: .budgetExhausted)
            try fields.encode(record.replay, forKey: .replay)
        }
    }
}

extension CaseDeviation {
    /// A case's values are written out only up to this many (a 784-128-10
    /// case has 102,554); larger cases are named by their index, replayable
    /// from the report's seed.
    static let writtenValues = 256

    struct JSONForm: Encodable {
        let deviation: CaseDeviation
        let network: Network

        enum CodingKeys: String, CodingKey {
            case regime, activation, activations, inputs, params, targets, expected, actual, ulp, conditioning, outcome
            case caseIndex = "case_index"
            case relativeError = "relative_error"
            case toleranceUnits = "tolerance_units"
            case allowanceUnits = "allowance_units"
        }

        func encode(to encoder: any Encoder) throws {
            var fields = encoder.container(keyedBy: CodingKeys.self)
            let c = deviation.networkCase, d = deviation.deviation
            try fields.encode(deviation.index, forKey: .caseIndex)
            try fields.encode(deviation.regime, forKey: .regime)
            try fields.encode(network.genericActivation(c), forKey: .activation)
            try fields.encode(network.activationLabel(c), forKey: .activations)
            if network.inputs.count + network.parameters.count <= CaseDeviation.writtenValues {
                try fields.encode(Self.named(network.inputs, c.inputs), forKey: .inputs)
                try fields.encode(Self.named(network.parameters, c.parameters), forKey: .params)
            }
            if !network.targets.isEmpty {
                try fields.encode(Self.named(network.targets, c.targets), forKey: .targets)
            }
            try fields.encode(d.expected, forKey: .expected)
            try fields.encode(d.actual, forKey: .actual)
            try fields.encode(d.ulps, forKey: .ulp)
            try fields.encode(d.relativeError, forKey: .relativeError)
            try fields.encode(d.toleranceUnits, forKey: .toleranceUnits)
            try fields.encode(d.allowanceUnits, forKey: .allowanceUnits)
            try fields.encode(d.conditioning, forKey: .conditioning)
            try fields.encode(d.outcome, forKey: .outcome)
        }

        /// `{"x00": 0.25, …}`.
        static func named(_ names: [String], _ values: [Double]) -> [String: Double] {
            Dictionary(uniqueKeysWithValues: zip(names, values))
        }
    }
}
