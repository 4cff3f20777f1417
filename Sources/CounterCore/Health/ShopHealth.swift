import CCounterSystem
import Foundation
import NIOSSL

/// The shop PC's health, one rule per line: the data folder's permissions, the register, the disk, the
/// scanners, the clock, the last backup, the upload backlog, the stolen-goods list and the TLS certificate.
///
/// Each rule is a function of what it reads (testable with made-up values); ``report(folder:configuration:store:checker:verify:scanners:now:)``
/// reads them from the machine. `counter-kiosk doctor` prints the lines with their fix; the owner's page shows
/// the same lines (``HealthCheck``) in its language.
package enum ShopHealth {
    /// Every line for a data folder and its register (the service's line is the program's: `doctor` adds it).
    ///
    /// - Parameters:
    ///   - folder: the shop's data folder.
    ///   - configuration: the shop's configuration.
    ///   - store: the register, on either backend.
    ///   - checker: the stolen-goods checker whose list is judged (the kiosk's own, holding the list it
    ///     checks with; `doctor` makes one as the kiosk would).
    ///   - verify: whether to verify the register now (`doctor`) or report the kiosk's check at start.
    ///   - scanners: the scanner devices found, for their line.
    ///   - now: the time now.
    package static func report(folder: DataFolder, configuration: CounterConfiguration, store: any RegisterStorage,
                              checker: StolenGoodsChecker, verify: Bool, scanners: [DiscoveredDevice]?,
                              now: Date = Date()) async -> [HealthCheck] {
        var lines = [dataFolder(folder)]
        lines.append(await register(store, verify: verify))
        lines.append(disk(folder.path))
        if let scanners { lines.append(self.scanners(scanners)) }
        lines.append(clock())
        lines.append(backup(BackupStatus.read(folder), now: now))
        lines.append(await uploads(store, alarmAge: TimeInterval(configuration.register.backlogAlarmHours) * 3600, now: now))
        let list = checker.hotlist
        lines.append(hotlist(createdAt: list?.createdAt, rows: list?.rowCount ?? 0, maximumAge: checker.maximumListAge, now: now))
        lines.append(tls(certificate: configuration.kiosk.tlsCertificate, now: now))
        return lines
    }

    // MARK: - The data folder

    /// The folder and the files Counter keeps in it belong to this process's user, and nobody else may read them
    /// (personal data: AVG).
    package static func dataFolder(_ folder: DataFolder) -> HealthCheck {
        let fix = "sudo chown -R counter:counter \(folder.path) && sudo chmod -R go-rwx \(folder.path)"
        var problems: [String] = []
        var info = stat()
        guard stat(folder.path, &info) == 0 else {
            return HealthCheck("dataFolder", .error, WordedMessage(.healthDataFolder, ["path": folder.path, "problem": "missing"]), fix: fix)
        }
        if info.st_uid != geteuid() { problems.append("owned by uid \(info.st_uid), not \(geteuid())") }
        if info.st_mode & 0o077 != 0 { problems.append("folder mode \(String(info.st_mode & 0o777, radix: 8))") }
        for path in folder.privateFiles {
            var file = stat()
            guard stat(path, &file) == 0 else { continue }
            if file.st_mode & 0o077 != 0 {
                problems.append("\((path as NSString).lastPathComponent) mode \(String(file.st_mode & 0o777, radix: 8))")
            }
            if file.st_uid != geteuid() { problems.append("\((path as NSString).lastPathComponent) owned by uid \(file.st_uid)") }
        }
        guard problems.isEmpty else {
            return HealthCheck("dataFolder", .error,
                               WordedMessage(.healthDataFolder, ["path": folder.path, "problem": problems.joined(separator: ", ")]), fix: fix)
        }
        return HealthCheck("dataFolder", .ok, WordedMessage(.healthDataFolderPrivate, ["path": folder.path]))
    }

    // MARK: - The register

    /// Whole and unaltered (`verify`), or what the kiosk found when it last checked (`verify: false`).
    package static func register(_ store: any RegisterStorage, verify: Bool) async -> HealthCheck {
        let fix = "counter-kiosk verify; docs/technician-guide.md (restoring after a disk failure)"
        if let damage = store.damage {
            return HealthCheck("register", .error, WordedMessage(.registerDamaged, ["problem": damage.description]), fix: fix)
        }
        guard verify else {
            return HealthCheck("register", .ok, WordedMessage(.healthRegisterChecked))
        }
        do {
            let result = try await store.verify()
            if let problem = result.firstProblem {
                return HealthCheck("register", .error, WordedMessage(.registerDamaged, ["problem": problem.description]), fix: fix)
            }
            return HealthCheck("register", .ok, WordedMessage(.registerWhole, ["count": String(result.entryCount),
                                                                               "hash": String(result.headHash.prefix(16)) + "…"]))
        } catch {
            return HealthCheck("register", .error, WordedMessage(.storeFailed, ["detail": "\(error)"]), fix: fix)
        }
    }

    // MARK: - The disk

    /// Free space on the data folder's disk: a warning under 5 GB or 10 %, an error under 1 GB or 5 % (the
    /// register refuses photos before it runs out, but an entry must always fit).
    package static func disk(freeBytes: Int64, totalBytes: Int64) -> HealthCheck {
        let gigabytes = String(format: "%.1f", Double(freeBytes) / 1e9)
        let percent = totalBytes > 0 ? Int(Double(freeBytes) * 100 / Double(totalBytes)) : 0
        let parameters = ["free": gigabytes, "percent": String(percent)]
        let fix = "free space on this disk (old exports, the training folder), or move /var/backups/counter-kiosk to another disk"
        if freeBytes < 1_000_000_000 || percent < 5 {
            return HealthCheck("disk", .error, WordedMessage(.healthDiskLow, parameters), fix: fix)
        }
        if freeBytes < 5_000_000_000 || percent < 10 {
            return HealthCheck("disk", .warning, WordedMessage(.healthDiskLow, parameters), fix: fix)
        }
        return HealthCheck("disk", .ok, WordedMessage(.healthDisk, parameters))
    }

    static func disk(_ path: String) -> HealthCheck {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else {
            return disk(freeBytes: 0, totalBytes: 0)
        }
        return disk(freeBytes: Int64(info.f_bavail) * Int64(info.f_frsize), totalBytes: Int64(info.f_blocks) * Int64(info.f_frsize))
    }

    // MARK: - Scanners

    /// The scanners plugged in, and whether the kiosk's user may open each.
    package static func scanners(_ devices: [DiscoveredDevice]) -> HealthCheck {
        let scanners = devices.filter { $0.profile != nil }
        let closed = scanners.filter { !$0.mayOpen }
        if !closed.isEmpty {
            return HealthCheck("scanners", .error,
                               WordedMessage(.healthScannersClosed, ["count": String(closed.count),
                                                                     "nodes": closed.map(\.node).joined(separator: ", ")]),
                               fix: "sudo counter-kiosk scanners install-udev (the package installs the rules), then replug the scanner")
        }
        if scanners.isEmpty {
            return HealthCheck("scanners", .warning, WordedMessage(.healthScannersNone),
                               fix: "plug the scanner in; counter-kiosk scanners list shows what is seen")
        }
        return HealthCheck("scanners", .ok, WordedMessage(.healthScanners, ["count": String(scanners.count)]))
    }

    // MARK: - The clock

    /// The clock as the register's dates need it: kept in sync by a time server, in Dutch time. An entry's
    /// date and time are legal facts (art. 437 Sr), and the holding period counts from them.
    package static func clock(synchronized: Bool?, timeZone: String) -> HealthCheck {
        if synchronized == false {
            return HealthCheck("clock", .warning, WordedMessage(.healthClockNotSynchronized),
                               fix: "sudo timedatectl set-ntp true (systemd-timesyncd), and allow NTP (UDP 123) out")
        }
        if timeZone != "Europe/Amsterdam" {
            return HealthCheck("clock", .warning, WordedMessage(.healthTimeZone, ["zone": timeZone]),
                               fix: "sudo timedatectl set-timezone Europe/Amsterdam")
        }
        return HealthCheck("clock", .ok, WordedMessage(.healthClock, ["zone": timeZone]))
    }

    static func clock() -> HealthCheck {
        clock(synchronized: kernelClockSynchronized(), timeZone: systemTimeZone())
    }

    /// The kernel's own flag (adjtimex: STA_UNSYNC), which every NTP client clears once in sync.
    static func kernelClockSynchronized() -> Bool? {
        switch cclock_synchronized() {
        case 1: true
        case 0: false
        default: nil
        }
    }

    /// The system's time zone (/etc/localtime), not the process's (TZ).
    static func systemTimeZone() -> String {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/etc/localtime"),
           let range = target.range(of: "zoneinfo/") {
            return String(target[range.upperBound...])
        }
        if let name = try? String(contentsOfFile: "/etc/timezone", encoding: .utf8) {
            return name.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return "UTC"
    }

    // MARK: - Backups, uploads, the stolen-goods list, TLS

    /// The last good backup and its age; a failure after it.
    package static func backup(_ status: BackupStatus, now: Date) -> HealthCheck {
        guard let good = status.lastGood else {
            return HealthCheck("backup", .error, WordedMessage(.backupNever), fix: "counter-kiosk backup init, then the timer "
                               + "(systemctl enable --now counter-kiosk-backup.timer): docs/technician-guide.md")
        }
        let fix = "journalctl -u counter-kiosk-backup; is the backup disk mounted at /var/backups/counter-kiosk?"
        let when = ShopFormat.dutch.dateTime(good.taken)
        let age = now.timeIntervalSince(good.taken)
        if age > BackupStatus.warnAfter {
            return HealthCheck("backup", .warning, WordedMessage(.backupTooOld, ["hours": String(Int(age / 3600)), "when": when]), fix: fix)
        }
        if let failure = status.lastFailure {
            return HealthCheck("backup", .warning, WordedMessage(.healthBackupFailed, ["when": ShopFormat.dutch.dateTime(failure.at),
                                                                                      "reason": failure.message]), fix: fix)
        }
        return HealthCheck("backup", .ok, WordedMessage(.backupRecent, ["when": when, "count": String(good.entryCount)]))
    }

    /// Entries waiting to go to the register (DOR): a warning once the oldest waited longer than the owner's alert
    /// waits (`register.backlogAlarmHours`, the upload worker's rule).
    package static func uploads(oldest: UploadOutbox.Waiting?, alarmAge: TimeInterval, now: Date) -> HealthCheck {
        guard let oldest else { return HealthCheck("uploads", .ok, WordedMessage(.healthUploadsClear)) }
        let parameters = ["count": String(oldest.count), "entry": String(oldest.entryNumber),
                          "hours": String(oldest.hoursWaiting(now: now))]
        let late = oldest.isOverdue(now: now, alarmAge: alarmAge)
        return HealthCheck("uploads", late ? .warning : .ok, WordedMessage(late ? .alertUploadBacklog : .healthUploadsWaiting, parameters),
                           fix: "check the internet connection and register.url / register.token in config.json; counter-kiosk queue")
    }

    static func uploads(_ store: any RegisterStorage, alarmAge: TimeInterval, now: Date) async -> HealthCheck {
        do { return uploads(oldest: try await store.oldestWaitingJob(), alarmAge: alarmAge, now: now) } catch {
            return HealthCheck("uploads", .error, WordedMessage(.storeFailed, ["detail": "\(error)"]), fix: "counter-kiosk queue")
        }
    }

    /// The stolen-goods list's age against `checks.hotlistMaxAgeHours` (an older list checks nothing: the checker's
    /// rule, ``StolenGoodsChecker/isTooOld(createdAt:maximumAge:now:)``).
    package static func hotlist(createdAt: Date?, rows: Int, maximumAge: TimeInterval?, now: Date) -> HealthCheck {
        let fix = "counter-kiosk hotlist import FILE (or the list's download in config.json)"
        guard let createdAt else { return HealthCheck("hotlist", .error, WordedMessage(.healthHotlistMissing), fix: fix) }
        if StolenGoodsChecker.isTooOld(createdAt: createdAt, maximumAge: maximumAge, now: now) {
            return HealthCheck("hotlist", .error, WordedMessage(.checkListTooOld, ["hours": String(Int((maximumAge ?? 0) / 3600))]),
                               fix: fix)
        }
        return HealthCheck("hotlist", .ok, WordedMessage(.healthHotlist, ["when": ShopFormat.dutch.dateTime(createdAt),
                                                                         "rows": String(rows)]))
    }

    /// The kiosk's TLS certificate (for tills on the shop's network): a warning 30 days before it ends.
    package static func tls(notValidAfter: Date?, path: String?, now: Date) -> HealthCheck {
        guard let path else { return HealthCheck("tls", .ok, WordedMessage(.healthTLSNone)) }
        let fix = "renew the certificate and put it at kiosk.tlsCertificate (\(path)), then systemctl restart counter-kiosk"
        guard let notValidAfter else {
            return HealthCheck("tls", .error, WordedMessage(.healthTLSUnreadable, ["path": path]), fix: fix)
        }
        let date = ShopFormat.dutch.date(notValidAfter)
        if notValidAfter < now { return HealthCheck("tls", .error, WordedMessage(.healthTLSExpired, ["date": date]), fix: fix) }
        let days = Int(notValidAfter.timeIntervalSince(now) / 86_400)
        if days < 30 {
            return HealthCheck("tls", .warning, WordedMessage(.healthTLSExpiring, ["date": date, "days": String(days)]), fix: fix)
        }
        return HealthCheck("tls", .ok, WordedMessage(.healthTLS, ["date": date]))
    }

    static func tls(certificate path: String?, now: Date) -> HealthCheck {
        guard let path else { return tls(notValidAfter: nil, path: nil, now: now) }
        let end = (try? NIOSSLCertificate.fromPEMFile(path))?.first.map { Date(timeIntervalSince1970: TimeInterval($0.notValidAfter)) }
        return tls(notValidAfter: end, path: path, now: now)
    }
}
