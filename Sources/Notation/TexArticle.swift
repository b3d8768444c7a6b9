/// A whole LaTeX article (`\documentclass`, a preamble, `\begin{document}`, prose and display math)
/// rewritten, byte for byte in place, into the prose-with-math form the Markdown reader takes: the
/// preamble and everything from `\end{document}` on become spaces (newlines kept, so every location
/// is the file's own), `\section{Title}` becomes a `#` heading, and `%` comments become spaces.
enum TexArticle {
    /// The rewritten text (the same length), or nil if `text` is no article (a bare fragment of rows).
    static func body(of text: [UInt8]) -> [UInt8]? {
        var bytes = text
        guard let begin = find(Array("\\begin{document}".utf8), in: bytes, from: 0) else { return nil }
        let bodyStart = begin + "\\begin{document}".utf8.count
        let end = find(Array("\\end{document}".utf8), in: bytes, from: bodyStart) ?? bytes.count
        blank(&bytes, 0..<bodyStart)
        blank(&bytes, end..<bytes.count)
        var lineStart = bodyStart
        while lineStart < end {
            var lineEnd = lineStart
            while lineEnd < end, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            rewriteLine(&bytes, lineStart..<lineEnd)
            lineStart = lineEnd + 1
        }
        return bytes
    }

    private static let headingCommands = ["section", "subsection", "subsubsection", "paragraph", "section*",
                                          "subsection*", "subsubsection*", "paragraph*"]

    /// `\section{Title}` → `#        Title ` ; a `%` comment (not `\%`) → spaces.
    private static func rewriteLine(_ bytes: inout [UInt8], _ line: Range<Int>) {
        var i = line.lowerBound
        while i < line.upperBound, bytes[i] == UInt8(ascii: " ") { i += 1 }
        for command in headingCommands {
            let opener = Array("\\\(command){".utf8)
            guard i + opener.count <= line.upperBound, Array(bytes[i..<(i + opener.count)]) == opener else { continue }
            bytes[i] = UInt8(ascii: "#")
            blank(&bytes, (i + 1)..<(i + opener.count))
            if let close = bytes[line].lastIndex(of: UInt8(ascii: "}")) { bytes[close] = UInt8(ascii: " ") }
            return
        }
        var k = line.lowerBound
        while k < line.upperBound {
            if bytes[k] == UInt8(ascii: "%"), k == line.lowerBound || bytes[k - 1] != UInt8(ascii: "\\") {
                blank(&bytes, k..<line.upperBound)
                return
            }
            k += 1
        }
    }

    private static func blank(_ bytes: inout [UInt8], _ range: Range<Int>) {
        for k in range where bytes[k] != UInt8(ascii: "\n") { bytes[k] = UInt8(ascii: " ") }
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0], Array(bytes[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}
