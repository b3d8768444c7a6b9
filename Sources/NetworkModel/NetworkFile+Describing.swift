extension NetworkFile {
    /// The file that describes `network` unit by unit, every name spelled
    /// out: ``network()`` reads it back as the same units, parameters and
    /// objective. (`backprop-engine/2` sends a network that is not a layer
    /// stack in this form.)
    public init(describing network: Network) {
        func source(_ s: Network.Source) -> String {
            switch s {
            case .input(let i): network.inputs[i]
            case .unit(let u): network.units[u].outputName
            }
        }
        func parameter(_ p: Int?) -> String? { p.map { network.parameters[$0] } }
        name = network.name
        inputs = network.inputs
        parameters = network.parameters
        units = network.units.map { unit in
            UnitEntry(preactivation: unit.preactivationName, output: unit.outputName, activation: unit.activation.name,
                      terms: unit.terms.map { term in
                          TermEntry(weight: network.parameters[term.weight], source: source(term.source),
                                    bias: parameter(term.bias))
                      },
                      bias: parameter(unit.bias))
        }
        switch network.objective {
        case .unit(let u, let name):
            objective = ObjectiveEntry(unit: network.units[u].outputName, name: name)
        case .loss(let loss, let outputs, let name):
            objective = ObjectiveEntry(loss: loss.rawValue, outputs: outputs.map { network.units[$0].outputName },
                                       name: name)
        }
    }

    /// The layer-stack form, `{"layers": [{"in": …, "out": …, "activation": …}, …], "loss": …}`, of
    /// ``Network/dense(widths:activations:loss:)`` with the same arguments (one activation per
    /// layer, or one for all layers).
    public init(widths: [Int], activations: [UnitActivation], loss: Loss?) {
        let shapes = Array(zip(widths, widths.dropFirst()))
        let perLayer = activations.count == 1 ? Array(repeating: activations[0], count: shapes.count) : activations
        layers = zip(shapes, perLayer).map { shape, activation in
            LayerEntry(in: shape.0, out: shape.1, activation: activation.name)
        }
        self.loss = loss?.rawValue
    }
}
