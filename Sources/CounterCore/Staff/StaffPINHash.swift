import Crypto
import Foundation
import IDScan
import NIOConcurrencyHelpers

/// A PIN stored as PBKDF2-HMAC-SHA256 with a random 16-byte salt, encoded as
/// `pbkdf2-sha256$<iterations>$<salt base64>$<key base64>`.
///
/// Why PBKDF2 written over swift-crypto's HMAC: the `Counter` target links only the `Crypto` product, whose
/// public API has no password hash (`_CryptoExtras` has PBKDF2 and scrypt; switching to it needs a
/// Package.swift change). The iteration count is stored with the hash, so it can be raised later and old
/// hashes still verify. A 4–6 digit PIN cannot resist an offline search whatever the hash; the slow hash
/// makes such a search cost days instead of seconds, and the lockout protects the PIN at the counter.
package struct StaffPINHash: Sendable, Hashable {
    package var iterations: Int
    package var salt: Data
    package var key: Data

    /// Iterations for new hashes: about a tenth of a second on the kiosk's small CPU.
    package static let defaultIterations = 60_000

    /// Hashes `pin` with a fresh random salt.
    package init(pin: String, iterations: Int = StaffPINHash.defaultIterations) {
        var generator = SystemRandomNumberGenerator()
        let salt = Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
        self.init(pin: pin, salt: salt, iterations: iterations)
    }

    /// Hashes `pin` with a given salt (for tests and verification).
    package init(pin: String, salt: Data, iterations: Int) {
        self.iterations = iterations
        self.salt = salt
        self.key = Self.pbkdf2(password: Data(pin.utf8), salt: salt, iterations: iterations, length: 32)
    }

    /// Reads the encoded form; nil when it is not one.
    package init?(encoded: String) {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let n = Int(parts[1]), n > 0,
              let salt = Data(base64Encoded: String(parts[2])), let key = Data(base64Encoded: String(parts[3])),
              !salt.isEmpty, key.count == 32 else { return nil }
        self.iterations = n
        self.salt = salt
        self.key = key
    }

    /// The text stored in the database.
    package var encoded: String {
        "pbkdf2-sha256$\(iterations)$\(salt.base64EncodedString())$\(key.base64EncodedString())"
    }

    /// Whether `pin` matches, compared in constant time.
    package func matches(_ pin: String) -> Bool {
        let candidate = Self.pbkdf2(password: Data(pin.utf8), salt: salt, iterations: iterations, length: key.count)
        return ConstantTime.equal(candidate, key)
    }

    /// Whether a PIN is acceptable: 4 to 12 ASCII digits.
    package static func isValidPIN(_ pin: String) -> Bool {
        (4...12).contains(pin.count) && pin.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// PBKDF2 (RFC 8018 §5.2) with HMAC-SHA256 as the pseudo-random function.
    /// How many PBKDF2 computations ran in this process, by iteration count (tests: an unknown name costs what
    /// a known one does; a test uses an iteration count of its own, so other tests hashing meanwhile do not count).
    static let computations = NIOLockedValueBox([Int: Int]())

    static func pbkdf2(password: Data, salt: Data, iterations: Int, length: Int) -> Data {
        computations.withLockedValue { $0[iterations, default: 0] += 1 }
        let key = SymmetricKey(data: password)
        var output = Data()
        var block: UInt32 = 1
        while output.count < length {
            var message = salt
            withUnsafeBytes(of: block.bigEndian) { message.append(contentsOf: $0) }
            var u = Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
            var t = u
            if iterations > 1 {
                for _ in 2...iterations {
                    u = Array(HMAC<SHA256>.authenticationCode(for: u, using: key))
                    for i in 0..<t.count { t[i] ^= u[i] }
                }
            }
            output.append(contentsOf: t)
            block += 1
        }
        return output.prefix(length)
    }
}
