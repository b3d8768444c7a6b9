/// Nielsen writes layers as bare superscripts: `z^2 = W^2 a^1 + b^2`, `\delta^3`, `W^2 \in \mathbb{R}^{3 \times 2}`.
/// A base the document *defines or declares* with a whole-number superscript (`z^2 =`, `W^2, W^3 \in`,
/// `\delta^3 :=`) is labelled: everywhere in the document, a number in its superscript names a layer.
/// A power of such a quantity is then written with parentheses, `(a^2)^2`, as those authors do. So is a
/// base defined with the layer letter (`z^l = …`, `\delta^L =`, `b^l_j`).
enum NumericLabels {
    static func bases(in source: SourceText) -> Set<String> {
        let bytes = source.bytes
        var result = Set<String>()
        var i = 0
        while i < bytes.count {
            defer { i += 1 }
            guard bytes[i] == UInt8(ascii: "^"), let end = number(bytes, after: i)?.0 ?? layerLetter(bytes, after: i),
                  let base = base(bytes, before: i),
                  follows(bytes, from: end) else { continue }
            result.insert(base)
        }
        return result
    }

    /// `^l` or `^{l}` (also `L`) at `caret`, the layer written as a letter: the offset after it. A base defined
    /// so (`z^l = w^l a^{l-1} + b^l`) has layers, and `z^3` is its layer 3.
    private static func layerLetter(_ bytes: [UInt8], after caret: Int) -> Int? {
        var k = caret + 1
        let braced = k < bytes.count && bytes[k] == UInt8(ascii: "{")
        if braced { k += 1 }
        guard k < bytes.count, bytes[k] == UInt8(ascii: "l") || bytes[k] == UInt8(ascii: "L") else { return nil }
        k += 1
        if braced {
            guard k < bytes.count, bytes[k] == UInt8(ascii: "}") else { return nil }
            k += 1
        }
        // Not the start of a word (`^{lo}`).
        guard k >= bytes.count || !isLetter(bytes[k]) else { return nil }
        return k
    }

    /// `^2` or `^{12}` at `caret`: the offset after it.
    private static func number(_ bytes: [UInt8], after caret: Int) -> (Int, Int)? {
        var k = caret + 1
        let braced = k < bytes.count && bytes[k] == UInt8(ascii: "{")
        if braced { k += 1 }
        let start = k
        while k < bytes.count, bytes[k] >= UInt8(ascii: "0"), bytes[k] <= UInt8(ascii: "9") { k += 1 }
        guard k > start, braced || k == start + 1 else { return nil }
        if braced {
            guard k < bytes.count, bytes[k] == UInt8(ascii: "}") else { return nil }
            k += 1
        }
        return (k, start)
    }

    /// What follows a defined or declared quantity: `=`, `:=`, `&=`, `\in`, or `,` in a list before `\in`.
    private static func follows(_ bytes: [UInt8], from start: Int) -> Bool {
        // `w^3_{jk}`: a power is never followed by a subscript.
        if start < bytes.count, bytes[start] == UInt8(ascii: "_") { return true }
        var k = start
        while k < bytes.count, bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "&") { k += 1 }
        guard k < bytes.count else { return false }
        if bytes[k] == UInt8(ascii: "=") { return true }
        if bytes[k] == UInt8(ascii: ":"), k + 1 < bytes.count, bytes[k + 1] == UInt8(ascii: "=") { return true }
        if bytes[k] == UInt8(ascii: "\\"), Array(bytes[k..<min(k + 4, bytes.count)]) == Array("\\in ".utf8) { return true }
        if bytes[k] == UInt8(ascii: ",") {
            // A list `W^2, W^3 \in …` on the same line.
            var j = k
            while j < bytes.count, bytes[j] != UInt8(ascii: "\n"), bytes[j] != UInt8(ascii: "$") {
                if bytes[j] == UInt8(ascii: "\\"), Array(bytes[j..<min(j + 4, bytes.count)]) == Array("\\in ".utf8) { return true }
                if bytes[j] == UInt8(ascii: "=") { return false }
                j += 1
            }
        }
        return false
    }

    /// The canonical base before `^`: a letter, `\delta`, or `\mathbf{W}` (bold is typography).
    private static func base(_ bytes: [UInt8], before caret: Int) -> String? {
        guard caret > 0 else { return nil }
        let c = bytes[caret - 1]
        if c == UInt8(ascii: "}") {
            // `\mathbf{W}^2`, `\boldsymbol{\delta}^3`
            var k = caret - 2
            while k >= 0, bytes[k] != UInt8(ascii: "{") { k -= 1 }
            guard k > 0 else { return nil }
            let inner = String(decoding: bytes[(k + 1)..<(caret - 1)], as: UTF8.self)
            var j = k - 1
            while j >= 0, isLetter(bytes[j]) { j -= 1 }
            guard j >= 0, bytes[j] == UInt8(ascii: "\\") else { return nil }
            let command = String(decoding: bytes[(j + 1)..<k], as: UTF8.self)
            return ExpressionParser.boldCommands.contains(command) ? inner : "\\\(command){\(inner)}"
        }
        guard isLetter(c) else { return nil }
        var k = caret - 1
        while k >= 0, isLetter(bytes[k]) { k -= 1 }
        if k >= 0, bytes[k] == UInt8(ascii: "\\") { return String(decoding: bytes[k..<caret], as: UTF8.self) }
        // A single letter not preceded by a letter (`W^2`, not the end of a word).
        return k == caret - 2 ? String(UnicodeScalar(c)) : nil
    }

    private static func isLetter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
    }
}
