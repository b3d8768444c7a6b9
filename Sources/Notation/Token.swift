/// What a token is. Spacing commands (`\,`, `\quad`, `~`, …) and `%` comments never become tokens.
enum TokenKind: Hashable, Sendable {
    /// A single ASCII letter (LaTeX math letters are one character each).
    case letter(UInt8)
    /// Digits with an optional `.digits` fraction.
    case number(String)
    /// A control sequence without its backslash: `alpha`, `cdot`, `{` for `\{`.
    case command(String)
    /// One ASCII punctuation character: `+ - = & ( ) { } _ ^ '` and the rest.
    case punct(UInt8)
    /// The raw argument of `\text{…}` (and `\mbox`, `\textrm`, …).
    case text(String)
    /// `\begin{name}`.
    case begin(String)
    /// `\end{name}`.
    case end(String)
    /// `\left` with its delimiter, normalized (`(`, `\{`, `.`…); empty if none was given.
    case left(String)
    /// `\right` with its delimiter.
    case right(String)
    /// `\\` (with an optional `[2pt]` spacing argument).
    case rowSeparator
    /// A character the notation has no use for (control bytes, non-ASCII characters).
    case other
}

/// A token and the byte offsets of its source text.
struct Token: Hashable, Sendable {
    var kind: TokenKind
    var range: Range<Int>

    var start: Int { range.lowerBound }
    var end: Int { range.upperBound }

    func isPunct(_ character: Unicode.Scalar) -> Bool {
        if case .punct(let c) = kind, c == UInt8(ascii: character) { return true }
        return false
    }

    func isCommand(_ name: String) -> Bool {
        if case .command(let n) = kind, n == name { return true }
        return false
    }
}
