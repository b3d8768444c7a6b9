import ArgumentParser
import Engines
import NetworkModel
import Reference
import Reports

/// `backprop-check reference --activation A --inputs JSON --params JSON`
struct ReferenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Evaluate one case in arbitrary precision: y, intermediates, exact and finite-difference gradients.")

    @Option(help: "Activation: \(Activation.allCases.map(\.rawValue).joined(separator: ", ")).")
    var activation: String

    @Option(help: #"Inputs as a JSON object, e.g. '{"x00": 0.25, "x01": "-0x1.8p+0"}'."#)
    var inputs: String

    @Option(help: "Parameters as a JSON object with all of w10, b10, w11, b11, w20[0], w20[1], b20[0], b20[1].")
    var params: String

    @Option(help: "Precision in bits (53...4096).")
    var precision: Int = 256

    @Option(help: "Output format (text or json).")
    var format: OutputFormat = .text

    func validate() throws {
        guard Activation(rawValue: activation) != nil else {
            throw ValidationError("unknown activation '\(activation)'; expected one of "
                                  + Activation.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard (53...4096).contains(precision) else { throw ValidationError("--precision must be within 53...4096") }
    }

    func run() async throws {
        let network = Network.seed
        let c = NetworkCase(activation: Activation(rawValue: activation)!,
                            inputs: try NamedValues.parse(inputs, option: "--inputs", names: network.inputs),
                            parameters: try NamedValues.parse(params, option: "--params", names: network.parameters))
        let evaluation = try ReferenceEvaluator(network: network, precision: precision).evaluate(c, finiteDifferences: true)
        let report = ReferenceReport(evaluation: evaluation)
        FileHandleOutput.standardOutput(format == .json ? report.json.prettyPrinted : report.text)
    }
}

/// Reads `{"name": number-or-string, …}` into values in `names` order.
enum NamedValues {
    static func parse(_ text: String, option: String, names: [String]) throws -> [Double] {
        let value: JSONValue
        do { value = try JSONValue.parse(text) } catch let error as JSONSyntaxError {
            throw InputError(description: "\(option):\(error.line):\(error.column): error: expected \(error.expected)")
        }
        guard case .object(let members) = value else {
            throw InputError(description: "\(option):1:1: error: expected a JSON object of named values")
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
}
