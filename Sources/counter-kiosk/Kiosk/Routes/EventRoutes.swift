import Counter
import Foundation
import Hummingbird
import HummingbirdWebSocket
import ServiceLifecycle

/// The live event push: one WebSocket per open page at `/api/ws?view=counter|owner|technician`.
///
/// The upgrade request passes the same host guard as every other request, must come from the kiosk's own
/// page (`Origin`; browsers do not apply CORS to WebSockets, so without this check any web site could open
/// one) and must carry a live session cookie. A counter page gets its till's snapshot, then the till's
/// events and nothing of another till; an owner's page gets alerts; a technician's page gets scanner activity
/// (device, kind, length). The stream stops as soon as the session expires or signs out, or the kiosk stops.
struct EventRoutes: Sendable {
    let gate: KioskGate
    let engine: CounterEngine
    let origin: String
    let host: String
    let port: Int

    enum View: String { case counter, owner, technician }

    /// The events a page of `view` may see, or nil when its session may not see that view.
    func stream(_ view: View, _ session: KioskSession) async -> (snapshot: String?, events: AsyncStream<CounterEvent>)? {
        switch view {
        case .counter:
            guard KioskGate.counterRoles.contains(session.account.role), let name = session.till,
                  let till = try? engine.session(name) else { return nil }
            let events = till.events()
            let snapshot = CounterEvent(.item, await till.snapshot())
            return (#"{"type":"snapshot","data":\#(String(decoding: snapshot.json, as: UTF8.self))}"#, events)
        case .owner:
            guard KioskGate.ownerRoles.contains(session.account.role) else { return nil }
            return (nil, engine.ownerEvents.subscribe())
        case .technician:
            guard KioskGate.technicianRoles.contains(session.account.role) else { return nil }
            return (nil, engine.technicianEvents.subscribe())
        }
    }

    func router() -> Router<BasicWebSocketRequestContext> {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.add(middleware: HostGuardMiddleware(host: host, port: port))
        let (gate, origin) = (self.gate, self.origin)
        router.ws("/api/ws") { request, _ in
            guard request.headers[.origin] == origin,
                  let token = request.cookies[KioskGate.cookieName]?.value,
                  await gate.sessions.session(token: token, now: gate.clock(), touch: false) != nil
            else { return .dontUpgrade }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let token = context.request.cookies[KioskGate.cookieName]?.value,
                  let session = await gate.sessions.session(token: token, now: gate.clock(), touch: false),
                  let view = View(rawValue: context.request.uri.queryParameters.get("view") ?? "counter"),
                  let (snapshot, stream) = await self.stream(view, session)
            else { return }
            try await outbound.write(.text(#"{"type":"connected","data":{}}"#))
            if let snapshot { try await outbound.write(.text(snapshot)) }
            // Stops when the kiosk shuts down: an open page must not hold up SIGTERM.
            try await cancelWhenGracefulShutdown {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    // The page sends nothing; reading notices when it closes the socket.
                    group.addTask { for try await _ in inbound.messages(maxSize: 1 << 12) {} }
                    group.addTask {
                        for await event in stream {
                            // A session that expired or signed out stops receiving register data.
                            guard await gate.sessions.session(token: token, now: gate.clock(), touch: false) != nil else { break }
                            try await outbound.write(.text(event.message))
                        }
                    }
                    // Keeps idle sockets alive through proxies, and notices an expired session.
                    group.addTask {
                        while !Task.isCancelled {
                            try await Task.sleep(for: .seconds(20))
                            guard await gate.sessions.session(token: token, now: gate.clock(), touch: false) != nil else { return }
                            try await outbound.write(.text(#"{"type":"ping","data":{}}"#))
                        }
                    }
                    _ = try await group.next()
                    group.cancelAll()
                }
            }
        }
        return router
    }
}
