import Foundation
import GRDB
import NIOConcurrencyHelpers
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 16: one disk failure must not lose the legal register (art. 437 Sr: kept for years). Snapshots are
/// encrypted, taken while the kiosk registers, and restored only after they are checked whole.
@Suite("Backup and restore")
struct BackupTests {
    /// A shop's data folder with `entries` entries, a photo, and backups set up; the recovery code.
    static func shop(entries: Int) throws -> (TemporaryFolder, DataFolder, RecoveryCode) {
        let temporary = try TemporaryFolder()
        let folder = DataFolder(path: temporary.path + "/data")
        try Fixtures.setUpShop(at: folder.path)
        let (_, store) = try folder.openRegister()
        let photo = try Data(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures/registers/bicycle.png"))
        try FileManager.default.createDirectory(atPath: folder.photosPath + "/59", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: folder.photosPath + "/59/59edf55565bcecb9dede3d708fcf92e81ada5391a064bc2bdba46b51fb529e15.png", contents: photo)
        for n in 0..<entries { _ = try store.append(Fixtures.intake(serial: "SN-\(n)", paymentMethod: .bankTransfer), at: Date()) }
        let code = try RegisterBackup.setUp(folder)
        return (temporary, folder, code)
    }

    static func hashes(_ folder: DataFolder) throws -> [String] {
        try DatabaseQueue(path: folder.registerPath).read { db in
            try String.fetchAll(db, sql: "SELECT hash FROM entry ORDER BY entry_number")
        }
    }

    /// Everything in `path`, recursively (what a refused restore must leave as it was).
    static func listing(_ path: String) -> [String] {
        ((FileManager.default.enumerator(atPath: path)?.allObjects as? [String]) ?? []).sorted()
    }

    @Test("A recovery code is read as people type it (case, dashes, O for 0, I and L for 1), and a short one is refused")
    func recoveryCodeReading() throws {
        let code = RecoveryCode.generate()
        #expect(code.symbols.count == 25 && code.description.split(separator: "-").count == 5)
        #expect(RecoveryCode(reading: code.description.lowercased()) == code)
        #expect(RecoveryCode(reading: " " + code.symbols.replacingOccurrences(of: "0", with: "O") + "\n") == code)
        #expect(RecoveryCode(reading: "ILO00-00000-00000-00000-00000")?.symbols == "1100000000000000000000000")
        #expect(RecoveryCode(reading: String(code.symbols.dropLast())) == nil)
        #expect(RecoveryCode(reading: code.symbols + "U") == nil)  // U is not in Crockford's alphabet
        #expect(RecoveryCode.generate() != code)
    }

    @Test("Backup then restore elsewhere: the same chain, the photo, the configuration and the key; verify passes")
    func roundTrip() throws {
        let (temporary, folder, code) = try Self.shop(entries: 5)
        defer { temporary.remove() }
        let report = try RegisterBackup.take(folder, code: code, to: temporary.path + "/backups")
        #expect(report.manifest.entryCount == 5 && report.manifest.verified && report.problem == nil)
        #expect(report.manifest.files.map(\.name).sorted() == ["config.json", "photos/59/59edf55565bcecb9dede3d708fcf92e81ada5391a064bc2bdba46b51fb529e15.png",
                                                              "register.sqlite", "seller-key.secret"])
        // Encrypted: no seller's name in any file of the snapshot.
        for file in Self.listing(report.path) {
            let bytes = FileManager.default.contents(atPath: report.path + "/" + file) ?? Data()
            #expect(bytes.range(of: Data("Jansen".utf8)) == nil, "\(file)")
        }

        let target = temporary.path + "/restored"
        let restored = try RegisterRestore.restore(from: temporary.path + "/backups", code: code, into: target)
        #expect(restored.snapshot == report.path && restored.replacedFolderKeptAt == nil)
        let back = DataFolder(path: target)
        #expect(try Self.hashes(back) == (try Self.hashes(folder)))
        #expect(FileManager.default.contents(atPath: back.photosPath + "/59/59edf55565bcecb9dede3d708fcf92e81ada5391a064bc2bdba46b51fb529e15.png")
                == FileManager.default.contents(atPath: folder.photosPath + "/59/59edf55565bcecb9dede3d708fcf92e81ada5391a064bc2bdba46b51fb529e15.png"))
        #expect(try back.sellerKeySecret() == (try folder.sellerKeySecret()))
        let (config, store) = try back.openRegister()
        #expect(config.shop.shopID == Fixtures.shopID)
        let verification = try store.verify()
        #expect(verification.isIntact && verification.entryCount == 5)
        #expect(try store.entry(number: 3)?.seller?.surname == "Jansen")
        // The restored folder backs up with the same code.
        #expect(try RegisterBackup.take(back, code: code, to: temporary.path + "/backups2").manifest.entryCount == 5)
        #expect(BackupStatus.read(folder).lastGood?.entryCount == 5)
    }

    @Test("A wrong recovery code is refused, for a backup and for a restore, without writing anything")
    func wrongCode() throws {
        let (temporary, folder, code) = try Self.shop(entries: 2)
        defer { temporary.remove() }
        let wrong = RecoveryCode.generate()
        #expect(throws: BackupError.wrongCode) {
            try RegisterBackup.take(folder, code: wrong, to: temporary.path + "/never")
        }
        #expect(!FileManager.default.fileExists(atPath: temporary.path + "/never"))

        _ = try RegisterBackup.take(folder, code: code, to: temporary.path + "/backups")
        let before = Self.listing(temporary.path)
        #expect(throws: BackupError.wrongCode) {
            try RegisterRestore.restore(from: temporary.path + "/backups", code: wrong, into: temporary.path + "/restored")
        }
        #expect(Self.listing(temporary.path) == before)
        // Nor over a folder that holds a register, even with --replace.
        #expect(throws: BackupError.wrongCode) {
            try RegisterRestore.restore(from: temporary.path + "/backups", code: wrong, into: folder.path, replace: true)
        }
        #expect(Self.listing(temporary.path) == before)
    }

    @Test("An edited manifest, a changed byte, a cut file or a missing file: refused, the target not made")
    func damagedSnapshots() throws {
        let (temporary, folder, code) = try Self.shop(entries: 3)
        defer { temporary.remove() }
        let backups = temporary.path + "/backups"
        let snapshot = try RegisterBackup.take(folder, code: code, to: backups).path
        let pristine = temporary.path + "/pristine"
        try FileManager.default.copyItem(atPath: snapshot, toPath: pristine)
        func reset() throws {
            try FileManager.default.removeItem(atPath: snapshot)
            try FileManager.default.copyItem(atPath: pristine, toPath: snapshot)
        }
        func refused(_ expected: BackupError) {
            #expect(throws: expected) { try RegisterRestore.restore(from: snapshot, code: code, into: temporary.path + "/restored") }
            #expect(!FileManager.default.fileExists(atPath: temporary.path + "/restored"))
        }
        let manifestPath = snapshot + "/manifest.json"
        let sealed = snapshot + "/files/register.sqlite.sealed"

        // Someone claims fewer entries (to hide the last ones).
        let text = try String(contentsOfFile: manifestPath, encoding: .utf8)
        try text.replacingOccurrences(of: "\"entryCount\" : 3", with: "\"entryCount\" : 2").write(toFile: manifestPath, atomically: true, encoding: .utf8)
        refused(.manifestDamaged)
        try reset()

        var bytes = try Data(contentsOf: URL(fileURLWithPath: sealed))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: sealed))
        refused(.fileDamaged(name: "register.sqlite"))
        try reset()

        bytes = try Data(contentsOf: URL(fileURLWithPath: sealed))
        try bytes.prefix(bytes.count - 40).write(to: URL(fileURLWithPath: sealed))
        refused(.fileDamaged(name: "register.sqlite"))
        try reset()

        // The configuration's sealed file put in the register's place: its additional data names another file.
        try FileManager.default.removeItem(atPath: sealed)
        try FileManager.default.copyItem(atPath: snapshot + "/files/config.json.sealed", toPath: sealed)
        refused(.fileDamaged(name: "register.sqlite"))
        try reset()

        try FileManager.default.removeItem(atPath: snapshot + "/files/seller-key.secret.sealed")
        refused(.fileMissing(name: "seller-key.secret"))
        try reset()

        #expect(try RegisterRestore.restore(from: snapshot, code: code, into: temporary.path + "/restored").manifest.entryCount == 3)
    }

    @Test("A folder that holds a register is replaced only with --replace, after the checks, and kept beside the new one")
    func replaceKeepsTheOldFolder() throws {
        let (temporary, folder, code) = try Self.shop(entries: 2)
        defer { temporary.remove() }
        _ = try RegisterBackup.take(folder, code: code, to: temporary.path + "/backups")
        let (_, store) = try folder.openRegister()
        _ = try store.append(Fixtures.intake(serial: "AFTER", paymentMethod: .bankTransfer), at: Date())
        let before = try Self.hashes(folder)

        #expect(throws: BackupError.targetHoldsRegister(path: folder.path)) {
            try RegisterRestore.restore(from: temporary.path + "/backups", code: code, into: folder.path)
        }
        #expect(try Self.hashes(folder) == before)

        let report = try RegisterRestore.restore(from: temporary.path + "/backups", code: code, into: folder.path, replace: true)
        let kept = try #require(report.replacedFolderKeptAt)
        #expect(try Self.hashes(DataFolder(path: kept)) == before)
        #expect(try Self.hashes(folder) == Array(before.prefix(2)))
    }

    @Test("Snapshots beyond --keep go, oldest first, only after a new one; half-written ones never count")
    func keepsTheLastN() throws {
        let (temporary, folder, code) = try Self.shop(entries: 1)
        defer { temporary.remove() }
        let backups = temporary.path + "/backups"
        let start = Date(timeIntervalSince1970: 1_796_000_000)
        var names: [String] = []
        for day in 0..<4 {
            let report = try RegisterBackup.take(folder, code: code, to: backups, keep: 2, now: start + Double(day) * 86_400)
            names.append(report.manifest.name)
        }
        #expect(RegisterBackup.snapshots(in: backups) == Array(names.suffix(2)))
        // Two in one second get their own names.
        let a = try RegisterBackup.take(folder, code: code, to: backups, keep: 10, now: start + 10 * 86_400)
        let b = try RegisterBackup.take(folder, code: code, to: backups, keep: 10, now: start + 10 * 86_400)
        #expect(a.manifest.name != b.manifest.name && b.manifest.name.hasSuffix("-2"))
        // A half-written snapshot is not taken for one.
        try FileManager.default.createDirectory(atPath: backups + "/.partial-counter-backup-29991231T000000Z", withIntermediateDirectories: true)
        #expect(try RegisterRestore.snapshot(at: backups) == b.path)
    }

    @Test("A code file others can read is refused (chmod 600); init never overwrites a file, nor makes a second code unasked")
    func codeFiles() throws {
        let (temporary, folder, code) = try Self.shop(entries: 0)
        defer { temporary.remove() }
        let file = temporary.path + "/code"
        try code.write(file: file)
        #expect(try RecoveryCode.read(file: file) == code)
        #expect(throws: BackupError.codeFileExists(path: file)) { try code.write(file: file) }
        chmod(file, 0o644)
        #expect(throws: BackupError.codeFileOpen(path: file)) { try RecoveryCode.read(file: file) }
        #expect(throws: BackupError.alreadySetUp) { try RegisterBackup.setUp(folder) }
        let newer = try RegisterBackup.setUp(folder, replacing: true)
        #expect(throws: BackupError.wrongCode) { try RegisterBackup.key(folder, code: code) }
        #expect(try RegisterBackup.key(folder, code: newer).check.count == 64)
    }

    @Test("A shop whose register is on PostgreSQL is told to back up the server: the data folder's file is not its register")
    func registerOnServer() throws {
        let (temporary, folder, code) = try Self.shop(entries: 1)
        defer { temporary.remove() }
        var config = try ConfigurationLoader.load(path: folder.configPath)
        config.database.url = "postgres://counter_till@db.winkel.lan/counter"
        try JSONEncoder().encode(config).write(to: URL(fileURLWithPath: folder.configPath))
        #expect(throws: BackupError.onServer(url: "postgres://counter_till@db.winkel.lan/counter")) {
            try RegisterBackup.take(folder, code: code, to: temporary.path + "/backups")
        }
        #expect(!FileManager.default.fileExists(atPath: temporary.path + "/backups"))
    }

    @Test("A backup taken during an intake burst holds every entry acknowledged before it began, and verifies")
    func duringAnIntakeBurst() async throws {
        let (temporary, folder, code) = try Self.shop(entries: 20)
        defer { temporary.remove() }
        // The kiosk: its own connection, registering as fast as it can.
        let (_, kiosk) = try folder.openRegister()
        let acknowledged = NIOLockedValueBox(20)
        let stop = NIOLockedValueBox(false)
        let writer = Task.detached {
            var n = 0
            while !stop.withLockedValue({ $0 }) {
                let entry = try kiosk.append(Fixtures.intake(serial: "BURST-\(n)", paymentMethod: .bankTransfer), at: Date())
                acknowledged.withLockedValue { $0 = max($0, entry.entryNumber) }
                n += 1
            }
            return n
        }
        for _ in 0..<5_000 where acknowledged.withLockedValue({ $0 }) < 60 { try await Task.sleep(for: .milliseconds(2)) }
        #expect(acknowledged.withLockedValue { $0 } >= 60, "the writer registers")
        var reports: [(before: Int, report: RegisterBackup.Report)] = []
        for _ in 0..<3 {
            let before = acknowledged.withLockedValue { $0 }
            let report = try await offPool { try RegisterBackup.take(folder, code: code, to: temporary.path + "/backups", keep: 10) }
            reports.append((before, report))
        }
        stop.withLockedValue { $0 = true }
        let written = try await writer.value
        #expect(written > 40)
        let all = try Self.hashes(folder)
        for (i, (before, report)) in reports.enumerated() {
            #expect(report.manifest.verified && report.manifest.entryCount >= before)
            let target = temporary.path + "/restored-\(i)"
            _ = try RegisterRestore.restore(from: report.path, code: code, into: target)
            let restored = try Self.hashes(DataFolder(path: target))
            #expect(restored.count == report.manifest.entryCount)
            #expect(restored == Array(all.prefix(restored.count)), "the restored chain is the live chain's beginning")
            let (_, store) = try DataFolder(path: target).openRegister()
            #expect(try store.verify().isIntact)
        }
    }
}
