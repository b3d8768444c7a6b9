/// A problem found while reading a derivation, located in the original file.
///
/// `description` has the compiler-style form
///
///     backprop-derivation.md:27:14: error: unknown symbol 'q_{3}'; expected x_{ij}, z_{ij}, w_{ij}, b_{ij} or y
public struct NotationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, for tests and tools that react to the kind of problem.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A symbol outside the notation (`q_{3}`) or, on resolution, outside the network (`w_{99}`).
        case unknownSymbol
        /// A group opened and never closed, closed by the wrong delimiter, or closed without being opened;
        /// also an unterminated `\begin{…}` environment.
        case unbalancedGroup
        /// LaTeX the reader does not support (`\sqrt`, `\sum`, an unknown command, powers, environments).
        case unsupportedLaTeX
        /// A `$$` display block with no closing `$$`.
        case unterminatedDisplayMath
        /// Anything else out of place: a missing `=`, a missing operand, a stray operator.
        case unexpectedInput
        /// Groups or operators nested deeper than ``Limits/maximumNestingDepth``, or an expression tree
        /// deeper than ``Limits/maximumExpressionDepth``.
        case nestingTooDeep
        /// The file could not be read.
        case unreadableFile
        /// The document's model is malformed: a symbol used before it is defined, defined twice or in a
        /// cycle; a claim about a symbol the model does not define; a document with nothing to check.
        case modelError
    }

    /// What went wrong.
    public var kind: Kind
    /// Where it went wrong.
    public var location: DocumentLocation
    /// The problem, e.g. `unknown symbol 'q_{3}'`.
    public var message: String
    /// What the reader expected instead, e.g. `x_{ij}, z_{ij}, w_{ij}, b_{ij} or y`.
    public var expected: String

    /// Creates an error.
    public init(kind: Kind, location: DocumentLocation, message: String, expected: String) {
        self.kind = kind
        self.location = location
        self.message = message
        self.expected = expected
    }

    /// `file:line:column: error: message; expected …`.
    public var description: String { "\(location): error: \(message); expected \(expected)" }
}

/// Bounds that keep the reader safe on hostile input: deeper input gives a
/// ``NotationError/Kind/nestingTooDeep`` error instead of exhausting the stack.
public enum Limits {
    /// The deepest nesting of groups (`(`, `\{`, `\left(`, `\alpha(`), unary minus and `\partial`.
    public static let maximumNestingDepth = 256
    /// The deepest expression tree (a left-nested sum of n terms is n deep). Half the nesting limit, so
    /// that the LaTeX ``Expression/latex`` renders for any accepted tree (at most two nesting levels
    /// per node, as in `(-a) b`) always reads back.
    public static let maximumExpressionDepth = 128
}

/// What a well-formed symbol looks like, for error messages.
let expectedSymbolText = "x_{ij}, z_{ij}, w_{ij}, b_{ij} or y"
