extension Network {
    /// Throws the first way in which the network is malformed: an index out
    /// of range, a unit reading itself or a later unit, a unit with neither
    /// terms nor bias, an objective that reads no unit or a unit twice, a
    /// loss given the wrong number of outputs, a tensor group out of range,
    /// or a name used twice.
    public func validate() throws(NetworkError) {
        try validateWiring()
        let names = inputs + parameters + targets + units.flatMap { [$0.preactivationName, $0.outputName] }
        var seen: Set<String> = []
        for name in names where !seen.insert(name).inserted {
            throw NetworkError("the name '\(name)' is used twice")
        }
    }

    /// The checks the sweeps need (everything ``validate()`` checks but the
    /// names), cheap enough to run for every plan.
    public func validateWiring() throws(NetworkError) {
        func parameter(_ p: Int?, _ what: @autoclosure () -> String) throws(NetworkError) {
            guard let p else { return }
            guard parameters.indices.contains(p) else {
                throw NetworkError("\(what()) names parameter \(p); the network has \(parameters.count)")
            }
        }
        for (u, unit) in units.enumerated() {
            let label = "unit \(u) (\(unit.outputName))"
            guard !unit.terms.isEmpty || unit.bias != nil else { throw NetworkError("\(label) has neither terms nor a bias") }
            try parameter(unit.bias, "the bias of \(label)")
            for (k, term) in unit.terms.enumerated() {
                try parameter(term.weight, "term \(k) of \(label)")
                try parameter(term.bias, "the bias of term \(k) of \(label)")
                switch term.source {
                case .input(let i):
                    guard inputs.indices.contains(i) else {
                        throw NetworkError("term \(k) of \(label) reads input \(i); the network has \(inputs.count)")
                    }
                case .unit(let v):
                    guard (0..<u).contains(v) else {
                        throw NetworkError("term \(k) of \(label) reads unit \(v); a unit reads only earlier units")
                    }
                }
            }
        }
        let outputs = outputUnits
        guard !outputs.isEmpty, outputs.allSatisfy(units.indices.contains) else {
            throw NetworkError("the objective reads units \(outputs); the network has \(units.count)")
        }
        guard Set(outputs).count == outputs.count else { throw NetworkError("the objective reads a unit twice") }
        if case .loss(let loss, _, _) = objective, !loss.accepts(outputCount: outputs.count) {
            throw NetworkError("loss \(loss.rawValue) does not take \(outputs.count) output(s)")
        }
        for group in parameterGroups where !group.indices.allSatisfy(parameters.indices.contains) {
            throw NetworkError("parameter group \(group.name) names a parameter out of range")
        }
    }
}
