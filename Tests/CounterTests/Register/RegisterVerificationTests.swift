import Foundation
import GRDB
import Testing
@testable import Counter

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
                   "UPDATE entry SET content = CAST(replace(CAST(content AS TEXT), 'Bakker', 'Baker') AS BLOB) WHERE entry_number = 2")
        #expect(try store.verify().firstProblem == .contentAltered(entryNumber: 2))
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
                .replacingOccurrences(of: "Bakker", with: "Baker").utf8)
            let newHash = RegisterEntry.chainHash(previousHash: row["previous_hash"], content: altered)
            try db.execute(sql: "UPDATE entry SET content = ?, hash = ? WHERE entry_number = 2", arguments: [altered, newHash])
        }
        #expect(try store.verify().firstProblem == .chainBroken(entryNumber: 3))
    }
}
