import Counter
import Foundation
import Logging
import RegisterSimulator

/// 10 000 queued entries drained by the upload worker to the register simulator in this process, over HTTP
/// on loopback: how long it takes, and that the simulator holds each entry exactly once.
enum UploadBench {
    static func run(entries count: Int = 10_000) async throws -> [BenchResult] {
        let register = try BenchRegister("upload")
        defer { register.remove() }
        let (store, intake, dir) = (register.store, BenchRegister.intake, register.folder)
        for _ in 0..<count { _ = try store.append(intake, at: Date()) }
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        let sim = try await RegisterSimulator(settings: .init(dataFolder: dir + "/sim")).start(logger: logger)
        let worker = UploadWorker(store: store, gateway: try HTTPRegisterGateway(baseURL: sim.url, token: nil),
                                  settings: .init(batchSize: 100), logger: logger)
        let start = ContinuousClock.now
        let summary = try await worker.drain(deadline: Date().addingTimeInterval(600))
        let seconds = (ContinuousClock.now - start).seconds
        let stored = try await sim.simulator.entries()
        await sim.stop()
        let duplicates = stored.count - Set(stored.map(\.entryNumber)).count
        let missing = count - Set(stored.map(\.entryNumber)).count
        return [
            BenchResult(name: "Upload: drain \(count) queued entries to the simulator", value: seconds, unit: "s",
                        goal: "≤ 30 s", note: "batches of 100 over HTTP on loopback; \(summary.acknowledged) acknowledged"),
            BenchResult(name: "Upload: throughput", value: Double(count) / seconds, unit: "entries/s", goal: nil, note: nil),
            BenchResult(name: "Upload: duplicates / missing in the register", value: Double(duplicates + missing), unit: "",
                        goal: "0", note: "\(duplicates) duplicates, \(missing) missing of \(stored.count) stored"),
        ]
    }
}
