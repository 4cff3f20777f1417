/// The register the shop's entries go to (the DOR, once its interface is known), as an adapter.
///
/// Adapters: ``HTTPRegisterGateway`` (the protocol in `docs/register-api.yaml`), `ManualRegisterGateway`
/// (written out for typing into the DOR portal), and test doubles.
public protocol RegisterGateway: Sendable {
    /// Sends a batch; returns the register's result for each entry it answered for. Throws when the
    /// attempt as a whole got no answer: nothing is known then, and the batch is sent again later.
    func upload(_ batch: [RegisterUpload]) async throws(RegisterGatewayError) -> [RegisterUploadResult]
    /// The register's record for a key: its reference, or nil when it holds nothing under that key.
    func status(idempotencyKey: String) async throws(RegisterGatewayError) -> RegisterEntryStatus?
}

/// What the register holds under one idempotency key.
public struct RegisterEntryStatus: Sendable, Hashable, Codable {
    public var idempotencyKey: String
    public var entryNumber: Int
    public var kind: String
    public var registerReference: String
    public var receivedAt: String

    public init(idempotencyKey: String, entryNumber: Int, kind: String, registerReference: String, receivedAt: String) {
        self.idempotencyKey = idempotencyKey
        self.entryNumber = entryNumber
        self.kind = kind
        self.registerReference = registerReference
        self.receivedAt = receivedAt
    }
}
