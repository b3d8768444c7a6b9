import Testing
import Foundation
import Conformance
import Engines
import NetworkModel

/// The example engines in PyTorch and JAX (float64), run with default
/// options when their framework can be imported; CI does not install them.
///
/// They use the Python that `python3` resolves to, or the one named by
/// `BACKPROP_CHECK_FRAMEWORK_PYTHON` (e.g. a virtual environment with
/// `pip install jax`), so a developer can run them without touching the
/// system's Python.
enum FrameworkEngines {
    static let python: String = {
        if let chosen = ProcessInfo.processInfo.environment["BACKPROP_CHECK_FRAMEWORK_PYTHON"], !chosen.isEmpty {
            return shellQuoted(chosen)
        }
        return Examples.python
    }()

    /// Whether `python -c "import MODULE"` succeeds.
    static func canImport(_ module: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(python) -c 'import \(module)' >/dev/null 2>&1"]
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static let torch = canImport("torch")
    static let jax = canImport("jax")

    static func command(_ folder: String) -> String {
        "\(python) \(shellQuoted(Examples.path(folder + "/engine.py")))"
    }
}

/// What the kit finds in a framework engine: never a fault, never *wrong*
/// (saturated derivatives computed as σ(1 − σ) or 1 − tanh² are inaccurate,
/// not wrong), and network files declined as a capability.
@Suite(.timeLimit(.minutes(10)), .serialized)
struct FrameworkEngineTests {
    /// Networks and seeds (the softmax-ce seed avoids the reference
    /// self-check's trouble with partials far below the smallest double).
    static let networks: [(String, UInt64)] = [("dense:4-8-1/tanh,identity/logistic", 1),
                                               ("dense:3-5-3/generic,identity/softmax-ce", 2),
                                               ("dense:3-4-2/silu,identity/mse", 1)]

    func check(_ folder: String) async throws {
        for (name, seed) in Self.networks {
            let network = try Network.named(name)
            let suite = try ConformanceSuite(network: network, generating: 100, seed: seed, shrinking: nil)
            let engine = ProcessEngine(command: FrameworkEngines.command(folder))  // default options
            let report = try await suite.run(engine)
            await engine.shutdown()
            #expect(report.faults.isEmpty, "\(name): \(report.faults.first?.message ?? "")")
            let wrong = ([report.value] + report.partials).filter { $0.verdict == .wrong }.map(\.name)
            #expect(wrong.isEmpty, "\(name): wrong \(wrong)")
            #expect(report.unsupported.isEmpty, "\(name): \(report.unsupported)")
            #expect(await engine.negotiatedProtocol?.name == "backprop-engine/2")
        }
        let seed = ProcessEngine(command: FrameworkEngines.command(folder))
        let results = await seed.evaluate(batch: try ProtocolTests.seedRequests(3))
        await seed.shutdown()
        #expect(ProtocolTests.kinds(results) == Array(repeating: "unsupported network seed", count: 3))
    }

    @Test(.enabled(if: FrameworkEngines.torch,
                   "PyTorch is not importable (python3 -c 'import torch' fails; CI does not install it)"))
    func pytorchEngine() async throws {
        try await check("pytorch-engine")
    }

    @Test(.enabled(if: FrameworkEngines.jax,
                   "JAX is not importable (python3 -c 'import jax' fails; CI does not install it)"))
    func jaxEngine() async throws {
        try await check("jax-engine")
    }
}
