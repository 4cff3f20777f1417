import Foundation

/// The request and answer bodies of `docs/register-api.yaml`, shared by ``HTTPRegisterGateway`` and the
/// register simulator.
package enum RegisterWire {
    /// `POST /v1/entries:batch` request body.
    package struct BatchRequest: Codable, Sendable {
        package var entries: [Entry]
        package init(entries: [Entry]) { self.entries = entries }
    }

    /// One entry of a batch.
    package struct Entry: Codable, Sendable {
        package var idempotencyKey: String
        package var entryNumber: Int
        /// `entry`, `correction` or `sale`.
        package var kind: String
        package var payload: JSONValue
        package init(idempotencyKey: String, entryNumber: Int, kind: String, payload: JSONValue) {
            self.idempotencyKey = idempotencyKey
            self.entryNumber = entryNumber
            self.kind = kind
            self.payload = payload
        }
    }

    /// `POST /v1/entries:batch` answer body (HTTP 200): one result per entry, in request order.
    package struct BatchResponse: Codable, Sendable {
        package var results: [Result]
        package init(results: [Result]) { self.results = results }
    }

    /// The register's answer for one entry.
    package struct Result: Codable, Sendable {
        package var idempotencyKey: String
        /// `accepted`, `duplicate` or `rejected`.
        package var status: String
        package var registerReference: String?
        /// Why it was rejected, in the register's words.
        package var reason: String?
        package init(idempotencyKey: String, status: String, registerReference: String? = nil, reason: String? = nil) {
            self.idempotencyKey = idempotencyKey
            self.status = status
            self.registerReference = registerReference
            self.reason = reason
        }
    }

    /// Error body of any non-2xx answer.
    package struct Problem: Codable, Sendable {
        package var error: String
        package var message: String
        package init(error: String, message: String) {
            self.error = error
            self.message = message
        }
    }

    /// `entry`, `correction`, `sale` → the queue's kind.
    package static func kind(_ text: String) -> UploadOutbox.Kind? { UploadOutbox.Kind(rawValue: text) }

    /// An idempotency key as one URL path segment (`/` and other reserved characters percent-encoded).
    package static func pathSegment(_ key: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return key.addingPercentEncoding(withAllowedCharacters: allowed) ?? key
    }
}
