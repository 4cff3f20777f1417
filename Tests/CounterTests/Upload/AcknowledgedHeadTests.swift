import Foundation
import RegisterSimulator
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 12: the register's acknowledgements are an anchor too. A backup of the file *and* its anchor put
/// back verifies intact on its own; only the register, outside the shop's machine, knows the shop went
/// further. An entry number it acknowledged that the file no longer has is a loss, and those numbers must
/// never be issued again.
@Suite("The register's acknowledgements catch a restored backup", .serialized)
struct AcknowledgedHeadTests {
    func copy(_ from: String, _ to: String) throws {
        try? FileManager.default.removeItem(atPath: to)
        try FileManager.default.copyItem(atPath: from, toPath: to)
    }

    @Test("A backup of the file and its anchor, put back after the register acknowledged more, is refused for new entries")
    func restoredBackup() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sim = try await RegisterSimulator(settings: .init(dataFolder: folder.path + "/sim")).start(logger: .quiet)
        defer { Task { await sim.stop() } }
        let path = folder.path + "/register.sqlite"
        func worker(_ store: SQLiteRegisterStore) throws -> UploadWorker {
            UploadWorker(store: store, gateway: try HTTPRegisterGateway(baseURL: sim.url, token: nil, timeout: .seconds(5)),
                         settings: .init(backoff: UploadBackoff(minimum: 0.01, maximum: 0.05)), logger: .quiet)
        }
        do {
            let store = try Fixtures.store(in: folder)
            for i in 1...3 { _ = try store.append(Fixtures.intake(serial: "SN-\(i)"), at: Fixtures.tuesday) }
            _ = try await worker(store).drain(deadline: Date().addingTimeInterval(30))
        }
        // The nightly backup: the file and its anchor, taken together.
        try copy(path, folder.path + "/backup.sqlite")
        try copy(path + ".anchor", folder.path + "/backup.anchor")
        do {
            let store = try Fixtures.store(in: folder)
            for i in 4...5 { _ = try store.append(Fixtures.intake(serial: "SN-\(i)"), at: Fixtures.tuesday) }
            let summary = try await worker(store).drain(deadline: Date().addingTimeInterval(30))
            #expect(summary.acknowledged == 5)
            // While all is well the check finds nothing, also right after new entries were acknowledged.
            #expect(try await worker(store).checkAcknowledgedHead() == nil)
        }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try copy(folder.path + "/backup.sqlite", path)
        try copy(folder.path + "/backup.anchor", path + ".anchor")
        let store = try Fixtures.store(in: folder)
        #expect(store.damage == nil)
        #expect(try store.verify().isIntact)  // by itself the old copy looks whole
        #expect(try await worker(store).checkAcknowledgedHead() == .acknowledgedEntryMissing(entryNumber: 4))
        #expect(store.damage == .acknowledgedEntryMissing(entryNumber: 4))
        #expect(throws: RegisterStoreError.damaged(.acknowledgedEntryMissing(entryNumber: 4))) {
            try store.append(Fixtures.intake(serial: "SN-6"), at: Fixtures.tuesday)
        }
    }

    /// A register that, asked for the entry after this till's head, finds it because another till of the branch
    /// registered and uploaded it meanwhile: it appends that entry to the shared register before it answers.
    struct AnotherTillMeanwhile: RegisterGateway {
        let store: SQLiteRegisterStore
        func upload(_ batch: [RegisterUpload]) async throws(RegisterGatewayError) -> [RegisterUploadResult] { [] }
        func status(idempotencyKey: String) async throws(RegisterGatewayError) -> RegisterEntryStatus? {
            let entry = try? store.append(Fixtures.intake(serial: "SN-ELSEWHERE"), at: Fixtures.tuesday)
            return RegisterEntryStatus(idempotencyKey: idempotencyKey, entryNumber: entry?.entryNumber ?? 0, kind: "entry",
                                       registerReference: "DOR-ELSEWHERE", receivedAt: "2025-11-18T10:00:00+01:00")
        }
    }

    @Test("An entry another till registered and had acknowledged while this one started is not taken for a loss")
    func anotherTillMeanwhile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        for i in 1...2 { _ = try store.append(Fixtures.intake(serial: "SN-\(i)"), at: Fixtures.tuesday) }
        // The other till's worker has not recorded the register's answer yet: this register has the entry, unanswered.
        let worker = UploadWorker(store: store, gateway: AnotherTillMeanwhile(store: store), settings: .init(), logger: .quiet)
        #expect(await worker.checkAcknowledgedHead() == nil)
        #expect(store.damage == nil)
        #expect(try store.entryCount() == 3)
    }

    @Test("No answer from the register proves nothing: no damage, and the register stays usable")
    func noAnswer() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        _ = try store.append(Fixtures.intake(), at: Fixtures.tuesday)
        let worker = UploadWorker(
            store: store, gateway: try HTTPRegisterGateway(baseURL: "http://127.0.0.1:9", token: nil, timeout: .seconds(2)),
            logger: .quiet)
        #expect(await worker.checkAcknowledgedHead() == nil)
        #expect(store.damage == nil)
    }

    @Test("The day log's last line is the register's head: entry number and hash")
    func dayLogHead() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        #expect(try await DailyLog.of(CalendarDate(Fixtures.tuesday), in: store).table().hasSuffix("Register head: empty register\n"))
        for i in 1...2 { _ = try store.append(Fixtures.intake(serial: "SN-\(i)"), at: Fixtures.tuesday) }
        let log = try await DailyLog.of(CalendarDate(Fixtures.tuesday), in: store)
        let head = try store.verify().headHash
        #expect(log.head == RegisterAnchor.Head(entryNumber: 2, hash: head))
        #expect(log.table().hasSuffix("Register head: entry 2, hash \(head)\n"))
        #expect(log.json().contains(head))
    }
}
