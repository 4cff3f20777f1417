import Foundation

/// The data folder's record of its backups (`backup-status.json`): the last good one and the last failure,
/// for `doctor`, the owner's page and the 24-hour warning.
package struct BackupStatus: Sendable, Codable, Equatable {
    package struct Success: Sendable, Codable, Equatable {
        package var name: String
        package var destination: String
        package var taken: Date
        package var entryCount: Int
        package var headHash: String
    }

    package struct Failure: Sendable, Codable, Equatable {
        package var at: Date
        package var code: String
        package var message: String
    }

    /// The last snapshot that was taken whole and whose register passed `verify`.
    package var lastGood: Success?
    /// The last attempt that failed, when it came after the last good one.
    package var lastFailure: Failure?

    package init(lastGood: Success? = nil, lastFailure: Failure? = nil) {
        self.lastGood = lastGood
        self.lastFailure = lastFailure
    }

    /// A backup older than this is a warning on the owner's page and in `doctor`.
    package static let warnAfter: TimeInterval = 24 * 3600

    /// The folder's record; an empty one when there is none (never backed up) or it cannot be read.
    package static func read(_ folder: DataFolder) -> BackupStatus {
        guard let data = FileManager.default.contents(atPath: folder.backupStatusPath),
              let status = try? BackupManifest.decoder.decode(BackupStatus.self, from: data) else { return BackupStatus() }
        return status
    }

    /// Records a snapshot taken whole (a good one only when its register verified).
    static func record(_ manifest: BackupManifest, destination: String, in folder: DataFolder) {
        var status = read(folder)
        if manifest.verified {
            status.lastGood = Success(name: manifest.name, destination: destination, taken: manifest.taken,
                                      entryCount: manifest.entryCount, headHash: manifest.headHash)
            status.lastFailure = nil
        } else {
            status.lastFailure = Failure(at: manifest.taken, code: BackupError.registerNotWhole(detail: "").code.rawValue,
                                         message: "the register did not pass verify; snapshot \(manifest.name) kept, older ones too")
        }
        write(status, in: folder)
    }

    /// Records a failed attempt (the timer's `backup` exits non-zero too).
    package static func recordFailure(_ error: any Error, at date: Date, in folder: DataFolder) {
        var status = read(folder)
        let code = (error as? BackupError)?.code.rawValue ?? "backup.failed"
        status.lastFailure = Failure(at: date, code: code, message: "\(error)")
        write(status, in: folder)
    }

    static func write(_ status: BackupStatus, in folder: DataFolder) {
        guard let data = try? BackupManifest.encoder.encode(status) else { return }
        _ = PrivateFiles.replace(folder.backupStatusPath, with: data)
    }
}
