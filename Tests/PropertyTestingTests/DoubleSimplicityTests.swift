import Testing
import PropertyTesting

@Suite struct DoubleSimplicityTests {
    /// Each value is strictly simpler than the next.
    @Test func keysOrderValuesBySimplicity() {
        let ordered: [Double] = [0, -0.0, 1, -1, 2, 0.5, 1.5, 4, 3, 0.75, 1024, 0.1, 1e-3]
        for (a, b) in zip(ordered, ordered.dropFirst()) {
            #expect(DoubleSimplicity.key(a) < DoubleSimplicity.key(b), "\(a) should be simpler than \(b)")
        }
    }

    @Test(arguments: [
        (1.5...1.9, 1.5), (1.6...1.9, 1.75), (3.0...100.0, 4.0), (-9.0 ... -3.0, -4.0),
        (20.0...700.0, 32.0), (1e-9...1e-8, 0x1p-27), (-2.0...2.0, 0.0), (0.3...0.6, 0.5),
    ])
    func simplestMemberOfAnInterval(interval: ClosedRange<Double>, expected: Double) {
        #expect(DoubleSimplicity.simplest(in: interval) == expected)
    }

    @Test func simplestOfABandSkipsTheExcludedMiddle() {
        #expect(DoubleDomain(magnitudes: 1e-6...1e6, signed: true).simplest == 1)
        #expect(DoubleDomain(magnitudes: 20...700, signed: true).simplest == 32)
        #expect(!DoubleDomain(magnitudes: 20...700, signed: true).contains(0))
        #expect(DoubleDomain(magnitudes: 20...700, signed: true).contains(-25))
    }

    @Test func candidatesAreSimplerMembersOfTheDomain() {
        let domain = DoubleDomain(-10...10)
        for x in [7.3, -9.999, 0.123456789, 3, 1e-7, -0.0] {
            for c in DoubleSimplicity.shrinkCandidates(for: x, in: domain) {
                #expect(domain.contains(c))
                #expect(DoubleSimplicity.key(c) < DoubleSimplicity.key(x))
            }
        }
        #expect(DoubleSimplicity.shrinkCandidates(for: 0, in: domain).isEmpty)
    }

    @Test func roundingToFewerBits() {
        #expect(DoubleSimplicity.round(1.3, toBits: 1) == 1)
        #expect(DoubleSimplicity.round(7.3, toBits: 3, towardZero: true) == 7)
        #expect(DoubleSimplicity.round(0.7, toBits: 2) == 0.75)
        #expect(DoubleSimplicity.significantBits(0.75) == 2)
        #expect(DoubleSimplicity.significantBits(.leastNonzeroMagnitude) == 1)
    }
}
