import Testing
import NetworkModel

@Test func seedGradientMatchesHandDerivedFormulas() {
    let net = Network.seed
    let inputs = [0.25, -1.5]
    let params = [0.1, -0.3, 2.0, 0.5, -1.25, 0.75, 0.0625, -2.5]
    let pass = Backprop.forward(net, activation: .sigmoid, inputs: inputs, parameters: params, filler: 0.0)
    let g = Backprop.gradient(net, activation: .sigmoid, inputs: inputs, parameters: params, filler: 0.0).gradient
    let a = Activation.sigmoid
    let d20 = a.derivative(pass.preactivations[2])
    let expectedW10 = d20 * params[4] * a.derivative(pass.preactivations[0]) * inputs[0]
    #expect(abs(g[0] - expectedW10) <= 1e-15 * abs(expectedW10))
}
