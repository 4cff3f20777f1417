import ArgumentParser
import Counter
import Foundation
import Logging

/// `restore`: a snapshot back into a data folder, checked whole before anything is put in place.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into a data folder, after checking the code, the manifest, every file and the register's chain.",
        discussion: """
            --from is a snapshot's folder, or the backup folder (its newest snapshot). Nothing is written when the code is \
            wrong or any check fails. A folder that holds a register is only replaced with --replace, after the checks; \
            it is kept beside the new one, renamed. Stop the kiosk first (systemctl stop counter-kiosk).
            """)

    @Option(help: ArgumentHelp("The snapshot, or the folder of snapshots (its newest is taken).", valueName: "dir"))
    var from: String

    @Option(help: ArgumentHelp("The data folder to restore into (new or empty, or any with --replace).", valueName: "dir"))
    var data: String?

    /// Or the empty database to restore a server's backup into.
    @OptionGroup var server: OptionalServerOptions

    @Option(help: ArgumentHelp("The file whose first line is the recovery code (mode 0600); else it is asked for.",
                               valueName: "file"))
    var recoveryCodeFile: String?

    @Flag(help: "Replace a register in the data folder (kept beside it, renamed), once the backup checked whole.")
    var replace = false

    func run() async throws {
        guard (data == nil) != (server.database == nil) else { throw CLIError("Give --data DIR or --database URL (one of them).") }
        do {
            let code = try recoveryCode()
            if let (location, password) = try server.location() {
                var logger = Logger(label: "counter-kiosk.restore")
                logger.logLevel = .warning
                let report = try await ServerBackup.restore(from: from, code: code, into: location, password: password,
                                                            logger: logger)
                let branches = report.manifest.branches ?? []
                print("Restored \(report.snapshot) (taken \(ShopFormat.dutch.dateTime(report.manifest.taken))) into \(location): "
                      + "\(branches.count) branches, \(report.manifest.entryCount) entries; every branch's chain verified.")
                return
            }
            let data = data!
            let report = try RegisterRestore.restore(from: from, code: code, into: data, replace: replace)
            let m = report.manifest
            print("Restored \(report.snapshot) (taken \(ShopFormat.dutch.dateTime(m.taken)), release \(m.release)) into "
                  + "\(DataFolder(path: data).path): \(m.entryCount) entries, head \(m.headHash); verify passed.")
            if let kept = report.replacedFolderKeptAt { print("The register that was there is kept at \(kept).") }
            print("Entries made after the snapshot are not in it: compare with the DOR and the paper trail "
                  + "(docs/technician-guide.md, \"Restoring after a disk failure\").")
        } catch let error as BackupError {
            throw CLIError(error.description)
        } catch let error as RegisterStoreError {
            throw CLIError(error.description)
        }
    }

    func recoveryCode() throws -> RecoveryCode {
        if let file = recoveryCodeFile { return try RecoveryCode.read(file: file) }
        let typed: String?
        if isatty(STDIN_FILENO) != 0, let entered = getpass("Recovery code: ") {
            typed = String(cString: entered)
        } else {
            typed = readLine()
        }
        guard let typed, let code = RecoveryCode(reading: typed) else { throw BackupError.notARecoveryCode }
        return code
    }
}
