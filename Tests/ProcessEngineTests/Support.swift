import Testing
import Conformance
import Engines
import NetworkModel
#if canImport(Glibc)
import Glibc
#endif

/// Where the example engines live, found from this file's path.
enum Examples {
    /// The package root: three levels above `Tests/ProcessEngineTests/Support.swift`.
    static let root: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    static func path(_ relative: String) -> String { root + "/Examples/" + relative }

    /// A shell command running `interpreter` on the example at `relative`.
    static func command(_ interpreter: String, _ relative: String, _ arguments: String = "") -> String {
        "\(interpreter) \(shellQuoted(path(relative)))" + (arguments.isEmpty ? "" : " " + arguments)
    }

    static var pythonEngine: String { command(python, "python-engine/engine.py") }
    static func faulty(_ script: String, _ arguments: String = "") -> String {
        command(script.hasSuffix(".sh") ? "sh" : python, "faulty-engines/" + script, arguments)
    }

    /// The interpreter `python3` resolves to, found once: version-manager
    /// shims (pyenv) cost a few hundred milliseconds per start, which adds up
    /// when many engines start at once on a loaded machine.
    static let python: String = {
        guard let pipe = popen("python3 -c 'import sys; print(sys.executable)' 2>/dev/null", "r") else { return "python3" }
        var buffer = [CChar](repeating: 0, count: 4096)
        let line = fgets(&buffer, Int32(buffer.count), pipe) != nil
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        pclose(pipe)
        let path = line.split(separator: "\n").first.map(String.init) ?? ""
        return path.hasPrefix("/") ? shellQuoted(path) : "python3"
    }()
}

/// Options for engines expected to answer: a timeout long enough for a slow
/// start on a loaded machine (a fault is reported as soon as it happens).
let patient = ProcessEngine.Configuration(requestTimeout: .seconds(10))

func shellQuoted(_ text: String) -> String {
    var quoted = "'"
    for character in text {
        if character == "'" { quoted += "'\\''" } else { quoted.append(character) }
    }
    return quoted + "'"
}

/// The request of the protocol document's example, with the given id.
func exampleRequest(id: Int, activation: Activation = .sigmoid) -> EngineRequest {
    EngineRequest(id: id, network: .seed, networkCase: NetworkCase(
        activation: activation, inputs: [0.25, -1.5],
        parameters: [0.1, -0.3, 2.0, 0.5, -1.25, 0.75, 0.0625, -2.5]))
}

/// A fixed grid of ordinary and saturated cases, as in the verification tests.
func quickCases(perActivation ordinary: Int = 8) -> [SuiteCase] {
    var cases: [SuiteCase] = []
    var state: UInt64 = 0x9E3779B97F4A7C15
    func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) * 0x1p-53 * 4 - 2
    }
    for activation in Activation.allCases {
        for _ in 0..<ordinary {
            let c = NetworkCase(activation: activation, inputs: [next(), next()], parameters: (0..<8).map { _ in next() })
            cases.append(SuiteCase(regime: .ordinary, networkCase: c))
        }
        for bias in [25.0, -40.0, 300.0] {
            var p = (0..<8).map { _ in next() }
            p[6] = bias
            cases.append(SuiteCase(regime: .saturation,
                                   networkCase: NetworkCase(activation: activation, inputs: [next(), next()], parameters: p)))
        }
    }
    return cases
}

/// The suite over ``quickCases(perActivation:)``, built once (the MPFR
/// reference is the slow part) and shared by the tests.
actor SharedSuite {
    static let shared = SharedSuite()
    private var building: Task<ConformanceSuite, any Error>?

    func get() async throws -> ConformanceSuite {
        if let building { return try await building.value }
        let task = Task { try ConformanceSuite(network: .seed, cases: quickCases()) }
        building = task
        return try await task.value
    }
}

/// Whether no process with this id exists any more (killed and reaped).
func processIsGone(_ pid: Int32) -> Bool {
    kill(pid, 0) == -1 && errno == ESRCH
}

/// Processes of the group `pgid` that are still running (not zombies), from
/// /proc. Members orphaned by a kill are reaped by init, on its own schedule;
/// what matters is that none of them still runs.
func runningMembers(ofGroup pgid: Int32) -> [Int32] {
    guard let directory = opendir("/proc") else { return [] }
    defer { closedir(directory) }
    var members: [Int32] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard let pid = Int32(name) else { continue }
        let fd = open("/proc/\(pid)/stat", O_RDONLY)
        guard fd >= 0 else { continue }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = read(fd, &buffer, buffer.count)
        close(fd)
        guard count > 0 else { continue }
        let text = String(decoding: buffer[..<count], as: UTF8.self)
        // pid (comm) state ppid pgrp …; comm may contain spaces and parentheses.
        guard let close = text.lastIndex(of: ")") else { continue }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 3, let group = Int32(fields[2]) else { continue }
        if group == pgid && fields[0] != "Z" && fields[0] != "X" { members.append(pid) }
    }
    return members
}

/// Waits up to a second for every process of the group to have died.
func groupHasStopped(_ pgid: Int32) async -> Bool {
    for _ in 0..<100 {
        if runningMembers(ofGroup: pgid).isEmpty { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return false
}

/// Runs `body` and returns how long it took.
func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Duration) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try await body()
    return (value, clock.now - start)
}

/// What one request came to: an answer (no kind), a fault, or another error.
struct Reply: Sendable, CustomStringConvertible {
    /// The fault's kind; nil for an answer or an error that is not a fault.
    var kind: EngineError.FaultKind?
    var message: String

    var description: String { kind.map { "\($0): \(message)" } ?? message }
}

/// Sends the requests `ids` one after another and records what each came to;
/// every fault message must name its case.
func ask(_ engine: ProcessEngine, ids: Range<Int>,
         sourceLocation: SourceLocation = #_sourceLocation) async -> [Reply] {
    var replies: [Reply] = []
    for id in ids {
        do {
            let result = try await engine.evaluate(exampleRequest(id: id))
            #expect(result.gradient.count == 8, sourceLocation: sourceLocation)
            replies.append(Reply(kind: nil, message: "answer"))
        } catch EngineError.fault(let kind, let message) {
            #expect(message.hasPrefix("case \(id): "), "\(message)", sourceLocation: sourceLocation)
            replies.append(Reply(kind: kind, message: message))
        } catch {
            Issue.record("case \(id): unexpected \(error)", sourceLocation: sourceLocation)
            replies.append(Reply(kind: nil, message: "unexpected \(error)"))
        }
    }
    return replies
}
