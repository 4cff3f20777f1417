import Crypto
import Foundation

/// The seller's identity kept apart from the register's hash chain, so it can be erased when its legal
/// purpose has ended (AVG art. 17 and 5(1)(e); `retention.identityYears`) while the chain still verifies.
///
/// The chained content of an entry holds only a commitment: SHA-256 over a random per-entry salt and the
/// identity's canonical JSON. The identity and its salt live in their own table (`seller_identity`). While
/// they are there, `verify` recomputes the commitment, so the identity is as tamper-evident as before; after
/// an erasure the row keeps only the day it was erased ("gewist op DATUM"), and a chained purge event
/// (``RegisterEvent``) must name the entry. Without the salt, the commitment cannot be used to test a guessed
/// name or document number.
package enum SellerIdentity {
    /// The salt's length in bytes.
    static let saltLength = 32

    /// A fresh random salt for one entry.
    static func newSalt() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<saltLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// The identity's canonical JSON (sorted keys), stored as-is: the commitment never depends on re-encoding.
    static func canonical(_ seller: Seller) -> Data {
        try! RegisterEntry.canonicalEncoder().encode(seller)
    }

    /// Lower-case hex SHA-256 over the salt and the identity's canonical JSON.
    package static func commitment(salt: Data, identity: Data) -> String {
        var hasher = SHA256()
        hasher.update(data: salt)
        hasher.update(data: identity)
        return Hex.string(hasher.finalize())
    }

    /// One stored identity row, as read with an entry.
    struct Stored {
        var identity: Data?
        var salt: Data?
        var erasedOn: CalendarDate?

        /// The seller, while kept and readable.
        var seller: Seller? { identity.flatMap { try? JSONDecoder().decode(Seller.self, from: $0) } }

        /// `verify`'s rule for a stored identity, the same on every backend: erased (a day set: the purge events
        /// must account for it, checked apart), or kept, with an identity and a salt that hash to the entry's
        /// `commitment` and read as a seller. Anything else, such as an identity emptied without an erasure day,
        /// is altered.
        func verified(commitment: String, entryNumber: Int) -> Result<Seller?, RegisterVerification.Problem> {
            if erasedOn != nil { return .success(nil) }
            guard let identity, let salt, SellerIdentity.commitment(salt: salt, identity: identity) == commitment,
                  let seller else {
                return .failure(.identityAltered(entryNumber: entryNumber))
            }
            return .success(seller)
        }
    }
}
