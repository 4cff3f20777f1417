import Foundation
import PostgresNIO
import Testing
@testable import CounterCore
@testable import CounterDevices

/// The erasure after retention (AVG art. 5(1)(e); `retention.identityYears`), the same on both backends (issue 15).
@Suite("Erasure after retention, on SQLite and on PostgreSQL")
struct PurgeStorageTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
    static func at(_ iso: String) -> Date { ShopTimestamp().date(from: iso + "T10:00:00+01:00")! }

    @Test("Identities past retention go, not one held for the police; a chained event; no name search, no identity sent; whole",
          arguments: StorageBackend.allCases)
    func purge(backend: StorageBackend) async throws {
        try await backend.withStorage { store in
            _ = try await store.append(Fixtures.intake(surname: "Oudhuis", serial: "OLD-1", paymentMethod: .card), at: Self.at("2020-01-06"))
            let held = try await store.append(Fixtures.intake(surname: "Vasthoud", serial: "OLD-2", paymentMethod: .card),
                                              at: Self.at("2020-01-07"))
            _ = try await store.append(Fixtures.intake(surname: "Nieuwkoop", serial: "NEW-1", paymentMethod: .card), at: Self.at("2026-11-02"))
            try await store.openPoliceFlag(itemID: held.itemID(0), note: "politie komt kijken", at: Self.at("2026-12-01"))
            let today = Self.day("2026-12-07")
            let plan = try await store.purgePlan(today: today)
            #expect(plan.erased == [1] && plan.kept.map(\.entryNumber) == [2] && plan.kept.first?.reason == "policeFlag")
            #expect(plan.event == nil)
            #expect(try await store.entry(number: 1)?.seller != nil)

            let report = try await store.purge(today: today, at: Self.at("2026-12-07"), actor: "retention", photos: nil)
            #expect(report.erased == [1])
            let event = try #require(report.event)
            #expect(event.content.sequence == 1 && event.content.purge?.entryNumbers == [1]
                    && event.content.registerHead?.entryNumber == 3)
            let erased = try #require(try await store.entry(number: 1))
            #expect(erased.seller == nil && erased.identityErasedOn == today)
            #expect(try await store.entry(number: 2)?.seller?.surname == "Vasthoud")
            // The name no longer leads to the entry; its number still does (bookkeeping stays).
            #expect(try await store.search(RegisterSearch(seller: "Oudhuis")).hits.isEmpty)
            #expect(try await store.search(RegisterSearch(seller: "Vasthoud")).hits.map(\.row.entryNumber) == [2])
            #expect(try await store.search(RegisterSearch(serial: "OLD-1")).hits.map(\.row.entryNumber) == [1])
            // What the register (DOR) is sent for it holds no identity any more.
            let job = try #require(try await store.jobs(statuses: [.queued], limit: 10).first { $0.entryNumber == 1 })
            #expect(!String(decoding: job.payload, as: UTF8.self).contains("Oudhuis"))
            // Whole, and a second run on the same day erases nothing and writes no event.
            let verification = try await store.verify()
            #expect(verification.isIntact, "\(String(describing: verification.firstProblem))")
            let again = try await store.purge(today: today, at: Self.at("2026-12-07"), actor: "retention", photos: nil)
            #expect(again.erased.isEmpty && again.event == nil)
            #expect(try await store.auditEvents(on: nil, limit: 10).contains { $0.action == AuditAction.identitiesErased.rawValue })

            if let branch = store as? PostgresRegisterStore {
                // The database allows exactly the erasure: a kept entry's upload cannot lose (or change) what it sends.
                await #expect(throws: (any Error).self) {
                    try await branch.client.query("UPDATE upload_job SET payload = '\\x00' WHERE entry_number = 2")
                }
                // And an erasure no purge event names is found.
                try await branch.client.query("ALTER TABLE seller_identity DISABLE TRIGGER USER")
                try await branch.client.query("""
                    UPDATE seller_identity SET identity = NULL, salt = NULL, seller_key = NULL, erased_on = '2026-12-07'
                    WHERE entry_number = 3
                    """)
                #expect(try await branch.verify().firstProblem != nil)
            }
        }
    }

    @Test("On PostgreSQL a till's login may erase, with its photos, and nothing more")
    func tillErases() async throws {
        try await PostgresCluster.withClient { client, cluster in
            let owner = try await PostgresFixtures.store(client)
            let archive = PostgresPhotoArchive(client: client, branchID: owner.branchID, limits: PhotoLimits(), logger: PostgresFixtures.logger)
            let photo = try await archive.store(Data(PhotoStoreTests.png()), day: Self.day("2020-01-06"))
            var intake = Fixtures.intake(surname: "Oudhuis", serial: "OLD-1", paymentMethod: .card)
            intake.items[0].photos = [photo]
            _ = try await owner.append(intake, at: Self.at("2020-01-06"))
            try await client.query("CREATE ROLE till_purge LOGIN IN ROLE counter_kiosk")
            let tillClient = cluster.client(user: "till_purge")
            try await cluster.running(tillClient) { tillClient in
                let till = PostgresRegisterStore(client: tillClient, settings: owner.settings, logger: PostgresFixtures.logger)
                let report = try await till.purge(today: Self.day("2026-12-07"), at: Self.at("2026-12-07"), actor: "retention", photos: nil)
                #expect(report.erased == [1] && report.photos == [photo])
                await #expect(throws: PhotoStore.PhotoError.missing(sha256: photo.sha256)) { try await archive.photo(photo) }
                #expect(try await till.verify().isIntact)
                // Its grants let it take search rows and photos, not entries or events.
                await #expect(throws: (any Error).self) { try await tillClient.query("DELETE FROM register_event") }
                await #expect(throws: (any Error).self) { try await tillClient.query("DELETE FROM entry") }
            }
        }
    }
}
