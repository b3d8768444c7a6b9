/// The order on choice sequences that shrinking strictly decreases:
/// shortlex — a shorter sequence is simpler; equal lengths compare choice by
/// choice, integers by value (after any double: kinds compare integer <
/// double) and doubles by ``DoubleSimplicity/key(_:)``.
///
/// Every accepted shrink step goes strictly down this well-founded order, so
/// shrinking terminates even without its step and time budgets.
enum ChoiceOrder {
    static func isSimpler(_ a: [ChoiceNode], than b: [ChoiceNode]) -> Bool {
        if a.count != b.count { return a.count < b.count }
        for (x, y) in zip(a, b) {
            let order = compare(x.choice, y.choice)
            if order != 0 { return order < 0 }
        }
        return false
    }

    /// −1, 0 or 1 as `a` is simpler than, as simple as, or less simple than `b`.
    static func compare(_ a: Choice, _ b: Choice) -> Int {
        switch (a, b) {
        case let (.integer(m), .integer(n)): m == n ? 0 : (m < n ? -1 : 1)
        case let (.double(x), .double(y)):
            DoubleSimplicity.key(x) == DoubleSimplicity.key(y) ? 0
                : (DoubleSimplicity.key(x) < DoubleSimplicity.key(y) ? -1 : 1)
        case (.integer, .double): -1
        case (.double, .integer): 1
        }
    }
}
