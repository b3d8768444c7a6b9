// libFuzzer target for the strict JSON reader: the fuzz target `wire-json` of Fixtures/fuzz/targets.
// Not part of the Swift package: scripts/fuzz-build links it, under -sanitize=fuzzer,address, with
// the package's WireJSON target as SwiftPM builds it (scripts/lib/fuzz.sh).
//
// Oracles, besides "no crash, no hang, no leak":
// - an error is located inside the input: 1 ≤ line ≤ the input's line count, and
//   1 ≤ column ≤ that line's length in Unicode scalars + 1 (one past its end);
// - a value read writes back as text that reads as the same value, compact and indented, and
//   writing that value again gives the same bytes;
// - a shallower depth limit only ever turns a value into an error, never into another value.
import WireJSON

@_cdecl("LLVMFuzzerTestOneInput")
public func wireJSONFuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // Lines end at each "\n" scalar, as the reader counts them (not at Characters: "\r\n" is one).
    let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(\.count)
    do {
        let value = try JSONValue.parse(text)
        checkRoundTrip(value)
        checkShallower(text, value: value, lines: lines)
    } catch {
        checkLocation(error, lines: lines)
    }
    return 0
}

private func checkRoundTrip(_ value: JSONValue) {
    let compact = value.serialized
    for written in [compact, value.prettyPrinted] {
        do {
            let back = try JSONValue.parse(written, maximumDepth: .max)
            if back != value { fatalError("written text reads as another value: \(written)") }
            if back.serialized != compact { fatalError("writing again changed the bytes: \(compact)") }
        } catch {
            fatalError("written text does not read: \(error)\n\(written)")
        }
    }
}

private func checkShallower(_ text: String, value: JSONValue, lines: [Int]) {
    do {
        let shallow = try JSONValue.parse(text, maximumDepth: 4)
        if shallow != value { fatalError("a depth limit changed the value read") }
    } catch {
        checkLocation(error, lines: lines)
    }
}

private func checkLocation(_ error: JSONSyntaxError, lines: [Int]) {
    guard (1...lines.count).contains(error.line), error.column >= 1, error.column <= lines[error.line - 1] + 1,
          !error.expected.isEmpty else {
        fatalError("error located outside the input: \(error) (line lengths \(lines.prefix(8)))")
    }
}
