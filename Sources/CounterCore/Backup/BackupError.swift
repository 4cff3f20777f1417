/// Why a backup or a restore did not happen. Each case has a stable code, worded in the catalog
/// (``CounterMessages``); the command line prints the English words, the owner's page the Dutch.
package enum BackupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `backup init` was never run for this data folder.
    case notSetUp
    /// `backup-key.json` is not readable as one.
    case keyFileDamaged
    /// The recovery code is not the one the backups were made with. Nothing was written.
    case wrongCode
    /// The text is not 25 symbols of a recovery code.
    case notARecoveryCode
    case codeFileUnreadable(path: String)
    /// The code's file can be read by others than its owner: refused, as SSH refuses an open key.
    case codeFileOpen(path: String)
    /// `backup init --recovery-code-file` never overwrites a file.
    case codeFileExists(path: String)
    /// `backup init` on a folder that has a key already (`--new-code` makes another).
    case alreadySetUp
    case notASnapshot(path: String)
    case noSnapshots(path: String)
    /// The manifest is not as it was written (or not a manifest).
    case manifestDamaged
    /// Taken by a newer release, in a format this one does not read.
    case newerFormat(format: Int)
    case fileMissing(name: String)
    /// A file of the snapshot does not decrypt, or is not the file the manifest names.
    case fileDamaged(name: String)
    /// The restored register does not pass `verify`, or is not the register the manifest names.
    case registerNotWhole(detail: String)
    /// The target folder holds a register: only `--replace` puts another in its place.
    case targetHoldsRegister(path: String)
    case readFailed(path: String)
    case writeFailed(path: String)
    case diskFull(path: String)
    /// The register is on a PostgreSQL server (`database.url`): the data folder's snapshot would not hold it.
    case onServer(url: String)
    /// A data folder's snapshot given to a restore into a database (or the other way round).
    case notServerSnapshot
    /// pg_dump or pg_restore is not installed (Debian's postgresql-client).
    case toolMissing(tool: String)
    case toolFailed(tool: String, detail: String)

    package var code: CounterMessages.Code {
        switch self {
        case .notSetUp: .backupNotSetUp
        case .keyFileDamaged: .backupKeyFileDamaged
        case .wrongCode: .backupWrongCode
        case .notARecoveryCode: .backupNotARecoveryCode
        case .codeFileUnreadable: .backupCodeFileUnreadable
        case .codeFileOpen: .backupCodeFileOpen
        case .codeFileExists: .backupCodeFileExists
        case .alreadySetUp: .backupAlreadySetUp
        case .notASnapshot: .backupNotASnapshot
        case .noSnapshots: .backupNoSnapshots
        case .manifestDamaged: .backupManifestDamaged
        case .newerFormat: .backupNewerFormat
        case .fileMissing: .backupFileMissing
        case .fileDamaged: .backupFileDamaged
        case .registerNotWhole: .backupRegisterNotWhole
        case .targetHoldsRegister: .backupTargetHoldsRegister
        case .readFailed: .backupReadFailed
        case .writeFailed: .backupWriteFailed
        case .diskFull: .backupDiskFull
        case .onServer: .backupOnServer
        case .notServerSnapshot: .backupNotServerSnapshot
        case .toolMissing: .backupToolMissing
        case .toolFailed: .backupToolFailed
        }
    }

    package var parameters: [String: String] {
        switch self {
        case .codeFileUnreadable(let path), .codeFileOpen(let path), .codeFileExists(let path), .notASnapshot(let path),
             .noSnapshots(let path), .targetHoldsRegister(let path), .readFailed(let path), .writeFailed(let path),
             .diskFull(let path):
            ["path": path]
        case .newerFormat(let format): ["format": String(format)]
        case .fileMissing(let name), .fileDamaged(let name): ["file": name]
        case .registerNotWhole(let detail): ["detail": detail]
        case .onServer(let url): ["url": url]
        case .toolMissing(let tool): ["tool": tool]
        case .toolFailed(let tool, let detail): ["tool": tool, "detail": detail]
        default: [:]
        }
    }

    package var message: WordedMessage { WordedMessage(code, parameters) }

    package var description: String { CounterMessages.text(code, .en, parameters) }
}
