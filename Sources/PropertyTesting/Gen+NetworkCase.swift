import NetworkModel

extension Gen where Value == TaggedCase {
    /// Cases for `network`, each tagged with the regime it was built for.
    ///
    /// Draws, in order: the regime (weighted by `regimes` among those the
    /// network admits, ``Regime/admitted(by:)``; shrinking toward
    /// ``Regime/ordinary``), the generic α's activation (uniform over
    /// `activations`, shrinking toward the first; not drawn when no unit is
    /// generic, the first is recorded then), then the regime's values
    /// (``Gen/regimeCase(_:network:activation:)``). Because the regime's
    /// construction is replayed on every shrunk choice sequence, a shrunk case
    /// still satisfies its regime's condition.
    public static func networkCase(network: Network,
                                   activations: [Activation] = Activation.allCases,
                                   regimes: RegimeWeights = .uniform) -> Gen<TaggedCase> {
        precondition(!activations.isEmpty, "networkCase needs at least one activation")
        // One surgery (and so one sweep plan) for the generator, not one per case.
        let surgery = NetworkSurgery(network)
        let drawn = regimes.drawn.filter { $0.regime.isAdmitted(by: surgery) }
        precondition(!drawn.isEmpty, "networkCase: none of the regimes \(regimes.drawn.map(\.regime.rawValue)) "
                     + "can be built for network \(network.name)")
        let regime = Gen<Int>.weightedIndex(drawn.map(\.weight)).map { drawn[$0].regime }
        // A network of fixed activations ignores the case's α: it is activations[0], named by nothing.
        let activation = network.hasGenericUnits ? Gen<Activation>.element(of: activations) : .constant(activations[0])
        let units = network.hasGenericUnits ? nil : network.activationLabel(NetworkCase(activation: activations[0], inputs: [], parameters: []))
        return regime.zip(activation).flatMap { regime, activation in
            Gen<NetworkCase>.regimeCase(regime, shape: CaseShape(surgery: surgery, activation: activation))
                .map { TaggedCase(regime: regime, case: $0, unitActivations: units) }
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
    /// - cancellation: ordinary values, then at an output unit (one the
    ///   objective reads, drawn when there are several) the first summand set
    ///   to ±[½, 2], the shift parameter solved so z ≈ 0, then nudged by
    ///   −2…2 ulps (``NetworkSurgery/cancel(unit:anchor:nudge:in:)``);
    /// - equal weights: ordinary values with all weights of an output unit
    ///   (drawn when there are several) equal.
    ///
    /// Targets, when the objective is a loss, are drawn after the values:
    /// for mse from the regime's value generator (one per output), for
    /// logistic 0, 1 or uniform in [0, 1], for softmax-ce a class uniform
    /// over the outputs.
    public static func regimeCase(_ regime: Regime, network: Network, activation: Activation) -> Gen<NetworkCase> {
        regimeCase(regime, shape: CaseShape(surgery: NetworkSurgery(network), activation: activation))
    }

    /// ``regimeCase(_:network:activation:)`` over a prepared shape.
    static func regimeCase(_ regime: Regime, shape: CaseShape) -> Gen<NetworkCase> {
        switch regime {
        case .ordinary: return shape.ordinary
        case .saturation: return shape.saturation
        case .tiny: return shape.values(Gen<Double>.logUniform(magnitudes: 1e-20...1e-8.nextDown, shrinksToZero: true))
        case .wide: return shape.wide
        case .cancellation: return shape.cancellation
        case .equalWeights:
            return shape.ordinary.zip(Self.unit(among: shape.surgery.equalizableOutputUnits)).map { pair in
                var c = pair.0
                shape.surgery.equalizeWeights(ofUnit: pair.1, in: &c)
                return c
            }
        }
    }

    /// One of `units`; draws nothing when there is only one.
    static func unit(among units: [Int]) -> Gen<Int> {
        units.count == 1 ? .constant(units[0]) : .element(of: units)
    }
}

extension Regime {
    /// Whether a case of this regime can be built for `network`: saturation
    /// needs a unit with a shift parameter, cancellation an output unit with
    /// one, wide at least two values, equal weights an output unit with two
    /// or more weights.
    public func isAdmitted(by network: Network) -> Bool { isAdmitted(by: NetworkSurgery(network)) }

    /// `isAdmitted(by:)` for a network whose surgery is at hand.
    func isAdmitted(by surgery: NetworkSurgery) -> Bool {
        let network = surgery.network
        switch self {
        case .ordinary, .tiny: return true
        case .saturation: return !surgery.shiftableUnits.isEmpty
        case .wide: return network.inputs.count + network.parameters.count >= 2
        case .cancellation: return !surgery.cancellableOutputUnits.isEmpty
        case .equalWeights: return !surgery.equalizableOutputUnits.isEmpty
        }
    }
}

/// The sizes of a network's cases and the per-regime generators over them.
struct CaseShape: Sendable {
    let surgery: NetworkSurgery
    let activation: Activation
    var inputCount: Int { surgery.network.inputs.count }
    var valueCount: Int { inputCount + surgery.network.parameters.count }

    init(surgery: NetworkSurgery, activation: Activation) {
        self.surgery = surgery
        self.activation = activation
    }

    /// Splits inputs-then-parameters into a case with `targets`.
    func makeCase(_ values: [Double], targets: [Double] = []) -> NetworkCase {
        NetworkCase(activation: activation, inputs: Array(values[..<inputCount]),
                    parameters: Array(values[inputCount...]), targets: targets)
    }

    /// Every value drawn from `element`, then the targets (see ``targets(_:)``).
    func values(_ element: Gen<Double>) -> Gen<NetworkCase> {
        let shape = self
        let values = element.array(count: valueCount...valueCount)
        guard let targets = targets(element) else { return values.map { shape.makeCase($0) } }
        return values.zip(targets).map { shape.makeCase($0, targets: $1) }
    }

    /// The targets of the network's loss (nil when the objective is a unit's
    /// output): mse values from `element`, logistic 0, 1 or uniform in
    /// [0, 1], softmax-ce a class index.
    func targets(_ element: Gen<Double>) -> Gen<[Double]>? {
        guard case .loss(let loss, let outputs, _) = surgery.network.objective else { return nil }
        switch loss {
        case .mse:
            return element.array(count: outputs.count...outputs.count)
        case .logistic:
            return Gen<Double>.oneOf(.constant(0), .constant(1), .uniform(in: 0...1)).map { [$0] }
        case .softmaxCrossEntropy:
            return Gen<Int>.int(in: 0...(outputs.count - 1)).map { [Double($0)] }
        }
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
        let targets = self.targets(Gen<Double>.logUniform(magnitudes: 1e-6...1e6))
        precondition(n >= 2, "the wide regime needs at least two values")
        let large = Gen<Double>.logUniform(magnitudes: 0x1p10...1e6)
        let small = Gen<Double>.logUniform(magnitudes: 1e-6...0x1p-10)
        let anchors = Gen<Int>.int(in: 0...(n - 1)).zip(Gen<Int>.int(in: 0...(n - 2))).zip(large.zip(small))
        let shape = self
        let values = Gen<Double>.logUniform(magnitudes: 1e-6...1e6).array(count: n...n).zip(anchors).map { values, a in
            var values = values
            let ((big, other), (largeValue, smallValue)) = a
            values[big] = largeValue
            values[other >= big ? other + 1 : other] = smallValue
            return values
        }
        guard let targets else { return values.map { shape.makeCase($0) } }
        return values.zip(targets).map { shape.makeCase($0, targets: $1) }
    }

    var cancellation: Gen<NetworkCase> {
        let anchor = Gen<Double>.logUniform(magnitudes: 0.5...2)
        let nudge = Gen<Int>.int(in: -2...2)
        let surgery = self.surgery
        let unit = Gen<NetworkCase>.unit(among: surgery.cancellableOutputUnits)
        return ordinary.zip(anchor).zip(nudge).zip(unit).map { triple, u in
            let ((ordinary, anchor), k) = triple
            var c = ordinary
            surgery.cancel(unit: u, anchor: anchor, nudge: k, in: &c)
            return c
        }
    }
}
