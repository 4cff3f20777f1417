import Foundation
import Logging
import PostgresNIO
import Testing
@testable import CounterCore
@testable import CounterDevices

/// The engine's rules over either backend (issue 15: the engine takes `any RegisterStorage`): the same
/// accounts and lockout, the same till, on the data folder's file and on a branch of a PostgreSQL server.
@Suite("The engine on SQLite and on PostgreSQL")
struct EngineStorageTests {
    let t0 = Fixtures.tuesday

    /// A till on `backend` (with a stolen-goods list of `hotlist`, when given) whose customer has one priced item
    /// and a seller filled in.
    func withFilledTill(_ backend: StorageBackend, hotlist: [String] = [],
                        _ body: @escaping @Sendable (any RegisterStorage, CounterSession) async throws -> Void) async throws {
        let t0 = t0
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        if !hotlist.isEmpty { try TillWorld.importHotlist(hotlist, into: folder.path) }
        let checker = StolenGoodsChecker(hotlistFolder: folder.path, remote: nil, clock: { t0 })
        try await backend.withStorage { store in
            let staff = StaffDirectory(store: store, iterations: 100)
            let session = CounterSession(till: "kassa-1", dependencies: .init(store: store, staff: staff, checker: checker, clock: { t0 }))
            _ = try await TillDraftTests().fill(session, prices: ["12,50"])
            try await body(store, session)
        }
    }

    @Test("Accounts: one name without regard to case, the lockout after five wrong PINs, a new PIN lifts it, disabled is out",
          arguments: StorageBackend.allCases)
    func accounts(backend: StorageBackend) async throws {
        let t0 = t0
        try await backend.withStorage { store in
            let staff = StaffDirectory(store: store, iterations: 100)
            try await staff.add(name: "Anna", role: .staff, pin: "1234", by: "cli", at: t0)
            await #expect(throws: StaffError.nameTaken("anna")) {
                try await staff.add(name: "anna", role: .owner, pin: "9999", by: "cli", at: t0)
            }
            await #expect(throws: StaffError.alreadySetUp) { try await staff.addFirstOwner(name: "Mallory", pin: "1111", at: t0) }
            #expect(try await staff.signIn(name: "ANNA", pin: "1234", at: t0).name == "Anna")
            let stamp = try await staff.credentialStamp(name: "Anna")
            #expect(stamp != nil)
            for i in 0..<StaffDirectory.maxFailures {
                await #expect(throws: StaffError.self) { try await staff.signIn(name: "anna", pin: "0000", at: t0 + Double(i)) }
            }
            #expect(try await staff.lockedUntil(name: "Anna", at: t0 + 10) != nil)
            // Locked: the right PIN is refused without being checked.
            await #expect(throws: StaffError.lockedOut(until: t0 + Double(StaffDirectory.maxFailures - 1) + StaffDirectory.lockoutSeconds)) {
                try await staff.signIn(name: "Anna", pin: "1234", at: t0 + 11)
            }
            try await staff.changePIN(name: "anna", newPIN: "5678", by: "Olga", at: t0 + 12)
            #expect(try await staff.lockedUntil(name: "Anna", at: t0 + 13) == nil)
            #expect(try await staff.credentialStamp(name: "Anna") != stamp)
            #expect(try await staff.signIn(name: "Anna", pin: "5678", at: t0 + 14).role == .staff)
            try await staff.setDisabled("Anna", disabled: true, by: "Olga", at: t0 + 15)
            #expect(try await staff.credentialStamp(name: "Anna") == nil)
            await #expect(throws: StaffError.disabled) { try await staff.signIn(name: "Anna", pin: "5678", at: t0 + 16) }
            await #expect(throws: StaffError.unknownAccount("Nemo")) { try await staff.setDisabled("Nemo", disabled: true, by: "Olga", at: t0) }
            #expect(try await staff.accounts().map(\.name) == ["Anna"])
            let actions = try await staff.audit.events(limit: 100).map(\.action)
            #expect(actions.filter { $0 == AuditAction.signInFailed.rawValue }.count == StaffDirectory.maxFailures + 1)
            #expect(actions.contains(AuditAction.pinChanged.rawValue) && actions.contains(AuditAction.accountDisabled.rawValue))
        }
    }

    @Test("A till: a hit is refused, a clean intake registers once with its check, the seller returns, a late hit alerts once",
          arguments: StorageBackend.allCases)
    func till(backend: StorageBackend) async throws {
        let t0 = t0
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try TillWorld.importHotlist(["HOT-1"], into: folder.path)
        let checker = StolenGoodsChecker(hotlistFolder: folder.path, remote: nil, clock: { t0 })
        try await backend.withStorage { store in
            let staff = StaffDirectory(store: store, iterations: 100)
            try await staff.add(name: "Olga", role: .owner, pin: "4321", by: "cli", at: t0)
            let session = CounterSession(till: "kassa-1", dependencies: .init(store: store, staff: staff, checker: checker, clock: { t0 }))
            await #expect(throws: CounterError(.hitAtRegistration, parameters: ["identifier": "HOT-1"])) {
                try await session.register(CounterDraft(intake: Fixtures.intake(serial: "HOT-1")), idempotencyKey: "k-hit-0001")
            }
            #expect(try await store.entryCount() == 0)
            try await session.newCustomer(owner: TillWorld.owner, reason: "niet gekocht")
            let first = try await session.register(CounterDraft(intake: Fixtures.intake(serial: "CLEAN-1")), idempotencyKey: "k-clean-01")
            #expect(first.entryNumber == 1 && first.checks == [.clear] && !first.replayed)
            let again = try await session.register(CounterDraft(intake: Fixtures.intake(serial: "CLEAN-1")), idempotencyKey: "k-clean-01")
            #expect(again.entryNumber == 1 && again.replayed && again.checks == [.clear])
            let document = Fixtures.intake().seller.document
            let returning = await session.returningSeller(documentNumber: document.number, issuingCountry: document.issuingCountry)
            #expect(returning?.lastEntryNumber == 1)
            // The list names the good after it was bought: one alert, recorded as a check of the item.
            try TillWorld.importHotlist(["HOT-1", "CLEAN-1"], into: folder.path)
            #expect(try await LateHits.scan(store: store, checker: checker, now: t0) == 1)
            #expect(try await LateHits.scan(store: store, checker: checker, now: t0) == 0)
            let alerts = try await store.alerts(includeAcknowledged: false)
            #expect(alerts.map(\.entryNumber) == [1] && alerts.first?.kind == .lateHit)
            #expect(try await store.checks(itemID: "1-1").last?.status == .hit)
            await session.settle()
            let audit = try await store.auditEvents(on: nil, limit: 100).map(\.action)
            #expect(audit.contains(AuditAction.intakeRegistered.rawValue) && audit.contains(AuditAction.hitRaised.rawValue))
        }
    }

    @Test("A police flag keeps an item on the holding list after its period, until it is closed; an unknown item is refused",
          arguments: StorageBackend.allCases)
    func policeFlag(backend: StorageBackend) async throws {
        let t0 = t0
        try await backend.withStorage { store in
            let entry = try await store.append(Fixtures.intake(serial: "SN-FLAG"), at: t0)
            let holdUntil = try #require(entry.items[0].holdUntil)
            let later = CalendarDate(iso: "2026-12-06")!
            #expect(try await store.itemsOnHold(on: holdUntil).map(\.itemID) == ["1-1"])
            #expect(try await store.itemsOnHold(on: later).isEmpty)
            try await store.openPoliceFlag(itemID: "1-1", note: "politie komt kijken", at: t0)
            let flagged = try await store.itemsOnHold(on: later)
            #expect(flagged.map(\.itemID) == ["1-1"] && flagged.first?.policeFlagOpen == true)
            try await store.closePoliceFlag(itemID: "1-1", note: "vrijgegeven", at: t0)
            #expect(try await store.itemsOnHold(on: later).isEmpty)
            await #expect(throws: SaleError.unknownItem("9-9")) { try await store.openPoliceFlag(itemID: "9-9", note: "?", at: t0) }
        }
    }

    @Test("Two pages of one till confirm the same customer at once, each with its own key: one entry, the other refused",
          arguments: StorageBackend.allCases)
    func twoPagesConfirmAtOnce(backend: StorageBackend) async throws {
        try await withFilledTill(backend) { (store: any RegisterStorage, session: CounterSession) async throws in
            // The register's write is awaited (on PostgreSQL a round trip): the till takes one registration at a time,
            // and the second finds the customer gone.
            @Sendable func confirm(_ key: String) async -> Bool {
                (try? await session.registerDraft(clerk: "Anna", approvalID: nil, idempotencyKey: key)) != nil
            }
            async let first = confirm("page-1-key")
            async let second = confirm("page-2-key")
            #expect(await [first, second].filter { $0 }.count == 1)
            #expect(try await store.entryCount() == 1)
        }
    }

    @Test("A scan that arrives while the register writes the customer stays on the counter for the next one, its hit audited once",
          arguments: StorageBackend.allCases)
    func scanDuringTheWrite(backend: StorageBackend) async throws {
        try await withFilledTill(backend, hotlist: ["NEXT-CUSTOMER-1"]) { (store: any RegisterStorage, session: CounterSession) async throws in
            @Sendable func confirm() async -> RegisteredEntry? {
                try? await session.registerDraft(clerk: "Anna", approvalID: nil, idempotencyKey: "page-1-key")
            }
            async let registered = confirm()
            async let scanned = session.scan(Array("NEXT-CUSTOMER-1".utf8), from: ScanOrigin(device: "serial:/dev/ttyACM0", kind: .barcode), at: 9)
            let (entry, _) = await (registered, scanned)
            // Scanned before the registration read the counter, it has no price yet and the till refuses; scanned
            // during the write, it is not in the entry: either way it is still on the counter, never lost.
            #expect(await session.snapshot().items.map(\.serialNumber).contains("NEXT-CUSTOMER-1"))
            if let entry {
                let stored = try #require(try await store.entry(number: entry.entryNumber))
                #expect(!stored.items.contains { $0.serialNumber == "NEXT-CUSTOMER-1" })
                #expect(await session.snapshot().items.count == 1)
            }
            // It is a hit: the warning holds the till, and its audit row is written once, not again for the next customer.
            #expect(await session.openHit?.identifier == "NEXT-CUSTOMER-1")
            await session.settle()
            let hits = try await store.auditEvents(on: nil, limit: 100).filter {
                $0.action == AuditAction.hitRaised.rawValue && $0.detail.contains("NEXT-CUSTOMER-1")
            }
            #expect(hits.count == 1)
        }
    }

    @Test("A hit scanned while the register waits to write the customer stays for the next one: checked and audited once")
    func scanWhileTheWriteWaits() async throws {
        try await withFilledTill(.postgres, hotlist: ["NEXT-HOT-1"]) { (store: any RegisterStorage, session: CounterSession) async throws in
            let branch = try #require(store as? PostgresRegisterStore)
            // Another till holds the branch's counter, so this till's write waits at the lock, after it took the
            // counter's items: a scan now arrives during the write, deterministically.
            let (locked, lockedNow) = AsyncStream<Void>.makeStream()
            let (release, releaseNow) = AsyncStream<Void>.makeStream()
            let holder = Task {
                try await branch.client.withTransaction(logger: PostgresFixtures.logger) { connection in
                    try await connection.query("SELECT 1 FROM branch_counter WHERE branch_id = \(branch.branchID) FOR UPDATE",
                                               logger: PostgresFixtures.logger)
                    lockedNow.yield()
                    for await _ in release { break }
                }
            }
            for await _ in locked { break }
            let registering = Task { try await session.registerDraft(clerk: "Anna", approvalID: nil, idempotencyKey: "page-1-key") }
            let waiting = try await eventually(within: 10) {
                try await branch.client.query("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                    .collect().first?.decode(Int.self) == 1
            }
            #expect(waiting)
            _ = await session.scan(Array("NEXT-HOT-1".utf8), from: ScanOrigin(device: "serial:/dev/ttyACM0", kind: .barcode), at: 9)
            releaseNow.yield()
            try await holder.value
            let entry = try await registering.value
            // Registered without it; it stays, still a hit holding the till, its hit audited once.
            let stored = try #require(try await store.entry(number: entry.entryNumber))
            #expect(stored.items.map(\.serialNumber) == ["CLEAN-0"])
            let left = await session.snapshot()
            #expect(left.items.map(\.serialNumber) == ["NEXT-HOT-1"] && left.openHit?.identifier == "NEXT-HOT-1")
            await session.settle()
            let hits = try await store.auditEvents(on: nil, limit: 100).filter {
                $0.action == AuditAction.hitRaised.rawValue && $0.detail.contains("NEXT-HOT-1")
            }
            #expect(hits.count == 1)
        }
    }
}
