/// A feed-forward network described as data: named inputs, named parameters
/// and units wired to earlier values.
///
/// Each unit computes a pre-activation z as a left-to-right sum of terms and
/// then x = α(z):
///
///     z = Σₖ (wₖ · sₖ + bₖ) + b        x = α(z)
///
/// where sₖ is an input or an earlier unit's output, wₖ a weight, bₖ an
/// optional per-term bias (the seed document's b20^[0], b20^[1]) and b an
/// optional unit bias (the usual dense-layer bias). The summation order is
/// part of the model because it fixes how binary64 rounds.
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

        public init(preactivationName: String, outputName: String, terms: [Term], bias: Int? = nil) {
            self.preactivationName = preactivationName
            self.outputName = outputName
            self.terms = terms
            self.bias = bias
        }
    }

    public var name: String
    /// Input names in order, e.g. `["x00", "x01"]`.
    public var inputs: [String]
    /// Parameter names in canonical order, e.g. `["w10", "b10", …]`.
    public var parameters: [String]
    /// Units in evaluation order: a unit reads only inputs and earlier units.
    public var units: [Unit]
    /// The unit whose output is the network's output y.
    public var output: Int

    public init(name: String, inputs: [String], parameters: [String], units: [Unit], output: Int) {
        self.name = name
        self.inputs = inputs
        self.parameters = parameters
        self.units = units
        self.output = output
    }

    /// Index of the parameter called `name`, if there is one.
    public func parameterIndex(_ name: String) -> Int? { parameters.firstIndex(of: name) }

    /// Index of the input called `name`, if there is one.
    public func inputIndex(_ name: String) -> Int? { inputs.firstIndex(of: name) }
}

extension Network {
    /// A fully connected multilayer perceptron with the given layer widths
    /// (`widths[0]` inputs, the last width must be 1). Unit j of layer l has
    /// pre-activation `z{l}{j}`, output `x{l}{j}`, weights `w{l}{j}[i]` and bias
    /// `b{l}{j}`; inputs are `x0{i}`.
    public static func dense(widths: [Int]) -> Network {
        precondition(widths.count >= 2 && widths.allSatisfy { $0 > 0 } && widths.last == 1,
                     "dense(widths:) needs at least two positive widths ending in 1")
        let inputs = (0..<widths[0]).map { "x0\($0)" }
        var parameters: [String] = []
        var units: [Unit] = []
        var previous: [Source] = inputs.indices.map { .input($0) }
        for layer in 1..<widths.count {
            var current: [Source] = []
            for j in 0..<widths[layer] {
                let terms = previous.enumerated().map { i, source in
                    parameters.append("w\(layer)\(j)[\(i)]")
                    return Term(weight: parameters.count - 1, source: source)
                }
                parameters.append("b\(layer)\(j)")
                units.append(Unit(preactivationName: "z\(layer)\(j)", outputName: "x\(layer)\(j)",
                                  terms: terms, bias: parameters.count - 1))
                current.append(.unit(units.count - 1))
            }
            previous = current
        }
        return Network(name: "dense-" + widths.map(String.init).joined(separator: "-"),
                       inputs: inputs, parameters: parameters, units: units, output: units.count - 1)
    }
}
