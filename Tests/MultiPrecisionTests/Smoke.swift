import Testing
@testable import MultiPrecision
@Test func smoke() { #expect(BigFloat(1.5) + BigFloat(2.25) == BigFloat(3.75)) }
