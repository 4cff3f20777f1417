import Foundation
import GRDB

/// Takes an encrypted snapshot of a shop's data folder while the kiosk keeps registering: the register through
/// SQLite's online backup (one read transaction, so one consistent moment), checked by `verify` on the copy,
/// then the configuration, the seller-key secret and the photos, each sealed with the shop's ``BackupKey``.
///
/// A snapshot is written by a `SnapshotWriter` (whole or not at all). The oldest snapshots beyond `keep` are
/// removed only after a new one whose register verified.
///
/// The hotlist is not in it (the next import brings it back), nor the kiosk's browser profile.
package enum RegisterBackup {
    /// Sets up backups for a folder: a new recovery code, whose salt and check go into `backup-key.json`.
    /// The code itself is returned once, to be shown or written to a private file, and kept nowhere else.
    ///
    /// - Parameters:
    ///   - folder: the shop's data folder.
    ///   - replacing: make a new code although the folder has one (old snapshots keep the old code).
    ///   - now: when the code was made, kept in `backup-key.json`.
    package static func setUp(_ folder: DataFolder, replacing: Bool = false, now: Date = Date()) throws -> RecoveryCode {
        try folder.create()
        if !replacing, FileManager.default.fileExists(atPath: folder.backupKeyPath) { throw BackupError.alreadySetUp }
        let code = RecoveryCode.generate()
        try store(BackupKey.Stored(.new(code: code), created: now), in: folder)
        return code
    }

    static func store(_ stored: BackupKey.Stored, in folder: DataFolder) throws {
        guard PrivateFiles.replace(folder.backupKeyPath, with: try BackupManifest.encoder.encode(stored)) else {
            throw BackupError.writeFailed(path: folder.backupKeyPath)
        }
    }

    /// The folder's backup key, opened by `code`: ``BackupError/notSetUp`` or ``BackupError/wrongCode`` otherwise.
    package static func key(_ folder: DataFolder, code: RecoveryCode) throws -> BackupKey {
        guard let data = FileManager.default.contents(atPath: folder.backupKeyPath) else { throw BackupError.notSetUp }
        guard let stored = try? BackupManifest.decoder.decode(BackupKey.Stored.self, from: data) else {
            throw BackupError.keyFileDamaged
        }
        return try stored.key(for: code)
    }

    /// What one backup did.
    package struct Report: Sendable {
        package var manifest: BackupManifest
        /// The snapshot's folder.
        package var path: String
        /// Snapshots removed because more than `keep` were there.
        package var removed: [String]
        /// Why the register did not verify, when it did not (the snapshot is kept, and no older one removed).
        package var problem: String?
    }

    /// Takes a snapshot of `folder` into `destination` (made if needed), keeping the last `keep` snapshots.
    package static func take(_ folder: DataFolder, code: RecoveryCode, to destination: String, keep: Int = 14,
                            now: Date = Date()) throws -> Report {
        let key = try key(folder, code: code)
        let config: CounterConfiguration
        do { config = try ConfigurationLoader.load(path: folder.configPath) } catch {
            throw BackupError.readFailed(path: folder.configPath)
        }
        if let url = config.database.url { throw BackupError.onServer(url: url) }
        let snapshot = try SnapshotWriter(key: key, folder: folder, destination: destination, now: now)
        defer { snapshot.close() }

        // 1. The register, at one moment, and what verify says of that copy.
        let secret = try folder.sellerKeySecret()
        let settings = RegisterSettings(configuration: config, sellerKeySecret: secret)
        let copy = snapshot.staging + "/register.sqlite"
        try copyRegister(from: folder.registerPath, to: copy, settings: settings)
        let verification = try verifyCopy(copy, settings: settings)

        // 2. What else the folder needs to come back: read after the register, so every photo its entries name
        // is there (photos are written before their entry).
        var sources: [(name: String, path: String)] = [("register.sqlite", copy)]
        if FileManager.default.fileExists(atPath: folder.configPath) { sources.append(("config.json", folder.configPath)) }
        sources.append(("seller-key.secret", folder.sellerKeyPath))
        sources += photoFiles(folder)
        for source in sources { try snapshot.seal(source.path, as: source.name) }

        let written = try snapshot.finish(shopID: config.shop.shopID, entryCount: verification.entryCount,
                                          headNumber: verification.entryCount, headHash: verification.headHash,
                                          verified: verification.firstProblem == nil, keep: keep)
        return Report(manifest: written.manifest, path: written.path, removed: written.removed,
                      problem: verification.firstProblem?.description)
    }

    /// The complete snapshots in `destination`, oldest first.
    package static func snapshots(in destination: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: destination)) ?? []
        return names.filter { $0.hasPrefix("counter-backup-") && FileManager.default.fileExists(atPath: destination + "/" + $0 + "/" + BackupManifest.fileName) }
            .sorted()
    }

    // MARK: - Steps

    /// `counter-backup-20261207T051000Z`, with `-2`, `-3`… when that name is taken (two in one second).
    static func snapshotName(_ date: Date, in destination: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let base = "counter-backup-" + formatter.string(from: date)
        var name = base, n = 1
        while FileManager.default.fileExists(atPath: destination + "/" + name)
                || FileManager.default.fileExists(atPath: destination + "/.partial-" + name) {
            n += 1
            name = base + "-\(n)"
        }
        return name
    }

    /// SQLite's online backup of the live register into `copy`, in one step inside one read transaction: the
    /// kiosk keeps writing meanwhile (WAL), and the copy is the register as it was at one commit. Then the copy is
    /// checked and made one file by ``verifyCopy(_:settings:)``.
    static func copyRegister(from source: String, to copy: String, settings: RegisterSettings) throws {
        do {
            // Opened as every command opens the register: a format this release does not know is refused.
            let live = try SQLiteRegisterStore(path: source, settings: settings)
            let destination = try DatabaseQueue(path: copy)
            try live.dbPool.backup(to: destination)
            try destination.close()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw BackupError.diskFull(path: copy)
        } catch let error as DatabaseError {
            throw BackupError.writeFailed(path: "\(copy) (\(error.message ?? "\(error.resultCode)"))")
        }
        PrivateFiles.file(copy)
    }

    /// `verify` on the copy (with an anchor of its own, so the live anchor is not touched).
    static func verifyCopy(_ copy: String, settings: RegisterSettings) throws -> RegisterVerification {
        let store = try SQLiteRegisterStore(path: copy, settings: settings)
        let result = try store.verify(fileCheck: .pages)
        try store.dbPool.close()
        // One self-contained file: no write-ahead log beside it.
        let queue = try DatabaseQueue(path: copy)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        try queue.close()
        return result
    }

    /// Every file under `photos/`, by its path in the data folder.
    static func photoFiles(_ folder: DataFolder) -> [(name: String, path: String)] {
        guard let walker = FileManager.default.enumerator(atPath: folder.photosPath) else { return [] }
        var files: [(String, String)] = []
        while let relative = walker.nextObject() as? String {
            let path = folder.photosPath + "/" + relative
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                files.append(("photos/" + relative, path))
            }
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// Removes the oldest snapshots beyond `keep`, and snapshots left half-written more than six hours ago.
    static func prune(_ destination: String, keep: Int, now: Date) -> [String] {
        let all = snapshots(in: destination)
        let removed = Array(all.dropLast(keep))
        for name in removed { try? FileManager.default.removeItem(atPath: destination + "/" + name) }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: destination)) ?? [] where name.hasPrefix(".partial-") {
            let path = destination + "/" + name
            if let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
               now.timeIntervalSince(modified) > 6 * 3600 {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
        return removed
    }

    static func makeFolder(_ path: String) throws {
        do { try PrivateFiles.folder(path) } catch { throw BackupError.writeFailed(path: path) }
    }

    static func writeDurably(_ data: Data, to path: String) throws {
        let handle = try SealedFile.create(path)
        defer { try? handle.close() }
        try SealedFile.write(handle, data, path: path)
        try handle.synchronize()
    }

    static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}
