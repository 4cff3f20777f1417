import Foundation
import Logging
import RegisterSimulator
import Testing
@testable import CounterCore
@testable import CounterDevices

/// The HTTP gateway against the register simulator over real HTTP on loopback, one fault at a time.
@Suite("Register simulator over HTTP")
struct RegisterSimulatorTests {
    static func upload(_ n: Int, payload: String = #"{"items":[{"serialNumber":"X"}]}"#) -> RegisterUpload {
        RegisterUpload(idempotencyKey: "12345678/000012345678/entry/\(n)", entryNumber: n, kind: .entry, payload: Data(payload.utf8))
    }

    static func start(_ folder: TemporaryFolder, token: String? = nil, faults: SimulatorFaults = .none) async throws
        -> RunningRegisterSimulator {
        try await RegisterSimulator(settings: .init(dataFolder: folder.path + "/sim", token: token, faults: faults)).start(logger: .quiet)
    }

    @Test("Accepted, then duplicate under the same key; status by key; one stored entry, received twice")
    func idempotency() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sim = try await Self.start(folder, token: "t0k3n")
        defer { Task { await sim.stop() } }
        let gateway = try HTTPRegisterGateway(baseURL: sim.url, token: "t0k3n")
        let first = try await gateway.upload([Self.upload(1), Self.upload(2)])
        #expect(first.map(\.outcome) == [.accepted(reference: "SIM-1"), .accepted(reference: "SIM-2")])
        let again = try await gateway.upload([Self.upload(2), Self.upload(3)])
        #expect(again.map(\.outcome) == [.duplicate(reference: "SIM-2"), .accepted(reference: "SIM-3")])
        let status = try await gateway.status(idempotencyKey: "12345678/000012345678/entry/2")
        #expect(status?.entryNumber == 2 && status?.registerReference == "SIM-2")
        #expect(try await gateway.status(idempotencyKey: "12345678/000012345678/entry/99") == nil)
        let changed = try await gateway.upload([Self.upload(1, payload: #"{"other":1}"#)])
        #expect(changed.first?.outcome == .rejected(reason: "idempotency key already used for different content"))
        let stored = try await sim.simulator.entries()
        #expect(stored.map(\.entryNumber) == [1, 2, 3])
        #expect(stored.map(\.timesReceived) == [2, 2, 1])
    }

    @Test("A wrong or missing bearer token is refused with a message about the token")
    func token() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sim = try await Self.start(folder, token: "right")
        defer { Task { await sim.stop() } }
        for token in ["wrong", nil] {
            let gateway = try HTTPRegisterGateway(baseURL: sim.url, token: token)
            await #expect(throws: RegisterGatewayError.unauthorized(401)) { try await gateway.upload([Self.upload(1)]) }
        }
        #expect(RegisterGatewayError.unauthorized(401).description.contains("register.token"))
        #expect(try await sim.simulator.entries().isEmpty)
    }

    @Test("--fail-rate: HTTP 500/503, nothing stored")
    func failRate() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sim = try await Self.start(folder, faults: .init(failRate: 1))
        defer { Task { await sim.stop() } }
        let gateway = try HTTPRegisterGateway(baseURL: sim.url, token: nil)
        for _ in 0..<6 {
            do {
                _ = try await gateway.upload([Self.upload(1)])
                Issue.record("expected an HTTP error")
            } catch {
                guard case .httpStatus(let code, _) = error.reason else { Issue.record("wrong error \(error)"); continue }
                #expect(code == 500 || code == 503)
            }
        }
        #expect(try await sim.simulator.entries().isEmpty)
    }

    @Test("--latency-ms: every answer comes that much later")
    func latency() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sim = try await Self.start(folder, faults: .init(latencyMilliseconds: 300))
        defer { Task { await sim.stop() } }
        let gateway = try HTTPRegisterGateway(baseURL: sim.url, token: nil)
        let start = ContinuousClock.now
        _ = try await gateway.upload([Self.upload(1)])
        #expect(ContinuousClock.now - start >= .milliseconds(300))
    }

    @Test("--timeout-rate: no answer; the gateway gives up after its timeout and says so")
    func timeoutRate() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sim = try await Self.start(folder, faults: .init(timeoutRate: 1))
        defer { Task { await sim.stop() } }
        let gateway = try HTTPRegisterGateway(baseURL: sim.url, token: nil, timeout: .seconds(1))
        let start = ContinuousClock.now
        await #expect(throws: RegisterGatewayError.timeout) { try await gateway.upload([Self.upload(1)]) }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(5))
    }

    @Test("--drop-after-commit: stored but unanswered; the resend under the same key is a duplicate")
    func dropAfterCommit() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let dropping = try await Self.start(folder, faults: .init(dropAfterCommitRate: 1))
        let gateway = try HTTPRegisterGateway(baseURL: dropping.url, token: nil, timeout: .seconds(5))
        do {
            _ = try await gateway.upload([Self.upload(1)])
            Issue.record("expected no answer")
        } catch {
            #expect(error != .timeout)   // the connection closed: no need to wait for the timeout
        }
        #expect(try await dropping.simulator.entries().map(\.entryNumber) == [1])
        await dropping.stop()
        // The same register, answering again.
        let sim = try await Self.start(folder)
        defer { Task { await sim.stop() } }
        let results = try await HTTPRegisterGateway(baseURL: sim.url, token: nil).upload([Self.upload(1)])
        #expect(results.first?.outcome == .duplicate(reference: "SIM-1"))
        #expect(try await sim.simulator.entries().map(\.timesReceived) == [2])
    }

    @Test("--reject-field: entries containing the field (or, with !, missing it) are rejected with a reason; 422 when all are")
    func rejectField() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sim = try await Self.start(folder, faults: .init(rejectField: "imei"))
        let gateway = try HTTPRegisterGateway(baseURL: sim.url, token: nil)
        let withIMEI = #"{"items":[{"imei":"356938035643809"}]}"#
        let results = try await gateway.upload([Self.upload(1), Self.upload(2, payload: withIMEI)])
        #expect(results.map(\.outcome) == [.accepted(reference: "SIM-1"), .rejected(reason: "field imei is not accepted")])
        let allRejected = try await gateway.upload([Self.upload(3, payload: withIMEI)])   // HTTP 422
        #expect(allRejected.first?.outcome == .rejected(reason: "field imei is not accepted"))
        await sim.stop()
        let requiring = try await Self.start(folder, faults: .init(rejectField: "!engraving"))
        defer { Task { await requiring.stop() } }
        let r = try await HTTPRegisterGateway(baseURL: requiring.url, token: nil)
            .upload([Self.upload(4), Self.upload(5, payload: #"{"items":[{"jewellery":{"engraving":"J & M"}}]}"#)])
        #expect(r.map(\.outcome) == [.rejected(reason: "field engraving is required"), .accepted(reference: "SIM-2")])
    }

    @Test("The worker drains real entries through faults to exactly one stored entry per key")
    func workerThroughFaults() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        // By bank transfer: 60 × € 125 in cash to one seller in a day is what the Wwft cash ban refuses.
        for i in 1...60 { _ = try store.append(Fixtures.intake(serial: "SN-\(i)", paymentMethod: .bankTransfer), at: Date()) }
        let sim = try await RegisterSimulator(
            settings: .init(dataFolder: folder.path + "/sim", faults: .init(failRate: 0.3, dropAfterCommitRate: 0.3)),
            random: SeededRandom(seed: 5).function).start(logger: .quiet)
        defer { Task { await sim.stop() } }
        let worker = UploadWorker(
            store: store, gateway: try HTTPRegisterGateway(baseURL: sim.url, token: nil, timeout: .seconds(5)),
            settings: .init(batchSize: 7, attemptTimeout: 10, backoff: UploadBackoff(minimum: 0.01, maximum: 0.05)), logger: .quiet)
        let summary = try await worker.drain(deadline: Date().addingTimeInterval(60))
        #expect(summary.acknowledged == 60 && summary.queued == 0 && summary.sent == 0)
        let stored = try await sim.simulator.entries()
        #expect(stored.map(\.entryNumber).sorted() == Array(1...60))
        #expect(stored.contains { $0.timesReceived > 1 })
    }
}
