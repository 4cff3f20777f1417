import Testing
@testable import Counter
@Test func placeholder() { #expect(1 == 1) }
