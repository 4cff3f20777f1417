/// The register's answer for one uploaded entry.
public struct RegisterUploadResult: Sendable, Hashable {
    /// What the register did with the entry.
    public enum Outcome: Sendable, Hashable {
        /// Stored now; the register's reference for it.
        case accepted(reference: String?)
        /// Already stored under this key (an earlier attempt got through): as good as accepted.
        case duplicate(reference: String?)
        /// Refused, with the register's reason. Sending it again unchanged will be refused again.
        case rejected(reason: String)
    }

    public var idempotencyKey: String
    public var outcome: Outcome

    public init(idempotencyKey: String, outcome: Outcome) {
        self.idempotencyKey = idempotencyKey
        self.outcome = outcome
    }
}
