import NetworkModel
import PropertyTesting

extension SuiteCase {
    /// Cases `0..<count` of the regime-tagged generator with `seed`; case i is
    /// exactly case i of a property run with that seed, so it replays alone.
    /// Each case records its ``CaseOrigin``, so the suite can shrink it.
    public static func generated(network: Network, seed: UInt64, count: Int,
                                 activations: [Activation] = Activation.allCases,
                                 regimes: RegimeWeights = .uniform) throws -> [SuiteCase] {
        try generated(network: network, seed: seed, indices: Array(0..<count), activations: activations,
                      regimes: regimes)
    }

    /// The cases at `indices` of the regime-tagged generator with `seed`
    /// (e.g. one case, to replay it alone).
    public static func generated(network: Network, seed: UInt64, indices: [Int],
                                 activations: [Activation] = Activation.allCases,
                                 regimes: RegimeWeights = .uniform) throws -> [SuiteCase] {
        let generator = Gen<TaggedCase>.networkCase(network: network, activations: activations, regimes: regimes)
        return try indices.map { index in
            let tagged = try generator.generate(seed: seed, caseIndex: index)
            return SuiteCase(regime: tagged.regime, networkCase: tagged.case,
                             origin: CaseOrigin(seed: seed, index: index, activations: activations, regimes: regimes))
        }
    }
}
