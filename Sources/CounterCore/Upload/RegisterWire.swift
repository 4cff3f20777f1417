import Foundation

/// The request and answer bodies of `docs/register-api.yaml`, shared by ``HTTPRegisterGateway`` and the
/// register simulator.
public enum RegisterWire {
    /// `POST /v1/entries:batch` request body.
    public struct BatchRequest: Codable, Sendable {
        public var entries: [Entry]
        public init(entries: [Entry]) { self.entries = entries }
    }

    /// One entry of a batch.
    public struct Entry: Codable, Sendable {
        public var idempotencyKey: String
        public var entryNumber: Int
        /// `entry`, `correction` or `sale`.
        public var kind: String
        public var payload: JSONValue
        public init(idempotencyKey: String, entryNumber: Int, kind: String, payload: JSONValue) {
            self.idempotencyKey = idempotencyKey
            self.entryNumber = entryNumber
            self.kind = kind
            self.payload = payload
        }
    }

    /// `POST /v1/entries:batch` answer body (HTTP 200): one result per entry, in request order.
    public struct BatchResponse: Codable, Sendable {
        public var results: [Result]
        public init(results: [Result]) { self.results = results }
    }

    /// The register's answer for one entry.
    public struct Result: Codable, Sendable {
        public var idempotencyKey: String
        /// `accepted`, `duplicate` or `rejected`.
        public var status: String
        public var registerReference: String?
        /// Why it was rejected, in the register's words.
        public var reason: String?
        public init(idempotencyKey: String, status: String, registerReference: String? = nil, reason: String? = nil) {
            self.idempotencyKey = idempotencyKey
            self.status = status
            self.registerReference = registerReference
            self.reason = reason
        }
    }

    /// Error body of any non-2xx answer.
    public struct Problem: Codable, Sendable {
        public var error: String
        public var message: String
        public init(error: String, message: String) {
            self.error = error
            self.message = message
        }
    }

    /// `entry`, `correction`, `sale` → the queue's kind.
    public static func kind(_ text: String) -> UploadOutbox.Kind? { UploadOutbox.Kind(rawValue: text) }

    /// An idempotency key as one URL path segment (`/` and other reserved characters percent-encoded).
    public static func pathSegment(_ key: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return key.addingPercentEncoding(withAllowedCharacters: allowed) ?? key
    }
}
