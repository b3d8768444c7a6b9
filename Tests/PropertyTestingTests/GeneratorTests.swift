import Testing
import PropertyTesting

/// Five-sigma binomial bound: |count − n·p| ≤ 5·√(n·p·(1 − p)).
func withinFiveSigma(_ count: Int, of n: Int, probability p: Double) -> Bool {
    let mean = Double(n) * p
    return abs(Double(count) - mean) <= 5 * (mean * (1 - p)).squareRoot()
}

@Suite struct GeneratorTests {
    @Test(.tags(.determinism)) func sameSeedSameValuesDifferentSeedsDiffer() throws {
        let gen = Gen<Double>.uniform(in: -1...1).array(count: 0...5)
        #expect(try gen.samples(seed: 1, count: 50) == gen.samples(seed: 1, count: 50))
        #expect(try gen.samples(seed: 1, count: 50) != gen.samples(seed: 2, count: 50))
    }

    @Test(.tags(.determinism)) func replayingTheRecordReproducesTheValue() throws {
        let gen = Gen<Int>.int(in: 1...4).flatMap { n in Gen<Double>.uniform(in: 0...Double(n)).array(count: n...n) }
        let source = ChoiceSource(seed: 99)
        let value = try gen.generate(from: source)
        #expect(try gen.replay(source.nodes.map(\.choice)).value == value)
    }

    @Test func uniformStaysInRange() throws {
        for x in try Gen<Double>.uniform(in: -3...0.5).samples(seed: 5, count: 2_000) {
            #expect(x >= -3 && x <= 0.5)
        }
    }

    @Test func logUniformSpreadsOverTheDecades() throws {
        let xs = try Gen<Double>.logUniform(magnitudes: 1e-6...1e6).samples(seed: 5, count: 6_000)
        #expect(xs.allSatisfy { abs($0) >= 1e-6 && abs($0) <= 1e6 })
        // Magnitudes below 1 are half the log-range.
        #expect(withinFiveSigma(xs.filter { abs($0) < 1 }.count, of: xs.count, probability: 0.5))
        #expect(withinFiveSigma(xs.filter { $0 < 0 }.count, of: xs.count, probability: 0.5))
    }

    @Test func simpleValuesAreSmallDyadics() throws {
        let xs = try Gen<Double>.simple().samples(seed: 8, count: 1_000)
        #expect(xs.allSatisfy { abs($0) <= 16 && ($0 * 16).rounded() == $0 * 16 })
        #expect(xs.contains(0.5) || xs.contains(0.25) || xs.contains(-0.5))
    }

    @Test func specialValuesAreAllReached() throws {
        let xs = try Gen<Double>.special.samples(seed: 4, count: 400)
        let bits = Set(xs.map(\.bitPattern))
        #expect(bits == Set(SpecialValues.all.map(\.bitPattern)))
    }

    @Test func mixedDoublesStayInRangeAndIncludeSpecials() throws {
        let xs = try Gen<Double>.double(in: -1...1, specials: true).samples(seed: 4, count: 2_000)
        #expect(xs.allSatisfy { (-1...1).contains($0) })
        #expect(xs.contains { $0 == .leastNonzeroMagnitude })
        #expect(xs.contains { $0 == 0 && $0.sign == .minus })
    }

    @Test func intRangesAreCoveredUniformly() throws {
        let xs = try Gen<Int>.int(in: -2...5).samples(seed: 11, count: 8_000)
        for v in -2...5 { #expect(withinFiveSigma(xs.filter { $0 == v }.count, of: 8_000, probability: 1.0 / 8)) }
    }

    @Test func frequencyFollowsItsWeights() throws {
        let gen = Gen<String>.frequency([(1, .constant("a")), (3, .constant("b")), (0, .constant("never"))])
        let xs = try gen.samples(seed: 2, count: 4_000)
        #expect(withinFiveSigma(xs.filter { $0 == "a" }.count, of: 4_000, probability: 0.25))
        #expect(!xs.contains("never"))
    }

    @Test func oneOfMapZipAndFlatMapCompose() throws {
        let pair = Gen<(Int, Double, Bool)>.zip(Gen<Int>.int(in: 0...9), Gen<Double>.uniform(in: 0...1), Gen<Bool>.bool)
        let words = Gen<String>.oneOf(pair.map { "\($0.0)" }, .constant("x"))
        let xs = try words.samples(seed: 3, count: 300)
        #expect(xs.contains("x") && xs.contains { $0 != "x" })
        let nested = Gen<Int>.int(in: 0...3).flatMap { n in Gen<Int>.int(in: 0...n).map { (n, $0) } }
        #expect(try nested.samples(seed: 3, count: 300).allSatisfy { $0.1 <= $0.0 })
    }

    @Test func arraysRespectTheirLengthBounds() throws {
        let lengths = try Gen<Int>.int(in: 0...9).array(count: 2...6).samples(seed: 6, count: 1_000).map(\.count)
        #expect(lengths.allSatisfy { (2...6).contains($0) })
        #expect(Set(lengths) == Set(2...6))
    }

    @Test func filterKeepsOnlyAcceptedValues() throws {
        let even = Gen<Int>.int(in: 0...100).filter { $0 % 2 == 0 }
        #expect(try even.samples(seed: 1, count: 500).allSatisfy { $0 % 2 == 0 })
    }

    @Test func exhaustedFilterNamesItsCallSite() {
        let impossible = Gen<Int>.int(in: 0...10).filter(maxAttempts: 20) { $0 > 10 }
        #expect(throws: GenerationError.self) { try impossible.generate(seed: 1) }
        do {
            _ = try impossible.generate(seed: 1)
        } catch {
            #expect(error.description.contains("GeneratorTests.swift"))
            #expect(error.description.contains("rejected 20 consecutive values"))
        }
    }
}
