// libFuzzer target for the Notation reader: the fuzz target `notation` of Fixtures/fuzz/targets.
// Not part of the Swift package: scripts/fuzz-build links it, under -sanitize=fuzzer,address, with
// the package's Notation and NetworkModel targets as SwiftPM builds them (scripts/lib/fuzz.sh).
//
// Oracles, besides "no crash, no hang, no leak":
// - an error is located inside the input (1 ≤ line ≤ line count, column ≥ 1);
// - every parsed right-hand side renders to LaTeX that parses back to the same tree (in the
//   dialect it was read in, with the document's applied functions);
// - symbol resolution against the seed network never traps.
// Each input is read in both notations, the seed's and the general one (docs/notation.md).
import NetworkModel
import Notation

private let resolver = SymbolResolver(network: .seed)

@_cdecl("LLVMFuzzerTestOneInput")
public func notationFuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lineCount = text.utf8.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    // One large-stack thread for the whole input: the reads and round trips below run inline on it,
    // instead of each read starting a thread of its own (about 20 per input; costly under AddressSanitizer).
    withReaderStack {
        for dialect in [NotationDialect.seed, .general] {
            checkDocument(text, fileName: "fuzz.md", dialect: dialect, lineCount: lineCount)
            checkDocument(text, fileName: "fuzz.tex", dialect: dialect, lineCount: lineCount)
            checkExpression(text, dialect: dialect, lineCount: lineCount)
        }
    }
    return 0
}

private func checkDocument(_ text: String, fileName: String, dialect: NotationDialect, lineCount: Int) {
    do throws(NotationError) {
        let document = try Document.parse(text, fileName: fileName, dialect: dialect)
        for row in document.rows where !row.rhs.containsShapeMismatch {
            checkRoundTrip(row.rhs.unscoped, dialect: dialect, functions: document.appliedFunctions,
                           labels: document.numericLabelBases, at: "\(row.location)")
            _ = try? resolver.resolve(row)
        }
        _ = (document.chains.count, document.tableRows.count, document.modelEquations.count)
        _ = (document.declaredParameters.count, document.appliedFunctions.count)
        _ = resolver.unresolvedSymbols(in: document)
    } catch {
        checkLocation(error, fileName: fileName, lineCount: lineCount)
    }
}

private func checkExpression(_ text: String, dialect: NotationDialect, lineCount: Int) {
    do throws(NotationError) {
        let (expression, map) = try Expression.parseWithSourceMap(text, dialect: dialect)
        checkRoundTrip(expression, dialect: dialect, functions: [], at: "\(map.range)")
    } catch {
        checkLocation(error, fileName: "<expression>", lineCount: lineCount)
    }
}

private func checkRoundTrip(_ expression: Expression, dialect: NotationDialect, functions: Set<Symbol>,
                            labels: Set<String> = [], at place: String) {
    let latex = expression.latex
    do throws(NotationError) {
        let reparsed = try Expression.parse(latex, dialect: dialect, functions: functions, labels: labels)
        if reparsed != expression { fatalError("round trip changed the expression at \(place): \(latex)") }
    } catch {
        fatalError("rendering of \(place) does not parse: \(error)\n\(latex)")
    }
}

private func checkLocation(_ error: NotationError, fileName: String, lineCount: Int) {
    let location = error.location
    guard location.file == fileName, (1...lineCount).contains(location.line), location.column >= 1 else {
        fatalError("error located outside the input: \(error)")
    }
    _ = error.description
}
