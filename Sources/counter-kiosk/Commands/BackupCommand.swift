import ArgumentParser
import Counter
import Foundation
import Logging

/// `backup`: an encrypted snapshot of the data folder while the kiosk runs; `backup init` sets up the code.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Encrypted snapshots of the shop's data folder (register, configuration, photos), taken while the kiosk runs.",
        discussion: """
            First `counter-kiosk backup init` makes the recovery code: the owner keeps it on paper; without it no backup \
            can be opened. Then `counter-kiosk backup --to DIR --recovery-code-file FILE` (the package's timer does this \
            every night). Off-site copies: docs/technician-guide.md (restic).
            """,
        subcommands: [Take.self, Init.self],
        defaultSubcommand: Take.self)

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Make the recovery code that opens this shop's backups; it is shown once (or written to a new private file).")

        @OptionGroup var dataOptions: DataOptions

        @Option(help: ArgumentHelp("Write the code to this new file (mode 0600) instead of showing it.", valueName: "file"))
        var recoveryCodeFile: String?

        @Flag(help: "Make a new code although there is one: new backups use it, older ones still need the old code.")
        var newCode = false

        func run() async throws {
            let code: RecoveryCode
            do {
                code = try RegisterBackup.setUp(dataOptions.folder, replacing: newCode)
                if let file = recoveryCodeFile { try code.write(file: file) }
            } catch let error as BackupError {
                throw CLIError(error.description)
            }
            if let file = recoveryCodeFile {
                print("Backups are set up. The recovery code is in \(file) (mode 0600): print it for the owner, and give "
                      + "the file to the backup timer (--recovery-code-file).")
            } else {
                print("""
                    Backups are set up. The recovery code — shown this once, write it down for the owner:

                        \(code)

                    Without it no backup can be opened. Keep it away from the PC (a safe, the accountant).
                    """)
            }
        }
    }

    struct Take: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "take",
            abstract: "Take a snapshot into DIR and keep the last N there (the default: `backup --to DIR`).")

        @OptionGroup var dataOptions: DataOptions

        @Option(help: ArgumentHelp("The folder the snapshots go to (a second disk, a mounted NAS).", valueName: "dir"))
        var to: String

        @Option(help: ArgumentHelp("The file whose first line is the recovery code (mode 0600); never on the command line.",
                                   valueName: "file"))
        var recoveryCodeFile: String

        @Option(help: "How many snapshots to keep in DIR (the oldest go, only after a new one verified).")
        var keep = 14

        /// A register on PostgreSQL: pg_dump of every branch at one snapshot.
        @OptionGroup var server: OptionalServerOptions

        func run() async throws {
            let folder = dataOptions.folder
            do {
                let code = try RecoveryCode.read(file: recoveryCodeFile)
                let report: RegisterBackup.Report
                if let (location, password) = try server.location() {
                    var logger = Logger(label: "counter-kiosk.backup")
                    logger.logLevel = .warning
                    report = try await ServerBackup.take(location, password: password, folder: folder, code: code, to: to,
                                                         keep: keep, logger: logger)
                } else {
                    report = try RegisterBackup.take(folder, code: code, to: to, keep: keep)
                }
                let m = report.manifest
                let bytes = m.files.reduce(Int64(0)) { $0 + $1.size }
                let what = m.branches.map { "\($0.count) branches" } ?? "head \(m.headHash)"
                print("Snapshot \(report.path): \(m.entryCount) entries, \(what), \(m.files.count) files "
                      + "(\(ByteCountFormatter.string(fromByteCount: bytes, countStyle: .file))).")
                if !report.removed.isEmpty { print("Removed (more than \(keep)): \(report.removed.joined(separator: ", "))") }
                if let problem = report.problem {
                    throw CLIError("The register did NOT pass verify (\(problem)): the snapshot is kept, and no older one was removed. "
                                   + "Run counter-kiosk verify and see docs/technician-guide.md.")
                }
            } catch let error as BackupError {
                BackupStatus.recordFailure(error, at: Date(), in: folder)
                throw CLIError(error.description)
            } catch let error as CLIError {
                throw error
            } catch let error as RegisterStoreError {
                BackupStatus.recordFailure(error, at: Date(), in: folder)
                throw CLIError(error.description)
            } catch {
                BackupStatus.recordFailure(error, at: Date(), in: folder)
                throw CLIError("The backup failed: \(error)")
            }
        }
    }
}
