import Counter
import Foundation
import Hummingbird

/// JSON in and out of the kiosk API, with instants as ISO 8601 in the shop's time zone
/// (`2026-12-02T14:05:09+01:00`, ``ShopTimestamp``), so the page shows the shop's time, never the browser's,
/// and no caching of answers.
enum KioskJSON {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = ShopTimestamp.jsonEncoding
        return e
    }()

    /// A 200 (or `status`) answer with `value` as JSON.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    /// Reads a JSON request body (at most `limit` bytes) as `T`; a clear 400 when it is not.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int = 1 << 20) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw KioskError.badRequest("Onleesbaar verzoek.", en: "Unreadable request.")
        }
    }

    /// An empty "ok" answer.
    static func ok() throws -> Response { try response(["ok": true]) }
}
