import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import NIOConcurrencyHelpers
import PostgresNIO
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 15, "done when": two kiosk processes, each with its own data folder and pty scanner, on one branch of
/// a PostgreSQL server, driven as a shop drives them (the command line for accounts and the list, bytes on the
/// scanner's pty, the page's HTTP API and its WebSocket).
@Suite("Two kiosk processes on one branch")
struct KioskProcessesOnPostgresTests {
    @Test("They register alternately 1…6, never see each other's scans, and both get a new list and its alert within 2 s")
    func twoKiosks() async throws {
        try await PostgresCluster.withClient { client, cluster in try await Self.twoKiosks(client, cluster) }
    }

    static func twoKiosks(_ client: PostgresClient, _ cluster: PostgresCluster) async throws {
        let branch = try await PostgresFixtures.store(client)
        let url = "postgres://\(cluster.user)@127.0.0.1:\(cluster.port)/postgres?sslmode=disable"
        let a = try KioskProcess(database: url, name: "kassa-1")
        defer { a.stop() }
        // Accounts are the branch's: made once, from either PC.
        for (role, name, pin) in [("staff", "Anna", "1234"), ("owner", "Olga", "4321")] {
            let made = try await runProcess(Fixtures.kioskBinary, ["users", "add", "--data", a.folder.path, "--role", role,
                                                                   "--name", name, "--pin", pin])
            #expect(made.status == 0, "\(made.stderr)")
        }
        let b = try KioskProcess(database: url, name: "kassa-2")
        defer { b.stop() }
        try await a.start()
        try await b.start()
        let clerks = [try await a.signIn("Anna", "1234"), try await b.signIn("Anna", "1234")]
        let owners = [try await a.signIn("Olga", "4321"), try await b.signIn("Olga", "4321")]
        let ownerEvents = [OwnerSocket(owners[0]), OwnerSocket(owners[1])]
        for socket in ownerEvents { socket.open() }
        defer { for socket in ownerEvents { socket.close() } }
        for socket in ownerEvents { #expect(await eventually(within: 10) { socket.connected }) }

        for turn in 0..<6 {
            let (here, there) = turn % 2 == 0 ? (0, 1) : (1, 0)
            let kiosk = [a, b][here]
            let serial = "PG-SN-\(turn)"
            kiosk.scanner.write(serial + "\r")
            #expect(try await eventually(within: 10) { try await clerks[here].tillSerials().contains(serial) }, "turn \(turn)")
            // The other kiosk's till never sees it.
            #expect(try await !clerks[there].tillSerials().contains(serial))
            let (status, done) = try await clerks[here].post("/api/intakes", [
                "intake": intake(serial: serial), "idempotencyKey": "pg-turn-\(turn)-key"])
            #expect(status == 200, "\(done)")
            #expect(done["entryNumber"] as? Int == turn + 1, "\(done)")
        }
        // The branch's register holds 1…6 in one chain, and verifies.
        let verification = try await branch.verify()
        #expect(verification.isIntact && verification.entryCount == 6)

        // A list imported at one PC, naming a good bought at the other: both processes take the list, and both
        // owners' pages are told of the late hit, within 2 s of the import's end.
        let feed = a.folder.path + "/feed.csv"
        try "serial,brand\nPG-SN-1,Apple\nOTHER-9,Apple\n".write(toFile: feed, atomically: true, encoding: .utf8)
        let imported = try await runProcess(Fixtures.kioskBinary, ["hotlist", "import", "--data", a.folder.path, feed])
        #expect(imported.status == 0, "\(imported.stderr)")
        let importedAt = Date()
        for (index, clerk) in clerks.enumerated() {
            #expect(try await eventually(within: 2) { try await clerk.hotlistRows() == 2 }, "kiosk \(index + 1) has the list")
        }
        for (index, socket) in ownerEvents.enumerated() {
            #expect(await eventually(within: 2) { socket.alertEntries.contains(2) },
                    "kiosk \(index + 1)'s owner page was told")
        }
        #expect(Date().timeIntervalSince(importedAt) < 2)

        // A written police notice entered on the owner's page at one PC is a hit at the other's counter within 2 s.
        let (noticed, notice) = try await owners[0].post("/api/police/notices", [
            "reference": "PL-2026-77", "officer": "Agent 77", "identifier": "NOTICE-77", "description": "telefoon"])
        #expect(noticed == 200, "\(notice)")
        // (The other PC is told at once; the scan comes a second later, and its check must already know it.)
        try await Task.sleep(for: .seconds(1))
        b.scanner.write("NOTICE-77\r")
        #expect(try await eventually(within: 1) { try await clerks[1].openHitIdentifier() == "NOTICE-77" },
                "the notice is a hit at the other PC")
    }

    @Test("8 tills × 500 intakes at once on one branch, tills killed with kill -9 and restarted: 1…4000, one chain, each at the register once")
    func eightTillsWithKills() async throws {
        try await PostgresCluster.withClient { client, cluster in try await Self.eightTills(client, cluster) }
    }

    static func eightTills(_ client: PostgresClient, _ cluster: PostgresCluster) async throws {
        let perTill = Int(ProcessInfo.processInfo.environment["PG_TILL_INTAKES"] ?? "") ?? 500
        let maxKills = Int(ProcessInfo.processInfo.environment["PG_TILL_KILLS"] ?? "") ?? 16
        let tills = 8, total = tills * perTill
        let branch = try await PostgresFixtures.store(client)
        let url = "postgres://\(cluster.user)@127.0.0.1:\(cluster.port)/postgres?sslmode=disable"
        let simFolder = try TemporaryFolder()
        defer { simFolder.remove() }
        let (sim, simURL) = try await offPool { try UploadCrashTests.startSimulator(data: simFolder.path, faults: ["--latency-ms", "2"]) }
        defer { sim.terminate(); sim.waitUntilExit() }
        let register: [String: Any] = ["url": simURL, "batchSize": 50, "requestTimeoutSeconds": 5, "attemptTimeoutSeconds": 10,
                                       "retryMinSeconds": 0, "retryMaxSeconds": 1]
        let kiosks = try (1...tills).map { try KioskProcess(database: url, name: "kassa-\($0)", register: register) }
        defer { for kiosk in kiosks { kiosk.stop() } }
        let made = try await runProcess(Fixtures.kioskBinary, ["users", "add", "--data", kiosks[0].folder.path, "--role", "staff",
                                                               "--name", "Anna", "--pin", "1234"])
        #expect(made.status == 0, "\(made.stderr)")
        for kiosk in kiosks { try await kiosk.start() }
        let started = ContinuousClock.now
        let outcome = NIOLockedValueBox<(numbers: [String: Int], retried: Int, done: Int)>(([:], 0, 0))
        let kills = try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, kiosk) in kiosks.enumerated() {
                group.addTask {
                    var page = try await Self.signInWhenBack(kiosk)
                    for i in 0..<perTill {
                        let key = "till-\(index + 1)/intake-\(i)"
                        while true {
                            // A till that was killed is restarted by the killer; its sessions are gone: sign in again and
                            // send the same request again, as the page does after a reload.
                            guard let (status, body) = try? await page.post("/api/intakes", [
                                "intake": intake(serial: "T\(index + 1)-SN-\(i)"), "idempotencyKey": key]),
                                  status == 200, let number = body["entryNumber"] as? Int
                            else {
                                outcome.withLockedValue { $0.retried += 1 }
                                try await Task.sleep(for: .milliseconds(100))
                                page = try await Self.signInWhenBack(kiosk)
                                continue
                            }
                            outcome.withLockedValue { $0.numbers[key] = number }
                            break
                        }
                    }
                    outcome.withLockedValue { $0.done += 1 }
                    return 0
                }
            }
            group.addTask {
                var landed = 0
                var generator = SystemRandomNumberGenerator()
                while landed < maxKills && outcome.withLockedValue({ $0.done }) < tills {
                    try await Task.sleep(for: .milliseconds(Int.random(in: 500...1500, using: &generator)))
                    guard outcome.withLockedValue({ $0.done }) < tills else { break }
                    let victim = kiosks[Int.random(in: 0..<tills, using: &generator)]
                    await victim.kill9()
                    landed += 1
                    try await victim.start()
                }
                return landed
            }
            return try await group.reduce(0, +)
        }
        let numbers = outcome.withLockedValue { $0.numbers }
        #expect(kills >= 3)
        #expect(numbers.count == total)
        #expect(numbers.values.sorted() == Array(1...total))
        let verification = try await branch.verify()
        #expect(verification.isIntact && verification.entryCount == total)
        // Every entry reaches the register once: the killed tills' workers take up their own unanswered jobs.
        let arrived = try await eventually(within: 120) { try await Self.simulatorEntries(simURL).count >= total }
        #expect(arrived)
        let stored = try await Self.simulatorEntries(simURL)
        #expect(stored.count == total)
        #expect(Set(stored.map(\.idempotencyKey)).count == total)
        #expect(stored.map(\.entryNumber).sorted() == Array(1...total))
        print("8 tills: \(total) intakes, \(kills) kills, \(outcome.withLockedValue { $0.retried }) retried requests, "
              + "\(stored.filter { $0.timesReceived > 1 }.count) received twice, \(ContinuousClock.now - started)")
    }

    static func signInWhenBack(_ kiosk: KioskProcess) async throws -> HTTPPage {
        for _ in 0..<600 {
            if let page = try? await kiosk.signIn("Anna", "1234") { return page }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await kiosk.signIn("Anna", "1234")
    }

    static func simulatorEntries(_ url: String) async throws -> [UploadCrashTests.SimEntries.Entry] {
        let (_, body, _) = try await HTTPPage.fetch(URLRequest(url: URL(string: url + "/sim/entries")!))
        return (try? JSONDecoder().decode(UploadCrashTests.SimEntries.self, from: body).entries) ?? []
    }

    /// The documentation's example intake with one item of this serial number (paid by bank: no cash limit
    /// over thousands of intakes from one seller).
    static func intake(serial: String) -> [String: Any] {
        var intake = (try? JSONSerialization.jsonObject(with: Fixtures.exampleJSON) as? [String: Any]) ?? [:]
        var item = (intake["items"] as? [[String: Any]])?.first ?? [:]
        item["imei"] = nil
        item["serialNumber"] = serial
        intake["items"] = [item]
        intake["priceCents"] = item["priceCents"]
        return intake
    }
}

/// `counter-kiosk run` on a data folder of its own whose config.json puts the register on `database`'s branch.
final class KioskProcess: @unchecked Sendable {  // the pty: written by one test task at a time
    let folder: TemporaryFolder
    let scanner: PseudoTerminal
    let port: Int
    private let process = NIOLockedValueBox<Process?>(nil)
    var origin: String { "http://127.0.0.1:\(port)" }

    init(database: String, name: String, register: [String: Any]? = nil) throws {
        folder = try TemporaryFolder()
        scanner = try PseudoTerminal()
        port = try PostgresCluster.freePort()
        var config: [String: Any] = [
            "shop": ["name": "Goud & Zo", "kvkNumber": "12345678", "branch": "000012345678", "municipality": "Deventer"],
            "database": ["url": database, "branch": PostgresFixtures.branch.id],
            "tills": [["name": name, "scanners": [["spec": "serial:" + scanner.slavePath]]]],
        ]
        config["register"] = register
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: folder.path + "/config.json"))
    }

    /// Starts the process (again, after a kill) and waits until it serves its page.
    func start() async throws {
        let started = Process()
        started.executableURL = Fixtures.kioskBinary
        started.arguments = ["run", "--data", folder.path, "--port", String(port)]
        let log = folder.path + "/kiosk.log"
        if !FileManager.default.fileExists(atPath: log) { _ = FileManager.default.createFile(atPath: log, contents: nil) }
        let handle = FileHandle(forWritingAtPath: log)
        handle?.seekToEndOfFile()
        started.standardOutput = handle
        started.standardError = handle
        try started.run()
        process.withLockedValue { $0 = started }
        let ready = await eventually(within: 30) { [self] in
            guard started.isRunning else { return false }
            return (try? await HTTPPage.fetch(URLRequest(url: URL(string: origin + "/")!)).0) == 200
        }
        if !ready {
            throw KioskStartFailed(log: (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
        }
    }

    /// `kill -9`: the till's PC loses power, as far as the server and the database can tell.
    func kill9() async {
        guard let running = process.withLockedValue({ $0 }), running.isRunning else { return }
        kill(running.processIdentifier, SIGKILL)
        await running.exited()
    }

    struct KioskStartFailed: Error, CustomStringConvertible { var log: String; var description: String { log } }

    func signIn(_ user: String, _ pin: String) async throws -> HTTPPage {
        var request = URLRequest(url: URL(string: origin + "/api/login")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONEncoder().encode(["user": user, "pin": pin])
        let (status, body, headers) = try await HTTPPage.fetch(request)
        guard status == 200, let cookie = headers["Set-Cookie"]?.split(separator: ";").first.map(String.init),
              let csrf = (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["csrf"] as? String
        else { throw KioskStartFailed(log: "sign-in \(user): \(status) \(String(decoding: body, as: UTF8.self))") }
        return HTTPPage(origin: origin, cookie: cookie, csrf: csrf)
    }

    func stop() {
        if let running = process.withLockedValue({ $0 }), running.isRunning {
            running.terminate()
            running.waitUntilExit()
        }
        scanner.close()
        folder.remove()
    }
}

/// A signed-in page of a kiosk process, over real HTTP.
struct HTTPPage: Sendable {
    let origin: String
    let cookie: String
    let csrf: String

    static func fetch(_ request: URLRequest) async throws -> (Int, Data, [String: String]) {
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        let http = response as? HTTPURLResponse
        var headers: [String: String] = [:]
        for (name, value) in http?.allHeaderFields ?? [:] { headers["\(name)"] = "\(value)" }
        return (http?.statusCode ?? 0, data, headers)
    }

    func request(_ path: String, method: String = "GET", json: [String: Any]? = nil) throws -> URLRequest {
        var request = URLRequest(url: URL(string: origin + path)!)
        request.httpMethod = method
        request.setValue(cookie, forHTTPHeaderField: "Cookie")
        request.setValue(csrf, forHTTPHeaderField: "X-CSRF-Token")
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
        }
        return request
    }

    func get(_ path: String) async throws -> [String: Any] {
        let (_, body, _) = try await Self.fetch(try request(path))
        return (try? JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:]
    }

    func post(_ path: String, _ json: [String: Any]) async throws -> (Int, [String: Any]) {
        let (status, body, _) = try await Self.fetch(try request(path, method: "POST", json: json))
        return (status, (try? JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:])
    }

    /// The serial numbers of the items on this page's till.
    func tillSerials() async throws -> [String] {
        let items = try await get("/api/till")["items"] as? [[String: Any]] ?? []
        return items.compactMap { $0["serialNumber"] as? String }
    }

    /// The identifier of the till's open hit, if one is open.
    func openHitIdentifier() async throws -> String? {
        (try await get("/api/till")["openHit"] as? [String: Any])?["identifier"] as? String
    }

    /// How many rows the till's stolen-goods list has (0 without a list).
    func hotlistRows() async throws -> Int {
        (try await get("/api/till")["hotlist"] as? [String: Any])?["rows"] as? Int ?? 0
    }
}

/// The owner page's WebSocket of a kiosk process, as a browser opens it (its Origin, its session cookie),
/// collecting the entry numbers of the alerts it pushes. A plain socket on a thread of its own: the server's
/// frames to a client are unmasked, and its events are small text frames.
final class OwnerSocket: Sendable {
    let page: HTTPPage
    private let state = NIOLockedValueBox<(connected: Bool, alertEntries: [Int], fd: Int32)>((false, [], -1))

    init(_ page: HTTPPage) { self.page = page }

    var connected: Bool { state.withLockedValue { $0.connected } }
    var alertEntries: [Int] { state.withLockedValue { $0.alertEntries } }

    func open() {
        Thread { [self] in read() }.start()
    }

    func close() {
        state.withLockedValue { if $0.fd >= 0 { shutdown($0.fd, Int32(SHUT_RDWR)) } }
    }

    private func read() {
        let port = UInt16(page.origin.split(separator: ":").last.flatMap { Int($0) } ?? 0)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return }
        defer { Glibc.close(fd) }
        state.withLockedValue { $0.fd = fd }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return }
        let host = page.origin.replacingOccurrences(of: "http://", with: "")
        let upgrade = "GET /api/ws?view=owner HTTP/1.1\r\nHost: \(host)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            + "Origin: \(page.origin)\r\nCookie: \(page.cookie)\r\n\r\n"
        _ = Array(upgrade.utf8).withUnsafeBufferPointer { send(fd, $0.baseAddress, $0.count, 0) }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        func fill(_ count: Int) -> Bool {
            while buffer.count < count {
                let n = recv(fd, &chunk, chunk.count, 0)
                guard n > 0 else { return false }
                buffer += chunk[0..<n]
            }
            return true
        }
        // The answer's head, then frames.
        while !buffer.starts(with: Array("HTTP".utf8)) || buffer.firstRange(of: Array("\r\n\r\n".utf8)) == nil {
            guard fill(buffer.count + 1) else { return }
        }
        let end = buffer.firstRange(of: Array("\r\n\r\n".utf8))!
        guard String(decoding: buffer[..<end.lowerBound], as: UTF8.self).contains(" 101 ") else { return }
        buffer.removeSubrange(..<end.upperBound)
        while true {
            guard fill(2) else { return }
            var length = Int(buffer[1] & 0x7F), offset = 2
            if length == 126 {
                guard fill(4) else { return }
                length = Int(buffer[2]) << 8 | Int(buffer[3])
                offset = 4
            } else if length == 127 {
                guard fill(10) else { return }
                length = (2..<10).reduce(0) { $0 << 8 | Int(buffer[$1]) }
                offset = 10
            }
            guard fill(offset + length) else { return }
            let opcode = buffer[0] & 0x0F
            let payload = Array(buffer[offset..<offset + length])
            buffer.removeSubrange(..<(offset + length))
            guard opcode == 1, let event = try? JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any] else {
                if opcode == 8 { return }
                continue
            }
            let entry = (event["data"] as? [String: Any])?["entryNumber"] as? Int
            state.withLockedValue { state in
                switch event["type"] as? String {
                case "connected": state.connected = true
                case "alert": state.alertEntries.append(entry ?? 0)
                default: break
                }
            }
        }
    }
}
