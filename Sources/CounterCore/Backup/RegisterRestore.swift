import Foundation

/// Puts a snapshot back as a data folder, after checking it whole: the code against the key check, the
/// manifest against its authentication code, every file against its size and hash, and the register with
/// `verify`, against the entry count and head the manifest names. Only then is anything put in place.
///
/// The files are opened into a staging folder beside the target (same file system, so the last step is one
/// rename). A wrong code stops before the staging folder is made: nothing is written. A target that holds a
/// register is only replaced when asked, after the checks, and is kept beside the new one, renamed.
package enum RegisterRestore {
    /// What a restore did.
    package struct Report: Sendable {
        package var manifest: BackupManifest
        /// The snapshot restored.
        package var snapshot: String
        /// Where the folder that held a register went (`--replace`).
        package var replacedFolderKeptAt: String?
    }

    /// The snapshot `from` names: a snapshot's folder itself, or a backup folder (its newest complete snapshot).
    package static func snapshot(at from: String) throws -> String {
        if FileManager.default.fileExists(atPath: from + "/" + BackupManifest.fileName) { return from }
        guard let newest = RegisterBackup.snapshots(in: from).last else {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: from, isDirectory: &isFolder), isFolder.boolValue else {
                throw BackupError.notASnapshot(path: from)
            }
            throw BackupError.noSnapshots(path: from)
        }
        return from + "/" + newest
    }

    /// Whether `path` holds a register (a `register.sqlite` or a configuration).
    static func holdsRegister(_ path: String) -> Bool {
        let folder = DataFolder(path: path)
        return FileManager.default.fileExists(atPath: folder.registerPath)
            || FileManager.default.fileExists(atPath: folder.configPath)
    }

    /// Restores the snapshot at `from` into the data folder `target`.
    ///
    /// - Parameters:
    ///   - from: the snapshot's folder (or a backup folder: its newest snapshot).
    ///   - code: the shop's recovery code, which opens the sealed files.
    ///   - target: the data folder to restore into.
    ///   - replace: put it in place although `target` holds a register (that one is kept, renamed).
    ///   - now: the time of the restore, for the name of a register that is kept aside.
    package static func restore(from: String, code: RecoveryCode, into target: String, replace: Bool = false,
                               now: Date = Date()) throws -> Report {
        let snapshot = try snapshot(at: from)
        let manifest = try BackupManifest.read(snapshot: snapshot)
        let key = try manifest.key(for: code)  // a wrong code or an edited manifest: nothing written
        if manifest.branches != nil { throw BackupError.notServerSnapshot }
        // Absolute, so its parent (where the staging folder goes) is a folder even for `--data restored`.
        let target = URL(fileURLWithPath: DataFolder(path: target).path).standardizedFileURL.path
        if holdsRegister(target) && !replace { throw BackupError.targetHoldsRegister(path: target) }

        let parent = (target as NSString).deletingLastPathComponent
        do { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
            throw BackupError.writeFailed(path: parent)
        }
        let staging = target + ".restoring-\(getpid())"
        try? FileManager.default.removeItem(atPath: staging)
        try RegisterBackup.makeFolder(staging)
        var placed = false
        defer { if !placed { try? FileManager.default.removeItem(atPath: staging) } }

        // 1. Every file, opened and compared with the manifest.
        for file in manifest.files { try manifest.open(file, of: snapshot, into: staging, key: key) }
        // Without the seller-key secret the register's keyed hashes (search, the cash rule) would silently not match.
        for required in ["register.sqlite", "seller-key.secret"] where !manifest.files.contains(where: { $0.name == required }) {
            throw BackupError.fileMissing(name: required)
        }

        // 2. The register: anchored at the manifest's head (so entries missing at the end show), then verified.
        let folder = DataFolder(path: staging)
        if manifest.headNumber > 0 {
            try RegisterAnchor(path: folder.registerPath + ".anchor").record(.init(entryNumber: manifest.headNumber, hash: manifest.headHash))
        }
        let config: CounterConfiguration
        do { config = try ConfigurationLoader.load(path: folder.configPath) } catch {
            throw BackupError.fileDamaged(name: "config.json")
        }
        let verification: RegisterVerification
        do {
            let store = try SQLiteRegisterStore(
                path: folder.registerPath, settings: .init(configuration: config, sellerKeySecret: try folder.sellerKeySecret()))
            if let damage = store.damage { throw BackupError.registerNotWhole(detail: damage.description) }
            verification = try store.verify(fileCheck: .pagesAndIndexes)
            try store.dbPool.close()
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError.registerNotWhole(detail: "\(error)")
        }
        if let problem = verification.firstProblem { throw BackupError.registerNotWhole(detail: problem.description) }
        guard verification.entryCount == manifest.entryCount, verification.headHash == manifest.headHash else {
            throw BackupError.registerNotWhole(detail: "\(verification.entryCount) entries, head \(verification.headHash.prefix(12))…; "
                                               + "the manifest names \(manifest.entryCount), head \(manifest.headHash.prefix(12))…")
        }
        // Later backups of the restored folder use the same code.
        try RegisterBackup.store(BackupKey.Stored(key, created: now), in: folder)
        try folder.create()

        // 3. In place: one rename (the old register, if asked to replace it, kept beside it).
        var keptAt: String?
        if FileManager.default.fileExists(atPath: target) {
            if holdsRegister(target) {
                let aside = target + ".before-restore-" + RegisterBackup.snapshotName(now, in: parent).dropFirst("counter-backup-".count)
                guard rename(target, aside) == 0 else { throw BackupError.writeFailed(path: aside) }
                keptAt = aside
            } else if rmdir(target) != 0 {
                // A folder with other things in it (but no register) is not ours to empty.
                throw BackupError.writeFailed(path: target)
            }
        }
        guard rename(staging, target) == 0 else { throw BackupError.writeFailed(path: target) }
        placed = true
        RegisterBackup.syncFolder(parent)
        return Report(manifest: manifest, snapshot: snapshot, replacedFolderKeptAt: keptAt)
    }

    /// A file name from a manifest stays inside the folder it is restored into.
    static func isSafe(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix("/") && !name.split(separator: "/").contains("..")
    }
}
