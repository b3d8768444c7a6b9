extension Network {
    /// The network of the seed document's section 1:
    ///
    ///     z10 = w10·x00 + b10                                 x10 = α(z10)
    ///     z11 = w11·x01 + b11                                 x11 = α(z11)
    ///     z20 = (w20[0]·x10 + b20[0]) + (w20[1]·x11 + b20[1])  x20 = α(z20)
    ///     y   = x20
    ///
    /// Parameters in the order `w10, b10, w11, b11, w20[0], w20[1], b20[0], b20[1]`.
    public static let seed: Network = {
        let parameters = ["w10", "b10", "w11", "b11", "w20[0]", "w20[1]", "b20[0]", "b20[1]"]
        func p(_ name: String) -> Int { parameters.firstIndex(of: name)! }
        return Network(
            name: "seed",
            inputs: ["x00", "x01"],
            parameters: parameters,
            units: [
                Unit(preactivationName: "z10", outputName: "x10",
                     terms: [Term(weight: p("w10"), source: .input(0), bias: p("b10"))]),
                Unit(preactivationName: "z11", outputName: "x11",
                     terms: [Term(weight: p("w11"), source: .input(1), bias: p("b11"))]),
                Unit(preactivationName: "z20", outputName: "x20",
                     terms: [Term(weight: p("w20[0]"), source: .unit(0), bias: p("b20[0]")),
                             Term(weight: p("w20[1]"), source: .unit(1), bias: p("b20[1]"))]),
            ],
            output: 2)
    }()
}
