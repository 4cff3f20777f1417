import Testing
@testable import IDScan
@Test func version() { #expect(IDScanVersion.string == "0.1.0") }
