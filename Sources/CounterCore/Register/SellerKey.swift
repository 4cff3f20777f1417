import Crypto
import Foundation

/// The keyed hash a seller's document is found by (`seller_identity.seller_key`): HMAC-SHA256 with the data
/// folder's secret over `COUNTRY:NUMBER`, upper case, the number's letters and digits only, so "nw 12.34"
/// and "NW1234" are one document. No index of document numbers is ever readable.
struct SellerKey {
    /// The MAC with its key already absorbed: `verify` makes a million keys with one of these.
    private let prepared: HMAC<SHA256>

    /// A new random secret: 32 bytes, the HMAC's key length.
    static func newSecret() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    init(secret: Data) {
        prepared = HMAC<SHA256>(key: SymmetricKey(data: secret))
    }

    func key(_ document: IdentityDocument) -> String {
        key(issuingCountry: document.issuingCountry, number: document.number)
    }

    func key(issuingCountry: String, number: String) -> String {
        var mac = prepared
        mac.update(data: Self.normalized(issuingCountry: issuingCountry, number: number))
        return mac.finalize().withUnsafeBytes { Hex.string($0) }
    }

    /// `COUNTRY:NUMBER` as hashed. Plain ASCII (every real document) byte by byte; anything else by
    /// Unicode's letters and digits.
    static func normalized(issuingCountry: String, number: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(issuingCountry.utf8.count + number.utf8.count + 1)
        guard issuingCountry.utf8.allSatisfy({ $0 < 0x80 }), number.utf8.allSatisfy({ $0 < 0x80 }) else {
            return Array((issuingCountry.uppercased() + ":" + number.uppercased().filter { $0.isLetter || $0.isNumber }).utf8)
        }
        for b in issuingCountry.utf8 { out.append(upper(b)) }
        out.append(UInt8(ascii: ":"))
        for b in number.utf8 {
            let u = upper(b)
            if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(u) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(u) {
                out.append(u)
            }
        }
        return out
    }

    private static func upper(_ b: UInt8) -> UInt8 {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) ? b - 32 : b
    }
}
