import NetworkModel

extension Gen where Value == TaggedCase {
    /// Cases for `network`, each tagged with the regime it was built for.
    ///
    /// Draws, in order: the regime (weighted by `regimes`, shrinking toward
    /// ``Regime/ordinary``), the activation (uniform over `activations`,
    /// shrinking toward the first), then the regime's values
    /// (``Gen/regimeCase(_:network:activation:)``). Because the regime's
    /// construction is replayed on every shrunk choice sequence, a shrunk case
    /// still satisfies its regime's condition.
    public static func networkCase(network: Network = .seed,
                                   activations: [Activation] = Activation.allCases,
                                   regimes: RegimeWeights = .uniform) -> Gen<TaggedCase> {
        precondition(!activations.isEmpty, "networkCase needs at least one activation")
        let drawn = regimes.drawn
        let regime = Gen<Int>.weightedIndex(drawn.map(\.weight)).map { drawn[$0].regime }
        return regime.zip(Gen<Activation>.element(of: activations)).flatMap { regime, activation in
            Gen<NetworkCase>.regimeCase(regime, network: network, activation: activation)
                .map { TaggedCase(regime: regime, case: $0) }
        }
    }
}

extension Gen where Value == NetworkCase {
    /// Cases of one regime for `network` with a fixed activation:
    ///
    /// - ordinary: every input and parameter uniform in [−2, 2];
    /// - saturation: ordinary values, then a unit with a shift parameter and a
    ///   target |z| log-uniform in [20, 700] (random sign), reached by moving
    ///   that unit's bias (``NetworkSurgery/setPreactivation(ofUnit:to:in:)``);
    /// - tiny: every value log-uniform in magnitude on [1e-20, 1e-8), random sign;
    /// - wide: every value log-uniform in magnitude on [1e-6, 1e6], random
    ///   sign, with one value forced into ±[2¹⁰, 1e6] and another into
    ///   ±[1e-6, 2⁻¹⁰], so the magnitudes span at least six decades;
    /// - cancellation: ordinary values, the output's first summand set to
    ///   ±[½, 2], the output's shift parameter solved so z ≈ 0, then nudged
    ///   by −2…2 ulps (``NetworkSurgery/cancelOutput(anchor:nudge:in:)``);
    /// - equal weights: ordinary values with all output weights equal.
    public static func regimeCase(_ regime: Regime, network: Network, activation: Activation) -> Gen<NetworkCase> {
        let shape = CaseShape(network: network, activation: activation)
        switch regime {
        case .ordinary: return shape.ordinary
        case .saturation: return shape.saturation
        case .tiny: return shape.values(Gen<Double>.logUniform(magnitudes: 1e-20...1e-8.nextDown, shrinksToZero: true))
        case .wide: return shape.wide
        case .cancellation: return shape.cancellation
        case .equalWeights: return shape.ordinary.map { c in
            var c = c
            shape.surgery.equalizeOutputWeights(in: &c)
            return c
        }
        }
    }
}

/// The sizes of a network's cases and the per-regime generators over them.
struct CaseShape: Sendable {
    let surgery: NetworkSurgery
    let activation: Activation
    var inputCount: Int { surgery.network.inputs.count }
    var valueCount: Int { inputCount + surgery.network.parameters.count }

    init(network: Network, activation: Activation) {
        surgery = NetworkSurgery(network)
        self.activation = activation
    }

    /// Splits inputs-then-parameters into a case.
    func makeCase(_ values: [Double]) -> NetworkCase {
        NetworkCase(activation: activation, inputs: Array(values[..<inputCount]),
                    parameters: Array(values[inputCount...]))
    }

    /// Every value drawn from `element`.
    func values(_ element: Gen<Double>) -> Gen<NetworkCase> {
        let shape = self
        return element.array(count: valueCount...valueCount).map(shape.makeCase)
    }

    var ordinary: Gen<NetworkCase> { values(Gen<Double>.uniform(in: -2...2)) }

    var saturation: Gen<NetworkCase> {
        let units = surgery.shiftableUnits
        precondition(!units.isEmpty, "saturation needs a unit with a bias")
        let target = Gen<Double>.logUniform(magnitudes: (20 + 0x1p-30)...(700 - 0x1p-30))
        let surgery = self.surgery
        return ordinary.zip(Gen<Int>.element(of: units)).zip(target).map { pair, z in
            var c = pair.0
            surgery.setPreactivation(ofUnit: pair.1, to: z, in: &c)
            return c
        }
    }

    var wide: Gen<NetworkCase> {
        let n = valueCount
        precondition(n >= 2, "the wide regime needs at least two values")
        let large = Gen<Double>.logUniform(magnitudes: 0x1p10...1e6)
        let small = Gen<Double>.logUniform(magnitudes: 1e-6...0x1p-10)
        let anchors = Gen<Int>.int(in: 0...(n - 1)).zip(Gen<Int>.int(in: 0...(n - 2))).zip(large.zip(small))
        let shape = self
        return Gen<Double>.logUniform(magnitudes: 1e-6...1e6).array(count: n...n).zip(anchors).map { values, a in
            var values = values
            let ((big, other), (largeValue, smallValue)) = a
            values[big] = largeValue
            values[other >= big ? other + 1 : other] = smallValue
            return shape.makeCase(values)
        }
    }

    var cancellation: Gen<NetworkCase> {
        let anchor = Gen<Double>.logUniform(magnitudes: 0.5...2)
        let nudge = Gen<Int>.int(in: -2...2)
        let surgery = self.surgery
        return ordinary.zip(anchor).zip(nudge).map { pair, k in
            var c = pair.0
            surgery.cancelOutput(anchor: pair.1, nudge: k, in: &c)
            return c
        }
    }
}
