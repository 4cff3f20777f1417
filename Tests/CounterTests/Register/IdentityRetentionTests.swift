import Foundation
import GRDB
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 13: the seller's identity apart from the chain, erased after retention (AVG art. 5(1)(e) and 17;
/// bill 36 036 keeps DOR data 4 years; the bookkeeping has a 7-year fiscal duty, art. 52 AWR), with a register
/// that still verifies; and the migration of a register made before.
@Suite("Identity apart from the chain, retention and migration")
struct IdentityRetentionTests {
    static let png: Data = {
        // An 8×8 PNG that passes the photo structure check.
        let fixture = Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures/registers/bicycle.png")
        return try! Data(contentsOf: fixture)
    }()

    /// A data folder as the kiosk keeps it, opened through the same call as every command.
    static func open(_ folder: TemporaryFolder) throws -> (CounterConfiguration, SQLiteRegisterStore) {
        try Fixtures.setUpShop(in: folder)
        return try DataFolder(path: folder.path).openRegister()
    }

    static func intake(_ surname: String, document: String, photos: [PhotoReference] = []) -> Intake {
        // A serial of its own per seller that contains neither the name nor the document number.
        let serial = "SN-\(surname.unicodeScalars.reduce(0) { $0 + Int($1.value) })"
        var intake = Fixtures.intake(surname: surname, serial: serial, paymentMethod: .bankTransfer)
        intake.seller.document.number = document
        intake.items[0].photos = photos
        return intake
    }

    static func at(_ iso: String) -> Date {
        ShopTimestamp().date(from: iso + "T10:00:00+01:00")!
    }

    /// Every file under `root` that contains `needle` (as UTF-8 bytes), relative to `root`.
    static func filesContaining(_ needle: String, under root: String) -> [String] {
        let bytes = Data(needle.utf8)
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return files.filter { name in
            guard let data = FileManager.default.contents(atPath: root + "/" + name) else { return false }
            return data.range(of: bytes) != nil
        }
    }

    @Test("Past identityYears the identity and photos are in no file of the data folder; verify passes; bookkeeping unchanged")
    func purgeAfterRetention() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (config, store) = try Self.open(folder)
        #expect(config.retention == .standard)
        let photos = PhotoStore(folder: DataFolder(path: folder.path).photosPath)
        let photo = try photos.put(Self.png, day: CalendarDate(iso: "2025-11-18")!)
        let one = try store.append(Self.intake("Aalders", document: "AAL123456", photos: [photo]), at: Self.at("2025-11-18"))
        let two = try store.append(Self.intake("Bakker", document: "BAK654321"), at: Self.at("2025-11-18"))
        _ = try store.append(Self.intake("Claessen", document: "CLA111111"), at: Self.at("2027-03-01"))
        try store.openPoliceFlag(itemID: two.itemID(0), note: "politie: niet verkopen", at: Self.at("2025-11-19"))
        let headBefore = try store.head()
        let contentBefore = try await store.dbPool.read { try Data.fetchAll($0, sql: "SELECT content FROM entry ORDER BY entry_number") }

        // Kept through the fourth anniversary of the acquisition day.
        let onAnniversary = try store.purge(today: CalendarDate(iso: "2029-11-18")!, at: Self.at("2029-11-18"),
                                            actor: "retention", photos: photos)
        #expect(onAnniversary.erased.isEmpty && onAnniversary.event == nil)
        #expect(try store.lastEntry(documentNumber: "AAL123456", issuingCountry: "NLD")?.entryNumber == 1)

        let dry = try store.purgePlan(today: CalendarDate(iso: "2029-11-19")!)
        #expect(dry.erased == [1] && dry.photos == [photo])
        #expect(try store.entry(number: 1)?.seller?.surname == "Aalders", "a dry run changes nothing")

        let report = try store.purge(today: CalendarDate(iso: "2029-11-19")!, at: Self.at("2029-11-19"),
                                     actor: "retention", photos: photos)
        #expect(report.erased == [1])
        #expect(report.kept == [.init(entryNumber: 2, reason: "policeFlag", itemID: "2-1")])
        #expect(report.photos == [photo])
        #expect(report.event?.content.purge?.entryNumbers == [1])

        // The identity and the photo are gone from every file of the data folder, WAL and photos included.
        for needle in ["Aalders", "AAL123456"] {
            #expect(Self.filesContaining(needle, under: folder.path) == [], "\(needle)")
        }
        #expect(!FileManager.default.fileExists(atPath: photos.path(for: photo)))
        // The seller under a police flag, and the one not yet due, are kept.
        #expect(Self.filesContaining("BAK654321", under: folder.path).contains("register.sqlite"))
        #expect(try store.entry(number: 3)?.seller?.surname == "Claessen")

        // The register still verifies, with the same entries, the same chain and the same bookkeeping.
        let verification = try store.verify()
        #expect(verification.isIntact, "\(String(describing: verification.firstProblem))")
        #expect(verification.entryCount == 3 && verification.erasedIdentities == 1)
        #expect(try store.head() == headBefore)
        #expect(try await store.dbPool.read { try Data.fetchAll($0, sql: "SELECT content FROM entry ORDER BY entry_number") } == contentBefore)
        let erased = try #require(try store.entry(number: 1))
        #expect(erased.seller == nil && erased.identityErasedOn == CalendarDate(iso: "2029-11-19"))
        #expect(erased.priceCents == one.priceCents && erased.items == one.items && erased.clerk == one.clerk
                && erased.paymentMethod == one.paymentMethod && erased.day == one.day)
        let log = try await DailyLog.of(CalendarDate(iso: "2025-11-18")!, in: store)
        #expect(log.rows.map(\.sellerName) == ["gewist op 2029-11-19", "Piet Bakker"])
        #expect(log.totalCents == 25_000)
        // The returning-seller look-up only knows identities that are kept.
        #expect(try store.lastEntry(documentNumber: "AAL123456", issuingCountry: "NLD") == nil)
        // Audited, and idempotent.
        let audit = try store.auditEvents(on: nil, limit: 500).filter { $0.action == AuditAction.identitiesErased.rawValue }
        #expect(audit.map(\.subject) == ["entries 1"])
        let again = try store.purge(today: CalendarDate(iso: "2029-11-19")!, at: Self.at("2029-11-19"), actor: "retention", photos: photos)
        #expect(again.erased.isEmpty && again.event == nil)

        // Once the police flag is closed, the next day's run erases that seller too.
        try store.closePoliceFlag(itemID: two.itemID(0), note: "vrijgegeven", at: Self.at("2029-11-20"))
        let later = try store.purge(today: CalendarDate(iso: "2029-11-20")!, at: Self.at("2029-11-20"), actor: "retention", photos: photos)
        #expect(later.erased == [2] && later.event?.content.sequence == 2)
        // A photo file left by a crash between the erasure and its removal goes on the next run.
        try FileManager.default.createDirectory(atPath: (photos.path(for: photo) as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Self.png.write(to: URL(fileURLWithPath: photos.path(for: photo)))
        let next = try store.purge(today: CalendarDate(iso: "2029-11-21")!, at: Self.at("2029-11-21"), actor: "retention", photos: photos)
        #expect(next.event == nil && !FileManager.default.fileExists(atPath: photos.path(for: photo)))
        #expect(Self.filesContaining("BAK654321", under: folder.path) == [])
        #expect(try store.verify().erasedIdentities == 2)
    }

    @Test("A purge event changed or removed afterwards is found by verify")
    func purgeEventTampered() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (_, store) = try Self.open(folder)
        _ = try store.append(Self.intake("Aalders", document: "AAL123456"), at: Self.at("2020-01-06"))
        _ = try store.purge(today: CalendarDate(iso: "2026-12-02")!, at: Self.at("2026-12-02"), actor: "retention", photos: nil)
        #expect(try store.verify().isIntact)
        try store.dbPool.write { db in
            try db.execute(sql: "DROP TRIGGER register_event_no_update")
            try db.execute(sql: "UPDATE register_event SET content = CAST(replace(CAST(content AS TEXT), '2026-12-02', '2026-12-01') AS BLOB)")
        }
        #expect(try store.verify().firstProblem == .eventChainBroken(sequence: 1))
        try store.dbPool.write { db in
            try db.execute(sql: "DROP TRIGGER register_event_no_delete")
            try db.execute(sql: "DELETE FROM register_event")
        }
        #expect(try store.verify().firstProblem == .identityErasedWithoutEvent(entryNumber: 1))
    }

    @Test("Retention settings have bounds: identity 1–10 years, bookkeeping 7–20, identity never longer")
    func retentionSettings() throws {
        func load(_ json: String) throws -> CounterConfiguration {
            try JSONDecoder().decode(CounterConfiguration.self, from: Data(json.utf8))
        }
        #expect(try load("{}").retention == RetentionPolicy(identityYears: 4, bookkeepingYears: 7))
        #expect(try load(#"{"retention": {"identityYears": 2}}"#).retention.identityYears == 2)
        #expect(throws: DecodingError.self) { try load(#"{"retention": {"identityYears": 0}}"#) }
        #expect(throws: DecodingError.self) { try load(#"{"retention": {"bookkeepingYears": 5}}"#) }
        #expect(throws: DecodingError.self) { try load(#"{"retention": {"identityYears": 9, "bookkeepingYears": 8}}"#) }
        let policy = RetentionPolicy.standard
        #expect(!policy.identityExpired(acquiredOn: CalendarDate(iso: "2024-02-29")!, today: CalendarDate(iso: "2028-02-29")!))
        #expect(policy.identityExpired(acquiredOn: CalendarDate(iso: "2024-02-29")!, today: CalendarDate(iso: "2028-03-01")!))
        #expect(policy.bookkeepingExpired(acquiredOn: CalendarDate(iso: "2019-01-01")!, today: CalendarDate(iso: "2026-01-02")!))
    }

    // MARK: - Migration of a register made by main before issue 13

    static let fixture = Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures/registers/main-2026-12-02")

    /// The committed fixture copied to a temporary data folder (the test never changes the committed one).
    static func fixtureCopy() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.removeItem(atPath: folder.path)
        try FileManager.default.copyItem(atPath: fixture.path, toPath: folder.path)
        return folder
    }

    /// The old chain as it was: entry number → hash (Tests/Fixtures/registers/main-2026-12-02.hashes).
    static var fixtureHashes: [Int: String] {
        get throws {
            let text = try String(contentsOf: fixture.appendingPathExtension("hashes"), encoding: .utf8)
            return Dictionary(uniqueKeysWithValues: text.split(separator: "\n").map {
                let parts = $0.split(separator: " ")
                return (Int(parts[0])!, String(parts[1]))
            })
        }
    }

    @Test("A register made by main at 07b4213 migrates and verifies; its old chain stays pinned, entry by entry")
    func migratesFixture() throws {
        let folder = try Self.fixtureCopy()
        defer { folder.remove() }
        let old = try Self.fixtureHashes
        let payloadsBefore = try DatabaseQueue(path: folder.path + "/register.sqlite").read { db in
            try Data.fetchAll(db, sql: "SELECT payload FROM upload_job ORDER BY id")
        }
        #expect(payloadsBefore.count == 4)

        let (_, store) = try Self.open(folder)
        let verification = try store.verify()
        #expect(verification.isIntact, "\(String(describing: verification.firstProblem))")
        #expect(verification.entryCount == 4)
        let entries = try (1...4).map { try #require(try store.entry(number: $0)) }
        #expect(entries.map(\.legacyHash) == (1...4).map { old[$0] })
        #expect(entries.map { $0.seller?.surname } == ["De Vries", "Bakker", "De Vries", "Bakker"])
        #expect(entries.map(\.priceCents) == [32_500, 45_000, 20_000, 42_500])
        #expect(entries.map(\.paymentMethod) == [.bankTransfer, .cash, .cash, .cash])
        #expect(entries[3].corrects == 2 && entries[1].items[0].photos.count == 1)
        #expect(entries.allSatisfy { !$0.canonicalContent().contains(Data("De Vries".utf8)) && !$0.canonicalContent().contains(Data("Bakker".utf8)) })
        // The migration is a chained event carrying the old head.
        let events = try store.dbPool.read { try RegisterEvent.all($0) }
        #expect(events.count == 1)
        #expect(events.first?.content.migration?.legacyHeadHash == old[4])
        #expect(events.first?.content.migration?.legacyEntryCount == 4)
        #expect(events.first?.content.registerHead == (try store.head()))
        // The anchor written by the old kiosk (old hash of entry 4) was accepted and the new head anchored.
        #expect(store.anchor.latest() == (try store.head()))
        // Uploads already queued send exactly what they would have sent.
        let payloadsAfter = try store.dbPool.read { try Data.fetchAll($0, sql: "SELECT payload FROM upload_job ORDER BY id") }
        #expect(payloadsAfter == payloadsBefore)
        // The returning seller is still found; new entries chain on; verify still passes.
        #expect(try store.lastEntry(documentNumber: "IXR12PN74", issuingCountry: "NLD")?.entryNumber == 3)
        let five = try store.append(Self.intake("Nieuw", document: "NWE000001"), at: Date())
        #expect(five.entryNumber == 5 && five.previousHash == entries[3].hash && five.legacyHash == nil)
        #expect(try store.verify().isIntact)
        // Opened again (the kiosk restarting), nothing migrates twice.
        let (_, reopened) = try Self.open(folder)
        #expect(try reopened.verify().isIntact)
        #expect(try reopened.dbPool.read { try RegisterEvent.all($0) }.count == 1)
    }

    @Test("An old register that was already damaged migrates, and verify keeps saying so")
    func migratesDamagedFixture() throws {
        let folder = try Self.fixtureCopy()
        defer { folder.remove() }
        try DatabaseQueue(path: folder.path + "/register.sqlite").write { db in
            try db.execute(sql: "DROP TRIGGER entry_no_update")
            try db.execute(sql: "UPDATE entry SET content = CAST(replace(CAST(content AS TEXT), '20000', '2000') AS BLOB), price_cents = 2000 WHERE entry_number = 3")
            try db.execute(sql: """
                CREATE TRIGGER entry_no_update BEFORE UPDATE ON entry
                BEGIN SELECT RAISE(ABORT, 'register rows are append-only: entry cannot be updated'); END;
                """)
        }
        let (_, store) = try Self.open(folder)
        let problem = try store.verify().firstProblem
        #expect(problem == .legacyChainDamaged(RegisterVerification.Problem.contentAltered(entryNumber: 3).description))
        #expect(store.damage != nil)
    }
}
