import NetworkModel

/// Deliberately faulty engines for the seed network, used to measure the
/// conformance suite's power: each mutation is a mistake engine authors
/// really make, and the suite must reject each with the right verdict on
/// the right quantity.
public struct MutantEngine: GradientEngine {
    /// One planted mistake.
    public enum Mutation: String, CaseIterable, Sendable, Codable {
        /// ∂y/∂w10 uses w20[1] where w20[0] belongs (the seed table's own slip).
        case swappedIndex = "swapped-index"
        /// ∂y/∂w10 forgets the factor x00.
        case missingFactor = "missing-factor"
        /// ∂y/∂w10 evaluates α′ at z11 instead of z10.
        case wrongSlopeArgument = "wrong-slope-argument"
        /// The forward pass drops b10 from z10.
        case droppedBias = "dropped-bias"
        /// Everything computed in binary32, then widened.
        case binary32
        /// σ′ computed as s·(1 − s), which cancels when s rounds toward 1
        /// (every other activation's slope is the careful one).
        case naiveSigmoidSlope = "naive-sigmoid-slope"

        /// What the suite must conclude: the engine verdict and the quantities
        /// that must be judged wrong (none for accuracy mutants).
        public var expectedVerdict: EngineVerdictExpectation {
            switch self {
            case .swappedIndex, .missingFactor, .wrongSlopeArgument:
                .wrong(["w10"])
            case .droppedBias:
                .wrong(["y", "w10", "b10", "w11", "b11", "w20[0]", "w20[1]", "b20[0]", "b20[1]"])
            case .binary32, .naiveSigmoidSlope:
                .inaccurate
            }
        }
    }

    public let mutation: Mutation
    public var name: String { "mutant-\(mutation.rawValue)" }

    public init(_ mutation: Mutation) { self.mutation = mutation }

    public func supports(_ network: Network) -> Bool { network == .seed }

    public func evaluate(_ request: EngineRequest) async throws -> EngineResult {
        let c = request.networkCase
        if mutation == .binary32 {
            let (y, g) = Self.seed(c.inputs.map { Float($0) }, c.parameters.map { Float($0) }, c.activation, mutation)
            return EngineResult(y: Double(y), gradient: g.map(Double.init), network: request.network)
        }
        let (y, g) = Self.seed(c.inputs, c.parameters, c.activation, mutation)
        return EngineResult(y: y, gradient: g, network: request.network)
    }

    /// The seed network straight-line, with the mutation applied.
    static func seed<T: NetworkScalar>(_ x: [T], _ p: [T], _ a: Activation, _ m: Mutation) -> (T, [T]) {
        let (w10, b10, w11, b11, w200, w201, b200, b201) = (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7])
        let z10 = m == .droppedBias ? w10 * x[0] : w10 * x[0] + b10
        let z11 = w11 * x[1] + b11
        let x10 = a.value(z10), x11 = a.value(z11)
        let z20 = (w200 * x10 + b200) + (w201 * x11 + b201)
        let slope: (T) -> T = { z in
            guard m == .naiveSigmoidSlope && a == .sigmoid else { return a.derivative(z) }
            let s = a.value(z)
            return s * (z.constant(1) - s)
        }
        let d20 = slope(z20)
        let d10 = slope(m == .wrongSlopeArgument ? z11 : z10), d11 = slope(z11)
        let shared0 = d20 * (m == .swappedIndex ? w201 : w200)
        let dw10 = m == .missingFactor ? shared0 * d10 : shared0 * d10 * x[0]
        let g = [dw10, d20 * w200 * slope(z10), d20 * w201 * d11 * x[1], d20 * w201 * d11,
                 d20 * x10, d20 * x11, d20, d20]
        return (a.value(z20), g)
    }
}

/// What the suite must conclude about an engine.
public enum EngineVerdictExpectation: Sendable, Hashable {
    /// These quantities wrong, every other quantity conforming or inaccurate.
    case wrong([String])
    /// Inaccurate somewhere, wrong nowhere.
    case inaccurate
}
