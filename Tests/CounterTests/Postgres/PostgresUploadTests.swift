import Foundation
import Logging
import PostgresNIO
import RegisterSimulator
import Testing
@testable import CounterCore
@testable import CounterDevices

/// The upload worker on a branch's PostgreSQL outbox (issue 15): every till of a branch may run one, and
/// together they send each entry once.
@Suite("Upload workers sharing a branch's outbox on PostgreSQL")
struct PostgresUploadTests {
    @Test("Three tills' workers draining one branch to the register at once: every entry arrives once; a refusal reaches the owner")
    func workersShareTheOutbox() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // One entry in ten is refused by the register: those with an item colour.
        let sim = try await RegisterSimulator(settings: .init(dataFolder: folder.path + "/sim", faults: .init(latencyMilliseconds: 5, rejectField: "colour")))
            .start(logger: .quiet)
        defer { Task { await sim.stop() } }
        try await PostgresCluster.withClient { client, cluster in
            let store = try await PostgresFixtures.store(client)
            for i in 1...60 {
                var intake = Fixtures.intake(serial: "SN-\(i)", paymentMethod: .card)
                if i % 10 == 0 { intake.items[0].colour = "rood" }
                _ = try await store.append(intake, at: Fixtures.tuesday)
            }
            let summaries = try await withThrowingTaskGroup(of: UploadOutbox.Summary.self) { group in
                for till in 1...3 {
                    group.addTask {
                        // Each worker a till of its own, with a client of its own.
                        try await cluster.running(cluster.client()) { workerClient in
                            let outbox = PostgresRegisterStore(client: workerClient, settings: store.settings, logger: PostgresFixtures.logger,
                                                               workerName: "till-\(till)")
                            let worker = UploadWorker(
                                store: outbox, gateway: try HTTPRegisterGateway(baseURL: sim.url, token: nil, timeout: .seconds(5)),
                                settings: .init(batchSize: 4, backoff: UploadBackoff(minimum: 0.01, maximum: 0.05)), logger: .quiet)
                            return try await worker.drain(deadline: Date().addingTimeInterval(60))
                        }
                    }
                }
                return try await group.reduce(into: [UploadOutbox.Summary]()) { $0.append($1) }
            }
            let received = try await sim.simulator.entries()
            #expect(received.count == 54)
            #expect(received.allSatisfy { $0.timesReceived == 1 })
            #expect(Set(received.map(\.entryNumber)) == Set((1...60).filter { $0 % 10 != 0 }))
            #expect(summaries.allSatisfy { $0.acknowledged == 54 && $0.rejected == 6 && $0.queued == 0 && $0.sent == 0 })
            // (The backlog alarm is raised too: the entries are from 2025.)
            let alerts = try await store.alerts().filter { $0.kind == .uploadRejected }
            #expect(alerts.count == 6 && Set(alerts.compactMap(\.entryNumber)) == [10, 20, 30, 40, 50, 60])
            #expect(alerts.allSatisfy { $0.code == .alertUploadRejected && $0.parameters["entry"] == $0.entryNumber.map(String.init) })
        }
    }

    @Test("A till restarted after a crash takes back the jobs it had sent, not those another till is sending")
    func reclaimOwnJobsOnly() async throws {
        try await PostgresCluster.withClient { client, _ in
            let first = try await PostgresFixtures.store(client)
            for i in 1...4 { _ = try await first.append(Fixtures.intake(serial: "SN-\(i)", paymentMethod: .card), at: Fixtures.tuesday) }
            func till(_ name: String) -> PostgresRegisterStore {
                PostgresRegisterStore(client: client, settings: first.settings, logger: PostgresFixtures.logger, workerName: name)
            }
            let now = Fixtures.tuesday
            let a = try await till("till-1").claimDueJobs(now: now, answerBy: now.addingTimeInterval(120), limit: 2)
            let b = try await till("till-2").claimDueJobs(now: now, answerBy: now.addingTimeInterval(120), limit: 2)
            #expect(a.map(\.entryNumber) == [1, 2] && b.map(\.entryNumber) == [3, 4])
            // till-1 died; its new process starts and reclaims: only its own two.
            #expect(try await till("till-1").reclaimSentJobs(now: now) == 2)
            let resent = try await till("till-1").claimDueJobs(now: now, answerBy: now.addingTimeInterval(120), limit: 5)
            #expect(resent.map(\.entryNumber) == [1, 2])
        }
    }
}
