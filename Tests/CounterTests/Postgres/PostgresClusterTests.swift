import Foundation
import Logging
import PostgresNIO
import Testing

/// Issue 15's ground: the tests' own PostgreSQL cluster, reached the way the backend will reach it
/// (postgres-nio's `PostgresClient` run beside the work), and the design the backend's numbering rests on.
@Suite("PostgreSQL cluster for the tests")
struct PostgresClusterTests {
    @Test("A cluster starts on a free loopback port, answers as its one user, and is removed afterwards")
    func startsAndGoes() async throws {
        let folder = try await PostgresCluster.withClient { client, cluster in
            var seen: [(String, Int)] = []
            for try await row in try await client.query("SELECT current_user::text, current_setting('server_version_num')::int").decode((String, Int).self) {
                seen.append(row)
            }
            #expect(seen.count == 1 && seen[0].0 == cluster.user && seen[0].1 >= 150_000)
            #expect(FileManager.default.fileExists(atPath: cluster.folder + "/data/PG_VERSION"))
            return cluster.folder
        }
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test("Eight writers numbering through one locked counter row get 1…400 without a gap or a repeat")
    func counterRowNumbering() async throws {
        let numbers = try await PostgresCluster.withClient { client, _ in
            try await client.query("CREATE TABLE branch_counter (branch text PRIMARY KEY, last_number bigint NOT NULL)")
            try await client.query("CREATE TABLE entry (branch text NOT NULL, number bigint NOT NULL, PRIMARY KEY (branch, number))")
            try await client.query("INSERT INTO branch_counter VALUES ('utrecht-1', 0)")
            return try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        var mine: [Int] = []
                        for _ in 0..<50 {
                            // One statement, one transaction: the counter row's lock orders the writers.
                            let rows = try await client.query("""
                                WITH next AS (UPDATE branch_counter SET last_number = last_number + 1
                                              WHERE branch = 'utrecht-1' RETURNING last_number)
                                INSERT INTO entry SELECT 'utrecht-1', last_number FROM next RETURNING number
                                """)
                            for try await number in rows.decode(Int.self) { mine.append(number) }
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: [Int]()) { $0 += $1 }
            }
        }
        #expect(numbers.sorted() == Array(1...400))
    }
}
