/// The bijection between ranks 0, 1, 2, … and the members of an integer range
/// ordered by simplicity: the member nearest zero first, then alternately
/// one step up and one step down (positive first) while both sides last, then
/// the remaining side outward.
///
/// For −2…5: rank 0→0, 1→1, 2→−1, 3→2, 4→−2, 5→3, 6→4, 7→5. A uniform rank
/// is a uniform member, and shrinking a rank toward 0 shrinks the value
/// toward the simplest member.
enum IntegerOrdering {
    static func value(rank: UInt64, in range: ClosedRange<Int>) -> Int {
        let lo = range.lowerBound, hi = range.upperBound
        if lo >= 0 { return lo + Int(rank) }
        if hi <= 0 { return hi - Int(rank) }
        let pairs = UInt64(Swift.min(-lo, hi))
        if rank <= 2 * pairs {
            let step = Int((rank + 1) / 2)
            return rank % 2 == 1 ? step : -step
        }
        let beyond = Int(rank - 2 * pairs)
        return hi > -lo ? Int(pairs) + beyond : -Int(pairs) - beyond
    }
}
