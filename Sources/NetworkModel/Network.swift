/// A feed-forward computation described as data: named inputs, named
/// parameters, units wired to earlier values, and an objective — the
/// quantity that is differentiated.
///
/// Each unit computes a pre-activation z as a left-to-right sum of terms and
/// then x = α(z) with its own activation α:
///
///     z = Σₖ (wₖ · sₖ + bₖ) + b        x = α(z)
///
/// where sₖ is an input or an earlier unit's output, wₖ a weight, bₖ an
/// optional per-term bias (the seed document's b20^[0], b20^[1]) and b an
/// optional unit bias (the usual dense-layer bias). A parameter may be used
/// by several terms (tied weights): its partial is the sum over its uses. The
/// summation order is part of the model because it fixes how binary64 rounds.
///
/// The objective is either one unit's output (the seed's y = x20) or a
/// ``Loss`` of some units' outputs and the case's targets (see ``Objective``).
public struct Network: Sendable, Hashable {
    /// Where a term reads its value from.
    public enum Source: Sendable, Hashable {
        /// The input at this index of ``Network/inputs``.
        case input(Int)
        /// The activated output x of the unit at this index of ``Network/units``.
        case unit(Int)
    }

    /// One product-plus-bias `w · s + b` inside a unit's sum.
    public struct Term: Sendable, Hashable {
        /// Index into ``Network/parameters`` of the weight w.
        public var weight: Int
        /// The value s the weight multiplies.
        public var source: Source
        /// Index into ``Network/parameters`` of the term's own bias, if any.
        public var bias: Int?

        public init(weight: Int, source: Source, bias: Int? = nil) {
            self.weight = weight
            self.source = source
            self.bias = bias
        }
    }

    /// A neural unit: z = Σ terms (+ bias), x = α(z).
    public struct Unit: Sendable, Hashable {
        /// Name of the pre-activation, e.g. `z10`.
        public var preactivationName: String
        /// Name of the activated output, e.g. `x10`.
        public var outputName: String
        public var terms: [Term]
        /// Index into ``Network/parameters`` of the unit bias, if any.
        public var bias: Int?
        /// The unit's α: a fixed function, or the generic α a case chooses.
        public var activation: UnitActivation

        public init(preactivationName: String, outputName: String, terms: [Term], bias: Int? = nil,
                    activation: UnitActivation = .generic) {
            self.preactivationName = preactivationName
            self.outputName = outputName
            self.terms = terms
            self.bias = bias
            self.activation = activation
        }
    }

    public var name: String
    /// Input names in order, e.g. `["x00", "x01"]`. Targets are not inputs
    /// here: they are named by the objective (``targets``).
    public var inputs: [String]
    /// Parameter names in canonical order, e.g. `["w10", "b10", …]`.
    public var parameters: [String]
    /// Units in evaluation order: a unit reads only inputs and earlier units.
    public var units: [Unit]
    /// The quantity differentiated.
    public var objective: Objective
    /// Parameters seen as tensors (`W1` a matrix, `b1` a vector), for APIs,
    /// reports and the wire that speak in tensors; empty when the network
    /// has scalar parameters only.
    public var parameterGroups: [TensorGroup]

    public init(name: String, inputs: [String], parameters: [String], units: [Unit], objective: Objective,
                parameterGroups: [TensorGroup] = []) {
        self.name = name
        self.inputs = inputs
        self.parameters = parameters
        self.units = units
        self.objective = objective
        self.parameterGroups = parameterGroups
    }

    /// A network whose objective is the output of unit `output`, named `y`.
    public init(name: String, inputs: [String], parameters: [String], units: [Unit], output: Int) {
        self.init(name: name, inputs: inputs, parameters: parameters, units: units,
                  objective: .unit(output, name: "y"))
    }

    /// Index of the parameter called `name`, if there is one.
    public func parameterIndex(_ name: String) -> Int? { parameters.firstIndex(of: name) }

    /// Index of the input called `name`, if there is one.
    public func inputIndex(_ name: String) -> Int? { inputs.firstIndex(of: name) }

    /// The units the objective reads, in the objective's order.
    public var outputUnits: [Int] { objective.outputUnits }

    /// Target names, in the order of ``NetworkCase/targets``.
    public var targets: [String] { objective.targetNames }

    /// Whether some unit applies the generic α (so a case's activation matters).
    public var hasGenericUnits: Bool { units.contains { $0.activation == .generic } }

    /// The activations a case of this network uses: the fixed ones and, when
    /// some unit is generic, the case's choice.
    public func activations(for networkCase: NetworkCase) -> Set<Activation> {
        Set(units.map { $0.activation.resolved(generic: networkCase.activation) })
    }

    /// The activations a case's units apply, in unit order without repeats,
    /// as reports name them: `sigmoid` for a seed case whose α is σ,
    /// `tanh, identity` for a tanh/identity network whatever the case's α
    /// (which no unit applies), `gelu, identity` for a generic/identity
    /// network's GELU case.
    public func activationLabel(_ networkCase: NetworkCase) -> String {
        var names: [String] = []
        for unit in units {
            let name = unit.activation.resolved(generic: networkCase.activation).rawValue
            if !names.contains(name) { names.append(name) }
        }
        return names.joined(separator: ", ")
    }

    /// The case's generic α when some unit applies it, else nil: what a
    /// report may print as "the activation" of a case.
    public func genericActivation(_ networkCase: NetworkCase) -> Activation? {
        hasGenericUnits ? networkCase.activation : nil
    }
}

/// A unit's activation: a fixed function, or the generic α that each case
/// chooses (the seed document's units: its claims hold for every α).
public enum UnitActivation: Sendable, Hashable {
    case generic
    case fixed(Activation)

    /// The function applied when the case's generic choice is `generic`.
    @inlinable
    public func resolved(generic: Activation) -> Activation {
        switch self {
        case .generic: generic
        case .fixed(let a): a
        }
    }

    /// `generic` or the activation's name (as in network files).
    public var name: String {
        switch self {
        case .generic: "generic"
        case .fixed(let a): a.rawValue
        }
    }

    /// Reads `generic` (also `alpha`, `α`) or an activation name.
    public init?(name: String) {
        switch name {
        case "generic", "alpha", "α": self = .generic
        default:
            guard let a = Activation(rawValue: name) else { return nil }
            self = .fixed(a)
        }
    }
}

/// A named group of scalars seen as one tensor, row-major: `W1` of shape
/// [out, in] holds `W1[j,i]` at ``indices``[j·in + i].
public struct TensorGroup: Sendable, Hashable {
    public var name: String
    /// Dimensions, outermost first (`[out, in]` for a weight matrix, `[n]`
    /// for a vector, `[]` for a scalar).
    public var shape: [Int]
    /// Indices of the scalars (into the network's parameters or inputs), row-major.
    public var indices: [Int]

    public init(name: String, shape: [Int], indices: [Int]) {
        precondition(shape.reduce(1, *) == indices.count, "TensorGroup \(name): shape does not match its indices")
        self.name = name
        self.shape = shape
        self.indices = indices
    }

    /// The scalar name of element `position` (row-major): `W1[3,0]`, `b1[2]`, or the name itself.
    public static func elementName(_ name: String, shape: [Int], position: Int) -> String {
        guard !shape.isEmpty else { return name }
        var rest = position
        var index: [Int] = []
        for extent in shape.reversed() {
            index.append(rest % extent)
            rest /= extent
        }
        return name + "[" + index.reversed().map(String.init).joined(separator: ",") + "]"
    }
}
