import NetworkModel
import PropertyTesting

extension SuiteCase {
    /// Cases `0..<count` of the regime-tagged generator with `seed`; case i is
    /// exactly case i of a property run with that seed, so it replays alone.
    public static func generated(network: Network = .seed, seed: UInt64, count: Int,
                                 activations: [Activation] = Activation.allCases,
                                 regimes: RegimeWeights = .uniform) throws -> [SuiteCase] {
        try Gen<TaggedCase>.networkCase(network: network, activations: activations, regimes: regimes)
            .samples(seed: seed, count: count)
            .map { SuiteCase(regime: $0.regime, networkCase: $0.case) }
    }
}
