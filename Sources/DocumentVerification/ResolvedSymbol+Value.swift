import NetworkModel
import Notation

extension ResolvedSymbol {
    /// The symbol's value in a binary64 forward `pass` of case `c`
    /// (NaN for a vector, which has no single value).
    func value(in pass: ForwardPass<Double>, of c: NetworkCase) -> Double {
        switch self {
        case .parameter(let i): c.parameters[i]
        case .input(let i): c.inputs[i]
        case .preactivation(let u): pass.preactivations[u]
        case .unitOutput(let u): pass.outputs[u]
        case .output: pass.objective
        case .vector: .nan
        }
    }
}
