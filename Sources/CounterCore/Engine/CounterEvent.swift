import Foundation
import NIOConcurrencyHelpers

/// Something a page must learn (a till's scans and checks, an owner's alerts, a technician's scanner
/// activity): sent as one WebSocket message `{"type": kind, "data": json}`.
public struct CounterEvent: Sendable {
    /// The event kinds.
    public enum Kind: String, Sendable, CaseIterable {
        case item, itemRemoved, document, reading, refused, hit, hitClosed, registered, cleared, draft
        /// A chip check's verdict (``ChipView``), to the till's pages only.
        case chip
        /// Owner pages: an alert (late hit, rejected upload), the hotlist's age after a reload.
        case alert, hotlist, registerDamaged
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
        encoder.dateEncodingStrategy = ShopTimestamp.jsonEncoding
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// The event as one WebSocket text message. `kind` is one of a fixed set of names, never input.
    public var message: String {
        #"{"type":"\#(kind.rawValue)","data":\#(String(decoding: json, as: UTF8.self))}"#
    }
}


/// Pushes events to the pages that subscribed: a till's pages, the owner's, the technician's.
///
/// Publishing never waits: a page that reads slowly keeps the newest 256 events and loses older ones (it
/// redraws from a snapshot when it reconnects). Safe from any thread, so an actor can publish without a hop.
public final class EventHub: Sendable {
    private struct State {
        var subscribers: [UUID: AsyncStream<CounterEvent>.Continuation] = [:]
        var finished = false
    }
    private let state = NIOLockedValueBox(State())

    public init() {}

    /// The events from now on, until the caller stops iterating or ``finish()``. After ``finish()`` the
    /// stream is already finished: a page that connects while the kiosk stops must not hold up the stop
    /// (a stream subscribed after the hub finished was never finished, and SIGTERM waited for it).
    public func subscribe() -> AsyncStream<CounterEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: CounterEvent.self, bufferingPolicy: .bufferingNewest(256))
        let id = UUID()
        let open = state.withLockedValue { state in
            if !state.finished { state.subscribers[id] = continuation }
            return !state.finished
        }
        guard open else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [state] _ in _ = state.withLockedValue { $0.subscribers.removeValue(forKey: id) } }
        return stream
    }

    public func publish(_ event: CounterEvent) {
        for continuation in state.withLockedValue({ Array($0.subscribers.values) }) { continuation.yield(event) }
    }

    /// Ends every stream, and every stream subscribed from now on (shutdown).
    public func finish() {
        let all = state.withLockedValue { state in
            defer { state.subscribers = [:]; state.finished = true }
            return Array(state.subscribers.values)
        }
        for continuation in all { continuation.finish() }
    }

    public var subscriberCount: Int { state.withLockedValue { $0.subscribers.count } }
}
