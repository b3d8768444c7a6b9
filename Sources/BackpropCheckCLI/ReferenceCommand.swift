import ArgumentParser
import Engines
import NetworkModel
import Reference
import Reports
import WireJSON

/// `backprop-check reference --activation A --inputs JSON --params JSON`
struct ReferenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Evaluate one case in arbitrary precision: y, intermediates, exact and finite-difference gradients.")

    @OptionGroup var networkOption: NetworkOption

    @Option(help: "The generic α's activation (networks with generic units): \(Activation.names).")
    var activation: String = Activation.sigmoid.rawValue

    @Option(help: #"Inputs as a JSON object, e.g. '{"x00": 0.25, "x01": "-0x1.8p+0"}' (a tensor group such as "x" may be given as an array)."#)
    var inputs: String

    @Option(help: "Parameters as a JSON object naming every parameter (seed: w10, b10, w11, b11, w20[0], w20[1], b20[0], b20[1]; a tensor group such as W1 may be given as nested arrays).")
    var params: String

    @Option(help: #"Targets as a JSON object, e.g. '{"t": 1}', when the objective is a loss."#)
    var targets: String = "{}"

    @Option(help: "Precision in bits (53...4096).")
    var precision: Int = 256

    @Option(help: "Output format (text or json).")
    var format: OutputFormat = .text

    func validate() throws {
        guard Activation(rawValue: activation) != nil else {
            throw ValidationError("unknown activation '\(activation)'; expected one of "
                                  + Activation.names)
        }
        guard (53...4096).contains(precision) else { throw ValidationError("--precision must be within 53...4096") }
    }

    func run() async throws {
        let network = try networkOption.network()
        let c = NetworkCase(activation: Activation(rawValue: activation)!,
                            inputs: try NamedValues.parse(inputs, option: "--inputs", names: network.inputs),
                            parameters: try NamedValues.parse(params, option: "--params", names: network.parameters,
                                                              groups: network.parameterGroups),
                            targets: try NamedValues.parse(targets, option: "--targets", names: network.targets))
        if let problem = network.caseProblem(c) { throw InputError(description: "error: \(problem)") }
        let evaluator = try ReferenceEvaluator(network: network, precision: precision)
        let evaluation = try evaluator.evaluate(c, finiteDifferences: .sample(256))
        let report = ReferenceReport(evaluation: evaluation)
        FileHandleOutput.standardOutput(format == .json ? report.json.prettyPrinted : report.text)
    }
}

/// Reads `{"name": number-or-string, …}` into values in `names` order.
enum NamedValues {
    static func parse(_ text: String, option: String, names: [String], groups: [TensorGroup] = []) throws -> [Double] {
        let value: JSONValue
        do { value = try JSONValue.parse(text) } catch {
            throw InputError(description: "\(option):\(error.line):\(error.column): error: expected \(error.expected)")
        }
        guard case .object(var members) = value else {
            throw InputError(description: "\(option):1:1: error: expected a JSON object of named values")
        }
        // A tensor group given whole ("W1": [[…], …]) stands for its scalars, row-major.
        for group in groups {
            guard let tensor = members.removeValue(forKey: group.name) else { continue }
            let scalars = try flatten(tensor, shape: group.shape, option: option, name: group.name)
            for (position, scalar) in scalars.enumerated() {
                members[TensorGroup.elementName(group.name, shape: group.shape, position: position)] = scalar
            }
        }
        if let extra = members.keys.sorted().first(where: { !names.contains($0) }) {
            throw InputError(description: "\(option): error: unknown name '\(extra)'; expected \(names.joined(separator: ", "))")
        }
        return try names.map { name in
            switch members[name] {
            case .number(let x, _)?: return x
            case .string(let s)?:
                guard let x = Double(s), x.isFinite else {
                    throw InputError(description: "\(option): error: '\(name)' is \"\(s)\"; expected a finite decimal or C99 hexadecimal number")
                }
                return x
            case nil: throw InputError(description: "\(option): error: missing '\(name)'")
            default: throw InputError(description: "\(option): error: '\(name)' must be a number or a numeric string")
            }
        }
    }

    /// The scalars of a nested JSON array of `shape`, row-major.
    static func flatten(_ value: JSONValue, shape: [Int], option: String, name: String) throws -> [JSONValue] {
        guard let extent = shape.first else { return [value] }
        guard case .array(let items) = value, items.count == extent else {
            throw InputError(description: "\(option): error: '\(name)' must be an array of \(extent) element(s) (shape \(shape))")
        }
        return try items.flatMap { try flatten($0, shape: Array(shape.dropFirst()), option: option, name: name) }
    }
}
