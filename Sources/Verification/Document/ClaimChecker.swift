import MultiPrecision
import NetworkModel
import Notation
import Reference

/// A written statement the kit can test at a case.
enum Claim: Sendable {
    /// ∂y/∂θ = rhs, with `\partial` meaning ∂/∂(operator parameter) (nil: no ∂ allowed).
    case partial(parameter: Int, operatorParameter: Int?, rhs: Expression)
    /// symbol = rhs, among the network's own values.
    case model(lhs: Symbol, rhs: Expression)

    var rhs: Expression {
        switch self {
        case .partial(_, _, let rhs), .model(_, let rhs): rhs
        }
    }

    func with(rhs: Expression) -> Claim {
        switch self {
        case .partial(let p, let o, _): .partial(parameter: p, operatorParameter: o, rhs: rhs)
        case .model(let lhs, _): .model(lhs: lhs, rhs: rhs)
        }
    }
}

/// The comparison of a claim with the truth at one case.
enum ClaimOutcome: Sendable {
    case agree(claimed: BigFloat, truth: BigFloat, error: BigFloat?)
    case disagree(claimed: BigFloat, truth: BigFloat, error: BigFloat?)
    /// The truth is undefined here (a finite-difference stencil straddles a kink).
    case unusable(String)
    /// The claim cannot be evaluated at all.
    case invalid(EvaluationError)

    var disagrees: Bool {
        if case .disagree = self { return true }
        return false
    }
}

/// Compares claims with the truth: high-precision finite differences for
/// partials, the network's own values for model equations.
struct ClaimChecker: Sendable {
    let network: Network
    let precision: Int
    let reference: ReferenceEvaluator

    /// Claims about `network` checked at `precision` bits; the network must be
    /// well formed (a document's network is).
    init(network: Network, precision: Int) {
        self.network = network
        self.precision = precision
        do { reference = try ReferenceEvaluator(network: network, precision: precision) } catch {
            preconditionFailure("ClaimChecker: \(error)")
        }
    }

    /// The finite-difference partials of every parameter at `c`.
    func truths(at c: NetworkCase) -> [FiniteDifferenceEstimate] {
        network.parameters.indices.map { reference.estimate(c, parameter: $0) }
    }

    /// The claim at `c`; `truths` are the case's finite differences if known.
    func outcome(_ claim: Claim, at c: NetworkCase, truths: [FiniteDifferenceEstimate]? = nil) -> ClaimOutcome {
        do {
            switch claim {
            case .partial(let parameter, let op, let rhs):
                let estimate = truths?[parameter] ?? reference.estimate(c, parameter: parameter)
                if estimate.straddlesKink { return .unusable("the finite-difference stencil straddles a kink of α") }
                let env = DocumentEnvironment(network: network, networkCase: c, precision: precision, parameter: op)
                let claimed = try env.evaluate(rhs).value
                return compare(claimed, estimate.value, error: estimate.errorEstimate)
            case .model(let lhs, let rhs):
                let env = DocumentEnvironment(network: network, networkCase: c, precision: precision, parameter: nil)
                guard let resolved = env.resolver.resolve(lhs) else { throw EvaluationError.unknownSymbol(lhs.name) }
                return compare(try env.evaluate(rhs).value, env.value(resolved).value, error: nil)
            }
        } catch let error as EvaluationError {
            return .invalid(error)
        } catch {
            return .invalid(.invalidNumber(String(describing: error)))
        }
    }

    /// Agreement: |claimed − truth| ≤ 2¹⁰·(error estimate) + 2^(−p/2)·|truth|.
    /// A wrong formula differs by a relative O(1); the finite difference's own
    /// error is ~2⁻¹⁷⁰ relative at 256 bits, so the threshold is no knob.
    func compare(_ claimed: BigFloat, _ truth: BigFloat, error: BigFloat?) -> ClaimOutcome {
        let slack = truth.magnitude.scaled(byPowerOfTwo: -precision / 2)
            + BigFloat(1, precision: 64).scaled(byPowerOfTwo: -precision * 2)
        let allowed = (error.map { $0.scaled(byPowerOfTwo: 10) } ?? .zero(precision: 64)) + slack
        let difference = (claimed - truth).magnitude
        if !claimed.isNaN && difference <= allowed { return .agree(claimed: claimed, truth: truth, error: error) }
        return .disagree(claimed: claimed, truth: truth, error: error)
    }
}
