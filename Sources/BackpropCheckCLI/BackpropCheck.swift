import ArgumentParser

/// `backprop-check`: verify back-propagation — derivations and engines —
/// against an arbitrary-precision reference.
@main
struct BackpropCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backprop-check",
        abstract: "Verify back-propagation against an arbitrary-precision MPFR reference.",
        discussion: """
            Exit status: 0 when everything checked is verified or conforms; 1 when a discrepancy, \
            a wrong partial or an engine fault was found (with --strict, also an inaccuracy); 2 for \
            usage errors and unreadable or malformed input.
            """,
        subcommands: [VerifyCommand.self, EngineCommand.self, ReferenceCommand.self, ReportCommand.self])

    /// Parses and runs, mapping every usage or input error to exit status 2.
    static func main() async {
        Platform.ignoreBrokenPipes()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as InputError {
            FileHandleOutput.standardError(error.description + "\n")
            Platform.terminate(2)
        } catch let error as FindingsExit {
            Platform.terminate(error.status)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            FileHandleOutput.standardError(fullMessage(for: error) + "\n")
            Platform.terminate(code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}

/// Unreadable or malformed input: exit status 2, message names where.
struct InputError: Error, CustomStringConvertible {
    var description: String
}

/// The run worked and found problems: exit with `status` (1).
struct FindingsExit: Error {
    var status: Int32
}

/// Unbuffered writes to the standard streams (file descriptors 1 and 2).
enum FileHandleOutput {
    static func standardError(_ text: String) { write(text, to: Platform.standardError) }

    static func standardOutput(_ text: String) { write(text, to: Platform.standardOutput) }

    /// Writes all of `text`, retrying short writes; gives up on errors
    /// (a closed pipe must not crash the kit: SIGPIPE is ignored at start).
    static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Platform.writeOnce(descriptor, $0) }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
