import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import CounterCore
@testable import CounterDevices

/// kill -9 at random moments while intakes are added, then a clean drain: the register holds every entry
/// exactly once. `SOAK_KILLS` sets the number of kills (default 50; `make soak` uses 500).
@Suite("Upload crash safety", .serialized)
struct UploadCrashTests {
    struct SimEntries: Decodable {
        struct Entry: Decodable { var idempotencyKey: String; var entryNumber: Int; var kind: String; var timesReceived: Int }
        var entries: [Entry]
    }

    /// Starts `counter-kiosk register-sim --port 0` and reads its URL from the first line.
    static func startSimulator(data: String, faults: [String]) throws -> (Process, String) {
        let process = Process()
        process.executableURL = Fixtures.kioskBinary
        process.arguments = ["register-sim", "--port", "0", "--data", data] + faults
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("listening on http://127.0.0.1:") else {
            process.terminate()
            throw CocoaError(.featureUnsupported)
        }
        return (process, String(text.dropFirst("listening on ".count)))
    }

    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = Fixtures.kioskBinary
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("kill -9 of the upload worker at random moments loses and duplicates nothing")
    func killNine() async throws {
        let kills = Int(ProcessInfo.processInfo.environment["SOAK_KILLS"] ?? "") ?? 50
        let folder = try TemporaryFolder()
        try Fixtures.setUpShop(in: folder)
        defer { folder.remove() }
        let data = folder.path + "/shop"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let (sim, url) = try await offPool {
            try Self.startSimulator(
                data: folder.path + "/sim", faults: ["--drop-after-commit", "0.2", "--fail-rate", "0.1", "--latency-ms", "5"])
        }
        defer { sim.terminate(); sim.waitUntilExit() }
        try """
            {"shop": {"name": "Goud & Zo", "kvkNumber": "12345678", "branch": "000012345678", "municipality": "Deventer"},
             "register": {"url": "\(url)", "batchSize": 3, "requestTimeoutSeconds": 5, "attemptTimeoutSeconds": 10,
                          "retryMinSeconds": 0, "retryMaxSeconds": 1}}
            """.write(toFile: data + "/config.json", atomically: true, encoding: .utf8)
        let intake = try Fixtures.exampleJSON
        var generator = SystemRandomNumberGenerator()
        var landed = 0, intakes = 0, round = 0
        let started = ContinuousClock.now
        while landed < kills && round < kills * 3 {
            round += 1
            // Mostly the kiosk's own worker (`run --headless`), sometimes `queue drain`.
            let worker = try Self.start(round % 5 == 0
                ? ["queue", "drain", "--data", data] : ["run", "--headless", "--data", data])
            for _ in 0..<Int.random(in: 1...2, using: &generator) {
                let added = try await runProcess(Fixtures.kioskBinary, ["intake", "add", "--data", data], input: intake)
                #expect(added.status == 0, "intake add: \(added.stderr)")
                if added.status == 0 { intakes += 1 }
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...150, using: &generator)))
            if worker.isRunning {
                kill(worker.processIdentifier, SIGKILL)
                landed += 1
            }
            await worker.exited()
        }
        #expect(landed >= kills)
        let drain = try await runProcess(Fixtures.kioskBinary, ["queue", "drain", "--data", data, "--timeout", "60"])
        #expect(drain.status == 0, "drain: \(drain.stdout) \(drain.stderr)")
        let status = try await runProcess(Fixtures.kioskBinary, ["queue", "status", "--json", "--data", data])
        #expect(status.stdout.contains("\"acknowledged\":\(intakes),"))
        #expect(status.stdout.contains("\"queued\":0,"))
        #expect(status.stdout.contains("\"sent\":0"))

        let (body, _) = try await URLSession.shared.data(from: URL(string: url + "/sim/entries")!)
        let stored = try JSONDecoder().decode(SimEntries.self, from: body).entries
        #expect(stored.count == intakes)
        #expect(stored.map(\.entryNumber).sorted() == Array(1...intakes))
        #expect(Set(stored.map(\.idempotencyKey)).count == intakes)
        let verify = try await runProcess(Fixtures.kioskBinary, ["verify", "--data", data])
        #expect(verify.status == 0, "verify: \(verify.stdout) \(verify.stderr)")
        let resent = stored.filter { $0.timesReceived > 1 }.count
        print("crash test: \(landed) kills in \(round) rounds, \(intakes) entries, \(resent) received more than once, "
              + "\(ContinuousClock.now - started)")
    }
}
