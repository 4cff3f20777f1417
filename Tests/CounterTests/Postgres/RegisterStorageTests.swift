import Foundation
import Logging
import PostgresNIO
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Where a test's register is kept: the embedded SQLite file or a PostgreSQL database of a throw-away cluster.
enum StorageBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// Runs `body` with an empty register of the test shop on this backend, gone afterwards.
    func withStorage<T: Sendable>(_ body: @escaping @Sendable (any RegisterStorage) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            return try await body(try Fixtures.store(in: folder))
        case .postgres:
            return try await PostgresCluster.withClient { client, _ in
                try await body(try await PostgresFixtures.store(client))
            }
        }
    }
}

enum PostgresFixtures {
    static let logger = Logger(label: "test.register")
    static let branch = PostgresBranch(tenantID: "goud-en-zo", tenantName: "Goud & Zo", name: "Deventer",
                                       kvkNumber: "12345678", branchNumber: "000012345678", municipality: "Deventer")
    static let otherBranch = PostgresBranch(tenantID: "goud-en-zo", tenantName: "Goud & Zo", name: "Zwolle",
                                            kvkNumber: "12345678", branchNumber: "000087654321", municipality: "Zwolle")

    /// The register schema in the cluster's database, `branch` added, and a store of it.
    static func store(_ client: PostgresClient, branch: PostgresBranch = branch) async throws -> PostgresRegisterStore {
        try await PostgresRegisterStore.migrate(client, logger: logger)
        try await branch.add(to: client, sellerKeySecret: Fixtures.secret, logger: logger)
        return PostgresRegisterStore(client: client, settings: RegisterSettings(shopID: branch.id, sellerKeySecret: Fixtures.secret),
                                     logger: logger)
    }
}

/// The register's behaviour, the same on both backends (issue 15: one store test suite, two backends).
@Suite("Register storage, on SQLite and on PostgreSQL")
struct RegisterStorageTests {
    @Test("An intake becomes entry 1, read back as written, counted, at the head, and the register verifies",
          arguments: StorageBackend.allCases)
    func appendAndRead(backend: StorageBackend) async throws {
        try await backend.withStorage { store in
            let first = try await store.append(Fixtures.intake(serial: "SN-1"), at: Fixtures.tuesday)
            let second = try await store.append(Fixtures.intake(serial: "SN-2", paymentMethod: .card), at: Fixtures.tuesday)
            #expect(first.entryNumber == 1 && second.entryNumber == 2)
            #expect(second.previousHash == first.hash)
            #expect(first.shopID == Fixtures.shopID)
            #expect(first.items[0].holdUntil != nil)
            #expect(try await store.entry(number: 1) == first)
            #expect(try await store.entry(number: 3) == nil)
            #expect(try await store.entries(on: CalendarDate(Fixtures.tuesday)) == [first, second])
            #expect(try await store.entries(on: CalendarDate(iso: "2025-11-19")!) == [])
            #expect(try await store.entryCount() == 2)
            #expect(try await store.head() == RegisterAnchor.Head(entryNumber: 2, hash: second.hash))
            let verification = try await store.verify()
            #expect(verification.isIntact && verification.entryCount == 2 && verification.headHash == second.hash)
        }
    }

    @Test("An integration's token finds its account in one read on both backends; a PIN, another token or a revoked one finds none",
          arguments: StorageBackend.allCases)
    func integrationToken(backend: StorageBackend) async throws {
        try await backend.withStorage { store in
            let staff = StaffDirectory(store: store, iterations: 100)
            _ = try await staff.add(name: "Piet", role: .owner, pin: "908172", by: "test", at: Fixtures.tuesday)
            let (account, token) = try await staff.addIntegration(name: "Kassa-POS", by: "Piet", at: Fixtures.tuesday)
            let (_, other) = try await staff.addIntegration(name: "Webwinkel", by: "Piet", at: Fixtures.tuesday)
            #expect(try await staff.integration(presenting: token.value) == account)
            #expect(try await staff.integration(presenting: other.value)?.name == "Webwinkel")
            #expect(try await staff.integration(presenting: "908172") == nil)
            #expect(try await staff.integration(presenting: IntegrationToken.generate().value) == nil)
            try await staff.setDisabled("Kassa-POS", disabled: true, by: "Piet", at: Fixtures.tuesday)
            #expect(try await staff.integration(presenting: token.value) == nil)
            #expect(try await staff.integration(presenting: other.value)?.name == "Webwinkel")
        }
    }

    @Test("The register's health: whole with its head; damaged, it says what to do for a file or for a server",
          arguments: StorageBackend.allCases)
    func health(backend: StorageBackend) async throws {
        try await backend.withStorage { store in
            let entry = try await store.append(Fixtures.intake(serial: "SN-1"), at: Fixtures.tuesday)
            let whole = try await store.health()
            #expect(whole.isWhole && whole.head == RegisterAnchor.Head(entryNumber: 1, hash: entry.hash) && whole.whatToDo(.nl) == nil)
            store.markDamaged(.contentAltered(entryNumber: 1))
            let damaged = try await store.health()
            #expect(damaged.problem == .contentAltered(entryNumber: 1))
            let advice = try #require(damaged.whatToDo(.en))
            #expect(advice.contains(damaged.registerPath))
            #expect(advice.contains("pg_dump") == (backend == .postgres) && damaged.onServer == (backend == .postgres))
        }
    }

    @Test("A retried registration returns the first entry and writes nothing; its checks and audit go with it",
          arguments: StorageBackend.allCases)
    func idempotentRegistration(backend: StorageBackend) async throws {
        try await backend.withStorage { store in
            let check = ItemCheck(itemID: "", checkedAt: Fixtures.tuesday, status: .clear, sources: ["hotlist 2025-11-18"])
            let records = RegistrationRecords(
                checks: [0: check], audit: [AuditRecord(.intakeRegistered, actor: "Anna", subject: "{entry}", detail: "")])
            let first = try await store.register(Fixtures.intake(), at: Fixtures.tuesday, idempotencyKey: "till-1/7", records: records)
            let again = try await store.register(Fixtures.intake(), at: Fixtures.tuesday, idempotencyKey: "till-1/7", records: records)
            #expect(!first.replayed && again.replayed)
            #expect(again.entry == first.entry)
            #expect(try await store.entryCount() == 1)
            let checks = try await store.checks(itemID: "1-1")
            #expect(checks.count == 1 && checks.first?.status == .clear && checks.first?.itemID == "1-1")
            let audit = try await store.auditEvents(on: nil, limit: 10)
            #expect(audit.map(\.subject) == ["1"])
            #expect(audit.map(\.action) == [AuditAction.intakeRegistered.rawValue])
        }
    }

    @Test("Two requests with one key at the same moment (a double click, a retry racing its first try): one entry",
          arguments: StorageBackend.allCases)
    func racingRetries(backend: StorageBackend) async throws {
        try await backend.withStorage { store in
            let results = try await withThrowingTaskGroup(of: (entry: RegisterEntry, replayed: Bool).self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await store.register(Fixtures.intake(), at: Fixtures.tuesday, idempotencyKey: "till-1/9",
                                                 records: RegistrationRecords())
                    }
                }
                return try await group.reduce(into: [(entry: RegisterEntry, replayed: Bool)]()) { $0.append($1) }
            }
            #expect(results.filter { !$0.replayed }.count == 1)
            #expect(Set(results.map(\.entry.entryNumber)) == [1] && Set(results.map(\.entry.hash)).count == 1)
            #expect(try await store.entryCount() == 1)
            #expect(try await store.outboxSummary(now: Fixtures.tuesday).queued == 1)
        }
    }

    @Test("The outbox: a job is claimed once, sent until its answer, and acknowledged for good",
          arguments: StorageBackend.allCases)
    func outbox(backend: StorageBackend) async throws {
        try await backend.withStorage { store in
            for i in 1...3 { _ = try await store.append(Fixtures.intake(serial: "SN-\(i)", paymentMethod: .card), at: Fixtures.tuesday) }
            let now = Fixtures.tuesday
            let claimed = try await store.claimDueJobs(now: now, answerBy: now.addingTimeInterval(30), limit: 2)
            #expect(claimed.map(\.entryNumber) == [1, 2])
            #expect(claimed.allSatisfy { $0.status == .sent && $0.attempts == 1 })
            #expect(try RegisterEntry.decode(document: claimed[0].payload).seller?.surname == "Jansen")
            // Claimed jobs wait for their answer; only the third is due.
            let next = try await store.claimDueJobs(now: now, answerBy: now.addingTimeInterval(30), limit: 5)
            #expect(next.map(\.entryNumber) == [3])
            try await store.recordAnswers([.acknowledged(id: claimed[0].id, reference: "DOR-1"),
                                           .rejected(id: claimed[1].id, reason: "onvolledig"),
                                           .failed(id: next[0].id, error: "500", retryAt: now.addingTimeInterval(60))], now: now)
            let summary = try await store.outboxSummary(now: now)
            #expect(summary.acknowledged == 1 && summary.rejected == 1 && summary.queued == 1 && summary.sent == 0)
            #expect(try await store.claimDueJobs(now: now.addingTimeInterval(59), answerBy: now.addingTimeInterval(90), limit: 5).isEmpty)
            #expect(try await store.claimDueJobs(now: now.addingTimeInterval(61), answerBy: now.addingTimeInterval(90), limit: 5)
                .map(\.entryNumber) == [3])
        }
    }

    @Test("Cash to one seller adds up over tickets: the second €2 000 in cash within a day is refused",
          arguments: StorageBackend.allCases)
    func cashBan(backend: StorageBackend) async throws {
        try await backend.withStorage { store in
            var intake = Fixtures.intake()
            intake.priceCents = 200_000
            let now = Date(timeIntervalSince1970: 1_780_000_000)  // 2026, when the ban is in force
            _ = try await store.append(intake, at: now)
            await #expect(throws: IntakeError.self) { try await store.append(intake, at: now.addingTimeInterval(600)) }
            intake.paymentMethod = .bankTransfer
            #expect(try await store.append(intake, at: now.addingTimeInterval(700)).entryNumber == 2)
        }
    }

    @Test("A correction must name an entry the register has", arguments: StorageBackend.allCases)
    func correctionOfNothing(backend: StorageBackend) async throws {
        try await backend.withStorage { store async throws in
            var intake = Fixtures.intake()
            intake.corrects = 5
            intake.correctionReason = "verkeerde prijs"
            await #expect(throws: IntakeError.correctedEntryNotFound(5)) { try await store.append(intake, at: Fixtures.tuesday) }
            #expect(try await store.entryCount() == 0)
        }
    }
}
