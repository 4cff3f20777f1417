import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// The outbox as the upload worker sees it (``RegisterOutbox``): named calls, each one transaction, the same
/// for every backend (issue 15).
@Suite("Register outbox")
struct RegisterOutboxTests {
    @Test("Two workers claiming at once (two processes on one file) never claim one job twice, and miss none")
    func claimsAreDisjoint() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        _ = try store.append(contentsOf: (0..<60).map { (Fixtures.intake(serial: "SN-\($0)"), Fixtures.tuesday) })
        let other = try Fixtures.store(in: folder)  // a second connection pool, as a second kiosk process has
        let now = Fixtures.tuesday.addingTimeInterval(10)
        let claimed = try await withThrowingTaskGroup(of: [Int].self) { group in
            for worker in [store, other] {
                group.addTask {
                    var mine: [Int] = []
                    while case let jobs = try worker.claimDueJobs(now: now, answerBy: now.addingTimeInterval(60), limit: 7), !jobs.isEmpty {
                        mine += jobs.map(\.id)
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [[Int]]()) { $0.append($1) }
        }
        let all = claimed.flatMap { $0 }
        #expect(all.count == 60 && Set(all).count == 60)
        #expect(try store.outboxSummary(now: now).sent == 60)
    }

    @Test("Answers: acknowledged stays acknowledged, a rejection keeps its reason, a failure waits until its time")
    func answers() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        _ = try store.append(contentsOf: (0..<3).map { (Fixtures.intake(serial: "SN-\($0)"), Fixtures.tuesday) })
        let now = Fixtures.tuesday.addingTimeInterval(10)
        let jobs = try store.claimDueJobs(now: now, answerBy: now.addingTimeInterval(60), limit: 10)
        #expect(jobs.map(\.id) == [1, 2, 3])
        try store.recordAnswers([.acknowledged(id: 1, reference: "DOR-1"), .rejected(id: 2, reason: "onvolledig"),
                                 .failed(id: 3, error: "time-out", retryAt: now.addingTimeInterval(300))], now: now)
        // A late second answer cannot undo the acknowledgement.
        try store.recordAnswers([.rejected(id: 1, reason: "te laat")], now: now)
        #expect(try store.acknowledgedReference(idempotencyKey: jobs[0].idempotencyKey) == "DOR-1")
        #expect(try store.jobs(statuses: [.rejected], limit: 10).map { [$0.id: $0.lastError] } == [[2: "onvolledig"]])
        #expect(try store.nextJobDue() == now.addingTimeInterval(300))
        #expect(try store.claimDueJobs(now: now.addingTimeInterval(299), answerBy: now.addingTimeInterval(360), limit: 10).isEmpty)
        #expect(try store.oldestWaitingJob()?.entryNumber == 3)
        #expect(try store.retryJobsNow(now: now) == 2)  // the rejected one and the one waiting out its backoff
    }
}
