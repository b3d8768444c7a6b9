import Testing
import NetworkModel

/// A reused workspace switches to a precomputed plan of the sweep on its
/// second run. The plan only skips bookkeeping, so its results must be
/// bit-identical to a fresh workspace's general sweep.
@Suite("The planned sweep equals the general one bit for bit")
struct PlannedSweepTests {
    static let networks: [Network] = [.seed, .dense(widths: [2, 1]), .dense(widths: [3, 4, 1]), .dense(widths: [2, 3, 3, 1])]

    @Test(arguments: networks, Activation.allCases)
    func plannedEqualsGeneral(_ network: Network, _ activation: Activation) {
        var state: UInt64 = 0x5EED
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let unit = Double(state >> 11) * 0x1p-53
            return (unit * 2 - 1) * (state & 1 == 0 ? 3 : 40)
        }
        var reused = BackpropWorkspace(network: network, filler: 0.0)
        for _ in 0..<200 {
            let inputs = network.inputs.map { _ in next() }
            let parameters = network.parameters.map { _ in next() }
            Backprop.run(network, activation: activation, inputs: inputs, parameters: parameters, workspace: &reused)
            let fresh = Backprop.gradient(network, activation: activation, inputs: inputs, parameters: parameters)
            #expect(reused.y(of: network).bitPattern == fresh.y.bitPattern || (reused.y(of: network).isNaN && fresh.y.isNaN))
            for (a, b) in zip(reused.gradient, fresh.gradient) {
                #expect(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN), "\(network.name) \(activation)")
            }
        }
    }
}
