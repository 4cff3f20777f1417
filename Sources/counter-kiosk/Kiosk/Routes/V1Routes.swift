import Counter
import Foundation
import HTTPTypes
import Hummingbird

/// The machine API for other shop software (`/v1`, described in docs/kiosk-api.yaml): checks before buying,
/// intakes with an idempotency key, entries without their sellers, the upload queue, and server-sent events.
/// Every call goes through the engine (``CounterEngine``'s integration calls) as the counter's do; only the
/// way in differs (``IntegrationGate``).
struct V1Routes: Sendable {
    static let idempotencyKeyHeader = HTTPField.Name("Idempotency-Key")!
    /// The kinds of owner events an integration is sent: registrations, alerts, the hotlist, a damaged register.
    static let eventKinds: Set<CounterEvent.Kind> = [.registered, .alert, .hotlist, .registerDamaged]
    /// How often an idle event stream gets a comment line (keeps proxies from closing it, and re-checks the token).
    static let heartbeat: Duration = .seconds(15)

    let gate: IntegrationGate
    let engine: CounterEngine

    struct CheckRequest: Decodable {
        var identifiers: [String]
    }

    /// One number's check as the API answers it.
    struct CheckView: Encodable {
        var identifier: String
        var status: ItemCheckStatus
        /// False while a slower source may still change the answer (never at this call: it waits for them).
        var final: Bool
        var reasonCode: String?
        var reason: String?
        var reasonEN: String?
        var sources: [String]
    }

    struct EntriesView: Encodable {
        var entries: [IntegrationEntry]
        var more: Bool
    }

    func add(to router: Router<BasicRequestContext>) {
        let v1 = router.group("v1")
        v1.post("checks") { request, _ -> Response in
            let integration = try await gate.integration(request)
            let form = try await Self.decode(CheckRequest.self, request, limit: 16 * 1024)
            let checks = try await refusing { try await engine.check(identifiers: form.identifiers, by: integration) }
            return try KioskJSON.response(["checks": zip(form.identifiers, checks).map { identifier, check in
                CheckView(identifier: identifier, status: check.status, final: check.final, reasonCode: check.reasonCode,
                          reason: check.reason, reasonEN: check.reasonEN, sources: check.sources)
            }])
        }

        v1.post("intakes") { request, _ -> Response in
            let integration = try await gate.integration(request)
            guard let key = request.headers[Self.idempotencyKeyHeader], Self.isValidKey(key) else {
                throw KioskError(CounterError(.apiIdempotencyKeyMissing))
            }
            var request = request
            let body = try await Self.body(&request, limit: 256 * 1024)
            let result = try await refusing { try await engine.register(intakeJSON: body, by: integration, idempotencyKey: key) }
            return try KioskJSON.response(result, status: result.replayed ? .ok : .created)
        }

        v1.post("photos") { request, _ -> Response in
            let integration = try await gate.integration(request)
            guard let limits = engine.parts.photoArchive?.limits else { throw KioskError(CounterError(.apiPhotosNotAccepted)) }
            var request = request
            let body = try await PhotoUpload.body(&request, limits: limits)
            return try KioskJSON.response(try await refusing { try await engine.storePhoto(body, by: integration) }, status: .created)
        }

        v1.get("entries/:number") { request, context -> Response in
            _ = try await gate.integration(request)
            guard let number = context.parameters.get("number", as: Int.self), number > 0 else {
                throw Self.badRequest("the entry number is a whole number from 1")
            }
            guard let entry = try await refusing({ try await engine.integrationEntry(number: number) }) else {
                throw KioskError(CounterError(.entryNotFound, parameters: ["entry": String(number)]))
            }
            return try KioskJSON.response(entry)
        }

        v1.get("entries") { request, _ -> Response in
            _ = try await gate.integration(request)
            let query = try Self.search(request)
            let (entries, more) = try await refusing { try await engine.integrationSearch(query) }
            return try KioskJSON.response(EntriesView(entries: entries, more: more))
        }

        v1.get("uploads") { request, _ -> Response in
            _ = try await gate.integration(request)
            return try KioskJSON.response(try await refusing { try await engine.parts.store.outboxSummary(now: engine.parts.clock()) })
        }

        v1.get("events") { request, _ -> Response in
            let integration = try await gate.integration(request)
            return events(for: integration)
        }

        // Another method on a known path is 405 with the methods it has, not 404: a client sees it used the wrong verb.
        for (path, allowed) in Self.methods {
            for method in Self.otherMethods where !allowed.contains(method) {
                v1.on(RouterPath(path), method: method) { _, _ -> Response in
                    var error = KioskError(CounterError(.apiMethodNotAllowed, parameters: ["allowed": allowed.map(\.rawValue).joined(separator: ", ")]))
                    error.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
                    throw error
                }
            }
        }
    }

    /// Methods answered 405 where a path does not take them (QUERY: the IETF's safe method with a body).
    static let otherMethods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options, .trace,
                                                     HTTPRequest.Method("QUERY")!]

    /// The API's paths (under `/v1`) and their methods, as docs/kiosk-api.yaml lists them.
    static let methods: [(String, [HTTPRequest.Method])] = [
        ("checks", [.post]), ("intakes", [.post]), ("photos", [.post]), ("entries/:number", [.get]), ("entries", [.get]),
        ("uploads", [.get]), ("events", [.get]),
    ]

    /// Server-sent events: each owner event of ``eventKinds`` as `event: KIND` with its JSON, a comment line every
    /// ``heartbeat``. The stream ends when the client goes, the kiosk stops, or the integration is revoked.
    func events(for integration: StaffAccount) -> Response {
        let (engine, staff) = (engine, gate.staff)
        let body = ResponseBody { writer in
            let (stream, continuation) = AsyncStream.makeStream(of: CounterEvent?.self, bufferingPolicy: .bufferingNewest(256))
            let events = engine.ownerEvents.subscribe()
            let forward = Task {
                for await event in events where Self.eventKinds.contains(event.kind) { continuation.yield(event) }
                continuation.finish()
            }
            let beat = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.heartbeat)
                    continuation.yield(nil)
                }
            }
            defer { forward.cancel(); beat.cancel() }
            try await writer.write(ByteBuffer(string: "retry: 5000\n: connected as \(Self.oneLine(integration.name))\n\n"))
            for await event in stream {
                // Revoked while the stream is open: it ends here, at the next event or heartbeat.
                guard let account = try? await staff.account(named: integration.name), !account.disabled else { break }
                if let event {
                    try await writer.write(ByteBuffer(string: "event: \(event.kind.rawValue)\ndata: \(String(decoding: event.json, as: UTF8.self))\n\n"))
                } else {
                    try await writer.write(ByteBuffer(string: ": heartbeat\n\n"))
                }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"], body: body)
    }

    /// A key a client may send: 1 to 100 visible ASCII characters.
    static func isValidKey(_ key: String) -> Bool {
        (1...100).contains(key.utf8.count) && key.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }

    static func oneLine(_ text: String) -> String { String(text.filter { !$0.isNewline }) }

    static func badRequest(_ detail: String) -> KioskError {
        KioskError(CounterError(.apiBadRequest, parameters: ["detail": detail]))
    }

    static func body(_ request: inout Request, limit: Int) async throws -> Data {
        do {
            return Data(try await request.collectBody(upTo: limit).readableBytesView)
        } catch {
            var error = badRequest("the body is larger than \(limit / 1024) KB")
            error.status = .contentTooLarge
            throw error
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, limit: Int) async throws -> T {
        var request = request
        let data = try await body(&request, limit: limit)
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw badRequest("expected JSON as docs/kiosk-api.yaml describes it")
        }
    }

    /// A search from the query string: `serial`, `from`, `to` (`YYYY-MM-DD`), `clerk`, `category`, `status`, `limit`
    /// (1–50, 20 when not given). `seller` and `document` are refused by the engine.
    static func search(_ request: Request) throws -> RegisterSearch {
        let q = request.uri.queryParameters
        func text(_ name: String) -> String? { q.get(name).map { String($0) }.flatMap { $0.isEmpty ? nil : $0 } }
        for (name, limit) in [("serial", 64), ("clerk", 40)] where (text(name)?.count ?? 0) > limit {
            throw badRequest("\(name) has at most \(limit) characters")
        }
        // A parameter that is given must be valid, even empty (`?category=` is not "any category").
        func day(_ name: String) throws -> CalendarDate? {
            guard let value = q.get(name).map({ String($0) }) else { return nil }
            guard let day = CalendarDate(iso: value) else { throw badRequest("\(name) is a date as YYYY-MM-DD") }
            return day
        }
        func value<T: RawRepresentable<String>>(_ name: String, _ type: T.Type) throws -> T? {
            guard let raw = q.get(name).map({ String($0) }) else { return nil }
            guard let value = T(rawValue: raw) else { throw badRequest("\(name) has no value \(raw)") }
            return value
        }
        var limit = 20
        if let raw = q.get("limit").map({ String($0) }) {
            guard let n = Int(raw), (1...50).contains(n) else { throw badRequest("limit is a whole number from 1 to 50") }
            limit = n
        }
        return RegisterSearch(serial: text("serial"), seller: text("seller"), documentNumber: text("document"),
                              from: try day("from"), to: try day("to"), clerk: text("clerk"),
                              category: try value("category", ItemCategory.self), checkStatus: try value("status", ItemCheckStatus.self),
                              limit: limit)
    }

    /// The engine's refusals as API answers.
    func refusing<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as CounterError {
            throw KioskError(error)
        } catch let error as IntakeError {
            throw KioskError(error)
        } catch let error as RegisterQueryError {
            throw KioskError(.unprocessableContent, error.message(.nl), en: error.message(.en), code: error.code.rawValue)
        } catch let error as RegisterStoreError {
            throw KioskError(error)
        } catch let error as PhotoStore.PhotoError {
            throw KioskError(error)
        }
    }
}
