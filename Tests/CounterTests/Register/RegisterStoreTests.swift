import Foundation
import GRDB
import Testing
@testable import CounterCore
@testable import CounterDevices

@Suite("Register store")
struct RegisterStoreTests {
    @Test("An appended entry reads back exactly, with number 1 and a chained hash")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let written = try store.append(Fixtures.intake(), at: Fixtures.tuesday)
        #expect(written.entryNumber == 1)
        #expect(written.previousHash == RegisterEntry.genesisHash)
        #expect(written.hash.count == 64)
        #expect(written.day == CalendarDate(iso: "2025-11-18"))
        let read = try #require(try store.entry(number: 1))
        #expect(read == written)
        #expect(read.seller?.surname == "Jansen")
        #expect(read.items[0].holdUntil == CalendarDate(iso: "2025-11-25"))  // 5 working days after Tuesday: Wed Thu Fri Mon Tue
        let second = try store.append(Fixtures.intake(surname: "Bakker"), at: Fixtures.tuesday)
        #expect(second.entryNumber == 2)
        #expect(second.previousHash == written.hash)
        #expect(try store.entries(on: CalendarDate(iso: "2025-11-18")!).map(\.entryNumber) == [1, 2])
        #expect(try store.entries(on: CalendarDate(iso: "2025-11-19")!).isEmpty)
    }

    @Test("The stored entry and identity hold no BSN or nationality field; the chain holds no identity at all")
    func noForbiddenFields() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        _ = try store.append(Fixtures.intake(), at: Fixtures.tuesday)
        let (content, identity) = try store.dbPool.read { db in
            (try String.fetchOne(db, sql: "SELECT CAST(content AS TEXT) FROM entry")!,
             try String.fetchOne(db, sql: "SELECT CAST(identity AS TEXT) FROM seller_identity")!)
        }
        for text in [content, identity] {
            #expect(!text.lowercased().contains("bsn"))
            #expect(!text.lowercased().contains("nationality"))
        }
        #expect(identity.contains("\"number\":\"NWLFR3706\""))
        // Issue 13: the chained content holds the bookkeeping and a commitment, no name, address or document.
        #expect(!content.contains("NWLFR3706") && !content.contains("Jansen") && content.contains("\"sellerCommitment\""))
    }

    @Test("The database rejects UPDATE and DELETE of register rows", arguments: [
        "UPDATE entry SET clerk = 'X'", "DELETE FROM entry",
        "UPDATE entry_item SET category = 'other'", "DELETE FROM entry_item",
        "DELETE FROM item_check", "UPDATE item_check SET status = 'clear'",
    ])
    func triggersRejectChanges(sql: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let entry = try store.append(Fixtures.intake(), at: Fixtures.tuesday)
        try store.record(ItemCheck(itemID: entry.itemID(0), checkedAt: Fixtures.tuesday, status: .clear,
                                   sources: ["hotlist"]))
        let error = #expect(throws: DatabaseError.self) {
            try store.dbPool.write { db in try db.execute(sql: sql) }
        }
        #expect(error?.message?.contains("append-only") == true)
        #expect(try store.entry(number: 1) == entry)
        #expect(try store.verify().isIntact)
    }

    @Test("A refused intake writes nothing: no entry, no upload job, no number used")
    func refusedIntakeWritesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        #expect(throws: IntakeError.required("seller.surname", rule: .sellerNameAddress)) {
            try store.append(Fixtures.intake(surname: " "), at: Fixtures.tuesday)
        }
        #expect(throws: IntakeError.sellerUnderage) {
            try store.append(Fixtures.intake(birthDate: "2010-05-01"), at: Fixtures.tuesday)
        }
        #expect(throws: IntakeError.documentExpired) {
            try store.append(Fixtures.intake(expiry: "2024-01-01"), at: Fixtures.tuesday)
        }
        #expect(try store.entryCount() == 0)
        let jobs = try store.dbPool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM upload_job") }
        #expect(jobs == 0)
        #expect(try store.append(Fixtures.intake(), at: Fixtures.tuesday).entryNumber == 1)
    }

    @Test("An owner override lets an expired document through and is kept in the entry")
    func ownerOverride() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        var intake = Fixtures.intake(expiry: "2024-01-01")
        intake.override = OwnerOverride(owner: "Olga", reason: "Nieuw document aangevraagd, bon gezien")
        let entry = try store.append(intake, at: Fixtures.tuesday)
        #expect(entry.override?.owner == "Olga")
    }

    @Test("Each entry and its upload job are written together")
    func outboxJobWithEntry() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        _ = try store.append(Fixtures.intake(), at: Fixtures.tuesday)
        var correction = Fixtures.intake()
        correction.corrects = 1
        correction.correctionReason = "Serienummer verkeerd overgenomen"
        _ = try store.append(correction, at: Fixtures.tuesday)
        let rows = try store.dbPool.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, entry_number, idempotency_key, status FROM upload_job ORDER BY id")
        }
        #expect(rows.map { $0["kind"] as String } == ["entry", "correction"])
        #expect(rows.map { $0["idempotency_key"] as String } == ["12345678/000012345678/entry/1", "12345678/000012345678/entry/2"])
        #expect(rows.allSatisfy { $0["status"] == "queued" })
        let summary = try store.outboxSummary(now: Fixtures.tuesday.addingTimeInterval(90))
        #expect(summary == UploadOutbox.Summary(queued: 2, sent: 0, acknowledged: 0, rejected: 0, oldestQueuedAgeSeconds: 90))
    }

    @Test("A correction must name an existing entry")
    func correctionOfMissingEntry() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        var correction = Fixtures.intake()
        correction.corrects = 7
        correction.correctionReason = "typo"
        #expect(throws: IntakeError.correctedEntryNotFound(7)) { try store.append(correction, at: Fixtures.tuesday) }
    }

    @Test("A returning seller is found by document number, case and spacing aside")
    func returningSeller() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        _ = try store.append(Fixtures.intake(surname: "Eerst"), at: Fixtures.tuesday)
        _ = try store.append(Fixtures.intake(surname: "Laatst"), at: Fixtures.tuesday)
        #expect(try store.lastEntry(documentNumber: "nwlfr 3706", issuingCountry: "nld")?.seller?.surname == "Laatst")
        #expect(try store.lastEntry(documentNumber: "XX0000000", issuingCountry: "NLD") == nil)
        let keys = try store.dbPool.read { try String.fetchAll($0, sql: "SELECT seller_key FROM seller_identity") }
        #expect(keys.allSatisfy { !$0.contains("NWLFR") && $0.count == 64 })
    }

    @Test("Checks are kept per item; the latest counts in the log")
    func checksPerItem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let entry = try store.append(Fixtures.intake(), at: Fixtures.tuesday)
        let id = entry.itemID(0)
        try store.record(ItemCheck(itemID: id, checkedAt: Fixtures.tuesday, status: .notChecked,
                                   reason: "timeout", sources: ["stopheling"]))
        try store.record(ItemCheck(itemID: id, checkedAt: Fixtures.tuesday.addingTimeInterval(5), status: .hit,
                                   sources: ["hotlist 2025-11-18"]))
        #expect(try store.checks(itemID: id).map(\.status) == [.notChecked, .hit])
        #expect(try store.latestChecks(entryNumbers: [1])[id]?.status == .hit)
    }
}
