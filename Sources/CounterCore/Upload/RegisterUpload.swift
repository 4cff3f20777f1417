import Foundation

/// One entry, correction or sale as handed to a ``RegisterGateway``.
public struct RegisterUpload: Sendable, Hashable {
    /// The register keeps one record per key: sending the same key again is harmless.
    public var idempotencyKey: String
    public var entryNumber: Int
    public var kind: UploadOutbox.Kind
    /// The canonical JSON of the entry or sale (personal data: never logged).
    public var payload: Data

    public init(idempotencyKey: String, entryNumber: Int, kind: UploadOutbox.Kind, payload: Data) {
        self.idempotencyKey = idempotencyKey
        self.entryNumber = entryNumber
        self.kind = kind
        self.payload = payload
    }
}
