import Foundation
import Testing

/// Runs the built `backprop-check` executable as a process.
enum CLI {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable next to the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("backprop-check")
    }

    struct Run: Sendable {
        var status: Int32
        var output: String
        var error: String
    }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                   error: String(decoding: error, as: UTF8.self))
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// A temporary file with `contents`.
    static func file(_ contents: String, name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-check-\(UUID().uuidString)-\(name)")
        try Data(contents.utf8).write(to: url)
        return url
    }
}

@Suite("backprop-check as a process", .serialized)
struct CommandLineTests {
    @Test("verify finds the seed document's discrepancies and exits 1")
    func verifySeed() throws {
        let run = try CLI.run(["verify", "--cases", "24"])
        #expect(run.status == 1)
        #expect(run.output.contains("discrepant"))
    }

    @Test("verify --format json matches the documented schema")
    func verifyJSON() throws {
        let run = try CLI.run(["verify", "--cases", "24", "--format", "json"])
        let json = try CLI.json(run.output)
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.count == 8)
        for row in rows {
            #expect(row["parameter"] is String)
            #expect(row["expression"] is String)
            #expect(["verified", "discrepant", "inconclusive"].contains(row["verdict"] as? String))
            #expect(row["repairs"] is [String])
            #expect(row.keys.contains("evidence"))
        }
        let w10 = try #require(rows.first { $0["parameter"] as? String == "w10" })
        #expect(w10["verdict"] as? String == "discrepant")
        let derivations = try #require(json["derivations"] as? [[String: Any]])
        #expect(derivations.map { $0["parameter"] as? String } == ["w10", "w11"])
        let steps = try #require(derivations.first?["steps"] as? [[String: Any]])
        #expect(steps.first?["index"] as? Int == 1)
    }

    @Test("the same seed gives byte-identical output")
    func determinism() throws {
        let a = try CLI.run(["engine", "double", "--cases", "60", "--format", "json"])
        let b = try CLI.run(["engine", "double", "--cases", "60", "--format", "json"])
        #expect(a.status == 0)
        #expect(a.output == b.output)
    }

    @Test("engine reports: the Double engine conforms, the seed table is nonconformant on w10")
    func engines() throws {
        let double = try CLI.run(["engine", "double", "--cases", "100", "--format", "json"])
        #expect(double.status == 0)
        #expect(try CLI.json(double.output)["verdict"] as? String == "conforms")
        let table = try CLI.run(["engine", "table", "--cases", "100", "--format", "json"])
        #expect(table.status == 1)
        let partials = try #require(try CLI.json(table.output)["partials"] as? [[String: Any]])
        let wrong = partials.filter { $0["verdict"] as? String == "wrong" }.compactMap { $0["parameter"] as? String }
        #expect(wrong == ["w10"])
    }

    @Test("an external engine in Python conforms; a crashing one is a finding, not a crash")
    func externalEngines() throws {
        let good = try CLI.run(["engine", "--external", "python3 Examples/python-engine/engine.py", "--cases", "80"])
        #expect(good.status == 0, "\(good.output)\(good.error)")
        #expect(good.output.contains("conforms"))
        let crash = try CLI.run(["engine", "--external", "python3 Examples/faulty-engines/crash.py", "--cases", "20",
                                 "--timeout", "2", "--format", "json"])
        #expect(crash.status == 1)
        let faults = try #require(try CLI.json(crash.output)["faults"] as? [[String: Any]])
        #expect(!faults.isEmpty)
    }

    @Test("An engine that declines every case, or a /2 engine that forgot its handshake, does not conform",
          arguments: ["python3 Examples/faulty-engines/declines_everything.py",
                      "python3 Examples/faulty-engines/forgot_handshake.py"])
    func engineThatEvaluatesNothing(_ command: String) throws {
        let message = "the engine evaluated 0 of 50 cases: unsupported network seed (50 cases)"
        let text = try CLI.run(["engine", "--external", command, "--cases", "50"])
        #expect(text.status == 1, "\(text.output)\(text.error)")
        #expect(text.output.contains("nonconformant (50 cases"))
        #expect(text.output.contains(message), "\(text.output)")
        #expect(text.error.contains(message), "\(text.error)")
        #expect(text.output.contains("∂y/∂w10    not evaluated") && !text.output.contains("non-differentiable"))
        let json = try CLI.run(["engine", "--external", command, "--cases", "50", "--format", "json"])
        #expect(json.status == 1)
        let report = try CLI.json(json.output)
        #expect(report["verdict"] as? String == "nonconformant")
        let coverage = try #require(report["coverage"] as? [String: Any])
        #expect(coverage["generated"] as? Int == 50 && coverage["evaluated"] as? Int == 0)
        #expect(coverage["declined"] as? Int == 50 && coverage["sufficient"] as? Bool == false)
        #expect((coverage["reason"] as? String)?.contains(message) == true)
        let markdown = try CLI.run(["engine", "--external", command, "--cases", "50", "--format", "markdown"])
        #expect(markdown.status == 1 && markdown.output.contains(message))
    }

    @Test("reference prints every value with its digits")
    func reference() throws {
        let run = try CLI.run(["reference", "--activation", "tanh", "--format", "json", "--precision", "128",
                               "--inputs", #"{"x00": 0.25, "x01": "-0x1.8p+0"}"#,
                               "--params", #"{"w10": 0.1, "b10": -0.3, "w11": 2, "b11": 0.5, "w20[0]": -1.25, "w20[1]": 0.75, "b20[0]": 0.0625, "b20[1]": -2.5}"#])
        #expect(run.status == 0)
        let json = try CLI.json(run.output)
        #expect(json["precision"] as? Int == 128)
        let gradient = try #require(json["gradient"] as? [String: String])
        #expect(Set(gradient.keys) == ["w10", "b10", "w11", "b11", "w20[0]", "w20[1]", "b20[0]", "b20[1]"])
        #expect(json["finite_difference"] is [String: Any])
    }

    @Test("usage errors and malformed input exit 2 with a located message",
          arguments: [
            (["engine", "nope"], "unknown engine"),
            (["engine", "double", "--cases", "0"], "--cases"),
            (["frobnicate"], "frobnicate"),
            (["reference", "--activation", "sigmoid", "--inputs", #"{"x00": 1, "x01": }"#, "--params", "{}"], "--inputs:1:"),
            (["reference", "--activation", "swish", "--inputs", "{}", "--params", "{}"], "unknown activation"),
          ])
    func usageErrors(_ arguments: [String], _ message: String) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == 2)
        #expect(run.error.contains(message))
    }

    @Test("a malformed document is rejected with file, line and column")
    func malformedDocument() throws {
        let file = try CLI.file("# Broken\n\n$$\n\\begin{aligned}\nz_{10} &= w_{10} q_{3} + b_{10}\n\\end{aligned}\n$$\n",
                                name: "broken.md")
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try CLI.run(["verify", file.path])
        #expect(run.status == 2)
        #expect(run.error.contains("broken.md:5:"))
        let unbalanced = try CLI.file("\\begin{aligned} z_{10} &= (w_{10} x_{00} + b_{10} \\end{aligned}\n", name: "open.tex")
        defer { try? FileManager.default.removeItem(at: unbalanced) }
        let second = try CLI.run(["verify", unbalanced.path])
        #expect(second.status == 2)
        #expect(second.error.contains("open.tex:1:"))
        let unknownParameter = try CLI.file("\\begin{aligned} \\frac{\\partial}{\\partial q_{3}} y &= \\alpha'(z_{20}) \\end{aligned}\n",
                                            name: "unknown.tex")
        defer { try? FileManager.default.removeItem(at: unknownParameter) }
        let third = try CLI.run(["verify", unknownParameter.path])
        #expect(third.status == 2)
        #expect(third.error.contains("unknown.tex:1:"))
        let missing = try CLI.run(["verify", "/nonexistent/derivation.md"])
        #expect(missing.status == 2)
    }

    @Test("with --format json a malformed document is a JSON error on standard output, exit 2")
    func malformedDocumentAsJSON() throws {
        let run = try CLI.run(["verify", "Fixtures/documents/malformed/cycle.md", "--format", "json"])
        #expect(run.status == 2)
        let error = try #require(try CLI.json(run.output)["error"] as? [String: Any])
        #expect(error["file"] as? String == "cycle.md")
        #expect(error["line"] as? Int == 5 && error["column"] as? Int == 8)
        #expect(error["kind"] as? String == "modelError")
        #expect((error["message"] as? String)?.contains("cycle") == true)
        #expect(run.error.contains("cycle.md:5:8: error:"))
    }

    @Test("a document of any network: a planted mistake exits 1 with its location, the twin exits 0")
    func generalDocument() throws {
        let mistaken = try CLI.run(["verify", "Fixtures/documents/outside/lecture-delta-tanh.md"])
        #expect(mistaken.status == 1)
        #expect(mistaken.output.contains("lecture-delta-tanh.md:27:"))
        let twin = try CLI.run(["verify", "Fixtures/documents/outside/lecture-delta-tanh-corrected.md"])
        #expect(twin.status == 0, "\(twin.output)")
    }
}

/// Nothing unchecked passes: an inconclusive claim fails the run unless the user accepts it, and a
/// document with nothing checkable is an error.
@Suite("verify: inconclusive claims", .serialized)
struct InconclusiveExitTests {
    static let model = "$$z = w x + b, \\quad L = \\frac12 z^2$$\n\n"
    static let checkable = "$$\\frac{\\partial L}{\\partial b} = z$$\n\n"
    static let unknown = "$$\\frac{\\partial L}{\\partial w} = \\operatorname{GELU}'(z) x$$\n"

    @Test("An inconclusive claim beside a verified one exits 1; --allow-inconclusive exits 0", arguments: [
        ([String](), Int32(1)),
        (["--allow-inconclusive"], Int32(0)),
    ])
    func partlyChecked(_ flags: [String], _ status: Int32) throws {
        let file = try CLI.file(Self.model + Self.checkable + Self.unknown, name: "partly.md")
        let run = try CLI.run(["verify", "--cases", "8"] + flags + [file.path])
        #expect(run.status == status, "\(run.output)\(run.error)")
        #expect(run.output.contains("1 of 2 claims verified"))
        #expect(run.output.contains("not verified: inconclusive claims were not checked"))
    }

    @Test("The same document with the unknown function replaced verifies and exits 0")
    func everythingChecked() throws {
        let file = try CLI.file(Self.model + Self.checkable + "$$\\frac{\\partial L}{\\partial w} = z x$$\n", name: "all.md")
        let run = try CLI.run(["verify", "--cases", "8", file.path])
        #expect(run.status == 0, "\(run.output)\(run.error)")
    }

    @Test("A document whose only claim is inconclusive is an error, flag or not", arguments: [[], ["--allow-inconclusive"]])
    func nothingChecked(_ flags: [String]) throws {
        let file = try CLI.file(Self.model + Self.unknown, name: "nothing.md")
        let run = try CLI.run(["verify", "--cases", "8", "--format", "json"] + flags + [file.path])
        #expect(run.status == 2)
        #expect(run.error.contains("no claim could be checked"))
        let json = try CLI.json(run.output)
        #expect(json["outcome"] as? String == "nothing_checked")
        #expect(json["checked"] as? Int == 0)
        #expect(json["inconclusive"] as? Int == 1)
    }
}
