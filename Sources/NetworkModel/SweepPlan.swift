/// A network flattened for the sweeps: its wiring in plain indices, with the
/// back-to-front sweep's control flow worked out once.
///
/// Which units the backward sweep visits, and whether a partial or an
/// adjoint is stored (first contribution) or added to, depend only on the
/// wiring, never on the values; the plan records them, so the sweeps
/// (``Backprop`` per case in any number type, and the batched binary64
/// engine) perform exactly the same operations in the same order, with no
/// bookkeeping of their own.
///
/// The plan is a typed view: units, terms and sources are small structs of
/// indices (no reference counting when read), checked against the network's
/// sizes when the plan is made and, in debug builds, by ``checkInvariants()``.
public struct SweepPlan: Sendable, Hashable {
    /// Where a term reads its value: input i (raw ≥ 0) or the output of unit
    /// ~raw (raw < 0), one integer so the sweeps branch on its sign.
    public struct Slot: Sendable, Hashable {
        public let raw: Int
        @inlinable public init(_ source: Network.Source) {
            switch source {
            case .input(let i): raw = i
            case .unit(let u): raw = ~u
            }
        }
        /// True when the slot reads an input.
        @inlinable public var isInput: Bool { raw >= 0 }
        /// The input index (when ``isInput``) or the unit index (otherwise).
        @inlinable public var index: Int { raw >= 0 ? raw : ~raw }
    }

    /// One unit of the forward pass: its terms are
    /// `forwardTerms[firstTerm ..< firstTerm + termCount]`.
    public struct ForwardUnit: Sendable, Hashable {
        public let firstTerm: Int
        public let termCount: Int
        /// Parameter index of the unit bias, −1 when there is none.
        public let bias: Int
        /// Index into `Activation.allCases`, or −1 for the generic α.
        public let activation: Int
    }

    /// w·s (+ b) inside a unit's sum.
    public struct ForwardTerm: Sendable, Hashable {
        public let weight: Int
        public let source: Slot
        /// Parameter index of the term's bias, −1 when there is none.
        public let bias: Int
    }

    /// A unit the backward sweep visits (last to first): its terms are
    /// `backwardTerms[firstTerm ..< firstTerm + termCount]`.
    public struct BackwardUnit: Sendable, Hashable {
        public let unit: Int
        public let bias: Int
        /// Whether ∂/∂bias already holds a contribution (add) or not (store).
        public let biasAdds: Bool
        public let firstTerm: Int
        public let termCount: Int
    }

    /// A term as the backward sweep sees it, with store-or-add decisions.
    public struct BackwardTerm: Sendable, Hashable {
        public let weight: Int
        public let weightAdds: Bool
        public let source: Slot
        public let bias: Int
        public let biasAdds: Bool
        /// Whether the source unit's adjoint already holds a contribution.
        public let adjointAdds: Bool
    }

    // Settable inside the module only, so tests can corrupt a plan and see
    // ``checkInvariants()`` catch it.
    public internal(set) var forwardUnits: [ForwardUnit]
    public internal(set) var forwardTerms: [ForwardTerm]
    public internal(set) var backwardUnits: [BackwardUnit]
    public internal(set) var backwardTerms: [BackwardTerm]
    /// Parameters no visited unit uses: their partial is 0.
    public internal(set) var unreached: [Int]
    public let objective: Objective
    public let inputCount: Int
    public let parameterCount: Int
    public let targetCount: Int
    public var unitCount: Int { forwardUnits.count }

    /// The plan of `network`; throws when its wiring is malformed
    /// (``Network/validateWiring()``).
    public init(_ network: Network) throws(NetworkError) {
        try network.validateWiring()
        let allActivations = Activation.allCases
        var forwardUnits: [ForwardUnit] = []
        var forwardTerms: [ForwardTerm] = []
        forwardUnits.reserveCapacity(network.units.count)
        for unit in network.units {
            let activation: Int
            switch unit.activation {
            case .generic: activation = -1
            case .fixed(let a): activation = allActivations.firstIndex(of: a)!
            }
            forwardUnits.append(ForwardUnit(firstTerm: forwardTerms.count, termCount: unit.terms.count,
                                            bias: unit.bias ?? -1, activation: activation))
            for term in unit.terms {
                forwardTerms.append(ForwardTerm(weight: term.weight, source: Slot(term.source), bias: term.bias ?? -1))
            }
        }

        // Run the sweep's control flow once, recording what it does.
        var reached = Array(repeating: false, count: network.units.count)
        var seen = Array(repeating: false, count: network.parameters.count)
        for u in network.outputUnits { reached[u] = true }
        func adds(_ p: Int) -> Bool {
            defer { seen[p] = true }
            return seen[p]
        }
        var backwardUnits: [BackwardUnit] = []
        var backwardTerms: [BackwardTerm] = []
        for u in network.units.indices.reversed() where reached[u] {
            let unit = network.units[u]
            backwardUnits.append(BackwardUnit(unit: u, bias: unit.bias ?? -1, biasAdds: unit.bias.map(adds) ?? false,
                                              firstTerm: backwardTerms.count, termCount: unit.terms.count))
            for term in unit.terms {
                let weightAdds = adds(term.weight)
                let biasAdds = term.bias.map(adds) ?? false
                var adjointAdds = false
                if case .unit(let v) = term.source {
                    adjointAdds = reached[v]
                    reached[v] = true
                }
                backwardTerms.append(BackwardTerm(weight: term.weight, weightAdds: weightAdds, source: Slot(term.source),
                                                  bias: term.bias ?? -1, biasAdds: biasAdds, adjointAdds: adjointAdds))
            }
        }
        self.forwardUnits = forwardUnits
        self.forwardTerms = forwardTerms
        self.backwardUnits = backwardUnits
        self.backwardTerms = backwardTerms
        self.unreached = network.parameters.indices.filter { !seen[$0] }
        self.objective = network.objective
        self.inputCount = network.inputs.count
        self.parameterCount = network.parameters.count
        self.targetCount = network.targets.count
        assert(checkInvariants(), "SweepPlan: invariants violated")
    }

    /// Every index the sweeps read without bounds checks is in range, and a
    /// unit reads only earlier units. Called by `assert` in debug builds;
    /// tests call it on purpose.
    public func checkInvariants() -> Bool {
        func isParameter(_ p: Int, optional: Bool) -> Bool { (optional && p == -1) || (0..<parameterCount).contains(p) }
        func slotFits(_ s: Slot, before unit: Int) -> Bool {
            s.isInput ? s.index < inputCount : s.index < unit
        }
        for (u, fu) in forwardUnits.enumerated() {
            guard fu.termCount > 0 || fu.bias >= 0, isParameter(fu.bias, optional: true),
                  fu.firstTerm >= 0, fu.firstTerm + fu.termCount <= forwardTerms.count,
                  (-1..<Activation.allCases.count).contains(fu.activation) else { return false }
            for t in forwardTerms[fu.firstTerm..<(fu.firstTerm + fu.termCount)] {
                guard isParameter(t.weight, optional: false), isParameter(t.bias, optional: true),
                      slotFits(t.source, before: u) else { return false }
            }
        }
        for bu in backwardUnits {
            guard (0..<unitCount).contains(bu.unit), isParameter(bu.bias, optional: true),
                  bu.firstTerm >= 0, bu.firstTerm + bu.termCount <= backwardTerms.count else { return false }
            for t in backwardTerms[bu.firstTerm..<(bu.firstTerm + bu.termCount)] {
                guard isParameter(t.weight, optional: false), isParameter(t.bias, optional: true),
                      slotFits(t.source, before: bu.unit) else { return false }
            }
        }
        return objective.outputUnits.allSatisfy((0..<unitCount).contains)
            && unreached.allSatisfy { isParameter($0, optional: false) }
    }
}
