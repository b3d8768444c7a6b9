import Testing
import PropertyTesting

/// The streams against outputs of Vigna's reference C code (`splitmix64.c`,
/// `xoshiro256starstar.c`, seeding xoshiro with four SplitMix64 outputs),
/// compiled and run independently.
@Suite(.tags(.determinism))
struct PRNGTests {
    @Test func splitMix64MatchesReferenceOutputs() {
        var mixer = SplitMix64(seed: 0)
        #expect([mixer.next(), mixer.next(), mixer.next()]
            == [16_294_208_416_658_607_535, 7_960_286_522_194_355_700, 487_617_019_471_545_679])
    }

    @Test(arguments: [
        (UInt64(0), [11_091_344_671_253_066_420, 13_793_997_310_169_335_082,
                     1_900_383_378_846_508_768, 7_684_712_102_626_143_532] as [UInt64]),
        (UInt64(2_718_281_828), [2_751_802_530_833_077_160, 13_706_278_713_203_957_342,
                                 6_514_583_036_828_900_909, 10_007_032_134_602_274_042]),
    ])
    func xoshiroMatchesReferenceOutputs(seed: UInt64, expected: [UInt64]) {
        var rng = Xoshiro256StarStar(seed: seed)
        #expect((0..<4).map { _ in rng.next() } == expected)
    }

    @Test func caseSeedIsTheMatchingSplitMixOutput() {
        var mixer = SplitMix64(seed: 12_345)
        let stream = (0..<5).map { _ in mixer.next() }
        #expect((0..<5).map { SplitMix64.caseSeed(12_345, index: $0) } == stream)
    }

    @Test(arguments: [UInt64(0), 1, 2, 6, 1000, UInt64.max / 3, UInt64.max])
    func boundedIntegersStayInRange(bound: UInt64) {
        var rng = Xoshiro256StarStar(seed: bound)
        for _ in 0..<500 { #expect(rng.next(upTo: bound) <= bound) }
    }

    @Test func boundedIntegersCoverSmallRangesEvenly() {
        var rng = Xoshiro256StarStar(seed: 7)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<6_000 { counts[Int(rng.next(upTo: 5))] += 1 }
        // Binomial(6000, 1/6): σ ≈ 28.9; 5σ ≈ 145.
        #expect(counts.allSatisfy { abs($0 - 1_000) <= 145 })
    }

    @Test func unitDoublesAreOnTheTwoToMinus53Grid() {
        var rng = Xoshiro256StarStar(seed: 3)
        for _ in 0..<1_000 {
            let u = rng.nextUnitDouble()
            #expect(u >= 0 && u < 1)
            #expect((u * 0x1p53).rounded() == u * 0x1p53)
        }
    }
}
