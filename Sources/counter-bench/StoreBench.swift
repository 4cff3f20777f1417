import Counter
import Foundation

/// Register writes as the counter does them: each intake its own IMMEDIATE transaction with
/// `synchronous=FULL`, so every commit is fsync'd before the entry number is shown.
enum StoreBench {
    static func run() throws -> [BenchResult] {
        let register = try BenchRegister("store")
        defer { register.remove() }
        let (store, intake) = (register.store, BenchRegister.intake)
        // Warm up the file and the statement cache.
        for _ in 0..<20 { _ = try store.append(intake, at: Date()) }
        let count = 1_000
        var latencies: [Double] = []
        latencies.reserveCapacity(count)
        let start = ContinuousClock.now
        for _ in 0..<count {
            let t0 = ContinuousClock.now
            _ = try store.append(intake, at: Date())
            latencies.append((ContinuousClock.now - t0).seconds * 1e3)
        }
        let elapsed = (ContinuousClock.now - start).seconds
        let verifyStart = ContinuousClock.now
        let verification = try store.verify()
        let verifySeconds = (ContinuousClock.now - verifyStart).seconds
        latencies.sort()
        return [
            BenchResult(name: "Register: fsync'd intake commits", value: Double(count) / elapsed, unit: "commits/s",
                        goal: "≥ 300 commits/s", note: "\(count) single-entry transactions, synchronous=FULL, WAL"),
            BenchResult(name: "Register: commit latency p50", value: latencies[count / 2], unit: "ms", goal: nil, note: nil),
            BenchResult(name: "Register: commit latency p99", value: latencies[count * 99 / 100], unit: "ms", goal: nil, note: nil),
            BenchResult(name: "Register: verify \(verification.entryCount) entries", value: verifySeconds * 1e3, unit: "ms",
                        goal: nil, note: verification.isIntact ? "intact" : "NOT INTACT"),
        ]
    }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
