import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 16: `counter-kiosk doctor` and the owner's page judge the PC by the same rules, each line with its fix.
@Suite("Shop PC health")
struct ShopHealthTests {
    let now = Date(timeIntervalSince1970: 1_796_000_000)

    @Test("Disk: OK with room, a warning under 5 GB or 10 %, an error under 1 GB or 5 %")
    func disk() {
        #expect(ShopHealth.disk(freeBytes: 50_000_000_000, totalBytes: 200_000_000_000).level == .ok)
        #expect(ShopHealth.disk(freeBytes: 4_000_000_000, totalBytes: 20_000_000_000).level == .warning)
        #expect(ShopHealth.disk(freeBytes: 15_000_000_000, totalBytes: 200_000_000_000).level == .warning)  // 7 %
        let low = ShopHealth.disk(freeBytes: 900_000_000, totalBytes: 10_000_000_000)
        #expect(low.level == .error && low.message.messageEN.contains("0.9 GB free (9%)") && !low.fix.isEmpty)
    }

    @Test("Backups: never is an error, older than 24 hours a warning, a failure after a good one a warning")
    func backup() {
        #expect(ShopHealth.backup(BackupStatus(), now: now).level == .error)
        #expect(ShopHealth.backup(BackupStatus(), now: now).message.code == "backup.never")
        let good = BackupStatus.Success(name: "counter-backup-x", destination: "/b", taken: now.addingTimeInterval(-3600),
                                        entryCount: 12, headHash: "ab")
        let recent = ShopHealth.backup(BackupStatus(lastGood: good), now: now)
        #expect(recent.level == .ok && recent.message.message.contains("12 inschrijvingen") && recent.fix.isEmpty)
        let old = ShopHealth.backup(BackupStatus(lastGood: good), now: now.addingTimeInterval(24 * 3600))
        #expect(old.level == .warning && old.message.code == "backup.tooOld" && old.message.message.contains("25 uur oud"))
        let failed = ShopHealth.backup(BackupStatus(lastGood: good, lastFailure: .init(at: now, code: "backup.diskFull", message: "disk full")), now: now)
        #expect(failed.level == .warning && failed.message.messageEN.contains("disk full"))
    }

    @Test("The certificate: none needed on loopback; a warning 30 days before its end; an error after it or unreadable")
    func tls() {
        #expect(ShopHealth.tls(notValidAfter: nil, path: nil, now: now).level == .ok)
        #expect(ShopHealth.tls(notValidAfter: now.addingTimeInterval(90 * 86_400), path: "/c.pem", now: now).level == .ok)
        let soon = ShopHealth.tls(notValidAfter: now.addingTimeInterval(10.5 * 86_400), path: "/c.pem", now: now)
        #expect(soon.level == .warning && soon.message.messageEN.contains("ends in 10 days"))
        #expect(ShopHealth.tls(notValidAfter: now.addingTimeInterval(-1), path: "/c.pem", now: now).level == .error)
        #expect(ShopHealth.tls(notValidAfter: nil, path: "/c.pem", now: now).level == .error)
    }

    @Test("A real PEM certificate is read for its end date (NIOSSL)")
    func tlsFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "20",
                             "-subj", "/CN=kassa", "-keyout", folder.path + "/key.pem", "-out", folder.path + "/cert.pem"]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        let line = ShopHealth.tls(certificate: folder.path + "/cert.pem", now: Date())
        #expect(line.level == .warning && line.message.messageEN.contains("ends in 19 days"), "\(line)")
    }

    @Test("The stolen-goods list: missing is an error, older than checks.hotlistMaxAgeHours an error (nothing is checked)")
    func hotlist() {
        #expect(ShopHealth.hotlist(createdAt: nil, rows: 0, maximumAge: 48 * 3600, now: now).level == .error)
        #expect(ShopHealth.hotlist(createdAt: now.addingTimeInterval(-3600), rows: 10, maximumAge: 48 * 3600, now: now).level == .ok)
        let old = ShopHealth.hotlist(createdAt: now.addingTimeInterval(-49 * 3600), rows: 10, maximumAge: 48 * 3600, now: now)
        #expect(old.level == .error && old.message.code == "check.listTooOld")
    }

    @Test("The clock: not synchronised or not Dutch time is a warning with the timedatectl line that fixes it")
    func clock() {
        #expect(ShopHealth.clock(synchronized: true, timeZone: "Europe/Amsterdam").level == .ok)
        let unsynced = ShopHealth.clock(synchronized: false, timeZone: "Europe/Amsterdam")
        #expect(unsynced.level == .warning && unsynced.fix.contains("timedatectl set-ntp true"))
        let utc = ShopHealth.clock(synchronized: true, timeZone: "Etc/UTC")
        #expect(utc.level == .warning && utc.fix == "sudo timedatectl set-timezone Europe/Amsterdam")
    }

    @Test("Uploads: none waiting, a young backlog, a backlog older than a day (a warning)")
    func uploads() {
        #expect(ShopHealth.uploads(oldest: nil, alarmAge: 24 * 3600, now: now).level == .ok)
        #expect(ShopHealth.uploads(oldest: .init(entryNumber: 3, createdAt: now.addingTimeInterval(-600), count: 2), alarmAge: 24 * 3600, now: now).level == .ok)
        let stuck = ShopHealth.uploads(oldest: .init(entryNumber: 3, createdAt: now.addingTimeInterval(-30 * 3600), count: 7), alarmAge: 24 * 3600, now: now)
        #expect(stuck.level == .warning && stuck.message.messageEN.hasPrefix("7 entries wait"))
        // The owner's alert's own setting decides, as for the upload worker (register.backlogAlarmHours: 48).
        let waiting = ShopHealth.uploads(oldest: .init(entryNumber: 3, createdAt: now.addingTimeInterval(-30 * 3600), count: 7),
                                         alarmAge: 48 * 3600, now: now)
        #expect(waiting.level == .ok && waiting.message.code == "health.uploadsWaiting" && waiting.message.messageEN.contains("30 hours"))
    }

    @Test("The data folder: private to its user is OK; a folder or register others can read is an error with the fix")
    func dataFolder() throws {
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        let folder = DataFolder(path: temporary.path + "/data")
        _ = try folder.openRegister()
        #expect(ShopHealth.dataFolder(folder).level == .ok)
        chmod(folder.registerPath, 0o644)
        let open = ShopHealth.dataFolder(folder)
        #expect(open.level == .error && open.message.messageEN.contains("register.sqlite mode 644") && open.fix.contains("chmod -R go-rwx"))
        chmod(folder.registerPath, 0o600)
        chmod(folder.path, 0o755)
        #expect(ShopHealth.dataFolder(folder).message.messageEN.contains("folder mode 755"))
    }

    @Test("Scanners: one the kiosk cannot open is an error naming the node; none plugged in a warning")
    func scanners() {
        let closed = DiscoveredDevice(node: "/dev/hidraw3", transport: .hidraw, vendorID: 0x0c2e, productID: 0x0b61,
                                      interfaceNumber: 0, isHIDPOS: true, mayOpen: false, profile: "honeywell-voyager",
                                      profileMatch: .product)
        let line = ShopHealth.scanners([closed])
        #expect(line.level == .error && line.message.messageEN.contains("/dev/hidraw3") && line.fix.contains("install-udev"))
        #expect(ShopHealth.scanners([]).level == .warning)
        var open = closed
        open.mayOpen = true
        #expect(ShopHealth.scanners([open]).level == .ok)
    }
}
