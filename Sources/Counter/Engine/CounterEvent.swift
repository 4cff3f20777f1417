import Foundation

/// Something a page must learn (a till's scans and checks, an owner's alerts, a technician's scanner
/// activity): sent as one WebSocket message `{"type": kind, "data": json}`.
public struct CounterEvent: Sendable {
    /// The event kinds.
    public enum Kind: String, Sendable, CaseIterable {
        case item, itemRemoved, document, reading, refused, hit, hitClosed, registered, cleared
        /// Owner pages: an alert (late hit, rejected upload), the hotlist's age after a reload.
        case alert, hotlist
        /// Technician pages: a scanner's counters, one scan's device, kind and length.
        case scanner, scan
    }

    public var kind: Kind
    /// The event's JSON.
    public var json: Data

    public init(_ kind: Kind, _ payload: some Encodable) {
        self.kind = kind
        self.json = (try? CounterEvent.encoder.encode(payload)) ?? Data("{}".utf8)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// The event as one WebSocket text message. `kind` is one of a fixed set of names, never input.
    public var message: String {
        #"{"type":"\#(kind.rawValue)","data":\#(String(decoding: json, as: UTF8.self))}"#
    }
}


/// Pushes events to the pages that subscribed: one hub for the owner's pages, one for the technician's.
public actor EventHub {
    private var subscribers: [UUID: AsyncStream<CounterEvent>.Continuation] = [:]

    public init() {}

    /// The events from now on, until the caller stops iterating. Slow readers keep the newest 256.
    public func subscribe() -> AsyncStream<CounterEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: CounterEvent.self, bufferingPolicy: .bufferingNewest(256))
        let id = UUID()
        subscribers[id] = continuation
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        return stream
    }

    private func unsubscribe(_ id: UUID) { subscribers[id] = nil }

    public func publish(_ event: CounterEvent) {
        for continuation in subscribers.values { continuation.yield(event) }
    }

    /// Ends every stream (shutdown).
    public func finish() {
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
    }

    public var subscriberCount: Int { subscribers.count }
}
