import Foundation
import PostgresNIO
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 16: a register on PostgreSQL is backed up too: pg_dump at one snapshot, each branch's head read in that
/// snapshot, sealed like a data folder's snapshot; restored only into an empty database, after every branch verifies.
@Suite("Backup of a register on PostgreSQL")
struct ServerBackupTests {
    @Test("Two branches, entries made while it runs: the snapshot names exactly what it holds; a wrong code writes nothing; restored, every branch verifies")
    func roundTrip() async throws {
        try await PostgresCluster.withClient { client, cluster in
            let deventer = try await PostgresFixtures.store(client)
            let zwolle = try await PostgresFixtures.store(client, branch: PostgresFixtures.otherBranch)
            for i in 1...5 { _ = try await deventer.append(Fixtures.intake(serial: "D-\(i)", paymentMethod: .card), at: Fixtures.tuesday) }
            for i in 1...2 { _ = try await zwolle.append(Fixtures.intake(serial: "Z-\(i)", paymentMethod: .card), at: Fixtures.tuesday) }
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let data = DataFolder(path: folder.path + "/data")
            let code = try RegisterBackup.setUp(data)
            let location = try PostgresLocation(url: "postgres://\(cluster.user)@127.0.0.1:\(cluster.port)/postgres?sslmode=disable")

            // A till keeps registering during the backup: what the manifest names is what the dump holds.
            let writer = Task {
                for i in 6...40 { _ = try await deventer.append(Fixtures.intake(serial: "D-\(i)", paymentMethod: .card), at: Fixtures.tuesday) }
            }
            let report = try await ServerBackup.take(location, password: nil, folder: data, code: code, to: folder.path + "/backups",
                                                     logger: PostgresFixtures.logger)
            try await writer.value
            let branches = try #require(report.manifest.branches)
            #expect(branches.map(\.id) == [PostgresFixtures.branch.id, PostgresFixtures.otherBranch.id])
            #expect(branches[0].entryCount >= 5 && branches[1].entryCount == 2)
            #expect(branches[1].headHash == (try await zwolle.head())?.hash)
            #expect(BackupStatus.read(data).lastGood?.entryCount == report.manifest.entryCount)

            try await client.query("CREATE DATABASE restored", logger: PostgresFixtures.logger)
            let target = try PostgresLocation(url: "postgres://\(cluster.user)@127.0.0.1:\(cluster.port)/restored?sslmode=disable")
            await #expect(throws: BackupError.wrongCode) {
                try await ServerBackup.restore(from: folder.path + "/backups", code: RecoveryCode.generate(), into: target,
                                               password: nil, logger: PostgresFixtures.logger)
            }
            let restoredClient = target.client(password: nil, logger: PostgresFixtures.logger)
            try await cluster.running(restoredClient) { restoredClient in
                let tables = try await restoredClient.query("SELECT count(*)::bigint FROM pg_tables WHERE schemaname = 'public'",
                                                            logger: PostgresFixtures.logger).decode(Int64.self).first { _ in true }
                #expect(tables == 0, "a wrong code wrote nothing")
                // A data folder's restore refuses a server's snapshot.
                #expect(throws: BackupError.notServerSnapshot) {
                    try RegisterRestore.restore(from: report.path, code: code, into: folder.path + "/wrong")
                }

                let restored = try await ServerBackup.restore(from: folder.path + "/backups", code: code, into: target, password: nil,
                                                              logger: PostgresFixtures.logger)
                #expect(restored.manifest.entryCount == branches[0].entryCount + 2)
                let store = try await PostgresRegisterStore.open(client: restoredClient, configuration: .defaults,
                                                                 branchID: PostgresFixtures.branch.id, logger: PostgresFixtures.logger,
                                                                 anchorFolder: folder.path)
                #expect(try await store.entryCount() == branches[0].entryCount)
                #expect(try await store.head()?.hash == branches[0].headHash)
                // The same on the command line, as the server's timer runs it.
                let codeFile = folder.path + "/code"
                try code.write(file: codeFile)
                let url = "postgres://\(cluster.user)@127.0.0.1:\(cluster.port)/postgres?sslmode=disable"
                let taken = try await runProcess(Fixtures.kioskBinary, ["backup", "--data", data.path, "--database", url,
                                                                        "--to", folder.path + "/cli", "--recovery-code-file", codeFile])
                #expect(taken.status == 0 && taken.stdout.contains(": 42 entries"), "\(taken.stdout)\(taken.stderr)")
                try await client.query("CREATE DATABASE restored2", logger: PostgresFixtures.logger)
                let back = try await runProcess(Fixtures.kioskBinary, [
                    "restore", "--from", folder.path + "/cli", "--recovery-code-file", codeFile,
                    "--database", "postgres://\(cluster.user)@127.0.0.1:\(cluster.port)/restored2?sslmode=disable"])
                #expect(back.status == 0 && back.stdout.contains("2 branches, 42 entries"), "\(back.stdout)\(back.stderr)")
                // Into a database that holds a register: refused.
                await #expect(throws: BackupError.targetHoldsRegister(path: target.description)) {
                    try await ServerBackup.restore(from: folder.path + "/backups", code: code, into: target, password: nil,
                                                   logger: PostgresFixtures.logger)
                }
            }
        }
    }
}
