import Foundation
import GRDB
import Testing
@testable import CounterCore
@testable import CounterDevices

@Suite("Register verification")
struct RegisterVerificationTests {
    /// Writes three entries and returns the store's file path after a full checkpoint (WAL emptied into the file).
    func threeEntries(_ folder: TemporaryFolder) throws -> String {
        let store = try Fixtures.store(in: folder)
        for name in ["Aalders", "Bakker", "Claessen"] {
            _ = try store.append(Fixtures.intake(surname: name), at: Fixtures.tuesday)
        }
        try store.dbPool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        #expect(try store.verify().isIntact)
        return store.path
    }

    /// Changes the register behind the triggers' back, as someone with the sqlite3 tool could.
    func tamper(_ store: SQLiteRegisterStore, dropping trigger: String, _ sql: String) throws {
        try store.dbPool.write { db in
            try db.execute(sql: "DROP TRIGGER \(trigger)")
            try db.execute(sql: sql)
        }
    }

    @Test("An intact register verifies, with its head hash")
    func intact() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try threeEntries(folder)
        let result = try Fixtures.store(in: folder).verify()
        #expect(result.isIntact)
        #expect(result.entryCount == 3)
        #expect(result.headHash == (try Fixtures.store(in: folder).entry(number: 3)?.hash))
    }

    @Test("One byte changed in the database file is detected", arguments: ["Bakker", "Dorpsstraat", "Galaxy S21"])
    func byteChangedInFile(needle: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try threeEntries(folder)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let range = try #require(bytes.range(of: Data(needle.utf8)))
        bytes[range.lowerBound + 1] ^= 0x01  // e.g. "Bakker" → "B`kker"
        try bytes.write(to: URL(fileURLWithPath: path))
        let result = try Fixtures.store(in: folder).verify()
        #expect(!result.isIntact)
        #expect(result.firstProblem != nil)
    }

    @Test("A content rewrite behind the triggers' back is found at the altered entry")
    func contentRewrite() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try threeEntries(folder)
        let store = try Fixtures.store(in: folder)
        try tamper(store, dropping: "entry_no_update",
                   "UPDATE entry SET content = CAST(replace(CAST(content AS TEXT), '12500', '1250') AS BLOB) WHERE entry_number = 2")
        #expect(try store.verify().firstProblem == .contentAltered(entryNumber: 2))
    }

    @Test("A seller's name changed in the identity table is found: it no longer matches the commitment in the chain")
    func identityRewrite() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try threeEntries(folder)
        let store = try Fixtures.store(in: folder)
        try tamper(store, dropping: "seller_identity_erase_only",
                   "UPDATE seller_identity SET identity = CAST(replace(CAST(identity AS TEXT), 'Bakker', 'Baker') AS BLOB) WHERE entry_number = 2")
        #expect(try store.verify().firstProblem == .identityAltered(entryNumber: 2))
    }

    @Test("An identity erased by hand (no purge event) or removed is found; the triggers refuse both to the kiosk")
    func identityErasedByHand() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try threeEntries(folder)
        let store = try Fixtures.store(in: folder)
        // The erase itself is allowed by the triggers (the purge does it); only a purge event makes it legitimate.
        // A careful tamperer also replaces the upload payload, as the purge does.
        try store.dbPool.write { db in
            try db.execute(sql: """
                UPDATE seller_identity SET identity = NULL, salt = NULL, seller_key = NULL, erased_on = '2025-11-20'
                WHERE entry_number = 1;
                UPDATE upload_job SET payload = (SELECT content FROM entry WHERE entry_number = 1) WHERE entry_number = 1;
                """)
        }
        #expect(try store.verify().firstProblem == .identityErasedWithoutEvent(entryNumber: 1))
        #expect(throws: DatabaseError.self) {
            try store.dbPool.write { try $0.execute(sql: "DELETE FROM seller_identity WHERE entry_number = 2") }
        }
        #expect(throws: DatabaseError.self) {
            try store.dbPool.write { try $0.execute(sql: "UPDATE seller_identity SET erased_on = NULL WHERE entry_number = 1") }
        }
        try tamper(store, dropping: "seller_identity_no_delete", "DELETE FROM seller_identity WHERE entry_number = 2")
        #expect(try store.verify().firstProblem == .identityMissing(entryNumber: 2))
    }

    @Test("An upload payload changed in the queue is found (the register would receive what was not registered)")
    func uploadPayloadRewrite() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try threeEntries(folder)
        let store = try Fixtures.store(in: folder)
        try store.dbPool.write { db in
            try db.execute(sql: """
                UPDATE upload_job SET payload = CAST(replace(CAST(payload AS TEXT), 'Claessen', 'Klaassen') AS BLOB)
                WHERE entry_number = 3
                """)
        }
        #expect(try store.verify().firstProblem == .indexAltered(entryNumber: 3, column: "upload_job.payload"))
    }

    @Test("A payload changed and stored as text instead of bytes is still held to the entry")
    func uploadPayloadAsText() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try threeEntries(folder)
        let store = try Fixtures.store(in: folder)
        // Unchanged but stored as text: the same bytes, so whole.
        try store.dbPool.write { db in
            try db.execute(sql: "UPDATE upload_job SET payload = CAST(payload AS TEXT) WHERE entry_number = 2")
        }
        #expect(try store.verify().isIntact)
        try store.dbPool.write { db in
            try db.execute(sql: """
                UPDATE upload_job SET payload = replace(CAST(payload AS TEXT), 'Bakker', 'Baker') WHERE entry_number = 2
                """)
        }
        #expect(try store.verify().firstProblem == .indexAltered(entryNumber: 2, column: "upload_job.payload"))
    }

    @Test("An index column changed without the content is found")
    func indexColumnChanged() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try threeEntries(folder)
        let store = try Fixtures.store(in: folder)
        try tamper(store, dropping: "entry_no_update", "UPDATE entry SET price_cents = 1 WHERE entry_number = 3")
        #expect(try store.verify().firstProblem == .indexAltered(entryNumber: 3, column: "price_cents"))
    }

    @Test("A deleted entry shows as a gap in the numbering")
    func deletedEntry() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try threeEntries(folder)
        let store = try Fixtures.store(in: folder)
        try store.dbPool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "DROP TRIGGER entry_no_delete")
            try db.execute(sql: "DROP TRIGGER entry_item_no_delete")
            try db.execute(sql: "DELETE FROM entry_item WHERE entry_number = 2")
            try db.execute(sql: "DELETE FROM entry WHERE entry_number = 2")
        }
        #expect(try store.verify().firstProblem == .numberingGap(expected: 2, found: 3))
    }

    @Test("A re-linked chain (entry replaced with a fresh hash) breaks at the next entry")
    func chainRelinked() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try threeEntries(folder)
        let store = try Fixtures.store(in: folder)
        try store.dbPool.write { db in
            try db.execute(sql: "DROP TRIGGER entry_no_update")
            let row = try Row.fetchOne(db, sql: "SELECT content, previous_hash FROM entry WHERE entry_number = 2")!
            let altered = Data(String(decoding: row["content"] as Data, as: UTF8.self)
                .replacingOccurrences(of: "Galaxy S21", with: "Galaxy S20").utf8)
            let newHash = RegisterEntry.chainHash(previousHash: row["previous_hash"], content: altered)
            try db.execute(sql: "UPDATE entry SET content = ?, hash = ? WHERE entry_number = 2", arguments: [altered, newHash])
            // The upload payload too, so only the chain can tell.
            try db.execute(sql: """
                UPDATE upload_job SET payload = CAST(replace(CAST(payload AS TEXT), 'Galaxy S21', 'Galaxy S20') AS BLOB)
                WHERE entry_number = 2
                """)
        }
        #expect(try store.verify().firstProblem == .chainBroken(entryNumber: 3))
    }
}
