import Counter
import CounterTesting
import Foundation
import Logging

/// Intakes per second on PostgreSQL (issue 15): tills registering at once on one branch (every entry waits for
/// its branch's counter row), and on a branch each, next to SQLite with a single till in the same run. Each
/// till is a client of its own, as a kiosk process is; every commit is flushed (`fsync=on`, synchronous commit).
enum PostgresBench {
    static let kvk = "12345678"

    static func run() async throws -> [BenchResult] {
        let sqlite = try sqliteRate(count: 1_000)
        let cluster = try await PostgresCluster.start(fsync: true)
        do {
            let results = try await measure(cluster)
            await cluster.stop()
            return [sqlite] + results
        } catch {
            await cluster.stop()
            throw error
        }
    }

    static func sqliteRate(count: Int) throws -> BenchResult {
        let register = try BenchRegister("pg-compare")
        defer { register.remove() }
        for _ in 0..<20 { _ = try register.store.append(BenchRegister.intake, at: Date()) }
        let start = ContinuousClock.now
        for _ in 0..<count { _ = try register.store.append(BenchRegister.intake, at: Date()) }
        return BenchResult(name: "SQLite, 1 till", value: Double(count) / (ContinuousClock.now - start).seconds,
                           unit: "intakes/s", goal: nil, note: "\(count) intakes, the embedded register, same run")
    }

    static func measure(_ cluster: PostgresCluster) async throws -> [BenchResult] {
        let logger = {
            var logger = Logger(label: "bench.postgres")
            logger.logLevel = .error
            return logger
        }()
        let location = try PostgresLocation(url: "postgres://\(cluster.user)@127.0.0.1:\(cluster.port)/postgres?sslmode=disable")
        let branches = (0...32).map { i in
            PostgresBranch(tenantID: "bench", tenantName: "Bench", name: "Filiaal \(i)", kvkNumber: kvk,
                           branchNumber: String(format: "%012d", 12_345_678 + i), municipality: "Deventer")
        }
        try await location.withClient(password: nil, logger: logger) { client in
            try await PostgresRegisterStore.migrate(client, logger: logger)
            for branch in branches { try await branch.add(to: client, logger: logger) }
        }
        let main = branches[0].id
        let one = try await rate(location, tills: Array(repeating: main, count: 1), perTill: 1_000, logger)
        let eight = try await rate(location, tills: Array(repeating: main, count: 8), perTill: 250, logger)
        let thirtyTwo = try await rate(location, tills: Array(repeating: main, count: 32), perTill: 60, logger)
        let spread = try await rate(location, tills: branches[1...].map(\.id), perTill: 60, logger)
        let verified = try await location.withClient(password: nil, logger: logger) { client in
            try await PostgresRegisterStore(client: client, settings: settings(main), logger: logger).verify()
        }
        guard verified.isIntact, verified.entryCount == 1_000 + 8 * 250 + 32 * 60 else {
            throw BenchFailure(description: "branch register does not verify: \(verified.firstProblem?.description ?? "\(verified.entryCount) entries")")
        }
        return [
            BenchResult(name: "PostgreSQL, 1 till on one branch", value: one, unit: "intakes/s", goal: nil, note: "1 000 intakes"),
            BenchResult(name: "PostgreSQL, 8 tills on one branch", value: eight, unit: "intakes/s", goal: "≥ 500 intakes/s",
                        note: "8 × 250 intakes at once, numbered without a gap (the branch verifies)"),
            BenchResult(name: "PostgreSQL, 32 tills on one branch", value: thirtyTwo, unit: "intakes/s", goal: nil, note: "32 × 60 intakes at once"),
            BenchResult(name: "PostgreSQL, 32 tills on 32 branches", value: spread, unit: "intakes/s", goal: nil,
                        note: "32 × 60 intakes at once, a branch each"),
        ]
    }

    static func settings(_ branch: String) -> RegisterSettings {
        RegisterSettings(shopID: branch, sellerKeySecret: Data(repeating: 1, count: 32))
    }

    /// Intakes per second with one client per till, all starting together.
    static func rate(_ location: PostgresLocation, tills: [String], perTill: Int, _ logger: Logger) async throws -> Double {
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for branch in tills {
                group.addTask {
                    try await location.withClient(password: nil, logger: logger) { client in
                        let store = PostgresRegisterStore(client: client, settings: settings(branch), logger: logger)
                        for _ in 0..<perTill { _ = try await store.append(BenchRegister.intake, at: Date()) }
                    }
                }
            }
            try await group.waitForAll()
        }
        return Double(tills.count * perTill) / (ContinuousClock.now - start).seconds
    }
}

/// A benchmark whose result cannot be trusted, in words.
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
}
