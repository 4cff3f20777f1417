import CounterCore

/// A stand-in for the national register (DOR): answers uploads from a script and records every batch.
///
/// With no script it accepts everything (a key sent again is a duplicate, as the register answers it).
public actor FakeRegisterGateway: RegisterGateway {
    /// How to answer the next upload.
    public enum Answer: Sendable {
        case acceptAll
        case fail(RegisterGatewayError)
        /// Per key: rejected with this reason; others accepted.
        case reject([String: String])
        /// Answer for none of the entries.
        case empty
    }

    /// Every batch sent, in order.
    public private(set) var batches: [[RegisterUpload]] = []
    private var script: [Answer]
    private var held: Set<String> = []

    public init(_ script: [Answer] = []) { self.script = script }

    /// Adds an answer to the script.
    public func push(_ answer: Answer) { script.append(answer) }

    /// The keys the register holds.
    public var heldKeys: Set<String> { held }

    public func upload(_ batch: [RegisterUpload]) async throws(RegisterGatewayError) -> [RegisterUploadResult] {
        batches.append(batch)
        let answer = script.isEmpty ? .acceptAll : script.removeFirst()
        switch answer {
        case .fail(let error): throw error
        case .empty: return []
        case .acceptAll, .reject:
            var rejections: [String: String] = [:]
            if case .reject(let r) = answer { rejections = r }
            return batch.map { upload in
                if let reason = rejections[upload.idempotencyKey] {
                    return RegisterUploadResult(idempotencyKey: upload.idempotencyKey, outcome: .rejected(reason: reason))
                }
                let outcome: RegisterUploadResult.Outcome = held.contains(upload.idempotencyKey)
                    ? .duplicate(reference: "R-\(upload.entryNumber)") : .accepted(reference: "R-\(upload.entryNumber)")
                held.insert(upload.idempotencyKey)
                return RegisterUploadResult(idempotencyKey: upload.idempotencyKey, outcome: outcome)
            }
        }
    }

    /// Nil: this register answers no status queries, so the upload worker sends again what it does not know.
    public func status(idempotencyKey: String) async throws(RegisterGatewayError) -> RegisterEntryStatus? { nil }
}
