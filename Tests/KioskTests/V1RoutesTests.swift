import Counter
import CounterTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import counter_kiosk

/// Issue 18: the machine API for other shop software, with integration tokens, through the same engine calls.
@Suite("Machine API (/v1), in process")
struct V1RoutesTests {
    /// A program's request: its token in the Authorization header, never a cookie or CSRF token.
    struct Program: Sendable {
        var token: String

        func send(_ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, json: Any? = nil,
                  key: String? = nil) async throws -> (status: HTTPResponse.Status, body: [String: Any], headers: HTTPFields) {
            var headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            if let key { headers[V1Routes.idempotencyKeyHeader] = key }
            let body = try json.map { ByteBuffer(data: try JSONSerialization.data(withJSONObject: $0)) }
            let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
            let decoded = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
            return (response.status, decoded, response.headers)
        }
    }

    static func integration(_ world: KioskWorld, _ name: String = "Kassa-POS") async throws -> Program {
        Program(token: try await world.staff.addIntegration(name: name, by: "Piet", at: Date()).token.value)
    }

    @Test("""
        Done when: an integration token registers an intake that the day log shows as made by that integration; \
        the same Idempotency-Key returns the same entry, another integration's same key is its own, and a key \
        reused for another purchase is refused
        """)
    func intakeByIntegration() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        let pos = try await Self.integration(world)
        let other = try await Self.integration(world, "Webwinkel")
        try await world.test { client in
            let (made, entry, _) = try await pos.send(client, .post, "/v1/intakes", json: Sample.intake(serial: "SN-100"), key: "bon-1")
            #expect(made == .created)
            #expect(entry["entryNumber"] as? Int == 1)
            #expect(entry["replayed"] as? Bool == false)
            #expect(entry["checks"] as? [String] == ["clear"])

            let (again, replay, _) = try await pos.send(client, .post, "/v1/intakes", json: Sample.intake(serial: "SN-100"), key: "bon-1")
            #expect(again == .ok)
            #expect(replay["entryNumber"] as? Int == 1)
            #expect(replay["replayed"] as? Bool == true)
            let (reused, refusal, _) = try await pos.send(client, .post, "/v1/intakes", json: Sample.intake(serial: "SN-200"), key: "bon-1")
            #expect(reused == .conflict)
            #expect(refusal["code"] as? String == "api.idempotencyKeyReused")
            let (theirs, second, _) = try await other.send(client, .post, "/v1/intakes", json: Sample.intake(serial: "SN-200"), key: "bon-1")
            #expect(theirs == .created)
            #expect(second["entryNumber"] as? Int == 2)
            // An owner's permission cannot come from a program: the owner decides at the counter with a PIN.
            var minor = Sample.intake(serial: "SN-400")
            minor["override"] = ["owner": "Piet", "reason": "kent hem"]
            let (override, overrideRefusal, _) = try await pos.send(client, .post, "/v1/intakes", json: minor, key: "bon-9")
            #expect(override == .unprocessableContent)
            #expect(overrideRefusal["code"] as? String == "api.ownerOnly")
            #expect(overrideRefusal["field"] as? String == "override")
            // A photo reference is only a hash: one the shop never received is refused, nothing written.
            var ring = Sample.intake(serial: "SN-500")
            ring["items"] = [["category": "jewellery", "description": "Ring", "priceCents": 1000,
                              "jewellery": ["fineness": "585", "weightMilligrams": 4250],
                              "photos": [["sha256": String(repeating: "ab", count: 32), "mediaType": "image/jpeg"]]]]
            let (photo, photoRefusal, _) = try await pos.send(client, .post, "/v1/intakes", json: ring, key: "bon-10")
            #expect(photo == .unprocessableContent)
            #expect(photoRefusal["code"] as? String == "intake.photoNotStored")
            #expect(photoRefusal["field"] as? String == "items[0].photos")
            let (noKey, keyRefusal, _) = try await pos.send(client, .post, "/v1/intakes", json: Sample.intake(serial: "SN-300"))
            #expect(noKey == .badRequest)
            #expect(keyRefusal["code"] as? String == "api.idempotencyKeyMissing")
            #expect(try world.store.entryCount() == 2)

            // The owner's day log names the integration as the clerk; the audit log says it came in through it.
            let owner = try await Page.signIn(client, "Piet", "908172")
            let (_, log) = try await owner.get(client, "/api/log")
            let rows = try #require(log["rows"] as? [[String: Any]])
            #expect(rows.map { $0["clerk"] as? String } == ["Kassa-POS", "Webwinkel"])
            let audit = try await world.staff.audit.events(on: nil, limit: 50)
            #expect(audit.contains { $0.action == AuditAction.intakeRegistered.rawValue && $0.actor == "Kassa-POS"
                && $0.subject == "entry 1" && $0.detail == "integration Kassa-POS" })
            #expect(audit.contains { $0.action == AuditAction.accountAdded.rawValue && $0.subject == "Kassa-POS" && $0.detail == "integration" })
        }
    }

    @Test("A POS sends a ring's photo first (POST /v1/photos), then the intake that names it: registered; not an image is 415, nothing stored")
    func photoThenIntake() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        let pos = try await Self.integration(world)
        try await world.test { client in
            let headers: HTTPFields = [.authorization: "Bearer \(pos.token)", .contentType: "image/jpeg"]
            let sent = try await client.execute(uri: "/v1/photos", method: .post, headers: headers,
                                                body: ByteBuffer(data: SamplePhoto.jpeg(padding: 700)))
            #expect(sent.status == .created)
            let reference = try #require(try JSONSerialization.jsonObject(with: Data(buffer: sent.body)) as? [String: String])
            #expect(reference["mediaType"] == "image/jpeg")
            #expect(reference["sha256"]?.count == 64)
            let junk = try await client.execute(uri: "/v1/photos", method: .post, headers: headers,
                                                body: ByteBuffer(bytes: [0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0, count: 2048)))
            #expect(junk.status == .unsupportedMediaType)

            var ring = Sample.intake(serial: "SN-600")
            ring["items"] = [["category": "jewellery", "description": "Ring", "priceCents": 1000,
                              "jewellery": ["fineness": "585", "weightMilligrams": 4250], "photos": [reference]]]
            let (made, entry, _) = try await pos.send(client, .post, "/v1/intakes", json: ring, key: "bon-ring")
            #expect(made == .created, "\(entry)")
            #expect(entry["entryNumber"] as? Int == 1)
            let stored = try #require(try world.store.entry(number: 1))
            #expect(stored.items[0].photos.map(\.sha256) == [reference["sha256"]])
        }
    }

    @Test("A POS that retries while its first request still runs gets the same entry, never a second one")
    func concurrentRetries() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        let pos = try await Self.integration(world)
        try await world.test { client in
            async let first = pos.send(client, .post, "/v1/intakes", json: Sample.intake(serial: "SN-700"), key: "bon-7")
            async let second = pos.send(client, .post, "/v1/intakes", json: Sample.intake(serial: "SN-700"), key: "bon-7")
            async let third = pos.send(client, .post, "/v1/intakes", json: Sample.intake(serial: "SN-700"), key: "bon-7")
            let answers = try await [first, second, third]
            #expect(answers.map(\.status).filter { $0 == .created }.count == 1)
            #expect(Set(answers.map { $0.body["entryNumber"] as? Int }) == [1])
            #expect(answers.filter { $0.body["replayed"] as? Bool == true }.count == 2)
            #expect(try world.store.entryCount() == 1)
        }
    }

    @Test("Two purchases sent at once with one key: one is registered, the other refused, never answered with the other's entry")
    func oneKeyTwoPurchasesAtOnce() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        let pos = try await Self.integration(world)
        try await world.test { client in
            for round in 1...3 {
                async let first = pos.send(client, .post, "/v1/intakes", json: Sample.intake(serial: "SN-A\(round)"), key: "bon-\(round)")
                async let second = pos.send(client, .post, "/v1/intakes", json: Sample.intake(serial: "SN-B\(round)"), key: "bon-\(round)")
                let answers = try await [first, second]
                #expect(answers.map(\.status).filter { $0 == .created }.count == 1)
                #expect(answers.map(\.status).filter { $0 == .conflict }.count == 1)
                let refusal = try #require(answers.first { $0.status == .conflict })
                #expect(refusal.body["code"] as? String == "api.idempotencyKeyReused")
                #expect(answers.allSatisfy { $0.body["replayed"] as? Bool != true })
            }
            #expect(try world.store.entryCount() == 3)
        }
    }

    @Test("Done when: a revoked token is refused at its very next request, and cannot be enabled again; tokens never in URLs")
    func revocation() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        let pos = try await Self.integration(world)
        try await world.test { client in
            let (ok, summary, _) = try await pos.send(client, .get, "/v1/uploads")
            #expect(ok == .ok)
            #expect(summary["queued"] as? Int == 0)

            let owner = try await Page.signIn(client, "Piet", "908172")
            let (revoked, _) = try await owner.post(client, "/api/users", ["name": "Kassa-POS", "disabled": true])
            #expect(revoked == .ok)
            let (refused, refusal, headers) = try await pos.send(client, .get, "/v1/uploads")
            #expect(refused == .unauthorized)
            #expect(refusal["code"] as? String == "api.tokenRefused")
            #expect(headers[.wwwAuthenticate] == #"Bearer realm="counter""#)
            let (enable, enableRefusal) = try await owner.post(client, "/api/users", ["name": "Kassa-POS", "disabled": false])
            #expect(enable == .badRequest)
            #expect(enableRefusal["errorEN"] as? String == SessionRoutes.english(.integrationRevoked))
            let (stillRefused, _, _) = try await pos.send(client, .post, "/v1/intakes", json: Sample.intake(serial: "SN-1"), key: "k")
            #expect(stillRefused == .unauthorized)
            #expect(try world.store.entryCount() == 0)

            let fresh = try await Self.integration(world, "Kassa-2")
            let inURL = try await client.execute(uri: "/v1/uploads?access_token=\(fresh.token)", method: .get, headers: [:], body: nil)
            #expect(inURL.status == .badRequest)
            let none = try await client.execute(uri: "/v1/uploads", method: .get, headers: [:], body: nil)
            #expect(none.status == .unauthorized)
            let cookieOnly = try await client.execute(uri: "/v1/uploads", method: .get, headers: owner.headers(), body: nil)
            #expect(cookieOnly.status == .unauthorized)
            let forged = Program(token: String(fresh.token.dropLast()) + (fresh.token.hasSuffix("A") ? "B" : "A"))
            #expect(try await forged.send(client, .get, "/v1/uploads").status == .unauthorized)
        }
    }

    @Test("A hit is refused with nothing written and is in the audit log as the integration's; numbers the counter would refuse are refused here")
    func checksAndHits() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        let pos = try await Self.integration(world)
        try await world.test { client in
            let (status, answer, _) = try await pos.send(client, .post, "/v1/checks", json: ["identifiers": ["HOT-1", "SN-9"]])
            #expect(status == .ok)
            let checks = try #require(answer["checks"] as? [[String: Any]])
            #expect(checks.map { $0["status"] as? String } == ["hit", "clear"])
            #expect(checks.map { $0["identifier"] as? String } == ["HOT-1", "SN-9"])

            let (hit, refusal, _) = try await pos.send(client, .post, "/v1/intakes", json: Sample.intake(serial: "HOT-1"), key: "bon-2")
            #expect(hit == .conflict)
            #expect(refusal["code"] as? String == "till.hitAtRegistration")
            #expect(try world.store.entryCount() == 0)
            let audit = try await world.staff.audit.events(on: nil, limit: 50)
            #expect(audit.filter { $0.action == AuditAction.hitRaised.rawValue && $0.actor == "integration Kassa-POS" }.count >= 2)

            let (mrz, mrzRefusal, _) = try await pos.send(client, .post, "/v1/checks",
                                                          json: ["identifiers": ["SN-9", "P<NLDJANSEN<<KEES<<<<<<<<<<<"]])
            #expect(mrz == .unprocessableContent)
            #expect(mrzRefusal["code"] as? String == "scan.documentUnreadable")
            #expect(mrzRefusal["field"] as? String == "identifiers[1]")
            let (none, noneRefusal, _) = try await pos.send(client, .post, "/v1/checks", json: ["identifiers": [String]()])
            #expect(none == .unprocessableContent)
            #expect(noneRefusal["code"] as? String == "api.tooManyIdentifiers")
            let (junk, _, _) = try await pos.send(client, .post, "/v1/checks", json: ["numbers": 1])
            #expect(junk == .badRequest)
        }
    }

    @Test("Entries come without their seller (data minimisation); search by number works, search by personal data is refused")
    func entriesWithoutSeller() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        let pos = try await Self.integration(world)
        try await world.test { client in
            _ = try await pos.send(client, .post, "/v1/intakes", json: Sample.intake(serial: "SN-100"), key: "bon-1")
            let response = try await client.execute(uri: "/v1/entries/1", method: .get,
                                                    headers: [.authorization: "Bearer \(pos.token)"], body: nil)
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            for personal in ["Jansen", "Kees", "Dorpsweg", "NX12345P6", "1970-01-01", "seller"] { #expect(!text.contains(personal), "\(personal)") }
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            let items = try #require(entry["items"] as? [[String: Any]])
            #expect(items.first?["serialNumber"] as? String == "SN-100")
            #expect(items.first?["itemID"] as? String == "1-1")
            #expect(items.first?["check"] as? String == "clear")

            let (found, result, _) = try await pos.send(client, .get, "/v1/entries?serial=sn100")
            #expect(found == .ok)
            #expect((result["entries"] as? [[String: Any]])?.map { $0["entryNumber"] as? Int } == [1])
            let (bySeller, refusal, _) = try await pos.send(client, .get, "/v1/entries?seller=Jansen")
            #expect(bySeller == .unprocessableContent)
            #expect(refusal["code"] as? String == "api.searchCriterion")
            let (noCriteria, _, _) = try await pos.send(client, .get, "/v1/entries")
            #expect(noCriteria == .unprocessableContent)
            #expect(try await pos.send(client, .get, "/v1/entries?limit=0&serial=SN").status == .badRequest)
            #expect(try await pos.send(client, .get, "/v1/entries?status=stolen").status == .badRequest)
            #expect(try await pos.send(client, .get, "/v1/entries/99").status == .notFound)
            #expect(try await pos.send(client, .get, "/v1/entries/abc").status == .badRequest)
        }
    }

    @Test("An integration never signs in at a page, not even with the PIN of the hash that stands in for unknown names")
    func noPageSignIn() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        _ = try await Self.integration(world)
        for pin in ["0000", "1234"] {
            await #expect(throws: StaffError.wrongNameOrPIN) { try await world.staff.signIn(name: "Kassa-POS", pin: pin, at: Date()) }
        }
        await #expect(throws: StaffError.integrationHasNoPIN) {
            try await world.staff.add(name: "Kassa-3", role: .integration, pin: "1234", by: "Piet", at: Date())
        }
        await #expect(throws: StaffError.integrationHasNoPIN) {
            try await world.staff.changePIN(name: "Kassa-POS", newPIN: "1234", by: "Piet", at: Date())
        }
        try await world.test { client in
            let response = try await client.execute(
                uri: "/api/login", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"user":"Kassa-POS","pin":"0000"}"#))
            #expect(response.status == .unauthorized)
        }
    }

    @Test("Each integration has its own rate: a burst, then so many per second, with Retry-After")
    func rateLimit() {
        let now = NIOLockedBox(0.0)
        let limiter = RateLimiter(perSecond: 2, burst: 3) { now.value }
        #expect((0..<3).map { _ in limiter.admit("a") } == [nil, nil, nil])
        #expect(limiter.admit("a") == 1)
        #expect(limiter.admit("b") == nil)
        now.value = 0.5
        #expect(limiter.admit("a") == nil)
        #expect(limiter.admit("a") == 1)
        now.value = 100
        #expect((0..<4).map { _ in limiter.admit("a") } == [nil, nil, nil, 1])
    }

    @Test("Over its rate an integration gets 429 with Retry-After, in words")
    func rateLimitedRoute() async throws {
        let world = try KioskWorld()
        defer { world.remove() }
        let pos = try await Self.integration(world)
        try await world.test { client in
            var refused: (HTTPResponse.Status, [String: Any], HTTPFields)?
            for _ in 0..<200 {
                let answer = try await pos.send(client, .get, "/v1/uploads")
                if answer.status == .tooManyRequests { refused = answer; break }
            }
            let (_, body, headers) = try #require(refused)
            #expect(body["code"] as? String == "api.rateLimited")
            #expect(Int(headers[.retryAfter] ?? "") ?? 0 >= 1)
        }
    }
}

/// A value shared with a `@Sendable` clock in tests.
final class NIOLockedBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// docs/kiosk-api.yaml describes the kiosk's routes as they are: every route the server has is in it, and it lists
/// none the server does not have.
@Suite("The API description")
struct APIDescriptionTests {
    static func documented() throws -> Set<String> {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/kiosk-api.yaml"), encoding: .utf8)
        var routes: Set<String> = []
        var path: String?
        var inPaths = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            if inPaths, let first = line.first, first != " " { break }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast().uppercased()
                if ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(method) {
                    routes.insert("\(method) \(path)")
                }
            }
        }
        return routes
    }

    @Test("Every route of the kiosk is in docs/kiosk-api.yaml, and every route there is the kiosk's")
    func everyRouteDescribed() throws {
        let world = try KioskWorld()
        defer { world.remove() }
        let methods: Set<HTTPRequest.Method> = [.get, .post, .put, .patch, .delete]
        // The 405 answers of /v1 are not routes of their own: only the methods each path takes.
        let v1 = Set(V1Routes.methods.flatMap { path, allowed in allowed.map { "\($0.rawValue) /v1/\(path.replacingOccurrences(of: ":number", with: "{number}"))" } })
        let page = world.server.router().routes.map { ($0.method, $0.path.description) }
        let socket = world.server.webSocketRouter().routes.map { ($0.method, $0.path.description) }
        let served = Set((page + socket).filter { methods.contains($0.0) }.map { "\($0.0.rawValue) \($0.1)" })
            .filter { !$0.contains(" /v1/") }
            .union(v1)
        let documented = try Self.documented()
        #expect(served.subtracting(documented).sorted() == [], "routes missing from docs/kiosk-api.yaml")
        #expect(documented.subtracting(served).sorted() == [], "routes in docs/kiosk-api.yaml the kiosk does not have")
        #expect(documented.count > 70)
    }
}
