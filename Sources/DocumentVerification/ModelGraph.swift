import Judgement
import MultiPrecision
import NetworkModel
import Notation
import Reference

/// A computation as a document writes it: inputs, parameters and definitions
/// `symbol = expression`, each reading only inputs, parameters and earlier
/// definitions. The last definition is the objective.
///
/// Finite differences and dual numbers need nothing but the forward
/// computation, so a document's model is evaluated as its own expression
/// graph, in any ``NetworkScalar``: BigFloat for the truth, `Dual<BigFloat>`
/// for `\partial`. Perturbing a definition (overriding its value and
/// recomputing what follows) gives the adjoint ∂F/∂z of an intermediate z.
struct ModelGraph: Sendable {
    struct Definition: Sendable {
        var symbol: Symbol
        var rhs: Expression
    }

    /// What a symbol is in the graph.
    enum Variable: Hashable, Sendable {
        case input(Int)
        case parameter(Int)
        case definition(Int)
    }

    var inputs: [Symbol]
    var parameters: [Symbol]
    var definitions: [Definition]
    /// Quantities defined from derivatives, after the computation: an adjoint
    /// `\delta = \frac{\partial L}{\partial z}`, or `\delta_{1} = \delta_{2} w_{2} \sigma'(z_{1})`.
    /// Each reads the model, derivatives of it and earlier derived quantities.
    var derived: [Definition]
    /// Functions the document defines, `g(u) = \tanh(u)`, in order.
    var functions: [FunctionDefinition]
    private var index: [Symbol: Variable]
    private var derivedIndex: [Symbol: Int]

    init(inputs: [Symbol], parameters: [Symbol], definitions: [Definition], derived: [Definition] = [],
         functions: [FunctionDefinition] = [], aliases: [Symbol: Symbol] = [:]) {
        self.functions = functions
        self.inputs = inputs
        self.parameters = parameters
        self.definitions = definitions
        self.derived = derived
        var index: [Symbol: Variable] = [:]
        for (i, s) in inputs.enumerated() { index[s] = .input(i) }
        for (i, s) in parameters.enumerated() { index[s] = .parameter(i) }
        for (i, d) in definitions.enumerated() { index[d.symbol] = .definition(i) }
        // An alias (``DocumentModel/aliases(of:definitions:)``) is the quantity it names.
        for (alias, target) in aliases { if let variable = index[target] { index[alias] = variable } }
        self.index = index
        derivedIndex = Dictionary(derived.enumerated().map { ($1.symbol, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The derived quantity `symbol`, if it is one.
    func derivedDefinition(_ symbol: Symbol) -> Definition? { derivedIndex[symbol].map { derived[$0] } }

    /// The quantity the model computes last.
    var objective: Symbol? { definitions.last?.symbol }

    func variable(_ symbol: Symbol) -> Variable? { index[symbol] }

    /// Whether definition `f` may read `variable`, directly or through earlier definitions. False only
    /// when no path of the graph leads from `variable` to `f`: then ∂f/∂variable ≡ 0 exactly, at every
    /// case (a structural zero, `∂h_1/∂a_2` of an element-wise h), which is proved, not presumed.
    /// Conservative: a function the kit cannot evaluate, or one the document defines, may read anything.
    func mayDepend(_ f: Int, on variable: Variable) -> Bool {
        var seen = Set<Int>()
        var pending = [f]
        while let i = pending.popLast() {
            guard seen.insert(i).inserted else { continue }
            if variable == .definition(i) { return true }
            let rhs = definitions[i].rhs
            if rhs.callsUnknownOrDocumentFunction(functions) { return true }
            for symbol in rhs.symbols + rhs.vectorSymbols {
                switch index[symbol] {
                case variable?: return true
                case .definition(let j)?: pending.append(j)
                case .input?, .parameter?: break
                case nil: return true  // not a quantity of the graph: nothing is proved
                }
            }
        }
        return false
    }

    /// Whether some definition applies the generic α (`\alpha`, `f`, `g`, …) that the document does
    /// not define as a function of its own.
    var usesGenericActivation: Bool {
        let defined = Set(functions.map(\.spelling))
        return (definitions + derived).contains { $0.rhs.usesGenericActivation(except: defined) }
            || functions.contains { $0.body.usesGenericActivation(except: defined) }
    }

    /// The seed network's computation as definitions: z = Σ (w s + b) + b,
    /// x = α(z), and the objective y = x of the output unit.
    init(network: Network) {
        func symbol(_ name: String) -> Symbol { Symbol(name: name) ?? Symbol(spelling: name) }
        var definitions: [Definition] = []
        for unit in network.units {
            var sum: Expression? = nil
            for term in unit.terms {
                let source: String
                switch term.source {
                case .input(let i): source = network.inputs[i]
                case .unit(let u): source = network.units[u].outputName
                }
                var e: Expression = .product(.symbol(symbol(network.parameters[term.weight])), .symbol(symbol(source)))
                if let b = term.bias { e = .sum(e, .symbol(symbol(network.parameters[b]))) }
                sum = sum.map { .sum($0, e) } ?? e
            }
            if let b = unit.bias {
                let bias = Expression.symbol(symbol(network.parameters[b]))
                sum = sum.map { .sum($0, bias) } ?? bias
            }
            let z = symbol(unit.preactivationName)
            definitions.append(Definition(symbol: z, rhs: sum ?? .number("0")))
            let activation: Expression
            switch unit.activation {
            case .generic: activation = .activation(.symbol(z))
            case .fixed(let a): activation = .call(NotationFunction(spelling: a.rawValue, meaning: .activation(a)), .symbol(z))
            }
            definitions.append(Definition(symbol: symbol(unit.outputName), rhs: activation))
        }
        if case .unit(let u, let name) = network.objective {
            definitions.append(Definition(symbol: symbol(name), rhs: .symbol(symbol(network.units[u].outputName))))
        }
        self.init(inputs: network.inputs.map(symbol), parameters: network.parameters.map(symbol),
                  definitions: definitions)
    }

    /// Every value of the graph at one point.
    ///
    /// Constants are made like `constantsLike` (at its precision, on its
    /// tally); `adjust(i, &value)` is called after definition i is computed (to
    /// override it, or to seed its tangent); `kinkArgument` hears the
    /// argument of every application of a function with a kink (ReLU).
    func evaluate<S: NetworkScalar>(inputs: [S], parameters: [S], activation: Activation, constantsLike: S,
                                    adjust: (Int, inout S) -> Void = { _, _ in },
                                    kinkArgument: ((S) -> Void)? = nil) throws -> [S] {
        var values: [S] = []
        values.reserveCapacity(definitions.count)
        for (i, definition) in definitions.enumerated() {
            var evaluator = ExpressionEvaluator<S>(
                activation: activation, constantsLike: constantsLike,
                lookup: { symbol in
                    switch self.index[symbol] {
                    case .input(let k)?: return inputs[k]
                    case .parameter(let k)?: return parameters[k]
                    case .definition(let k)? where k < values.count: return values[k]
                    default: return nil
                    }
                },
                partial: nil, kinkArgument: kinkArgument)
            evaluator.functions = functions
            var value = try evaluator.scalar(definition.rhs)
            adjust(i, &value)
            values.append(value)
        }
        return values
    }
}

extension Expression {
    /// Whether the generic α (`\alpha`, `f`, `g`) occurs.
    var usesGenericActivation: Bool { usesGenericActivation(except: []) }

    /// Whether a generic function other than those spelled in `defined` occurs.
    func usesGenericActivation(except defined: Set<String>) -> Bool {
        switch self {
        case .activation(let e), .activationDerivative(let e):
            return !defined.contains("\\alpha") || e.usesGenericActivation(except: defined)
        case .call(let f, let e):
            return (f.meaning == .generic && !defined.contains(f.spelling)) || e.usesGenericActivation(except: defined)
        default: return children.contains { $0.usesGenericActivation(except: defined) }
        }
    }
}

/// Finite differences and dual numbers on a ``ModelGraph``.
struct GraphCalculus: Sendable {
    let graph: ModelGraph
    let precision: Int
    let finiteDifference = RichardsonCentralDifference()
    static let guardBits = 64

    /// F's value with `variable` set to `value` (an input or parameter
    /// substituted; a definition overridden and what follows recomputed).
    func value(of f: Int, at c: NetworkCase, setting variable: ModelGraph.Variable, to value: BigFloat, bits: Int,
               kinkArgument: ((BigFloat) -> Void)? = nil) throws -> BigFloat {
        var inputs = c.inputs.map { BigFloat($0, precision: bits) }
        var parameters = c.parameters.map { BigFloat($0, precision: bits) }
        var overridden: Int? = nil
        switch variable {
        case .input(let i): inputs[i] = value
        case .parameter(let i): parameters[i] = value
        case .definition(let i): overridden = i
        }
        let values = try graph.evaluate(inputs: inputs, parameters: parameters, activation: c.activation,
                                        constantsLike: BigFloat(1, precision: bits),
                                        adjust: { i, v in if i == overridden { v = value } },
                                        kinkArgument: kinkArgument)
        return values[f]
    }

    /// The unperturbed value of `variable` at `c`.
    func baseValue(of variable: ModelGraph.Variable, at c: NetworkCase, bits: Int) throws -> BigFloat {
        switch variable {
        case .input(let i): return BigFloat(c.inputs[i], precision: bits)
        case .parameter(let i): return BigFloat(c.parameters[i], precision: bits)
        case .definition(let i):
            let values = try graph.evaluate(inputs: c.inputs.map { BigFloat($0, precision: bits) },
                                            parameters: c.parameters.map { BigFloat($0, precision: bits) },
                                            activation: c.activation, constantsLike: BigFloat(1, precision: bits))
            return values[i]
        }
    }

    /// The Richardson estimate of ∂F/∂V, F a definition, V any variable.
    func estimate(of f: Int, by variable: ModelGraph.Variable, at c: NetworkCase) throws -> Truth {
        let bits = precision + Self.guardBits
        let theta = try baseValue(of: variable, at: c, bits: bits)
        var failure: (any Error)? = nil
        let result = finiteDifference.bestDerivative(at: theta, precision: bits) { v in
            do { return try value(of: f, at: c, setting: variable, to: v, bits: bits) } catch {
                failure = error
                return BigFloat.nan(precision: bits)
            }
        }
        if let failure { throw failure }
        let straddles = try straddlesKink(f, variable, c, theta: theta, step: result.step, bits: bits)
        return Truth(value: result.value.rounded(toPrecision: precision),
                     errorEstimate: result.error.rounded(toPrecision: precision), straddlesKink: straddles)
    }

    /// True when the argument of some ReLU (or generic α with a kink) lies on
    /// different sides of 0 at V − h and V + h, or on it at V.
    func straddlesKink(_ f: Int, _ variable: ModelGraph.Variable, _ c: NetworkCase,
                       theta: BigFloat, step: BigFloat, bits: Int) throws -> Bool {
        var sides: [[Int]] = []
        for v in [theta - step, theta, theta + step] {
            var these: [Int] = []
            _ = try value(of: f, at: c, setting: variable, to: v, bits: bits) { a in
                these.append(a.isZero ? 0 : (a < BigFloat.zero(precision: bits) ? -1 : 1))
            }
            sides.append(these)
        }
        guard sides.allSatisfy({ $0.count == sides[1].count }) else { return true }
        for k in sides[1].indices {
            let s = [sides[0][k], sides[1][k], sides[2][k]]
            if s.contains(0) || Set(s).count > 1 { return true }
        }
        return false
    }

    /// Every value of the graph on dual numbers, the tangent seeded at
    /// `variable` (nil: all tangents 0), in the number type `scalars` makes.
    func duals<T: NetworkScalar>(at c: NetworkCase, seed variable: ModelGraph.Variable?, _ scalars: GraphScalars<T>) throws
        -> (inputs: [Dual<T>], parameters: [Dual<T>], values: [Dual<T>]) {
        let zero = scalars.exact(0), one = scalars.exact(1)
        let inputs = c.inputs.enumerated().map { i, x in
            Dual(scalars.exact(x), tangent: variable == .input(i) ? one : zero)
        }
        let parameters = c.parameters.enumerated().map { i, p in
            Dual(scalars.exact(p), tangent: variable == .parameter(i) ? one : zero)
        }
        let values = try graph.evaluate(inputs: inputs, parameters: parameters, activation: c.activation,
                                        constantsLike: Dual(constant: one),
                                        adjust: { i, v in if variable == .definition(i) { v.tangent = one } })
        return (inputs, parameters, values)
    }
}

/// A finite-difference truth: the estimate, its error estimate, and whether
/// the stencil straddles a kink (then it is no truth at all).
struct Truth: Sendable {
    var value: BigFloat
    var errorEstimate: BigFloat
    var straddlesKink: Bool

    init(value: BigFloat, errorEstimate: BigFloat, straddlesKink: Bool) {
        self.value = value
        self.errorEstimate = errorEstimate
        self.straddlesKink = straddlesKink
    }

    /// Whether a claim can be judged against this truth: no kink, a number, and an error
    /// estimate no larger than the value (otherwise the finite difference knows no digit).
    var isCheckable: Bool { !straddlesKink && !value.isNaN && errorEstimate <= value.magnitude }

    init(_ estimate: FiniteDifferenceEstimate) {
        self.init(value: estimate.value, errorEstimate: estimate.errorEstimate, straddlesKink: estimate.straddlesKink)
    }
}

/// How a ``GraphEnvironment`` makes its numbers: an input's exact binary64 value, and "not a number".
struct GraphScalars<T: NetworkScalar> {
    var exact: (Double) -> T
    var nan: T
}

extension GraphScalars where T == BigFloat {
    /// MPFR values at `precision` bits: what claims are evaluated in.
    static func values(precision: Int) -> Self {
        Self(exact: { BigFloat($0, precision: precision) }, nan: .nan(precision: precision))
    }
}

extension GraphScalars where T == RoundingErrorBound {
    /// Exact values with a first-order bound on the rounding error of evaluating the same expression
    /// in binary64 (unit roundoff u = 2⁻⁵³); see ``ClaimChecker/evaluationError(_:at:operatorVariable:)``
    /// for the bound at the working precision.
    static func bounds(precision: Int) -> Self {
        Self(exact: { RoundingErrorBound(exact: $0, precision: precision) },
             nan: RoundingErrorBound(.nan(precision: precision), bound: .zero) { _ in .infinity })
    }
}

/// The values of a ``ModelGraph`` at one case on dual numbers, the tangent
/// seeded at the variable `\partial` differentiates by: `\partial e` is the
/// exact derivative of what is written. `T` is BigFloat for values, ``RoundingErrorBound``
/// for the rounding error of evaluating them.
struct GraphEnvironment<T: NetworkScalar> {
    let checker: ClaimChecker
    let networkCase: NetworkCase
    let operatorVariable: Symbol?
    let scalars: GraphScalars<T>
    let inputs: [Dual<T>]
    let parameters: [Dual<T>]
    let values: [Dual<T>]

    var graph: ModelGraph { checker.graph }
    var activation: Activation { networkCase.activation }

    init(checker: ClaimChecker, networkCase c: NetworkCase, operatorVariable: Symbol?, _ scalars: GraphScalars<T>) throws {
        self.checker = checker
        networkCase = c
        self.operatorVariable = operatorVariable
        self.scalars = scalars
        var seed: ModelGraph.Variable? = nil
        if let operatorVariable {
            guard let v = checker.graph.variable(operatorVariable) else {
                throw EvaluationError.unknownSymbol(operatorVariable.name)
            }
            seed = v
        }
        (inputs, parameters, values) = try checker.calculus.duals(at: c, seed: seed, scalars)
    }

    /// A symbol's value: the model's, or a derived quantity's (its tangent undefined: `\partial δ` is refused).
    func lookup(_ symbol: Symbol) throws -> Dual<T>? {
        switch graph.variable(symbol) {
        case .input(let i)?: return inputs[i]
        case .parameter(let i)?: return parameters[i]
        case .definition(let i)?: return values[i]
        case nil:
            guard let definition = graph.derivedDefinition(symbol) else { return nil }
            return Dual(try evaluate(definition.rhs).value, tangent: scalars.nan)
        }
    }

    var evaluator: ExpressionEvaluator<Dual<T>> {
        var evaluator = ExpressionEvaluator(activation: activation, constantsLike: Dual(constant: scalars.exact(1)),
                                            lookup: lookup, partial: differentiate)
        evaluator.derivative = derivative
        evaluator.functions = graph.functions
        return evaluator
    }

    /// ∂e/∂V exactly, by dual numbers seeded at V (an input, a parameter, or an intermediate, which is
    /// perturbed with what follows it recomputed), as a value.
    func derivative(_ e: Expression, by variable: Symbol) throws -> Dual<T> {
        guard !e.containsPartial else { throw EvaluationError.nestedPartial }
        let seeded = try GraphEnvironment(checker: checker, networkCase: networkCase, operatorVariable: variable, scalars)
        return Dual(try seeded.evaluate(e).tangent, tangent: scalars.nan)
    }

    func evaluate(_ e: Expression) throws -> Dual<T> { try evaluator.scalar(e) }

    /// ∂e/∂(operator variable) as a value; ∂ of ∂ is refused.
    func differentiate(_ e: Expression) throws -> Dual<T> {
        guard operatorVariable != nil else { throw EvaluationError.partialWithoutParameter }
        guard !e.containsPartial else { throw EvaluationError.nestedPartial }
        return Dual(try evaluator.scalar(e).tangent, tangent: scalars.nan)
    }
}

extension Expression {
    /// Whether it applies a function the kit cannot evaluate (`\\operatorname{GELU}`, a sum left unexpanded)
    /// or one the document defines (whose body may read other quantities).
    func callsUnknownOrDocumentFunction(_ functions: [FunctionDefinition]) -> Bool {
        if case .call(let f, _) = self {
            if f.meaning == .unknown || functions.contains(where: { $0.spelling == f.spelling }) { return true }
        }
        return children.contains { $0.callsUnknownOrDocumentFunction(functions) }
    }
}
