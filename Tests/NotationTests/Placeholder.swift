import Testing
import Notation
@Test func notationPlaceholder() { #expect(Bool(true)) }
