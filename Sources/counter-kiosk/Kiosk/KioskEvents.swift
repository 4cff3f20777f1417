import Foundation

/// The hub that pushes events to every open page: scanners and checks publish, pages subscribe.
///
/// Integration point: anything that learns something the counter must see (a scanner source, the
/// stolen-goods checker, the upload worker raising an alert) calls ``publish(_:)``.
actor KioskEvents {
    private var subscribers: [UUID: (role: String, continuation: AsyncStream<KioskEvent>.Continuation)] = [:]

    /// A stream of the events `role` may see, until ``unsubscribe(_:)``.
    func subscribe(role: String) -> (UUID, AsyncStream<KioskEvent>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: KioskEvent.self, bufferingPolicy: .bufferingNewest(256))
        subscribers[id] = (role, continuation)
        return (id, stream)
    }

    func unsubscribe(_ id: UUID) {
        subscribers.removeValue(forKey: id)?.continuation.finish()
    }

    /// Sends an event to every subscriber whose role may see it.
    func publish(_ event: KioskEvent) {
        for (_, subscriber) in subscribers where event.audience.contains(subscriber.role) {
            subscriber.continuation.yield(event)
        }
    }

    var subscriberCount: Int { subscribers.count }
}
