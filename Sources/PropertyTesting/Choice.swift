/// One recorded draw of a generator run: the value a primitive draw returned.
///
/// A generator run is a pure function of its *choice sequence*: replaying the
/// same choices reproduces the same value, whatever `map`/`flatMap`/`filter`
/// sit in between. Shrinking edits the sequence, never the generated value
/// (integrated shrinking, as in Hypothesis).
public enum Choice: Sendable, Hashable {
    /// An integer drawn from `0...bound`; 0 is simplest.
    case integer(UInt64)
    /// A finite double drawn from a ``DoubleDomain``; see ``DoubleSimplicity``.
    case double(Double)

    /// A bit-exact identity (distinguishes −0 from +0), for caching tried sequences.
    var fingerprint: UInt64 {
        switch self {
        case .integer(let n): n
        case .double(let x): x.bitPattern ^ 0xD0B1_E000_0000_0001
        }
    }
}

/// What a draw allowed when it was made, so the shrinker proposes only
/// values the same draw would accept.
public enum ChoiceConstraint: Sendable, Hashable {
    /// Integers `0...bound`.
    case integer(upTo: UInt64)
    /// Finite doubles in the domain.
    case double(DoubleDomain)

    /// The simplest value the constraint admits: 0, or the domain's simplest double.
    public var simplest: Choice {
        switch self {
        case .integer: .integer(0)
        case .double(let domain): .double(domain.simplest)
        }
    }
}

/// A recorded draw together with the constraint it was drawn under.
public struct ChoiceNode: Sendable, Hashable {
    public var choice: Choice
    public var constraint: ChoiceConstraint

    public init(choice: Choice, constraint: ChoiceConstraint) {
        self.choice = choice
        self.constraint = constraint
    }
}
