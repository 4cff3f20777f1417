import Counter
import Foundation
import Hummingbird
import Logging
import NIOCore

/// A stand-in for the national register on 127.0.0.1, speaking `docs/register-api.yaml` over real HTTP,
/// keeping what it accepts in its own SQLite file, honouring idempotency keys, and injecting faults.
///
/// Besides the API it serves `GET /sim/entries`: `{"entries": [{"idempotencyKey", "entryNumber", "kind",
/// "timesReceived", …}]}`, one per key it stored.
///
/// ## Topics
/// - ``start(logger:)``: in-process, for tests and benchmarks.
/// - ``application(logger:onListening:)``: as a service, for `counter-kiosk register-sim`.
public struct RegisterSimulator: Sendable {
    /// Where it listens, where it stores, what it demands, what goes wrong.
    public struct Settings: Sendable {
        /// 0 picks a free port.
        public var port: Int
        /// Folder of its SQLite file (`register-sim.sqlite`).
        public var dataFolder: String
        /// When set, requests without `Authorization: Bearer <token>` get 401.
        public var token: String?
        public var faults: SimulatorFaults

        public init(port: Int = 0, dataFolder: String, token: String? = nil, faults: SimulatorFaults = .none) {
            self.port = port
            self.dataFolder = dataFolder
            self.token = token
            self.faults = faults
        }
    }

    public let settings: Settings
    let store: SimulatorStore
    let random: @Sendable () -> Double

    /// Opens (creating) the simulator's database. `random` (0..<1) decides each fault.
    public init(settings: Settings, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) throws {
        self.settings = settings
        try FileManager.default.createDirectory(atPath: settings.dataFolder, withIntermediateDirectories: true)
        store = try SimulatorStore(path: settings.dataFolder + "/register-sim.sqlite")
        self.random = random
    }

    /// Everything stored, in arrival order.
    public func entries() async throws -> [SimulatedEntry] { try await store.all() }

    /// The HTTP application; `onListening` gets the bound port once the server runs.
    public func application(logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(address: .hostname("127.0.0.1", port: settings.port), serverName: "register-sim"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Starts in this process; returns once it listens.
    public func start(logger: Logger = Logger(label: "register-sim")) async throws -> RunningRegisterSimulator {
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = application(logger: logger) { port in continuation.yield(port); continuation.finish() }
        let task = Task { try await app.run() }
        var iterator = stream.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw CancellationError()
        }
        return RunningRegisterSimulator(port: port, task: task, simulator: self)
    }

    func router() -> Router<SimulatorContext> {
        let router = Router(context: SimulatorContext.self)
        router.post("/v1/entries:batch") { request, context in try await self.batch(request, context) }
        router.get("/v1/entries/**") { request, context in try await self.status(request, context) }
        router.get("/sim/entries") { _, _ in
            try Self.json(.ok, ["entries": try await self.store.all()])
        }
        return router
    }

    func batch(_ request: Request, _ context: SimulatorContext) async throws -> Response {
        if let refused = try await faultsBefore(request, context) { return refused }
        let body = try await request.body.collect(upTo: 64 << 20)
        guard let batch = try? JSONDecoder().decode(RegisterWire.BatchRequest.self, from: Data(body.readableBytesView)) else {
            return try Self.problem(.badRequest, "bad_request", "body is not a batch of entries")
        }
        guard !batch.entries.isEmpty, batch.entries.count <= 1000 else {
            return try Self.problem(.badRequest, "bad_request", "a batch holds 1 to 1000 entries")
        }
        let now = ShopTimestamp().string(from: Date())
        let results = try await store.store(batch.entries, rejectField: settings.faults.rejectField, at: now)
        if random() < settings.faults.dropAfterCommitRate {
            // Stored, but the client never hears so: the case idempotency keys exist for.
            context.channel.close(promise: nil)
            try? await context.channel.closeFuture.get()
            throw HTTPError(.internalServerError)
        }
        let allRejected = results.allSatisfy { $0.status == "rejected" }
        return try Self.json(allRejected ? .unprocessableContent : .ok, RegisterWire.BatchResponse(results: results))
    }

    func status(_ request: Request, _ context: SimulatorContext) async throws -> Response {
        if let refused = try await faultsBefore(request, context) { return refused }
        let raw = context.parameters.getCatchAll().joined(separator: "/")
        let key = raw.removingPercentEncoding ?? raw
        guard let record = try await store.status(key: key) else {
            return try Self.problem(.notFound, "not_found", "no entry under this key")
        }
        return try Self.json(.ok, record)
    }

    /// Authentication, latency, no-answer and server-error faults; nil to go on.
    func faultsBefore(_ request: Request, _ context: SimulatorContext) async throws -> Response? {
        if let token = settings.token, request.headers[.authorization] != "Bearer \(token)" {
            return try Self.problem(.unauthorized, "unauthorized", "missing or wrong bearer token")
        }
        let faults = settings.faults
        if faults.latencyMilliseconds > 0 { try await Task.sleep(for: .milliseconds(faults.latencyMilliseconds)) }
        if random() < faults.timeoutRate {
            // Hold the request until the client gives up and closes the connection.
            try? await context.channel.closeFuture.get()
            throw HTTPError(.gatewayTimeout)
        }
        if random() < faults.failRate {
            return random() < 0.5
                ? try Self.problem(.internalServerError, "internal", "simulated server error")
                : try Self.problem(.serviceUnavailable, "unavailable", "simulated overload")
        }
        return nil
    }

    static func json(_ status: HTTPResponse.Status, _ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static func problem(_ status: HTTPResponse.Status, _ error: String, _ message: String) throws -> Response {
        try json(status, RegisterWire.Problem(error: error, message: message))
    }
}
