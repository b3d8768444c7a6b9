import MultiPrecision
import NetworkModel
import Notation
import Reference

/// A written statement the kit can test at a case.
enum Claim: Sendable {
    /// ∂F/∂V = rhs, with `\partial` meaning ∂/∂(operator variable) (nil: no ∂ allowed).
    case partial(of: Symbol, by: Symbol, operatorVariable: Symbol?, rhs: Expression)
    /// symbol = rhs, among the network's own values.
    case model(lhs: Symbol, rhs: Expression)
    /// f(v) = rhs for every v: `\sigma'(z) = \sigma(z)(1 - \sigma(z))`.
    case identity(lhs: Expression, variable: Symbol, rhs: Expression)
    /// lhs = rhs among the model's values, both evaluated exactly (a derivative of an expression,
    /// `\frac{\partial}{\partial w} \ln p`, by dual numbers); `\partial` means ∂/∂(operator variable).
    case value(lhs: Expression, operatorVariable: Symbol?, rhs: Expression)

    var rhs: Expression {
        switch self {
        case .partial(_, _, _, let rhs), .model(_, let rhs), .identity(_, _, let rhs), .value(_, _, let rhs): rhs
        }
    }

    func with(rhs: Expression) -> Claim {
        switch self {
        case .partial(let f, let v, let o, _): .partial(of: f, by: v, operatorVariable: o, rhs: rhs)
        case .model(let lhs, _): .model(lhs: lhs, rhs: rhs)
        case .identity(let lhs, let v, _): .identity(lhs: lhs, variable: v, rhs: rhs)
        case .value(let lhs, let op, _): .value(lhs: lhs, operatorVariable: op, rhs: rhs)
        }
    }

    /// The truth this claim is compared with.
    var truthKey: TruthKey? {
        if case .partial(let f, let v, _, _) = self { return TruthKey(of: f, by: v) }
        return nil
    }
}

/// Which derivative a truth is: ∂F/∂V.
struct TruthKey: Hashable, Sendable {
    var of: Symbol
    var by: Symbol
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
///
/// Two kinds of model: the seed network (its claims about ∂y/∂θ use the
/// reference evaluator and the network's forward pass on dual numbers, as
/// they always have), or a document's own model as an expression graph.
/// Any other derivative — of an intermediate, by an input or an
/// intermediate — is a finite difference on the graph.
struct ClaimChecker: Sendable {
    let network: Network?
    let graph: ModelGraph
    let precision: Int
    let reference: ReferenceEvaluator?
    /// For a worked number (``WorkedPoints``): what its printing allows, ½·10⁻ᵏ for k decimals (nil for an
    /// integer), beside a relative 10⁻¹² for the point read into binary64. Nil for a claim at every case.
    var workedNumber: WorkedNumber? = nil

    struct WorkedNumber: Sendable {
        var halfUnit: BigFloat?
        /// |claimed − truth| the printed number allows.
        func allowance(_ truth: BigFloat) -> BigFloat {
            truth.magnitude * BigFloat(1e-12, precision: 64) + (halfUnit ?? .zero(precision: 64))
        }
    }

    /// Claims about `network` checked at `precision` bits; the network must be
    /// well formed (a document's network is).
    init(network: Network, precision: Int) {
        self.network = network
        self.graph = ModelGraph(network: network)
        self.precision = precision
        do { reference = try ReferenceEvaluator(network: network, precision: precision) } catch {
            preconditionFailure("ClaimChecker: \(error)")
        }
    }

    /// Claims about a document's own model.
    init(graph: ModelGraph, precision: Int) {
        self.network = nil
        self.graph = graph
        self.precision = precision
        self.reference = nil
    }

    var calculus: GraphCalculus { GraphCalculus(graph: graph, precision: precision) }

    /// ∂F/∂V at `c` by finite differences.
    func truth(_ key: TruthKey, at c: NetworkCase) throws -> Truth {
        if let reference, let network, key.of == graph.objective, let p = network.parameterIndex(key.by.name),
           Symbol(name: key.by.name) == key.by {
            return Truth(reference.estimate(c, parameter: p))
        }
        guard let by = graph.variable(key.by) else { throw EvaluationError.unknownSymbol(key.by.name) }
        switch graph.variable(key.of) {
        case .definition(let f)?:
            guard graph.mayDepend(f, on: by) else {
                // No path from the variable to f: the derivative is exactly zero (a structural zero).
                return Truth(value: .zero(precision: precision), errorEstimate: .zero(precision: precision), straddlesKink: false)
            }
            return try calculus.estimate(of: f, by: by, at: c)
        case .input?, .parameter?:
            let exact = BigFloat(key.of == key.by ? 1 : 0, precision: precision)
            return Truth(value: exact, errorEstimate: .zero(precision: precision), straddlesKink: false)
        case nil:
            throw EvaluationError.unknownSymbol(key.of.name)
        }
    }

    /// The finite-difference truths of `keys` at `c` (those that can be computed).
    func truths(at c: NetworkCase, keys: [TruthKey]) -> [TruthKey: Truth] {
        var result: [TruthKey: Truth] = [:]
        for key in keys { result[key] = try? truth(key, at: c) }
        return result
    }

    static let undefinedModel = "the model is undefined at this case"
    /// The self-check fails: the finite difference's error estimate exceeds its value (no digit is known).
    static let truthUnknown = "the finite difference's error estimate exceeds its value"
    /// The claim's own evaluation error exceeds its value (all its digits cancelled).
    static let claimUnknown = "the claim's evaluation error exceeds its value"

    /// Reasons for no outcome that more precision is sought for. A finite difference or a claim that
    /// knows no digit at a case leaves that case not checkable (other cases decide the claim): seeking
    /// them at up to 4096 bits for every claim at every such case (saturated partials, exact zeros)
    /// costs minutes per document.
    static let precisionLimited: Set<String> = [undefinedModel]

    /// The most bits a disagreement is re-examined at (see ``outcome(_:at:truths:)``).
    static let maximumPrecision = 4096

    /// The same checker at another precision.
    func at(precision bits: Int) -> ClaimChecker {
        var checker = network.map { ClaimChecker(network: $0, precision: bits) } ?? ClaimChecker(graph: graph, precision: bits)
        checker.workedNumber = workedNumber
        return checker
    }

    /// The claim at `c`; `truths` are the case's finite differences if known.
    ///
    /// A model undefined at `precision` (a logarithm of a probability rounded to 1) is sought again
    /// at twice the precision, up to ``maximumPrecision`` bits; a finite difference or a claim whose
    /// error exceeds its value leaves the case not checkable.
    /// A disagreement (beyond both the claim's evaluation error and the truth's error estimate, see
    /// ``compare(_:_:error:claimError:)``) is re-examined at twice the precision, and again while the
    /// claimed value or the truth still moves, up to ``maximumPrecision`` bits: a correct formula that
    /// cancels — `1 - \sigma(z)` near saturation, `1 - h^{2}` — loses bits that more precision restores,
    /// while a wrong formula gives the same values at every precision.
    ///
    /// `reexamining: false` skips the re-examination of a disagreement, for screening many
    /// candidates (repairs, table mutants, shrinking) whose verdicts are settled afterwards.
    func outcome(_ claim: Claim, at c: NetworkCase, truths: [TruthKey: Truth]? = nil,
                 reexamining: Bool = true) -> ClaimOutcome {
        var first = outcomeAtThisPrecision(claim, at: c, truths: truths)
        var bits = precision
        while case .unusable(let reason) = first, Self.precisionLimited.contains(reason), bits < Self.maximumPrecision {
            bits *= 2
            first = at(precision: bits).outcomeAtThisPrecision(claim, at: c, truths: nil)
        }
        var outcome = first
        let firstBits = bits
        // A disagreement may be an artefact of the working precision even when it is gross: a model
        // that rounds p to 1 loses a whole term of the finite difference (98 for 100, error
        // estimate 7·10⁻⁷⁸). Only a screening caller skips the re-examination.
        guard reexamining else { return first }
        while case .disagree(let claimed, let truth, _) = outcome, bits < Self.maximumPrecision {
            bits *= 2
            let finer = at(precision: bits).outcomeAtThisPrecision(claim, at: c, truths: nil)
            guard case .disagree(let finerClaimed, let finerTruth, _) = finer else { return finer }
            let settled = Self.close(claimed, finerClaimed, bits: precision / 2)
                && Self.close(truth, finerTruth, bits: precision / 2)
            // A disagreement confirmed at once is reported at the precision asked for.
            if settled { return bits == 2 * firstBits ? first : outcome }
            outcome = finer
        }
        return outcome
    }

    /// |a − b| ≤ 2^−bits · max(|a|, |b|) (equal NaNs and zeros are close).
    static func close(_ a: BigFloat, _ b: BigFloat, bits: Int) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        let scale = a.magnitude > b.magnitude ? a.magnitude : b.magnitude
        return (a - b).magnitude <= scale.scaled(byPowerOfTwo: -bits)
    }

    /// A bound on the rounding error of evaluating `e` at `c` in MPFR at ``precision`` bits, `\partial`
    /// meaning ∂/∂(operator variable).
    ///
    /// The running error bound of ``RoundingErrorBound`` is first order in the unit roundoff u: with
    /// u = 2⁻⁵³ it bounds a binary64 evaluation; every MPFR operation rounds correctly with
    /// u = 2⁻ᵖ, so the bound at p bits is the binary64 bound times 2^(53 − p) (its allowances of a few
    /// ulps per function and the underflow term only make it larger). Doubled for the second-order terms.
    func evaluationError(_ e: Expression, at c: NetworkCase, operatorVariable op: Symbol?) throws -> BigFloat {
        let env = try GraphEnvironment(checker: self, networkCase: c, operatorVariable: op, .bounds(precision: precision))
        let bound = try env.evaluate(e).value.bound
        return bound.bigFloat.scaled(byPowerOfTwo: 54 - precision)
    }

    private func outcomeAtThisPrecision(_ claim: Claim, at c: NetworkCase, truths: [TruthKey: Truth]?) -> ClaimOutcome {
        do {
            switch claim {
            case .partial(let f, let v, let op, let rhs):
                let key = TruthKey(of: f, by: v)
                let estimate = try truths?[key] ?? truth(key, at: c)
                if estimate.straddlesKink { return .unusable("the finite-difference stencil straddles a kink of α") }
                if estimate.value.isNaN { return .unusable(Self.undefinedModel) }
                let claimed = try value(of: rhs, at: c, operatorVariable: op)
                return compare(claimed, estimate.value, error: estimate.errorEstimate) {
                    try claimError([rhs], at: c, operatorVariable: op)
                }
            case .value(let lhs, let op, let rhs):
                let env = try GraphEnvironment(checker: self, networkCase: c, operatorVariable: op, .values(precision: precision))
                return compare(try env.evaluate(rhs).value, try env.evaluate(lhs).value, error: nil) {
                    try claimError([lhs, rhs], at: c, operatorVariable: op)
                }
            case .identity(let lhs, let variable, let rhs):
                // A variable the model has takes the model's value (`\sigma'(u) = h (1 - h)` with h = σ(u));
                // a bound one the case's first drawn value (ordinary or wide).
                let env = try GraphEnvironment(checker: self, networkCase: c, operatorVariable: nil, .values(precision: precision))
                let drawn = BigFloat((c.inputs + c.parameters).first ?? 0.5, precision: precision)
                let value = try env.lookup(variable)?.value ?? drawn
                var evaluator = ExpressionEvaluator<BigFloat>(
                    activation: c.activation, constantsLike: BigFloat(1, precision: precision),
                    lookup: { symbol in symbol == variable ? value : try env.lookup(symbol)?.value }, partial: nil)
                evaluator.functions = graph.functions
                return compare(try evaluator.scalar(rhs), try evaluator.scalar(lhs), error: nil)
            case .model(let lhs, let rhs) where network == nil:
                let env = try GraphEnvironment(checker: self, networkCase: c, operatorVariable: nil, .values(precision: precision))
                guard let truth = try env.lookup(lhs) else { throw EvaluationError.unknownSymbol(lhs.name) }
                return compare(try env.evaluate(rhs).value, truth.value, error: nil) {
                    try claimError([.symbol(lhs), rhs], at: c, operatorVariable: nil)
                }
            case .model(let lhs, let rhs):
                guard let network else { throw EvaluationError.unknownSymbol(lhs.name) }
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

    /// The value of a written expression at `c`, `\partial` meaning ∂/∂(operator variable).
    func value(of rhs: Expression, at c: NetworkCase, operatorVariable op: Symbol?) throws -> BigFloat {
        if let network {
            let parameter = op.flatMap { o in Symbol(name: o.name) == o ? network.parameterIndex(o.name) : nil }
            if op == nil || parameter != nil {
                let env = DocumentEnvironment(network: network, networkCase: c, precision: precision, parameter: parameter)
                return try env.evaluate(rhs).value
            }
        }
        return try GraphEnvironment(checker: self, networkCase: c, operatorVariable: op, .values(precision: precision))
            .evaluate(rhs).value
    }

    /// The evaluation error of a claim's sides (``evaluationError(_:at:operatorVariable:)``, summed);
    /// zero for a claim about the seed network, whose formulas are short products of its values.
    func claimError(_ sides: [Expression], at c: NetworkCase, operatorVariable op: Symbol?) throws -> BigFloat {
        if let network, op == nil || op.map({ Symbol(name: $0.name) == $0 && network.parameterIndex($0.name) != nil }) == true {
            return .zero(precision: 64)
        }
        var total = BigFloat.zero(precision: precision)
        for side in sides { total = total + (try evaluationError(side, at: c, operatorVariable: op)) }
        return total
    }

    /// The comparison of a claim with the truth at one case.
    ///
    /// Not checkable when the truth's own error estimate exceeds |truth|: the finite difference knows
    /// no digit of it (the self-check fails). Otherwise agreement is
    ///
    ///     |claimed − truth| ≤ 2¹⁰·E_truth + 2·E_claim + 2^(−p/2)·|truth| + 2^(−2p),
    ///
    /// E_truth the finite difference's error estimate and E_claim the claim's own evaluation error at
    /// p bits (`claimError`, a rounding-error bound, computed only when the first test fails). A wrong
    /// formula differs by a relative O(1); the finite difference's error is ~2⁻¹⁷⁰ relative at 256
    /// bits, so the threshold is no knob. A difference that E_claim cannot rule out because the claim
    /// lost every digit (E_claim ≥ max(|claimed|, |truth|), or no finite bound) is not checkable at
    /// this precision; a claim undefined (NaN) although its error bound is finite is discrepant.
    func compare(_ claimed: BigFloat, _ truth: BigFloat, error: BigFloat?,
                 claimError: () throws -> BigFloat = { .zero(precision: 64) }) -> ClaimOutcome {
        if let error, !truth.isNaN, error > truth.magnitude { return .unusable(Self.truthUnknown) }
        let slack = truth.magnitude.scaled(byPowerOfTwo: -precision / 2)
            + BigFloat(1, precision: 64).scaled(byPowerOfTwo: -precision * 2)
        let allowed = (error.map { $0.scaled(byPowerOfTwo: 10) } ?? .zero(precision: 64)) + slack
            + (workedNumber.map { $0.allowance(truth) } ?? .zero(precision: 64))
        let difference = (claimed - truth).magnitude
        if !claimed.isNaN && difference <= allowed { return .agree(claimed: claimed, truth: truth, error: error) }
        guard !truth.isNaN, let evaluation = try? claimError() else {
            return .disagree(claimed: claimed, truth: truth, error: error)
        }
        // No bound on the claim's error: an operation lost every digit (log of a 1 − p rounded to 0).
        // A claim undefined with a finite error bound is undefined in exact arithmetic too: discrepant.
        if evaluation.isNaN || !evaluation.isFinite { return .unusable(Self.claimUnknown) }
        if claimed.isNaN { return .disagree(claimed: claimed, truth: truth, error: error) }
        let scale = claimed.magnitude > truth.magnitude ? claimed.magnitude : truth.magnitude
        if difference <= allowed + evaluation.scaled(byPowerOfTwo: 1) {
            return evaluation >= scale ? .unusable(Self.claimUnknown) : .agree(claimed: claimed, truth: truth, error: error)
        }
        return .disagree(claimed: claimed, truth: truth, error: error)
    }
}
