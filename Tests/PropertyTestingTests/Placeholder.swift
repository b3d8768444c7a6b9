import Testing
import PropertyTesting
@Test func propertyPlaceholder() { #expect(Bool(true)) }
