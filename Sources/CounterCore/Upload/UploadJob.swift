import Foundation
import GRDB

/// One row of the upload queue: what to send, and where its upload stands.
package struct UploadJob: Sendable, Hashable, Codable {
    package var id: Int
    package var kind: UploadOutbox.Kind
    /// The entry this job uploads (for a sale: the entry of the sold item).
    package var entryNumber: Int
    package var saleID: Int?
    /// The key the register deduplicates on: `<shop>/entry/<n>` or `<shop>/sale/<id>`.
    package var idempotencyKey: String
    /// The canonical JSON of the entry or sale. Holds personal data: never logged.
    package var payload: Data
    package var status: UploadOutbox.Status
    /// How many times it was sent.
    package var attempts: Int
    /// Failures since the last success or `queue retry`; drives the backoff.
    package var consecutiveFailures: Int
    /// The register's last complaint or the last transport error, in words an owner can act on.
    package var lastError: String?
    /// The register's own reference for an acknowledged job.
    package var registerReference: String?
    package var createdAt: Date
    /// When the job may be sent (again); nil means now.
    package var dueAt: Date?

    init(id: Int, kind: UploadOutbox.Kind, entryNumber: Int, saleID: Int?, idempotencyKey: String, payload: Data,
         status: UploadOutbox.Status, attempts: Int, consecutiveFailures: Int, lastError: String?,
         registerReference: String?, createdAt: Date, dueAt: Date?) {
        self.id = id
        self.kind = kind
        self.entryNumber = entryNumber
        self.saleID = saleID
        self.idempotencyKey = idempotencyKey
        self.payload = payload
        self.status = status
        self.attempts = attempts
        self.consecutiveFailures = consecutiveFailures
        self.lastError = lastError
        self.registerReference = registerReference
        self.createdAt = createdAt
        self.dueAt = dueAt
    }

    init(row: Row) {
        id = row["id"]
        kind = UploadOutbox.Kind(rawValue: row["kind"]) ?? .entry
        entryNumber = row["entry_number"]
        saleID = row["sale_id"]
        idempotencyKey = row["idempotency_key"]
        payload = row["payload"]
        status = UploadOutbox.Status(rawValue: row["status"]) ?? .queued
        attempts = row["attempts"]
        consecutiveFailures = row["consecutive_failures"]
        lastError = row["last_error"]
        registerReference = row["register_reference"]
        createdAt = RegisterEntry.timestampFormatter.date(from: row["created_at"]) ?? Date(timeIntervalSince1970: 0)
        dueAt = (row["due_at_ms"] as Int64?).map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }

    /// What the gateway sends for this job.
    package var upload: RegisterUpload {
        RegisterUpload(idempotencyKey: idempotencyKey, entryNumber: entryNumber, kind: kind, payload: payload)
    }
}
