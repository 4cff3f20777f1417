import Foundation
import IDScan

/// What one snapshot holds, written last into it as `manifest.json` (plain JSON: it holds no personal data).
///
/// It names the register's entry count and head (number and hash) as the snapshot has them, checked by `verify`
/// when the snapshot was taken, and every file with its size and SHA-256 before encryption. The key check and
/// the authentication code (``BackupKey``) let `restore` refuse a wrong code, and a manifest someone edited,
/// before it writes anything.
package struct BackupManifest: Sendable, Codable, Equatable {
    /// One file of the snapshot: its path in the data folder (`register.sqlite`, `photos/ab/ab12….jpg`).
    package struct File: Sendable, Codable, Equatable {
        package var name: String
        package var size: Int64
        package var sha256: String
    }

    package var format: Int
    /// The snapshot's name (its folder): `counter-backup-20261207T051000Z`.
    package var name: String
    package var taken: Date
    /// The Counter release that took it.
    package var release: String
    /// `KvK/vestiging` of the shop.
    package var shopID: String
    package var entryCount: Int
    /// The last entry's number and hash (0 and "" for an empty register).
    package var headNumber: Int
    package var headHash: String
    /// Whether `verify` passed on the snapshot when it was taken. A snapshot of a register that cannot prove it is
    /// whole is still taken (it keeps what there is), but never counts as the shop's last good backup.
    package var verified: Bool
    package var files: [File]
    /// The key's salt (base64) and check (``BackupKey/check``).
    package var salt: String
    package var keyCheck: String
    /// HMAC-SHA-256 over the manifest's canonical JSON without this field.
    package var mac: String
    /// A register on PostgreSQL (``ServerBackup``): each branch's entry count and head, read in the dump's own
    /// snapshot (`verified` then says they were read there; the chains are verified at restore). Absent for a
    /// data folder's snapshot.
    package var branches: [ServerBackup.Branch]? = nil

    static let fileName = "manifest.json"
    static let currentFormat = 1

    /// The bytes the authentication code covers: the manifest with `mac` empty, keys sorted.
    func authenticatedBytes() throws -> Data {
        var copy = self
        copy.mac = ""
        return try Self.encoder.encode(copy)
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// Reads a snapshot's manifest; ``BackupError/notASnapshot(path:)`` when there is none,
    /// ``BackupError/manifestDamaged`` when it is not one this release reads.
    static func read(snapshot path: String) throws -> BackupManifest {
        guard let data = FileManager.default.contents(atPath: path + "/" + fileName) else {
            throw BackupError.notASnapshot(path: path)
        }
        guard let manifest = try? decoder.decode(BackupManifest.self, from: data) else { throw BackupError.manifestDamaged }
        guard manifest.format <= currentFormat else { throw BackupError.newerFormat(format: manifest.format) }
        return manifest
    }

    /// Opens one of the snapshot's files into `folder` (at its path in the data folder), and refuses it unless it is
    /// the file this manifest names: ``BackupError/fileDamaged(name:)``, ``BackupError/fileMissing(name:)``.
    func open(_ file: File, of snapshot: String, into folder: String, key: BackupKey) throws {
        guard RegisterRestore.isSafe(file.name) else { throw BackupError.manifestDamaged }
        let destination = folder + "/" + file.name
        try RegisterBackup.makeFolder((destination as NSString).deletingLastPathComponent)
        let opened = try SealedFile.open(snapshot + "/files/" + file.name + ".sealed", to: destination, name: file.name,
                                         key: key.encryption)
        guard opened.size == file.size, opened.sha256 == file.sha256 else { throw BackupError.fileDamaged(name: file.name) }
    }

    /// The key `code` opens for this snapshot, once the code is the right one and the manifest is as it was
    /// written: ``BackupError/wrongCode`` or ``BackupError/manifestDamaged`` otherwise.
    func key(for code: RecoveryCode) throws -> BackupKey {
        guard let salt = Data(base64Encoded: salt) else { throw BackupError.manifestDamaged }
        let key = BackupKey(code: code, salt: salt)
        guard key.matches(check: keyCheck) else { throw BackupError.wrongCode }
        guard ConstantTime.equal(key.seal(manifest: try authenticatedBytes()).utf8, mac.utf8) else { throw BackupError.manifestDamaged }
        return key
    }
}
