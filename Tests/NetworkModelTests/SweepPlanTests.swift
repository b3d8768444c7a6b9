import Foundation
import Testing
@testable import NetworkModel

/// Deterministic values in ±3 or ±40 for sweeps over many points.
struct Values {
    var state: UInt64 = 0x5EED
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        let unit = Double(state >> 11) * 0x1p-53
        return (unit * 2 - 1) * (state & 1 == 0 ? 3 : 40)
    }
}

/// A tied weight `w` used twice and a skip connection from x1 to y:
/// h = tanh(w·x1 + b1), y = v·h + w·x2 + b2, objective y.
let tiedSkipJSON = """
{"name": "tied-skip", "inputs": ["x1", "x2"], "parameters": ["w", "v", "b1", "b2"],
 "units": [
   {"preactivation": "z1", "output": "h", "activation": "tanh", "terms": [{"weight": "w", "source": "x1"}], "bias": "b1"},
   {"preactivation": "z2", "output": "y", "activation": "identity",
    "terms": [{"weight": "v", "source": "h"}, {"weight": "w", "source": "x2"}, {"weight": "v", "source": "x1"}], "bias": "b2"}
 ],
 "objective": {"unit": "y"}}
"""

@Suite("The sweep plan: one typed plan, any network")
struct SweepPlanTests {
    static let networks: [Network] = [
        .seed,
        try! .dense(widths: [2, 1]),
        try! .dense(widths: [3, 4, 1], activations: [.fixed(.tanh), .fixed(.sigmoid)]),
        try! .dense(spec: "3-5-2/silu,identity/mse"),
        try! .dense(spec: "4-3-1/relu,identity/logistic"),
        try! .dense(spec: "3-4-3/tanh,identity/softmax-ce"),
        try! NetworkFile.parse(Data(tiedSkipJSON.utf8)),
    ]

    @Test(arguments: networks)
    func planIsWellFormed(_ network: Network) throws {
        #expect(try SweepPlan(network).checkInvariants())
    }

    /// A reused workspace gives the same bits as a fresh one (no state leaks between runs).
    @Test(arguments: networks)
    func reusedWorkspaceEqualsFresh(_ network: Network) throws {
        var values = Values()
        var reused = BackpropWorkspace(network: network, filler: 0.0)
        for activation in Activation.allCases {
            let inputs = network.inputs.map { _ in values.next() }
            let parameters = network.parameters.map { _ in values.next() }
            let targets = Self.targets(network)
            Backprop.run(activation: activation, inputs: inputs, parameters: parameters, targets: targets,
                         workspace: &reused)
            let fresh = Backprop.gradient(network, activation: activation, inputs: inputs, parameters: parameters,
                                          targets: targets, filler: 0.0)
            #expect(Self.same(reused.objective, fresh.objective))
            for (a, b) in zip(reused.gradient, fresh.gradient) { #expect(Self.same(a, b), "\(network.name) \(activation)") }
        }
    }

    /// Central differences in binary64 agree with the sweep to ~1e-6 relative on every network.
    @Test(arguments: networks)
    func sweepAgreesWithCentralDifferences(_ network: Network) throws {
        var values = Values(state: 77)
        let inputs = network.inputs.map { _ in values.next() / 8 }
        let parameters = network.parameters.map { _ in values.next() / 8 }
        let targets = Self.targets(network)
        let activation = Activation.tanh
        let g = Backprop.gradient(network, activation: activation, inputs: inputs, parameters: parameters,
                                  targets: targets, filler: 0.0).gradient
        for p in parameters.indices {
            let h = 1e-6
            var plus = parameters, minus = parameters
            plus[p] += h
            minus[p] -= h
            let fPlus = Backprop.forward(network, activation: activation, inputs: inputs, parameters: plus,
                                         targets: targets, filler: 0.0).objective
            let fMinus = Backprop.forward(network, activation: activation, inputs: inputs, parameters: minus,
                                          targets: targets, filler: 0.0).objective
            let estimate = (fPlus - fMinus) / (2 * h)
            #expect(abs(estimate - g[p]) <= 1e-6 * max(1, abs(g[p])), "\(network.name) ∂/∂\(network.parameters[p])")
        }
    }

    /// A tied weight's partial is the sum over its uses: ∂y/∂w = v·tanh′(z1)·x1 + x2.
    @Test func tiedWeightSumsItsUses() throws {
        let network = try NetworkFile.parse(Data(tiedSkipJSON.utf8))
        let (x1, x2, w, v, b1, b2) = (0.5, -1.25, 0.75, 2.0, 0.125, -0.5)
        let g = Backprop.gradient(network, activation: .sigmoid, inputs: [x1, x2], parameters: [w, v, b1, b2],
                                  filler: 0.0).gradient
        let z1 = w * x1 + b1
        let slope = 1 - tanh(z1) * tanh(z1)
        #expect(abs(g[0] - (v * slope * x1 + x2)) < 1e-15)
        #expect(abs(g[1] - (tanh(z1) + x1)) < 1e-15)
        _ = b2
    }

    /// Each loss's value and gradient ∂L/∂y against its formula.
    @Test func lossesMatchTheirFormulas() {
        var adjoints = [0.0, 0.0, 0.0]
        let y = [1.5, -0.5, 0.25]
        let mse = Loss.mse.evaluate(count: 3, output: { y[$0] }, target: { [1.0, 0.0, 0.5][$0] },
                                    adjoint: { adjoints[$0] = $1 })
        #expect(mse == 0.5 * (0.25 + 0.25 + 0.0625))
        #expect(adjoints == [0.5, -0.5, -0.25])
        let logistic = Loss.logistic.evaluate(count: 1, output: { _ in 2.0 }, target: { _ in 1.0 },
                                              adjoint: { adjoints[$0] = $1 })
        #expect(abs(logistic - log1p(exp(-2.0))) < 1e-15)
        #expect(abs(adjoints[0] - (1 / (1 + exp(-2.0)) - 1)) < 1e-15)
        let ce = Loss.softmaxCrossEntropy.evaluate(count: 3, output: { y[$0] }, target: { _ in 2 },
                                                   adjoint: { adjoints[$0] = $1 })
        let sum = y.map(exp).reduce(0, +)
        #expect(abs(ce - (log(sum) - y[2])) < 1e-14)
        #expect(abs(adjoints[2] - (exp(y[2]) / sum - 1)) < 1e-15)
        #expect(abs(adjoints.reduce(0, +)) < 1e-15)
    }

    @Test func malformedNetworksAreErrorsNotTraps() {
        var network = Network.seed
        network.units[0].terms[0].source = .unit(2)
        #expect(throws: NetworkError.self) { try SweepPlan(network) }
        network = .seed
        network.units[1].bias = 99
        #expect(throws: NetworkError.self) { try SweepPlan(network) }
        #expect(throws: NetworkError.self) { try Network.dense(spec: "3-0-1") }
        #expect(throws: NetworkError.self) { try Network.dense(spec: "3-1/tanh/softmax-ce") }
        #expect(throws: NetworkError.self) { try Network.dense(spec: "3-2-2/tanh,identity") }
    }

    /// Each corruption of a valid plan is caught by the debug-build invariant check.
    @Test func invariantCheckCatchesCorruptPlans() throws {
        let plan = try SweepPlan(.seed)
        var bad = plan
        bad.forwardTerms[0] = SweepPlan.ForwardTerm(weight: 99, source: .init(.input(0)), bias: -1)
        #expect(!bad.checkInvariants())
        bad = plan
        bad.forwardTerms[0] = SweepPlan.ForwardTerm(weight: 0, source: .init(.unit(2)), bias: -1)
        #expect(!bad.checkInvariants(), "unit 0 reading unit 2")
        bad = plan
        bad.backwardTerms[0] = SweepPlan.BackwardTerm(weight: 0, weightAdds: false, source: .init(.input(7)), bias: -1,
                                                      biasAdds: false, adjointAdds: false)
        #expect(!bad.checkInvariants(), "input 7 of 2")
        bad = plan
        bad.unreached = [8]
        #expect(!bad.checkInvariants())
    }

    @Test func caseSizesAreChecked() throws {
        let network = try Network.dense(spec: "3-2/tanh/softmax-ce")
        let good = NetworkCase(activation: .tanh, inputs: [1, 2, 3], parameters: Array(repeating: 0, count: 8), targets: [1])
        #expect(network.caseProblem(good) == nil)
        var bad = good
        bad.targets = [2]
        #expect(network.caseProblem(bad) != nil)
        bad = good
        bad.parameters.removeLast()
        #expect(network.caseProblem(bad) != nil)
    }

    @Test func denseNamesAreCollisionFree() throws {
        let network = try Network.dense(spec: "12-11-10/tanh,identity/softmax-ce")
        #expect(Set(network.parameters).count == network.parameters.count)
        #expect(network.parameters.contains("W1[10,11]") && network.parameters.contains("b2[9]"))
        #expect(network.parameterGroups.map(\.name) == ["W1", "b1", "W2", "b2"])
        #expect(network.parameterGroups[0].shape == [11, 12])
    }

    @Test func networkFileErrorsNameTheEntry() {
        let bad = tiedSkipJSON.replacingOccurrences(of: #""source": "h""#, with: #""source": "h2""#)
        #expect {
            try NetworkFile.parse(Data(bad.utf8))
        } throws: { error in
            "\(error)".contains("units[1].terms[0].source") && "\(error)".contains("h2")
        }
        #expect { try NetworkFile.parse(Data("{\"inputs\": [1,".utf8)) } throws: { "\($0)".contains("malformed JSON") }
    }

    static func targets(_ network: Network) -> [Double] {
        switch network.objective {
        case .unit: []
        case .loss(.mse, let outputs, _): outputs.map { Double($0 % 3) - 1 }
        case .loss(.logistic, _, _): [1]
        case .loss(.softmaxCrossEntropy, let outputs, _): [Double(outputs.count - 1)]
        }
    }

    static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
}
