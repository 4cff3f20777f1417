import Foundation

/// One snapshot being written, for a data folder (``RegisterBackup``) or a server (``ServerBackup``): its files are
/// sealed into `DESTINATION/.partial-NAME`, the manifest is written last, and one rename makes it a snapshot, so a
/// crash or a full disk never leaves a half snapshot that looks like a backup. Plaintext made on the way (a copy of
/// the register, a dump) goes into a private staging folder in the data folder, removed by ``close()``.
final class SnapshotWriter {
    let key: BackupKey
    let folder: DataFolder
    let destination: String
    let name: String
    let taken: Date
    /// Where plaintext made for this snapshot goes (private to the data folder's user).
    let staging: String
    private let partial: String
    private var files: [BackupManifest.File] = []
    private var finished = false

    init(key: BackupKey, folder: DataFolder, destination: String, now: Date) throws {
        self.key = key
        self.folder = folder
        self.destination = destination
        taken = now
        try RegisterBackup.makeFolder(destination)
        name = RegisterBackup.snapshotName(now, in: destination)
        partial = destination + "/.partial-" + name
        staging = folder.path + "/.backup-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try RegisterBackup.makeFolder(partial)
        try RegisterBackup.makeFolder(staging)
    }

    /// Seals the file at `source` into the snapshot as `name` (its path in the data folder).
    func seal(_ source: String, as name: String) throws {
        let sealed = partial + "/files/" + name + ".sealed"
        try RegisterBackup.makeFolder((sealed as NSString).deletingLastPathComponent)
        let (size, sha256) = try SealedFile.seal(source, to: sealed, name: name, key: key.encryption)
        files.append(.init(name: name, size: size, sha256: sha256))
    }

    /// Writes the manifest of what was sealed, makes the snapshot whole with one rename, records it in the data
    /// folder's ``BackupStatus``, and removes the oldest snapshots beyond `keep` when this one `verified`.
    func finish(shopID: String, entryCount: Int, headNumber: Int = 0, headHash: String = "", verified: Bool,
                branches: [ServerBackup.Branch]? = nil, keep: Int) throws -> (manifest: BackupManifest, path: String, removed: [String]) {
        var manifest = BackupManifest(
            format: BackupManifest.currentFormat, name: name, taken: taken, release: CounterRelease.version,
            shopID: shopID, entryCount: entryCount, headNumber: headNumber, headHash: headHash,
            verified: verified, files: files, salt: key.salt.base64EncodedString(), keyCheck: key.check, mac: "")
        manifest.branches = branches
        manifest.mac = key.seal(manifest: try manifest.authenticatedBytes())
        try RegisterBackup.writeDurably(try BackupManifest.encoder.encode(manifest), to: partial + "/" + BackupManifest.fileName)
        RegisterBackup.syncFolder(partial)
        let path = destination + "/" + name
        guard rename(partial, path) == 0 else { throw BackupError.writeFailed(path: path) }
        finished = true
        RegisterBackup.syncFolder(destination)
        BackupStatus.record(manifest, destination: destination, in: folder)
        let removed = verified ? RegisterBackup.prune(destination, keep: max(1, keep), now: taken) : []
        return (manifest, path, removed)
    }

    /// Removes the staging folder, and the partial snapshot unless it was finished.
    func close() {
        try? FileManager.default.removeItem(atPath: staging)
        if !finished { try? FileManager.default.removeItem(atPath: partial) }
    }
}
