import Crypto
import Foundation
import IDScan

/// The keys a ``RecoveryCode`` opens, for one shop's backups: one to encrypt the snapshot's files (AES-GCM),
/// one to authenticate its manifest and to tell a right code from a wrong one (HMAC-SHA-256).
///
/// Derived with HKDF-SHA-256 from the code and a random salt. The code is 125 random bits, so no slow
/// password hash is needed; the salt makes two shops with the same code (there are none) have other keys.
package struct BackupKey: Sendable {
    /// The salt, stored with every snapshot (and in the data folder's `backup-key.json`).
    package let salt: Data
    private let encryptionBytes: Data
    private let authenticationBytes: Data
    var encryption: SymmetricKey { SymmetricKey(data: encryptionBytes) }
    var authentication: SymmetricKey { SymmetricKey(data: authenticationBytes) }

    package init(code: RecoveryCode, salt: Data) {
        self.salt = salt
        let material = SymmetricKey(data: Data(code.symbols.utf8))
        func derive(_ info: String) -> Data {
            HKDF<SHA256>.deriveKey(inputKeyMaterial: material, salt: salt, info: Data(info.utf8), outputByteCount: 32)
                .withUnsafeBytes { Data($0) }
        }
        encryptionBytes = derive("counter backup encryption v1")
        authenticationBytes = derive("counter backup authentication v1")
    }

    /// A new key for a new code, with a new salt.
    package static func new(code: RecoveryCode) -> BackupKey {
        BackupKey(code: code, salt: Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0.prefix(16)) }))
    }

    /// What tells this key from another without revealing it: stored beside the salt, compared before
    /// anything is decrypted or written.
    package var check: String {
        Hex.string(HMAC<SHA256>.authenticationCode(for: Data("counter backup key check".utf8), using: authentication))
    }

    /// Whether `check` is this key's (constant time).
    package func matches(check other: String) -> Bool { ConstantTime.equal(check.utf8, other.utf8) }

    /// The manifest's authentication code over its canonical bytes.
    func seal(manifest bytes: Data) -> String {
        Hex.string(HMAC<SHA256>.authenticationCode(for: Data("manifest\u{0}".utf8) + bytes, using: authentication))
    }

    /// The shop's backup key as the data folder keeps it (`backup-key.json`): the salt and the check, never
    /// the code or the key.
    package struct Stored: Sendable, Codable, Equatable {
        package var format: Int
        package var salt: String
        package var check: String
        package var created: Date

        package init(_ key: BackupKey, created: Date) {
            format = 1
            salt = key.salt.base64EncodedString()
            self.check = key.check
            self.created = created
        }

        /// The key `code` opens, when it is this one's; else ``BackupError/wrongCode``.
        package func key(for code: RecoveryCode) throws -> BackupKey {
            guard let salt = Data(base64Encoded: salt) else { throw BackupError.keyFileDamaged }
            let key = BackupKey(code: code, salt: salt)
            guard key.matches(check: check) else { throw BackupError.wrongCode }
            return key
        }
    }
}
