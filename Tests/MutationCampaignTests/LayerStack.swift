import Foundation
import Engines
import NetworkModel

/// A `dense:` network as a person writing back-propagation sees it: layers
/// l = 1…L with weights W_l [out][in], biases b_l [out], one activation per
/// layer, and a loss on the last layer's outputs (or none: the single output
/// is the objective).
struct LayerStack: Sendable, Hashable {
    /// widths[0] inputs, widths[l] units in layer l.
    var widths: [Int]
    /// The activation of layer l at index l − 1.
    var activations: [UnitActivation]
    var loss: Loss?

    /// The number of layers L.
    var layerCount: Int { widths.count - 1 }

    /// The stack of a network built by `Network.dense`, read from its tensor
    /// groups (W1, b1, W2, b2, … in parameter order) and units; nil for any
    /// other network.
    init?(_ network: Network) {
        let groups = network.parameterGroups
        guard !groups.isEmpty, groups.count % 2 == 0 else { return nil }
        var widths: [Int] = []
        var activations: [UnitActivation] = []
        var unit = 0
        var parameter = 0
        for l in 1...(groups.count / 2) {
            let (weights, biases) = (groups[2 * l - 2], groups[2 * l - 1])
            guard weights.name == "W\(l)", biases.name == "b\(l)", weights.shape.count == 2,
                  biases.shape == [weights.shape[0]], weights.indices.first == parameter
            else { return nil }
            if l == 1 { widths.append(weights.shape[1]) }
            guard widths.last == weights.shape[1], unit + weights.shape[0] <= network.units.count else { return nil }
            widths.append(weights.shape[0])
            activations.append(network.units[unit].activation)
            unit += weights.shape[0]
            parameter += weights.indices.count + biases.indices.count
        }
        guard unit == network.units.count, parameter == network.parameters.count,
              network.inputs.count == widths[0] else { return nil }
        self.widths = widths
        self.activations = activations
        switch network.objective {
        case .unit: loss = nil
        case .loss(let l, _, _): loss = l
        }
    }

    /// The fixed activation of layer l, or nil when the layer is generic.
    func fixedActivation(_ l: Int) -> Activation? {
        switch activations[l - 1] {
        case .fixed(let a): a
        case .generic: nil
        }
    }

    /// The tensor groups of layers 1…k: {W1, b1, …, Wk, bk}.
    func groups(through k: Int) -> Set<String> {
        k < 1 ? [] : Set((1...k).flatMap { ["W\($0)", "b\($0)"] })
    }

    /// Every parameter group.
    var allGroups: Set<String> { groups(through: layerCount) }

    /// Whether W_l is square (out = in).
    func isSquare(_ l: Int) -> Bool { widths[l] == widths[l - 1] }
}

/// The arithmetic of the hand-written engine: the kit's network scalars
/// (binary64 `Double`, binary32 `Float`) plus the error function, which the
/// 1 + erf form of GELU needs.
protocol CampaignScalar: NetworkScalar, BinaryFloatingPoint, Sendable {
    /// erf x, from the C library (binary32 rounds its binary64 result).
    static func erf(_ x: Self) -> Self
}

/// The C library's erf (outside the extensions, so that the name is the libm function).
private func libmErf(_ x: Double) -> Double { Foundation.erf(x) }

extension Double: CampaignScalar {
    static func erf(_ x: Double) -> Double { libmErf(x) }
}

extension Float: CampaignScalar {
    static func erf(_ x: Float) -> Float { Float(libmErf(Double(x))) }
}
