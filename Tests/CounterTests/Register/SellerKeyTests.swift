import Crypto
import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// The returning-seller key: one document however it is typed; the ASCII fast path agrees with Unicode's rule.
@Suite("Seller key")
struct SellerKeyTests {
    let keys = SellerKey(secret: Data(repeating: 7, count: 32))

    @Test("Case, spaces and punctuation do not change the key; the country does")
    func sameDocument() {
        let key = keys.key(issuingCountry: "NLD", number: "NW1234XY5")
        #expect(keys.key(issuingCountry: "nld", number: "nw 12.34-xy/5") == key)
        #expect(keys.key(issuingCountry: "BEL", number: "NW1234XY5") != key)
        #expect(key.count == 64)
    }

    @Test("The key is HMAC-SHA256 over COUNTRY:NUMBER, and a prepared key gives it again and again")
    func isTheMAC() {
        let expected = HMAC<SHA256>.authenticationCode(for: Data("NLD:NW1234XY5".utf8), using: SymmetricKey(data: Data(repeating: 7, count: 32)))
        for _ in 0..<3 {
            #expect(keys.key(issuingCountry: "NLD", number: "nw1234xy5") == Hex.string(Array(expected)))
        }
    }

    @Test("The byte-wise ASCII rule is Unicode's rule on ASCII; other letters keep Unicode's",
          arguments: [("NLD", "ab-12 cd"), ("D", "C01X00T47"), ("NLD", "x_y~z!9"), ("DEU", "ÄB 12"), ("GRC", "ΑΒ·123"), ("NLD", "١٢٣")])
    func normalization(country: String, number: String) {
        let unicode = Array((country.uppercased() + ":" + number.uppercased().filter { $0.isLetter || $0.isNumber }).utf8)
        #expect(SellerKey.normalized(issuingCountry: country, number: number) == unicode)
    }
}
