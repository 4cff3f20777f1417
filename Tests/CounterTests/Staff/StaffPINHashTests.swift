import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

@Suite("PIN hashing")
struct StaffPINHashTests {
    static func hex(_ data: Data) -> String { data.map { String(format: "%02x", $0) }.joined() }

    @Test("PBKDF2-HMAC-SHA256 matches the RFC 7914 test vectors", arguments: [
        ("passwd", "salt", 1,
         "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"),
        ("Password", "NaCl", 80000,
         "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"),
    ])
    func rfcVectors(password: String, salt: String, iterations: Int, expected: String) {
        let key = StaffPINHash.pbkdf2(password: Data(password.utf8), salt: Data(salt.utf8), iterations: iterations, length: 64)
        #expect(Self.hex(key) == expected)
    }

    @Test("A stored hash verifies its PIN and nothing else, and survives encoding")
    func roundTrip() throws {
        let hash = StaffPINHash(pin: "4711", iterations: 1000)
        let decoded = try #require(StaffPINHash(encoded: hash.encoded))
        #expect(decoded == hash)
        #expect(decoded.matches("4711"))
        #expect(!decoded.matches("4712"))
        #expect(!decoded.matches("47110"))
        #expect(!decoded.matches(""))
        #expect(hash.encoded.hasPrefix("pbkdf2-sha256$1000$"))
        #expect(!hash.encoded.contains("4711"))
    }

    @Test("The same PIN gets a different salt and hash each time")
    func salted() {
        let a = StaffPINHash(pin: "1234", iterations: 100)
        let b = StaffPINHash(pin: "1234", iterations: 100)
        #expect(a.salt != b.salt)
        #expect(a.key != b.key)
        #expect(a.salt.count == 16)
    }

    @Test("The default is slow enough to matter")
    func defaultIterations() {
        #expect(StaffPINHash.defaultIterations >= 50_000)
    }

    @Test("Malformed stored hashes are refused", arguments: [
        "", "1234", "pbkdf2-sha256$0$AAAA$AAAA", "md5$1000$AAAA$AAAA", "pbkdf2-sha256$1000$!!$AAAA",
        "pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",
    ])
    func malformed(text: String) {
        #expect(StaffPINHash(encoded: text) == nil)
    }

    @Test("PINs are 4 to 12 digits", arguments: [
        ("1234", true), ("123456789012", true), ("123", false), ("1234567890123", false), ("12a4", false),
        ("١٢٣٤", false), ("", false),
    ])
    func pinRules(pin: String, valid: Bool) {
        #expect(StaffPINHash.isValidPIN(pin) == valid)
    }
}
