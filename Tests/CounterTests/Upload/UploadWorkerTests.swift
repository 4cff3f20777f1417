import Foundation
import Logging
import Testing
@testable import CounterCore
@testable import CounterDevices

@Suite("Upload worker")
struct UploadWorkerTests {
    let settings = UploadWorker.Settings(batchSize: 10, attemptTimeout: 60,
                                         backoff: UploadBackoff(minimum: 10, maximum: 80), backlogAlarmAge: 24 * 3600)

    func worker(_ store: SQLiteRegisterStore, _ gateway: any RegisterGateway, _ clock: TestClock) -> UploadWorker {
        UploadWorker(store: store, gateway: gateway, settings: settings, clock: clock.function, random: { 0.5 },
                     sleep: { [clock] seconds in clock.advance(seconds) }, logger: .quiet)
    }

    @Test("Backoff doubles per failure up to the maximum, with half of each step jittered",
          arguments: [(1, 0.0, 5.0), (1, 1.0, 10.0), (2, 0.5, 15.0), (3, 0.0, 20.0), (4, 1.0, 80.0), (9, 0.5, 60.0)])
    func backoff(failures: Int, random: Double, expected: Double) {
        #expect(UploadBackoff(minimum: 10, maximum: 80).delay(failures: failures, random: random) == expected)
    }

    @Test("Accepted and duplicate answers acknowledge the job and keep the register's reference")
    func acknowledges() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let clock = TestClock()
        for i in 1...3 { _ = try store.append(Fixtures.intake(serial: "SN-\(i)"), at: clock.now) }
        let gateway = ScriptedGateway()
        let report = try await worker(store, gateway, clock).runOnce()
        #expect(report.sent == 3 && report.acknowledged == 3 && report.failed == 0)
        let jobs = try store.uploadJobs()
        #expect(jobs.map(\.status) == [.acknowledged, .acknowledged, .acknowledged])
        #expect(jobs.map(\.registerReference) == ["R-1", "R-2", "R-3"])
        #expect(jobs.map(\.idempotencyKey) == ["12345678/000012345678/entry/1", "12345678/000012345678/entry/2", "12345678/000012345678/entry/3"])
        #expect(try store.uploadSummary(at: clock.now) == .init(queued: 0, sent: 0, acknowledged: 3, rejected: 0, oldestQueuedAgeSeconds: nil))
        // Nothing more to send.
        #expect(try await worker(store, gateway, clock).runOnce().sent == 0)
        #expect(await gateway.batches.count == 1)
    }

    @Test("A failed attempt puts the batch back with exponential backoff; only the register's answer acknowledges")
    func backsOff() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let clock = TestClock()
        _ = try store.append(Fixtures.intake(), at: clock.now)
        let gateway = ScriptedGateway([.fail(.timeout), .fail(.httpStatus(503, "")), .acceptAll])
        let w = worker(store, gateway, clock)
        var report = try await w.runOnce()
        #expect(report.failed == 1 && report.error == .timeout)
        var job = try #require(try store.uploadJobs().first)
        #expect(job.status == .queued && job.consecutiveFailures == 1 && job.attempts == 1)
        #expect(job.dueAt == clock.now.addingTimeInterval(7.5))      // step 10 s: 5 + 5 × 0.5
        #expect(job.lastError?.contains("did not answer in time") == true)
        clock.advance(7)
        #expect(try await w.runOnce().sent == 0)                     // still waiting out its backoff
        clock.advance(1)
        report = try await w.runOnce()
        #expect(report.error == .httpStatus(503, ""))
        job = try #require(try store.uploadJobs().first)
        #expect(job.dueAt == clock.now.addingTimeInterval(15))       // step 20 s: 10 + 10 × 0.5
        clock.advance(15)
        report = try await w.runOnce()
        #expect(report.acknowledged == 1)
        job = try #require(try store.uploadJobs().first)
        #expect(job.status == .acknowledged && job.attempts == 3 && job.consecutiveFailures == 0 && job.lastError == nil)
    }

    @Test("An entry the answer leaves out is sent again, not acknowledged")
    func missingResult() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let clock = TestClock()
        _ = try store.append(Fixtures.intake(), at: clock.now)
        let report = try await worker(store, ScriptedGateway([.empty]), clock).runOnce()
        #expect(report.failed == 1 && report.acknowledged == 0)
        #expect(try store.uploadJobs().first?.status == .queued)
    }

    @Test("A rejection keeps the register's reason and raises an owner alert naming the entry number")
    func rejects() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let clock = TestClock()
        _ = try store.append(Fixtures.intake(serial: "A"), at: clock.now)
        _ = try store.append(Fixtures.intake(serial: "B"), at: clock.now)
        let gateway = ScriptedGateway([.reject(["12345678/000012345678/entry/2": "field imei is not accepted"])])
        let report = try await worker(store, gateway, clock).runOnce()
        #expect(report.acknowledged == 1 && report.rejected == 1)
        let jobs = try store.uploadJobs()
        #expect(jobs.map(\.status) == [.acknowledged, .rejected])
        #expect(jobs[1].lastError == "field imei is not accepted")
        let alerts = try store.alerts()
        #expect(alerts.count == 1)
        #expect(alerts.first?.kind == .uploadRejected && alerts.first?.entryNumber == 2)
        #expect(alerts.first?.message.contains("field imei is not accepted") == true)
        #expect(alerts.first?.message.contains("Jansen") == false)
        // Rejected jobs are not sent again by themselves; `queue retry` queues them again.
        #expect(try await worker(store, gateway, clock).runOnce().sent == 0)
        #expect(try store.retryUploads(at: clock.now) == 1)
        #expect(try await worker(store, gateway, clock).runOnce().acknowledged == 1)
    }

    @Test("Corrections and sales are their own jobs with their own keys")
    func correctionsAndSales() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let clock = TestClock()
        _ = try store.append(Fixtures.intake(), at: clock.now)
        var correction = Fixtures.intake()
        correction.corrects = 1
        correction.correctionReason = "typefout in serienummer"
        _ = try store.append(correction, at: clock.now)
        _ = try store.recordSale(Sale(itemID: "1-1", soldOn: CalendarDate(iso: "2026-01-15")!, buyerName: "K. Koper",
                                      buyerAddress: nil, clerk: "Anna"), at: clock.now)
        let gateway = ScriptedGateway()
        #expect(try await worker(store, gateway, clock).runOnce().acknowledged == 3)
        let sent = try #require(await gateway.batches.first)
        #expect(sent.map(\.kind) == [.entry, .correction, .sale])
        #expect(sent.map(\.idempotencyKey) == ["12345678/000012345678/entry/1", "12345678/000012345678/entry/2", "12345678/000012345678/sale/1"])
        #expect(sent.map(\.entryNumber) == [1, 2, 1])
    }

    @Test("A job left sent by a killed process is sent again: after the attempt timeout, or at once by reclaim()")
    func resendsUnanswered() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let clock = TestClock()
        _ = try store.append(Fixtures.intake(), at: clock.now)
        // The "killed" process: marked sent, then nothing.
        #expect(try store.claimDueJobs(now: clock.now, answerBy: clock.now.addingTimeInterval(60), limit: 10).map(\.id) == [1])
        let gateway = ScriptedGateway()
        let w = worker(store, gateway, clock)
        #expect(try await w.runOnce().sent == 0)
        clock.advance(61)
        #expect(try await w.runOnce().acknowledged == 1)

        _ = try store.append(Fixtures.intake(serial: "SN-2"), at: clock.now)
        #expect(try store.claimDueJobs(now: clock.now, answerBy: clock.now.addingTimeInterval(60), limit: 10).map(\.id) == [2])
        #expect(try await w.reclaim() == 1)
        #expect(try await w.runOnce().acknowledged == 1)
        #expect(try store.uploadJobs().map(\.attempts) == [2, 2])
    }

    @Test("The backlog alarm rings once when the oldest waiting entry is older than the configured age")
    func backlogAlarm() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let clock = TestClock()
        _ = try store.append(Fixtures.intake(), at: clock.now)
        _ = try store.append(Fixtures.intake(serial: "SN-2"), at: clock.now)
        let w = worker(store, ScriptedGateway([.fail(.unreachable("x")), .fail(.unreachable("x")), .fail(.unreachable("x"))]), clock)
        _ = try await w.runOnce()
        #expect(try store.alerts().isEmpty)
        clock.advance(23 * 3600)
        #expect(try await w.checkBacklog(force: true) == false)
        clock.advance(2 * 3600)
        _ = try await w.runOnce()
        #expect(try await w.checkBacklog(force: true) == true)
        let alerts = try store.alerts()
        #expect(alerts.map(\.kind) == [.uploadBacklog])
        #expect(alerts.first?.messageEN.contains("2 entries wait") == true)
        #expect(alerts.first?.messageEN.contains("entry 1") == true)
    }

    @Test("drain() waits out backoffs and stops when nothing waits")
    func drains() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let clock = TestClock()
        for i in 1...25 { _ = try store.append(Fixtures.intake(serial: "SN-\(i)"), at: clock.now) }
        let gateway = ScriptedGateway([.fail(.timeout), .acceptAll, .fail(.httpStatus(500, "")), .acceptAll])
        let summary = try await worker(store, gateway, clock).drain()
        #expect(summary.acknowledged == 25 && summary.queued == 0 && summary.sent == 0)
        #expect(await gateway.batches.map(\.count) == [10, 10, 5, 10, 5])
    }
}
