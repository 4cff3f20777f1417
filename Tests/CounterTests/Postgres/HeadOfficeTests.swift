import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import PostgresNIO
import Testing
@testable import CounterCore
@testable import CounterDevices

/// A chain's head office over its branches (issue 15), through the read-only role.
@Suite("Head office over a chain's branches on PostgreSQL")
struct HeadOfficeTests {
    @Test("Per branch: entries, the day's, uploads waiting and refused, open alerts; an identifier found in every branch")
    func overviewAndFind() async throws {
        try await PostgresCluster.withClient { client, cluster in
            let deventer = try await PostgresFixtures.store(client)
            let zwolle = try await PostgresFixtures.store(client, branch: PostgresFixtures.otherBranch)
            let wednesday = Fixtures.tuesday.addingTimeInterval(86_400)
            for i in 1...3 { _ = try await deventer.append(Fixtures.intake(serial: "SN-\(i)", paymentMethod: .card), at: Fixtures.tuesday) }
            _ = try await deventer.append(Fixtures.intake(serial: "shared-1", paymentMethod: .card), at: wednesday)
            _ = try await zwolle.append(Fixtures.intake(serial: "SHARED-1", paymentMethod: .card), at: wednesday)
            let jobs = try await deventer.claimDueJobs(now: wednesday, answerBy: wednesday.addingTimeInterval(60), limit: 2)
            try await deventer.recordAnswers([.acknowledged(id: jobs[0].id, reference: "R1"), .rejected(id: jobs[1].id, reason: "x")],
                                             now: wednesday)
            try await deventer.raiseAlert(.uploadRejected, itemID: nil, entryNumber: 2, .alertUploadRejected,
                                          ["entry": "2", "reason": "x"], at: wednesday)
            try await client.query("CREATE ROLE head_office LOGIN IN ROLE counter_head_office")
            try await cluster.running(cluster.client(user: "head_office")) { officeClient in
                let office = HeadOffice(client: officeClient, logger: PostgresFixtures.logger)
                let branches = try await office.branches(day: CalendarDate(wednesday))
                #expect(branches.map(\.branchID) == ["12345678/000012345678", "12345678/000087654321"])
                #expect(branches.map(\.entries) == [4, 1] && branches.map(\.entriesOnDay) == [1, 1])
                #expect(branches.map(\.uploadsWaiting) == [2, 1] && branches.map(\.uploadsRejected) == [1, 0])
                #expect(branches.map(\.openAlerts) == [1, 0])
                #expect(try await office.branches(tenant: "another-chain", day: CalendarDate(wednesday)).isEmpty)
                let found = try await office.find(identifier: " Shared-1 ")
                #expect(found.map(\.branchID).sorted() == ["12345678/000012345678", "12345678/000087654321"])
                #expect(found.first { $0.branchID == zwolle.branchID }?.entryNumber == 1)
                #expect(try await office.find(identifier: "nowhere").isEmpty)
            }
            // The same from the command line, as the chain's owner would run it.
            let url = "postgres://head_office@127.0.0.1:\(cluster.port)/postgres?sslmode=disable"
            let table = try await runProcess(Fixtures.kioskBinary, ["branches", "--database", url, "--day", CalendarDate(wednesday).iso])
            #expect(table.status == 0, "\(table.stderr)")
            #expect(table.stdout.contains("12345678/000087654321") && table.stdout.contains("Zwolle (Zwolle)"))
            let where_ = try await runProcess(Fixtures.kioskBinary, ["branches", "--database", url, "--find", "SHARED-1"])
            #expect(where_.stdout.split(separator: "\n").count == 2 && !where_.stdout.contains("Jansen"), "\(where_.stdout)")
            try await Self.pages(url: url, day: CalendarDate(wednesday))
        }
    }

    /// `counter-kiosk head-office`: the same over HTTP, as the chain owner's browser asks for it.
    static func pages(url: String, day: CalendarDate) async throws {
        let port = try PostgresCluster.freePort()
        let process = Process()
        process.executableURL = Fixtures.kioskBinary
        process.arguments = ["head-office", "--database", url, "--port", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        let origin = "http://127.0.0.1:\(port)"
        func get(_ path: String) async throws -> (Int, Data, [String: String]) {
            try await HTTPPage.fetch(URLRequest(url: URL(string: origin + path)!))
        }
        func json(_ path: String) async throws -> Any? {
            try JSONSerialization.jsonObject(with: try await get(path).1)
        }
        #expect(await eventually(within: 20) { (try? await get("/").0) == 200 })
        let (status, page, headers) = try await get("/")
        #expect(status == 200 && String(decoding: page, as: UTF8.self).contains("head-office.js"))
        #expect(headers["Content-Security-Policy"]?.contains("script-src 'self'") == true)
        let overview = try await json("/api/branches?date=\(day.iso)") as? [String: Any]
        let branches = overview?["branches"] as? [[String: Any]] ?? []
        #expect(branches.map { $0["entriesOnDay"] as? Int } == [1, 1])
        let deventer = "12345678%2F000012345678"
        let log = try await json("/api/branch/log?branch=\(deventer)&date=\(day.iso)") as? [[String: Any]] ?? []
        #expect(log.map { $0["entryNumber"] as? Int } == [4])
        #expect(!String(decoding: try await get("/api/branch/log?branch=\(deventer)&date=\(day.iso)").1, as: UTF8.self).contains("Jansen"))
        let alerts = try await json("/api/branch/alerts?branch=\(deventer)") as? [[String: Any]] ?? []
        #expect(alerts.map { $0["entryNumber"] as? Int } == [2])
        let uploads = try await json("/api/branch/uploads?branch=\(deventer)") as? [[String: Any]] ?? []
        #expect(uploads.map { $0["status"] as? String ?? "" }.sorted() == ["queued", "queued", "rejected"])
        let found = try await json("/api/find?identifier=shared-1") as? [[String: Any]] ?? []
        #expect(found.count == 2)
        let (refused, body, _) = try await get("/api/branch/log?branch=nonsense")
        #expect(refused == 400 && String(decoding: body, as: UTF8.self).contains("Choose a branch."))
    }
}
