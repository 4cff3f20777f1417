import Counter
import Foundation
import Hummingbird
import HummingbirdWebSocket

/// The live event push: one WebSocket per open page at `/api/ws`.
///
/// The upgrade request passes the same host guard as every other request, must come from the kiosk's own
/// page (`Origin`; browsers do not apply CORS to WebSockets, so without this check any web site could open
/// one) and must carry a live session cookie. The page learns only the events its role may see, and the
/// stream stops as soon as the session expires or signs out.
extension KioskServer {
    /// The router for WebSocket upgrades; everything else goes to ``router()``.
    func webSocketRouter() -> Router<BasicWebSocketRequestContext> {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.add(middleware: HostGuardMiddleware(host: settings.host, port: settings.port))
        let (events, sessions, clock, origin) = (self.events, self.sessions, self.clock, settings.origin)
        router.ws("/api/ws") { request, _ in
            guard request.headers[.origin] == origin,
                  let token = request.cookies[Self.cookieName]?.value,
                  await sessions.session(token: token, now: clock(), touch: false) != nil
            else { return .dontUpgrade }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let token = context.request.cookies[Self.cookieName]?.value,
                  let session = await sessions.session(token: token, now: clock(), touch: false) else { return }
            let (id, stream) = await events.subscribe(role: session.account.role.rawValue)
            try await outbound.write(.text(#"{"type":"connected","data":{}}"#))
            try await withThrowingTaskGroup(of: Void.self) { group in
                // The page sends nothing; reading notices when it closes the socket.
                group.addTask { for try await _ in inbound.messages(maxSize: 1 << 12) {} }
                group.addTask {
                    for await event in stream {
                        // A session that expired or signed out stops receiving register data.
                        guard await sessions.session(token: token, now: clock(), touch: false) != nil else { break }
                        try await outbound.write(.text(event.message))
                    }
                }
                _ = try await group.next()
                group.cancelAll()
            }
            await events.unsubscribe(id)
        }
        return router
    }
}
