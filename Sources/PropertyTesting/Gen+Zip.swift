extension Gen {
    /// Generates from each generator in turn and pairs the results; each
    /// component shrinks through the shared choice sequence.
    public static func zip<each T>(_ generators: repeat Gen<each T>) -> Gen<(repeat each T)>
    where Value == (repeat each T) {
        Gen<(repeat each T)> { source throws(GenerationError) in
            (repeat try (each generators).body(source))
        }
    }

    /// Pairs this generator's values with `other`'s.
    public func zip<Other>(_ other: Gen<Other>) -> Gen<(Value, Other)> {
        Gen<(Value, Other)> { source throws(GenerationError) in
            (try self.body(source), try other.body(source))
        }
    }
}
