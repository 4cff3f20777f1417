import Foundation
import GRDB
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 14: `verify` reads the entries on one thread and checks them in batches (1 000 in the shop, 10 here)
/// on others. Whatever batch a problem falls in, the verdict is the serial one: the first problem in entry
/// order, with the number of entries read up to it.
@Suite("Verify in batches")
struct VerifyInBatchesTests {
    static let count = 25
    static let batch = 10

    func register(_ folder: TemporaryFolder) throws -> SQLiteRegisterStore {
        let store = try Fixtures.store(in: folder)
        _ = try store.append(contentsOf: (0..<Self.count).map { i in
            (Fixtures.intake(surname: "Verkoper\(i)", serial: "SN-\(i)"), Fixtures.tuesday.addingTimeInterval(Double(i)))
        })
        return store
    }

    func tamper(_ store: SQLiteRegisterStore, _ sql: String...) throws {
        try store.dbPool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            for trigger in ["entry_no_update", "entry_no_delete", "entry_item_no_delete"] {
                try db.execute(sql: "DROP TRIGGER IF EXISTS \(trigger)")
            }
            for statement in sql { try db.execute(sql: statement) }
        }
    }

    @Test("Three batches verify whole, with the last entry's hash, under both file checks",
          arguments: RegisterVerification.FileCheck.allCases)
    func whole(fileCheck: RegisterVerification.FileCheck) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try register(folder)
        let result = try store.verify(fileCheck: fileCheck, batchSize: Self.batch)
        #expect(result.isIntact)
        #expect(result.fileCheck == fileCheck)
        #expect(result.entryCount == Self.count && result.entriesReadExactly == 0)
        #expect(result.headHash == (try store.entry(number: Self.count)?.hash))
    }

    @Test("Of two altered entries in different batches, the first is named, and the count stops there")
    func firstProblemWins() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try register(folder)
        try tamper(store,
                   "UPDATE entry SET price_cents = 1 WHERE entry_number = 22",
                   "UPDATE entry SET price_cents = 2 WHERE entry_number = 15")
        let result = try store.verify(fileCheck: .pages, batchSize: Self.batch)
        #expect(result.firstProblem == .indexAltered(entryNumber: 15, column: "price_cents"))
        #expect(result.entryCount == 15)
        #expect(store.damage != nil)
    }

    @Test("A gap at a batch's edge is the same gap as anywhere else", arguments: [10, 11, 25])
    func gapAtTheEdge(missing: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try register(folder)
        try tamper(store, "DELETE FROM entry_item WHERE entry_number = \(missing)", "DELETE FROM entry WHERE entry_number = \(missing)")
        let problem = try store.verify(fileCheck: .pages, batchSize: Self.batch).firstProblem
        if missing == Self.count {
            // The last entry gone: only the anchor outside the file knows it existed.
            #expect(problem == .entriesMissing(anchored: Self.count, present: Self.count - 1))
        } else {
            #expect(problem == .numberingGap(expected: missing, found: missing + 1))
        }
    }

    @Test("The chain is checked across a batch's edge: entry 11 must name entry 10's hash")
    func chainAcrossTheEdge() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try register(folder)
        try tamper(store, "UPDATE entry SET previous_hash = '\(String(repeating: "0", count: 64))' WHERE entry_number = 11")
        #expect(try store.verify(fileCheck: .pages, batchSize: Self.batch).firstProblem == .chainBroken(entryNumber: 11))
    }

    @Test("A page of the file damaged is found by both file checks", arguments: RegisterVerification.FileCheck.allCases)
    func damagedPage(fileCheck: RegisterVerification.FileCheck) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path: String
        do {
            let store = try register(folder)
            try store.dbPool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
            path = store.path
        }
        // Scribble over the middle of an interior page of the file (not a record's text: the page's structure).
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let pageSize = 4096
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: UInt64(pageSize) * (size / UInt64(pageSize) / 2))
        try handle.write(contentsOf: Data(repeating: 0xFF, count: 64))
        try handle.close()
        let result = try Fixtures.store(in: folder).verify(fileCheck: fileCheck)
        guard case .databaseDamaged(let what)? = result.firstProblem?.reason else {
            Issue.record("not found as damage: \(String(describing: result.firstProblem))")
            return
        }
        #expect(!what.isEmpty && what != "ok")
    }
}
