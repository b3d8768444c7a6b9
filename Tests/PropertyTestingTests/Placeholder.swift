import Testing
import PropertyTesting
@Test func placeholder() { #expect(Bool(true)) }
