import Counter
import Foundation
import Hummingbird

/// The UI's files and the event stream.
extension KioskServer {
    func addAssetRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/") { request, _ -> Response in asset("index.html", request: request) }
        router.get("/index.html") { request, _ -> Response in asset("index.html", request: request) }
        router.get("/assets/:name") { request, context -> Response in
            asset(context.parameters.get("name") ?? "", request: request)
        }

        // Server-Sent Events: scans, checks, documents, alerts. EventSource keeps the connection open and
        // reconnects by itself; CSP allows it (connect-src 'self').
        router.get("/api/events") { request, _ -> Response in
            let session = try await session(request, roles: Self.anyRole)
            let (id, stream) = await events.subscribe(role: session.account.role.rawValue)
            let (events, sessions, token, clock) = (self.events, self.sessions, session.token, self.clock)
            let body = ResponseBody { writer in
                defer { Task { await events.unsubscribe(id) } }
                try await writer.write(ByteBuffer(string: "retry: 2000\n: connected\n\n"))
                for await event in stream {
                    // A session that expired or signed out stops receiving register data.
                    guard await sessions.session(token: token, now: clock(), touch: false) != nil else { break }
                    try await writer.write(ByteBuffer(string: event.serverSentEvent))
                }
                try await writer.finish(nil)
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
                body: body)
        }
    }

    func asset(_ name: String, request: Request) -> Response {
        guard let asset = assets[name] else {
            return Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "Not found\n")))
        }
        if request.headers[.ifNoneMatch] == asset.etag {
            return Response(status: .notModified, headers: [.eTag: asset.etag, .cacheControl: "no-cache"])
        }
        return Response(
            status: .ok, headers: [.contentType: asset.contentType, .eTag: asset.etag, .cacheControl: "no-cache"],
            body: .init(byteBuffer: asset.body))
    }
}
