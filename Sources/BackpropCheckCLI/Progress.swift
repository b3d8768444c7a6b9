import Synchronization

/// Progress on standard error — cases done, rate, time left — drawn only
/// when standard error is a terminal, at most five times a second.
final class Progress: Sendable {
    let label: String
    let unit: String
    let enabled: Bool
    let start: ContinuousClock.Instant
    let lastDraw: Mutex<ContinuousClock.Instant?>

    init(_ label: String, unit: String = "cases") {
        self.label = label
        self.unit = unit
        enabled = Platform.isTerminal(Platform.standardError)
        start = .now
        lastDraw = Mutex(nil)
    }

    /// Reports `done` of `total`.
    func update(_ done: Int, _ total: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let due = lastDraw.withLock { last -> Bool in
            if let last, now - last < .milliseconds(200), done < total { return false }
            last = now
            return true
        }
        guard due else { return }
        let seconds = Double((now - start).components.attoseconds) * 1e-18 + Double((now - start).components.seconds)
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let line = "\r\(label): \(done)/\(total) \(unit), \(Int(rate)) /s, \(Int(left.rounded(.up))) s left   "
        FileHandleOutput.standardError(line + (done == total ? "\n" : ""))
    }
}
