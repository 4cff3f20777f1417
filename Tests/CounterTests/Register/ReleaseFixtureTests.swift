import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 16: the register outlives many releases (4–7 years). Every release's fixture (Tests/Fixtures/releases/
/// RELEASE, made by make-fixture.sh with that release's counter-kiosk and committed) must open with this one:
/// its register verifies with the same head, its config.json reads with the same settings, its staff can sign in,
/// and its encrypted backup restores.
@Suite("Fixtures of earlier releases")
struct ReleaseFixtureTests {
    static let root = Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures/releases")

    static var releases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
            .filter { FileManager.default.fileExists(atPath: root.path + "/" + $0 + "/data/register.sqlite") }.sorted()
    }

    /// The committed fixture copied to a temporary folder (the committed one is never changed).
    static func copy(_ release: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.removeItem(atPath: folder.path)
        try FileManager.default.copyItem(atPath: root.path + "/" + release, toPath: folder.path)
        chmod(folder.path + "/recovery-code", 0o600)  // git keeps no modes but the executable bit
        return folder
    }

    @Test("There is a fixture of release 0.16.0 (the first with backups)")
    func fixturesExist() {
        #expect(Self.releases.contains("0.16.0"))
    }

    @Test("Each earlier release's data folder opens: register, head, config.json, staff, photo, stolen-goods list",
          arguments: releases)
    func dataFolderOpens(release: String) async throws {
        let folder = try Self.copy(release)
        defer { folder.remove() }
        let head = try String(contentsOfFile: folder.path + "/head-hash", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let data = DataFolder(path: folder.path + "/data")
        let (config, store) = try data.openRegister()
        #expect(store.damage == nil)
        let verification = try store.verify(fileCheck: .pagesAndIndexes)
        #expect(verification.isIntact, "\(String(describing: verification.firstProblem))")
        #expect(verification.entryCount == 4 && verification.headHash == head)
        #expect(try store.entry(number: 4)?.corrects == 2)
        #expect(try store.entry(number: 2)?.items.first?.photos.count == 1)

        #expect(config.shop.shopID == "12345678/000012345678" && config.shop.municipality == "Deventer")
        #expect(config.checks.hotlistMaxAgeHours == 72 && config.kiosk.sessionMinutes == 10)
        #expect(config.photos.maxPerItem == 4 && config.retention.identityYears == 4)
        #expect(config.tills.map(\.name) == ["kassa-1"])
        #expect(try await store.staffAccounts().map(\.name).sorted() == ["Anna", "Piet"])
        #expect(try Hotlist(path: data.hotlistPath + "/hotlist.bin").rowCount == 1)

        // It takes new entries after the upgrade, chained onto the old head.
        let entry = try store.append(Fixtures.intake(serial: "AFTER-UPGRADE", paymentMethod: .bankTransfer), at: Date())
        #expect(entry.entryNumber == 5 && entry.previousHash == head)
    }

    @Test("Each earlier release's encrypted backup restores with its recovery code, and verifies", arguments: releases)
    func backupRestores(release: String) throws {
        let folder = try Self.copy(release)
        defer { folder.remove() }
        let head = try String(contentsOfFile: folder.path + "/head-hash", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let code = try RecoveryCode.read(file: folder.path + "/recovery-code")
        let report = try RegisterRestore.restore(from: folder.path + "/backups", code: code, into: folder.path + "/restored")
        #expect(report.manifest.release == release && report.manifest.entryCount == 4 && report.manifest.headHash == head)
        let (config, store) = try DataFolder(path: folder.path + "/restored").openRegister()
        #expect(config.shop.municipality == "Deventer")
        #expect(try store.verify().headHash == head)
    }
}
