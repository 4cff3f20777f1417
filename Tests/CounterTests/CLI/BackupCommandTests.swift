import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// `counter-kiosk backup` and `restore` as the package's timer and a technician run them, and the off-site
/// copy through restic (Debian's package), with a local restic repository standing in for the NAS or S3.
@Suite("Backup on the command line", .serialized)
struct BackupCommandTests {
    static let restic = URL(fileURLWithPath: "/usr/bin/restic")

    @Test("backup init → backup --to → restic backup → restic restore → restore --from → verify, the same register")
    func resticRoundTrip() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let data = folder.path + "/data"
        try Fixtures.setUpShop(at: data)
        let bin = Fixtures.kioskBinary
        for _ in 0..<3 {
            #expect(try await runProcess(bin, ["intake", "add", "--data", data], input: try Fixtures.exampleJSON).status == 0)
        }
        let codeFile = folder.path + "/recovery-code"
        let initialized = try await runProcess(bin, ["backup", "init", "--data", data, "--recovery-code-file", codeFile])
        #expect(initialized.status == 0, "\(initialized.stderr)")
        #expect(!initialized.stdout.contains(try String(contentsOfFile: codeFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        let again = try await runProcess(bin, ["backup", "init", "--data", data])
        #expect(again.status != 0 && again.stderr.contains("set up with a recovery code already"))

        let backups = folder.path + "/backups"
        let taken = try await runProcess(bin, ["backup", "--data", data, "--to", backups, "--recovery-code-file", codeFile])
        #expect(taken.status == 0, "\(taken.stderr)")
        #expect(taken.stdout.contains(": 3 entries, head "))

        // Off-site: restic's own encryption over ours, into a repository (here a folder; a NAS, SFTP or S3 in a shop).
        let repository = folder.path + "/restic-repo"
        let passwordFile = folder.path + "/restic-password"
        try "restic test password\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let env = ["RESTIC_REPOSITORY": repository, "RESTIC_PASSWORD_FILE": passwordFile, "RESTIC_CACHE_DIR": folder.path + "/restic-cache"]
        for arguments in [["init"], ["backup", "--quiet", backups]] {
            let run = try await runProcess(Self.restic, arguments, environment: env)
            #expect(run.status == 0, "restic \(arguments): \(run.stderr)")
        }
        // The disk fails: the data folder and the local backups are gone.
        try FileManager.default.removeItem(atPath: data)
        try FileManager.default.removeItem(atPath: backups)
        let fromRestic = folder.path + "/from-restic"
        let restored = try await runProcess(Self.restic, ["restore", "latest", "--target", fromRestic], environment: env)
        #expect(restored.status == 0, "\(restored.stderr)")

        let newData = folder.path + "/new-pc"
        let wrongCode = folder.path + "/wrong-code"
        try RecoveryCode.generate().write(file: wrongCode)
        let refused = try await runProcess(bin, ["restore", "--from", fromRestic + backups, "--data", newData,
                                                 "--recovery-code-file", wrongCode])
        #expect(refused.status != 0 && refused.stderr.contains("not the one these backups were made with"))
        #expect(!FileManager.default.fileExists(atPath: newData))

        let back = try await runProcess(bin, ["restore", "--from", fromRestic + backups, "--data", newData,
                                              "--recovery-code-file", codeFile])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout.contains("3 entries") && back.stdout.contains("verify passed"))
        let verify = try await runProcess(bin, ["verify", "--data", newData])
        #expect(verify.status == 0 && verify.stdout.hasPrefix("Register intact: 3 entries"), "\(verify.stdout)\(verify.stderr)")
        let log = try await runProcess(bin, ["log", "--format", "csv", "--data", newData])
        #expect(log.stdout.contains(";Anna;inkoop;Jan Willem De Vries;identiteitskaart IXR12PN74 (NLD);"))
        // The code typed at the prompt (standard input) works as well as the file.
        let typed = try await runProcess(bin, ["restore", "--from", fromRestic + backups, "--data", folder.path + "/typed"],
                                         input: Data(try String(contentsOfFile: codeFile, encoding: .utf8).lowercased().utf8))
        #expect(typed.status == 0, "\(typed.stderr)")
        // Folders given relative to where the technician stands.
        let relative = try await runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", """
            cd '\(folder.path)' && '\(bin.path)' restore --from 'from-restic\(backups)' --data relative --recovery-code-file recovery-code
            """])
        #expect(relative.status == 0, "\(relative.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/relative/register.sqlite"))
    }
}
