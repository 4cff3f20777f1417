import Foundation
import GRDB
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 12 (3, 4): a register that lost entries at the end (a truncated file, a lost WAL, an older copy put
/// back) verified "intact" and would have issued the lost numbers again; a damaged register took new entries.
@Suite("The register proves it is whole: anchor, refusal", .serialized)
struct RegisterAnchorTests {
    func open(_ folder: TemporaryFolder) throws -> SQLiteRegisterStore { try Fixtures.store(in: folder) }

    func copy(_ from: String, _ to: String) throws {
        try? FileManager.default.removeItem(atPath: to)
        try FileManager.default.copyItem(atPath: from, toPath: to)
    }

    @Test("An older copy of the file put back is caught at open and by verify; the register refuses new entries")
    func olderCopyPutBack() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/register.sqlite"
        do {
            let store = try open(folder)
            for i in 1...3 { _ = try store.append(Fixtures.intake(serial: "SN-\(i)"), at: Fixtures.tuesday) }
        }
        try copy(path, folder.path + "/backup.sqlite")          // closed: the WAL is checkpointed into the file
        do {
            let store = try open(folder)
            for i in 4...6 { _ = try store.append(Fixtures.intake(serial: "SN-\(i)"), at: Fixtures.tuesday) }
            #expect(store.anchor.latest()?.entryNumber == 6)
        }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try copy(folder.path + "/backup.sqlite", path)
        let store = try open(folder)
        #expect(store.damage == .entriesMissing(anchored: 6, present: 3))
        let verification = try store.verify()
        #expect(verification.firstProblem == .entriesMissing(anchored: 6, present: 3))
        // Numbers 4–6 must never be issued a second time.
        #expect(throws: RegisterStoreError.damaged(.entriesMissing(anchored: 6, present: 3))) {
            try store.append(Fixtures.intake(serial: "SN-7"), at: Fixtures.tuesday)
        }
        #expect(throws: RegisterStoreError.self) {
            try store.register(Fixtures.intake(serial: "SN-8"), at: Fixtures.tuesday, idempotencyKey: "k", records: .init())
        }
        // Reading and exporting still work.
        #expect(try await DailyLog.of(CalendarDate(Fixtures.tuesday), in: store).rows.count == 3)
    }

    @Test("A changed entry is found by the full verify the engine runs at start; then no new entries, and the owner is told")
    func changedEntry() async throws {
        let world = try TillWorld()
        defer { world.folder.remove() }
        _ = try await world.session("cli").register(CounterDraft(intake: world.intake(serial: "CLEAN-1")), idempotencyKey: "a")
        _ = try await world.session("cli").register(CounterDraft(intake: world.intake(serial: "CLEAN-2")), idempotencyKey: "b")
        try await world.store.dbPool.write { db in
            try db.execute(sql: "DROP TRIGGER entry_no_update")
            try db.execute(sql: "UPDATE entry SET content = CAST(REPLACE(CAST(content AS TEXT), 'CLEAN-1', 'CLEAN-X') AS BLOB) WHERE entry_number = 1")
        }
        let reopened = try SQLiteRegisterStore(path: world.store.path, settings: world.store.settings)
        #expect(reopened.damage == nil)   // the quick check at open looks at the head only
        let engine = try CounterEngine(.init(storage: reopened, staff: world.staff, checker: world.checker, tills: [],
                                             clock: world.clock, discovery: ScannerDiscovery(root: world.folder.path + "/x")))
        let owner = engine.ownerEvents.subscribe()
        let task = Task { try await engine.run() }
        defer { task.cancel() }
        #expect(await eventually { reopened.damage == .contentAltered(entryNumber: 1) })
        await #expect(throws: RegisterStoreError.self) {
            try await engine.defaultSession.register(CounterDraft(intake: world.intake(serial: "CLEAN-3")), idempotencyKey: "c")
        }
        #expect(await collect(owner, for: 0.2).contains { $0.kind == .registerDamaged })
        #expect(try reopened.entryCount() == 2)
    }

    @Test("Each commit anchors the head; a register from before the anchor is anchored when first opened")
    func anchoring() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try open(folder)
        let entry = try store.append(Fixtures.intake(), at: Fixtures.tuesday)
        #expect(store.anchor.latest() == .init(entryNumber: 1, hash: entry.hash))
        try FileManager.default.removeItem(atPath: store.anchor.path)
        let again = try open(folder)
        #expect(again.damage == nil)
        #expect(again.anchor.latest() == .init(entryNumber: 1, hash: entry.hash))
        let mode = (try FileManager.default.attributesOfItem(atPath: again.anchor.path))[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
