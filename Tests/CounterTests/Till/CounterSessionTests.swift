import Foundation
import GRDB
import Testing
@testable import CounterCore
@testable import CounterDevices

/// The till's due diligence, reproduced as a hurried clerk, an owner and an attacker would try it on the first
/// release (issue 11, points 1–7), each now refused or checked by the engine, not by the page.
@Suite("Counter session: due diligence at one till")
struct CounterSessionTests {
    let scanner = ScanOrigin(device: "serial:/dev/ttyACM0", kind: .barcode)

    func scan(_ session: CounterSession, _ text: String) async -> CounterSession.ScanOutcome? {
        await session.scan(Array(text.utf8), from: scanner, at: 1).last
    }

    func item(_ outcome: CounterSession.ScanOutcome?) throws -> TillItem {
        guard case .item(let item) = outcome else { throw CounterError(.itemNotFound) }
        return item
    }

    @Test("1: a serial edited after a clean scan is checked at registration, found a hit and refused")
    func editedAfterCleanScan() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = world.session()
        let clean = try item(await scan(session, "CLEAN-123"))
        #expect(clean.check.status == .clear)
        // The page sends the intake with the serial field overwritten; it never told the till.
        await #expect(throws: CounterError(.hitAtRegistration, parameters: ["identifier": "HOT-1"])) {
            try await session.register(CounterDraft(intake: world.intake(serial: "HOT-1")), idempotencyKey: "k1")
        }
        #expect(try world.store.entryCount() == 0)
        // The hit now holds the till, as if it had been scanned.
        let hit = try #require(await session.openHit)
        #expect(hit.identifier == "HOT-1")
        // The hit's audit row is written beside the warning, not before it; settle() waits for it.
        await session.settle()
        #expect(try world.audit().contains { $0.action == AuditAction.hitRaised.rawValue && $0.detail.contains("HOT-1") })
    }

    @Test("1: an identifier edited on the item card is checked when it changes")
    func editChecks() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = world.session()
        let clean = try item(await scan(session, "CLEAN-123"))
        let edited = try await session.edit(clean.id, ItemEdit(serialNumber: "HOT-1"))
        #expect(edited.check.status == .hit)
        #expect(await session.openHit?.itemID == clean.id)
        let typed = try await session.addTyped(ItemEdit(imei: "356938035643809"))
        #expect(typed.check.status == .hit)
    }

    @Test("1: an intake with no scan at all (CLI, embedder) is checked, and its check is stored with the entry")
    func intakeWithoutDraft() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = world.session("cli")
        await #expect(throws: CounterError.self) {
            try await session.register(CounterDraft(intake: world.intake(serial: nil, imei: "356938035643809")), idempotencyKey: "a")
        }
        // The refused hit now holds that session, as a till would; the next intake comes in its own.
        #expect(await session.openHit?.identifier == "356938035643809")
        let next = world.session("cli-2")
        let entry = try await next.register(CounterDraft(intake: world.intake(serial: "CLEAN-9")), idempotencyKey: "b")
        #expect(entry.checks == [.clear])
        let stored = try #require(try world.store.checks(itemID: entry.itemIDs[0]).last)
        #expect(stored.status == .clear)
        #expect(String(decoding: stored.detail, as: UTF8.self).contains("CLEAN-9"))
        // No identifier at all is "not checked", never clear.
        var noSerial = world.intake(serial: nil)
        noSerial.items[0].category = .other
        noSerial.items[0].photos = [try world.photos.put(PhotoStoreTests.jpeg, day: CalendarDate(Fixtures.tuesday))]
        let plain = try await next.register(CounterDraft(intake: noSerial), idempotencyKey: "c")
        #expect(plain.checks == [.notChecked])
    }

    @Test("A photo an intake names must be in the shop's archive with its bytes: a made-up hash, a photo altered after it was taken, or no archive at all is refused, nothing written (StoredPhotos: the photo is what identifies an item without a number)")
    func photosMustBeStored() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = world.session()
        var ring = world.intake(serial: nil)
        ring.items[0].category = .other
        // A hash nobody took a photo for.
        ring.items[0].photos = [PhotoReference(sha256: String(repeating: "a", count: 64), mediaType: "image/jpeg")]
        await #expect(throws: IntakeError.photoNotStored("items[0].photos")) {
            try await session.register(CounterDraft(intake: ring), idempotencyKey: "made-up")
        }
        // A real photo, then changed on disk: the bytes no longer match their reference.
        let taken = try world.photos.put(PhotoStoreTests.jpeg(padding: 300), day: CalendarDate(Fixtures.tuesday))
        var altered = PhotoStoreTests.jpeg(padding: 300)
        altered[altered.count - 3] ^= 0xFF
        try altered.write(to: URL(fileURLWithPath: world.photos.path(for: taken)))
        ring.items[0].photos = [taken]
        await #expect(throws: IntakeError.photoNotStored("items[0].photos")) {
            try await session.register(CounterDraft(intake: ring), idempotencyKey: "altered")
        }
        // A session without an archive cannot show any photo exists.
        let bare = CounterSession(till: "kale", dependencies: CounterSession.Dependencies(
            store: world.store, staff: world.staff, checker: world.checker, clock: world.clock))
        ring.items[0].photos = [try world.photos.put(PhotoStoreTests.jpeg(padding: 500), day: CalendarDate(Fixtures.tuesday))]
        await #expect(throws: IntakeError.photoNotStored("items[0].photos")) {
            try await bare.register(CounterDraft(intake: ring), idempotencyKey: "bare")
        }
        #expect(try world.store.entryCount() == 0)
        // The same photo through the archive the session has: registered.
        let entry = try await session.register(CounterDraft(intake: ring), idempotencyKey: "real")
        #expect(entry.entryNumber == 1)
        #expect(IntakeError.photoNotStored("items[0].photos").message(.nl).contains("fotoarchief"))
    }

    @Test("3: removing a hit or starting a new customer without the owner is refused and audited")
    func hitNeedsOwner() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = world.session()
        let hot = try item(await scan(session, "HOT-1"))
        await #expect(throws: CounterError(.ownerRequired)) { try await session.removeItem(hot.id) }
        await #expect(throws: CounterError(.ownerRequired)) { try await session.newCustomer() }
        await #expect(throws: CounterError(.hitOpen)) {
            try await session.register(CounterDraft(intake: world.intake(serial: "CLEAN-1")), idempotencyKey: "x")
        }
        await #expect(throws: StaffError.wrongNameOrPIN) {
            try await session.removeItem(hot.id, owner: OwnerAuthorization(name: "Olga", pin: "0000"), reason: "weg ermee")
        }
        #expect(await session.openHit != nil)
        try await session.removeItem(hot.id, owner: TillWorld.owner, reason: "klant weggestuurd")
        #expect(await session.openHit == nil)
        let actions = try world.audit().map(\.action)
        #expect(actions.filter { $0 == AuditAction.hitOverrideRefused.rawValue }.count == 2)
        #expect(actions.contains(AuditAction.hitRaised.rawValue))
        let decision = try #require(try world.audit().last { $0.action == AuditAction.hitDecided.rawValue })
        #expect(decision.actor == "Olga")
        #expect(decision.detail.contains("notBought"))
        #expect(try world.store.entryCount() == 0)
    }

    @Test("4: bought on police instruction needs a police reference, opens a police flag, and the item cannot be sold")
    func boughtOnPoliceInstruction() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = world.session()
        let hot = try item(await scan(session, "HOT-1"))
        await #expect(throws: CounterError(.policeReferenceRequired)) {
            try await session.decide(itemID: hot.id, outcome: .boughtOnPoliceInstruction, owner: TillWorld.owner, reason: "politie vraagt")
        }
        try await session.decide(itemID: hot.id, outcome: .boughtOnPoliceInstruction, owner: TillWorld.owner,
                                 reason: "politie vraagt", policeReference: "PL0900-2026-123")
        #expect(await session.openHit == nil)
        let entry = try await session.register(CounterDraft(intake: world.intake(serial: "HOT-1")), idempotencyKey: "p")
        #expect(entry.checks == [.hit])
        let held = try world.store.itemsOnHold(on: CalendarDate(iso: "2030-01-01")!)
        #expect(held.map(\.itemID) == entry.itemIDs && held.allSatisfy(\.policeFlagOpen))
        #expect(throws: SaleError.policeFlagOpen(itemID: entry.itemIDs[0])) {
            try world.store.recordSale(Sale(itemID: entry.itemIDs[0], soldOn: CalendarDate(iso: "2030-01-01")!, buyerName: "B",
                                            buyerAddress: nil, priceCents: 1, paymentMethod: .card, clerk: "Anna"), at: Fixtures.tuesday)
        }
        #expect(String(decoding: try world.store.checks(itemID: entry.itemIDs[0])[0].detail, as: UTF8.self).contains("PL0900-2026-123"))
    }

    @Test("4: 'not bought' takes the item off the counter; scanning it again opens the hit again")
    func notBought() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = world.session()
        let hot = try item(await scan(session, "HOT-1"))
        try await session.decide(itemID: hot.id, outcome: .notBoughtPoliceCalled, owner: TillWorld.owner, reason: "politie gebeld")
        #expect(await session.snapshot().items.isEmpty)
        _ = await scan(session, "HOT-1")
        #expect(await session.openHit != nil)
    }

    @Test("7: a failure inside the registration leaves nothing; a retried key returns the same entry, once")
    func oneTransactionAndRetry() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = world.session()
        // Make the audit insert fail, as a full disk would half-way through the registration.
        try await world.store.dbPool.write { db in
            try db.execute(sql: "CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_event BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        }
        _ = try item(await scan(session, "CLEAN-1"))
        await #expect(throws: RegisterStoreError.self) {
            try await session.register(CounterDraft(intake: world.intake(serial: "CLEAN-1")), idempotencyKey: "k")
        }
        let counts = try await world.store.dbPool.read { db in
            try ["entry", "entry_item", "item_check", "upload_job", "intake_request"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)")! }
        }
        #expect(counts == [0, 0, 0, 0, 0])
        try await world.store.dbPool.write { db in try db.execute(sql: "DROP TRIGGER fail_audit") }
        let first = try await session.register(CounterDraft(intake: world.intake(serial: "CLEAN-1")), idempotencyKey: "k")
        // The answer was lost; the page sends the same request again (or the clerk clicks twice).
        let again = try await session.register(CounterDraft(intake: world.intake(serial: "CLEAN-1")), idempotencyKey: "k")
        #expect(first.entryNumber == 1 && !first.replayed)
        #expect(again.entryNumber == 1 && again.replayed)
        #expect(again.checks == first.checks)
        #expect(try world.store.entryCount() == 1)
        let other = try await world.session("kassa-2").register(CounterDraft(intake: world.intake(serial: "CLEAN-2")), idempotencyKey: "k")
        #expect(other.entryNumber == 1 && other.replayed)
        let audit = try world.audit().filter { $0.action == AuditAction.intakeRegistered.rawValue }
        #expect(audit.map(\.subject) == ["entry 1"])
        #expect(try world.store.verify().isIntact)
    }

    @Test("A duplicate identifier in one intake is flagged; junk scans are refused with the clerk's message")
    func duplicatesAndJunk() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        let session = world.session()
        _ = await scan(session, "CLEAN-5")
        let second = try item(await scan(session, "clean-5"))
        #expect(second.duplicate)
        guard case .refused(let refusal) = await scan(session, "x") else { Issue.record("not refused"); return }
        #expect(refusal.code == "scan.tooShort")
        #expect(refusal.message == CounterMessages.text(.scanTooShort, .nl))
        #expect(await session.snapshot().items.count == 2)
    }

    @Test("6: an MRZ or BSN scanned with the barcode scanner is refused: no item, no outbound term, nothing stored")
    func bsnNowhere() async throws {
        let remote = RecordingService()
        let world = try TillWorld(remote: remote)
        defer { world.folder.remove() }
        let session = world.session()
        let events = session.events()
        for line in DocumentFixtures.idCard + DocumentFixtures.passport + ["999999990", "NLD|999999990|X"] {
            guard case .refused = await scan(session, line) else { Issue.record("\(line) not refused"); continue }
        }
        let reader = ScanOrigin(device: "serial:/dev/pts/1", kind: .documentReader, isStream: true)
        let profile = try #require(DocumentFixtures.documentProfiles.first)
        let outcomes = await session.scan(DocumentFixtures.framed(DocumentFixtures.idCard, profile: profile), from: reader, at: 2)
        guard case .document(let document) = outcomes.last else { Issue.record("no document"); return }
        #expect(document.bsnRemoved && document.documentNumber == "IXR12PN74")
        await session.settle()
        #expect(await session.snapshot().items.isEmpty)
        #expect(await remote.terms.isEmpty)
        let seen = await collect(events, for: 0.2).map(\.message).joined()
        #expect(seen.contains("scan.documentUnreadable"))
        #expect(!seen.contains(DocumentFixtures.bsn))
        #expect(!(try world.allFiles()).contains(DocumentFixtures.bsn))
    }

    @Test("2: the next scan after an import uses the new list; a list older than the limit is never clear")
    func hotlistReloadAndAge() async throws {
        let world = try TillWorld(hotlist: ["HOT-1"])
        defer { world.folder.remove() }
        let session = world.session()
        #expect(try item(await scan(session, "NEW-77")).check.status == .clear)
        try TillWorld.importHotlist(["HOT-1", "NEW-77"], into: world.folder.path)
        #expect(try item(await scan(session, "NEW-77")).check.status == .hit)

        let later = Date().addingTimeInterval(49 * 3600)
        let old = StolenGoodsChecker(hotlistFolder: world.folder.path, remote: nil, maximumListAge: 48 * 3600, clock: { later })
        #expect(old.quickCheck(serial: "OTHER-1") == .notChecked(.listTooOld(hours: 48)))
        #expect(await old.check(serial: "OTHER-1") == .notChecked(.listTooOld(hours: 48)))
        #expect(old.quickCheck(serial: "HOT-1").status == .hit)  // an old list's hit is still a hit
    }

    @Test("A remote answer not yet in at registration is 'not checked', never clear; a remote hit refuses")
    func remoteAtRegistration() async throws {
        let world = try TillWorld(remote: RecordingService(hits: ["REMOTE-HOT"]))
        defer { world.folder.remove() }
        let cli = world.session("cli")
        let unchecked = try await cli.register(CounterDraft(intake: world.intake(serial: "NEVER-ASKED")), idempotencyKey: "1")
        #expect(unchecked.checks == [.notChecked])
        let stored = try #require(try world.store.checks(itemID: unchecked.itemIDs[0]).last)
        #expect(stored.reason == "remoteNotAnswered")
        let session = world.session()
        _ = await scan(session, "REMOTE-HOT")
        await session.settle()
        #expect(await session.openHit?.identifier == "REMOTE-HOT")
        let intake = world.intake(serial: "REMOTE-HOT")
        await cli.checkNow(intake.items)
        await #expect(throws: CounterError.self) { try await cli.register(CounterDraft(intake: intake), idempotencyKey: "2") }
    }
}
