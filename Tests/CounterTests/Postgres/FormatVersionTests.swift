import Foundation
import GRDB
import PostgresNIO
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 16 (upgrades): a register outlives many releases. A newer release's format is never opened by an older
/// one (a downgrade), and a database not yet upgraded to this release's schema is refused with what to do.
@Suite("Register formats across releases")
struct FormatVersionTests {
    static let configuration = {
        var config = CounterConfiguration.defaults
        config.shop = Fixtures.shop
        return config
    }()

    @Test("A register a newer version brought further is refused by this one, in words, and left as it was")
    func newerFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path: String
        do {
            let store = try Fixtures.store(in: folder)
            _ = try store.append(Fixtures.intake(), at: Fixtures.tuesday)
            path = store.path
        }
        // What a newer release's migration leaves: a step this release does not know.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: a format from the future')")
        }
        #expect(throws: RegisterStoreError.newerFormat(found: "v99: a format from the future")) { try Fixtures.store(in: folder) }
        #expect(RegisterStoreError.newerFormat(found: "v99").description.contains("Nothing was changed"))
        let entries = try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entry") }
        #expect(entries == 1)
    }

    @Test("On PostgreSQL a till refuses a database behind this release (upgrade-database first) or ahead of it")
    func serverSchema() async throws {
        try await PostgresCluster.withClient { client, cluster in
            // A database as the release before this one left it: schema version 2.
            try await PostgresRegisterSchema.migrate(client, logger: PostgresFixtures.logger, upTo: 2)
            try await PostgresFixtures.branch.add(to: client, sellerKeySecret: Fixtures.secret, logger: PostgresFixtures.logger)
            let branchID = PostgresFixtures.branch.id
            let newest = PostgresRegisterSchema.newest
            await #expect(throws: RegisterStoreError.schemaBehind(found: 2, needed: newest)) {
                _ = try await PostgresRegisterStore.open(client: client, configuration: Self.configuration, branchID: branchID,
                                                         logger: PostgresFixtures.logger)
            }
            // The technician upgrades it; run again, it changes nothing.
            let url = "postgres://\(cluster.user)@127.0.0.1:\(cluster.port)/postgres?sslmode=disable"
            let upgraded = try await runProcess(Fixtures.kioskBinary, ["upgrade-database", "--database", url])
            #expect(upgraded.status == 0 && upgraded.stdout.contains("from schema version 2 to \(newest)"), "\(upgraded.stderr)")
            let again = try await runProcess(Fixtures.kioskBinary, ["upgrade-database", "--database", url])
            #expect(again.status == 0 && again.stdout.contains("already"), "\(again.stderr)")
            let store = try await PostgresRegisterStore.open(client: client, configuration: Self.configuration, branchID: branchID,
                                                             logger: PostgresFixtures.logger)
            #expect(try await store.append(Fixtures.intake(paymentMethod: .card), at: Fixtures.tuesday).entryNumber == 1)
            // A newer release has been here: this one neither opens nor upgrades it.
            try await client.query("INSERT INTO counter_schema (version) VALUES (99)")
            await #expect(throws: RegisterStoreError.newerFormat(found: "schema version 99")) {
                _ = try await PostgresRegisterStore.open(client: client, configuration: Self.configuration, branchID: branchID,
                                                         logger: PostgresFixtures.logger)
            }
            let refused = try await runProcess(Fixtures.kioskBinary, ["upgrade-database", "--database", url])
            #expect(refused.status == 1 && refused.stderr.contains("newer version of Counter"), "\(refused.stderr)")
        }
    }
}
