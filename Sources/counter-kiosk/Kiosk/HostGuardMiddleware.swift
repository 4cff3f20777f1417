import Hummingbird

/// Refuses requests whose Host is not the kiosk's own `host:port`.
///
/// Why: a web page on the internet can make a browser on the shop's machine send requests to 127.0.0.1 by
/// pointing a DNS name it controls at that address (DNS rebinding). Such requests carry the attacker's
/// name in the Host header, so checking it keeps the kiosk's API out of reach of other pages.
struct HostGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The accepted Host values, lower-cased (`127.0.0.1:8417`).
    let allowed: Set<String>

    init(host: String, port: Int) {
        var allowed: Set<String> = ["\(host.lowercased()):\(port)"]
        if host.contains(":") && !host.hasPrefix("[") { allowed = ["[\(host.lowercased())]:\(port)"] }
        if port == 80 { allowed.insert(host.lowercased()) }
        self.allowed = allowed
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let authority = request.head.authority?.lowercased(), allowed.contains(authority) else {
            return Response(
                status: .misdirectedRequest, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "Unknown host: open the kiosk at its own address.\n")))
        }
        return try await next(request, context)
    }
}
