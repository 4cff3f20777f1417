import Foundation
import Logging
import PostgresNIO
import Synchronization
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Availability (issue 15, docs/technician-guide.md): a primary with a synchronous standby. Every entry a till
/// was told about is on the standby before the till hears of it (`synchronous_commit = remote_apply`); the
/// primary dies with `kill -9`, the standby is promoted and takes over the primary's address (as a virtual IP
/// or a DNS name moves in a shop), and the till carries on with the next number.
@Suite("The register survives the loss of its primary server")
struct PostgresFailoverTests {
    /// Registers under `key`, retrying while the server cannot be reached: a retry of an entry that did commit
    /// returns it (the key), never a second one.
    static func register(_ store: PostgresRegisterStore, serial: String, key: String) async throws -> RegisterEntry {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            do {
                return try await store.register(Fixtures.intake(serial: serial, paymentMethod: .card), at: Fixtures.tuesday,
                                                idempotencyKey: key, records: RegistrationRecords()).entry
            } catch {
                guard ContinuousClock.now < deadline else { throw error }
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    @Test("kill -9 of the primary, the standby promoted: no acknowledged entry lost, numbering goes on without a gap")
    func failover() async throws {
        let primary = try await PostgresCluster.start(
            fsync: true, settings: ["synchronous_standby_names": "standby", "synchronous_commit": "remote_apply"])
        let clusters = Mutex([primary])
        do {
            let standby = try await PostgresCluster.start(fsync: true, origin: .standbyOf(primary))
            clusters.withLock { $0.append(standby) }
            // The till's client knows one address; it stays the same across the failover.
            try await primary.running(primary.client()) { client in
                let store = try await PostgresFixtures.store(client)
                // The standby is the synchronous one before the first entry.
                try await withDeadline(.seconds(30)) {
                    while try await client.query("SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'")
                        .decode(Int.self).first(where: { _ in true }) != 1 {
                        try await Task.sleep(for: .milliseconds(100))
                    }
                }
                var acknowledged: [RegisterEntry] = []
                for i in 1...20 { acknowledged.append(try await Self.register(store, serial: "SN-\(i)", key: "till-1/\(i)")) }
                // Applied on the standby before the till heard of it.
                try await primary.running(standby.client()) { standbyClient in
                    let count = try await standbyClient.query("SELECT count(*) FROM entry").decode(Int.self).first { _ in true }
                    #expect(count == 20)
                }
                await primary.kill()
                await standby.shutDown()
                let promoted = try await PostgresCluster.start(fsync: true, origin: .folder(standby.folder), port: primary.port)
                clusters.withLock { $0.append(promoted) }
                try await promoted.running(promoted.client()) { admin in
                    try await admin.query("SELECT pg_promote()")
                }
                for i in 21...40 { acknowledged.append(try await Self.register(store, serial: "SN-\(i)", key: "till-1/\(i)")) }
                #expect(acknowledged.map(\.entryNumber) == Array(1...40))
                for entry in acknowledged { #expect(try await store.entry(number: entry.entryNumber) == entry) }
                let verified = try await store.verify()
                #expect(verified.isIntact && verified.entryCount == 40)
            }
        } catch {
            for cluster in clusters.withLock({ $0 }) { await cluster.stop() }
            throw error
        }
        for cluster in clusters.withLock({ $0 }) { await cluster.stop() }
    }
}
