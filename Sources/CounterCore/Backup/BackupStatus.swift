import Foundation

/// The data folder's record of its backups (`backup-status.json`): the last good one and the last failure,
/// for `doctor`, the owner's page and the 24-hour warning.
public struct BackupStatus: Sendable, Codable, Equatable {
    public struct Success: Sendable, Codable, Equatable {
        public var name: String
        public var destination: String
        public var taken: Date
        public var entryCount: Int
        public var headHash: String
    }

    public struct Failure: Sendable, Codable, Equatable {
        public var at: Date
        public var code: String
        public var message: String
    }

    /// The last snapshot that was taken whole and whose register passed `verify`.
    public var lastGood: Success?
    /// The last attempt that failed, when it came after the last good one.
    public var lastFailure: Failure?

    public init(lastGood: Success? = nil, lastFailure: Failure? = nil) {
        self.lastGood = lastGood
        self.lastFailure = lastFailure
    }

    /// A backup older than this is a warning on the owner's page and in `doctor`.
    public static let warnAfter: TimeInterval = 24 * 3600

    /// The folder's record; an empty one when there is none (never backed up) or it cannot be read.
    public static func read(_ folder: DataFolder) -> BackupStatus {
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
    public static func recordFailure(_ error: any Error, at date: Date, in folder: DataFolder) {
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
