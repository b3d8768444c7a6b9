import Testing

extension Tag {
    /// Same seed, same values; the stream is the documented algorithm.
    @Tag static var determinism: Self
    /// Generated cases reach their regimes at the configured rates.
    @Tag static var coverage: Self
    /// Failures shrink to simple counterexamples.
    @Tag static var shrinking: Self
    /// The Swift Testing adapter.
    @Tag static var adapter: Self
}
