import NetworkModel

/// Edits of a ``NetworkCase`` that put one of its units into a regime,
/// written against any ``Network``. All arithmetic is binary64 through the
/// forward pass of ``Backprop``, i.e. exactly what a Double engine computes.
public struct NetworkSurgery: Sendable {
    public let network: Network
    /// The network's sweep plan, made once.
    let plan: SweepPlan

    /// Surgery on `network`, which must be well formed (``Network/validate()``).
    public init(_ network: Network) {
        self.network = network
        do { plan = try SweepPlan(network) } catch { preconditionFailure("NetworkSurgery: \(error)") }
    }

    /// The binary64 forward pass of `c`.
    func forward(_ c: NetworkCase) -> ForwardPass<Double> {
        var workspace = BackpropWorkspace(plan: plan, filler: 0.0)
        Backprop.forward(activation: c.activation, inputs: c.inputs, parameters: c.parameters, targets: c.targets,
                         workspace: &workspace, slopes: false)
        return ForwardPass(preactivations: workspace.preactivations, outputs: workspace.outputs,
                           objective: workspace.objective)
    }

    /// The parameter that shifts unit `u`'s z additively: its unit bias, else
    /// the bias of its last term that has one.
    public func shiftParameter(ofUnit u: Int) -> Int? {
        let unit = network.units[u]
        return unit.bias ?? unit.terms.last(where: { $0.bias != nil })?.bias
    }

    /// Units whose z can be set through a shift parameter.
    public var shiftableUnits: [Int] { network.units.indices.filter { shiftParameter(ofUnit: $0) != nil } }

    /// z of every unit, in unit order.
    public func preactivations(_ c: NetworkCase) -> [Double] {
        forward(c).preactivations
    }

    /// The summands of unit `u`'s z in evaluation order: wₖ·sₖ (+ bₖ) for
    /// each term, then the unit bias if any.
    public func summands(ofUnit u: Int, in c: NetworkCase) -> [Double] {
        let pass = forward(c)
        let unit = network.units[u]
        var parts = unit.terms.map { term -> Double in
            let product = c.parameters[term.weight] * source(term.source, c, pass.outputs)
            return term.bias.map { product + c.parameters[$0] } ?? product
        }
        if let b = unit.bias { parts.append(c.parameters[b]) }
        return parts
    }

    /// The value term source `s` holds in the pass with outputs `outputs`.
    func source(_ s: Network.Source, _ c: NetworkCase, _ outputs: [Double]) -> Double {
        switch s {
        case .input(let i): c.inputs[i]
        case .unit(let k): outputs[k]
        }
    }

    /// Moves unit `u`'s z to (within rounding of) `target` by shifting its
    /// shift parameter p: p ← p + (target − z), done twice so the second
    /// step removes the first one's rounding. Earlier units are unaffected.
    public func setPreactivation(ofUnit u: Int, to target: Double, in c: inout NetworkCase) {
        guard let p = shiftParameter(ofUnit: u) else { return }
        for _ in 0..<2 { c.parameters[p] += target - preactivations(c)[u] }
    }

    /// Units whose z can be made to cancel, the objective's output units
    /// first (where cancellation reaches the objective directly).
    public var cancellableOutputUnits: [Int] { network.outputUnits.filter { shiftParameter(ofUnit: $0) != nil } }

    /// Output units with two or more weights (for the equal-weights regime).
    public var equalizableOutputUnits: [Int] { network.outputUnits.filter { network.units[$0].terms.count >= 2 } }

    /// Makes unit `u`'s z cancel to within a few ulps of 0 while its
    /// summands stay of order `anchor`:
    ///
    /// 1. anchor: give the first term the value `anchor` — through its own
    ///    bias (seed network: b20[0] ← anchor − w20[0]·x10), else through the
    ///    weight on its largest nonzero source (w ← anchor / s);
    /// 2. solve: set the shift parameter p (seed network: b20[1]) so z = 0 in
    ///    binary64 (twice), then move p to whichever of its neighbours within
    ///    ±4 ulps gives the smallest |z|, the closest cancellation binary64 allows;
    /// 3. nudge: move p `nudge` ulps up (or down if negative).
    public func cancel(unit u: Int, anchor: Double, nudge: Int, in c: inout NetworkCase) {
        guard let solved = shiftParameter(ofUnit: u) else { return }
        setFirstSummand(ofUnit: u, to: anchor, avoiding: solved, in: &c)
        setPreactivation(ofUnit: u, to: 0, in: &c)
        c.parameters[solved] = bestCancelling(parameter: solved, ofUnit: u, in: c)
        c.parameters[solved] = Self.step(c.parameters[solved], ulps: nudge)
    }

    /// Among p moved by −4…4 ulps, the value minimising |z| of unit `u`
    /// (the least displacement wins ties).
    func bestCancelling(parameter p: Int, ofUnit u: Int, in c: NetworkCase) -> Double {
        var trial = c
        let candidates = [0, -1, 1, -2, 2, -3, 3, -4, 4].map { Self.step(c.parameters[p], ulps: $0) }
        return candidates.min { a, b in
            trial.parameters[p] = a
            let za = abs(preactivations(trial)[u])
            trial.parameters[p] = b
            return za < abs(preactivations(trial)[u])
        }!
    }

    /// x moved |k| ulps up (k > 0) or down (k < 0).
    static func step(_ x: Double, ulps k: Int) -> Double {
        var y = x
        for _ in 0..<k.magnitude { y = k > 0 ? y.nextUp : y.nextDown }
        return y
    }

    func setFirstSummand(ofUnit u: Int, to anchor: Double, avoiding solved: Int, in c: inout NetworkCase) {
        let unit = network.units[u]
        let outputs = forward(c).outputs
        if let first = unit.terms.first, let b = first.bias, b != solved {
            c.parameters[b] = anchor - c.parameters[first.weight] * source(first.source, c, outputs)
            return
        }
        let usable = unit.terms.filter { $0.weight != solved && source($0.source, c, outputs) != 0 }
        guard let term = usable.max(by: { abs(source($0.source, c, outputs)) < abs(source($1.source, c, outputs)) })
        else { return }
        c.parameters[term.weight] = anchor / source(term.source, c, outputs)
    }

    /// Sets every weight of unit `u` to its first weight's value (seed
    /// network, u = z20: w20[1] ← w20[0]).
    public func equalizeWeights(ofUnit u: Int, in c: inout NetworkCase) {
        let weights = network.units[u].terms.map(\.weight)
        guard let first = weights.first else { return }
        for w in weights { c.parameters[w] = c.parameters[first] }
    }
}
