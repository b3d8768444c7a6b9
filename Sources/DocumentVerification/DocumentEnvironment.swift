import MultiPrecision
import NetworkModel
import Notation
import Reference

/// The values of every symbol of the network at one case, with their
/// derivatives with respect to one parameter θ, in MPFR.
///
/// A forward pass on dual numbers (θ seeded with tangent 1) gives every z,
/// x and y together with ∂/∂θ of each; `\partial e` then evaluates e on the
/// same duals and takes the tangent — the exact derivative of what is
/// written, not a finite difference.
struct DocumentEnvironment {
    let network: Network
    let networkCase: NetworkCase
    let precision: Int
    let resolver: SymbolResolver
    let inputs: [Dual<BigFloat>]
    let parameters: [Dual<BigFloat>]
    let pass: ForwardPass<Dual<BigFloat>>
    /// The parameter ∂ differentiates by, if any.
    let parameter: Int?

    /// The environment for `parameter` (nil: every tangent is 0).
    init(network: Network, networkCase: NetworkCase, precision: Int, parameter: Int?) {
        self.network = network
        self.networkCase = networkCase
        self.precision = precision
        resolver = SymbolResolver(network: network)
        self.parameter = parameter
        let zero = BigFloat.zero(precision: precision), one = BigFloat(1, precision: precision)
        inputs = networkCase.inputs.map { Dual(BigFloat($0, precision: precision), tangent: zero) }
        parameters = networkCase.parameters.enumerated().map { i, p in
            Dual(BigFloat(p, precision: precision), tangent: i == parameter ? one : zero)
        }
        pass = Backprop.forward(network, activation: networkCase.activation, inputs: inputs, parameters: parameters,
                                targets: networkCase.targets, filler: Dual(constant: zero))
    }

    func value(_ symbol: ResolvedSymbol) -> Dual<BigFloat> {
        switch symbol {
        case .parameter(let i): parameters[i]
        case .input(let i): inputs[i]
        case .preactivation(let u): pass.preactivations[u]
        case .unitOutput(let u): pass.outputs[u]
        case .output: pass.objective
        case .vector: Dual(constant: BigFloat.nan(precision: precision))
        }
    }

    /// The value of `e` at this case (its tangent is ∂e/∂θ).
    func evaluate(_ e: Expression) throws -> Dual<BigFloat> {
        try evaluator.scalar(e)
    }

    var evaluator: ExpressionEvaluator<Dual<BigFloat>> {
        ExpressionEvaluator(resolver: resolver, activation: networkCase.activation, constantsLike: parameters[0],
                            value: value, partial: differentiate)
    }

    /// ∂e/∂θ as a value. Its own derivative is unknown, so ∂ of ∂ is refused.
    func differentiate(_ e: Expression) throws -> Dual<BigFloat> {
        guard parameter != nil else { throw EvaluationError.partialWithoutParameter }
        guard !e.containsPartial else { throw EvaluationError.nestedPartial }
        let derivative = try evaluator.scalar(e).tangent
        return Dual(derivative, tangent: BigFloat.nan(precision: precision))
    }
}
