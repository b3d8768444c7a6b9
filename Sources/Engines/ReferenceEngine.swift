import MultiPrecision
import NetworkModel
import Reference

/// The MPFR reference presented as an engine: its exact gradient correctly
/// rounded to binary64. It conforms by construction; running it through the
/// suite checks the suite's plumbing and the final rounding.
public struct ReferenceEngine: GradientEngine {
    public let name = "mpfr"
    public var precision: Int

    public init(precision: Int = 256) { self.precision = precision }

    public func evaluate(_ request: EngineRequest) async throws -> EngineResult {
        let evaluation = try ReferenceEvaluator(network: request.network, precision: precision)
            .evaluate(request.networkCase)
        return EngineResult(objective: Double(evaluation.objective), gradient: evaluation.gradient.map { Double($0) },
                            network: request.network)
    }
}
