import Foundation
import GRDB

/// The upload queue as rows in the register's own database (transactional outbox): a job is written in
/// the same transaction as the entry or sale it uploads, so nothing registered can miss its upload.
public enum UploadOutbox {
    /// What a job uploads.
    public enum Kind: String, Codable, Sendable {
        case entry
        case correction
        case sale
    }

    /// Where a job stands.
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Waiting to be sent (or to be sent again after a failure).
        case queued
        /// Sent; the register has not confirmed it yet.
        case sent
        /// The register confirmed it.
        case acknowledged
        /// The register refused it; its reason is kept for the owner.
        case rejected
    }

    /// Adds a job inside the caller's transaction.
    static func enqueue(_ db: Database, kind: Kind, entryNumber: Int, saleID: Int?, idempotencyKey: String,
                        payload: Data, at date: Date) throws {
        let now = RegisterEntry.timestampFormatter.string(from: date)
        try db.execute(
            sql: """
                INSERT INTO upload_job (kind, entry_number, sale_id, idempotency_key, payload, status,
                                        next_attempt_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?)
                """,
            arguments: [kind.rawValue, entryNumber, saleID, idempotencyKey, payload, now, now, now])
    }

    /// Counts per status and the age of the oldest queued job.
    public struct Summary: Codable, Sendable, Equatable {
        public var queued: Int
        public var sent: Int
        public var acknowledged: Int
        public var rejected: Int
        public var oldestQueuedAgeSeconds: Int?
    }

    /// The queue's counts as of `now`.
    static func summary(_ db: Database, now: Date) throws -> Summary {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM upload_job GROUP BY status") {
            counts[row["status"]] = row["n"]
        }
        let oldest = try String.fetchOne(
            db, sql: "SELECT MIN(created_at) FROM upload_job WHERE status IN ('queued', 'sent')")
        return Summary(counts: counts, oldestWaitingCreatedAt: oldest, now: now)
    }
}

extension UploadOutbox.Summary {
    /// The summary from the jobs counted per status (raw values) and the oldest waiting job's `created_at`,
    /// as every backend reads them.
    init(counts: [String: Int], oldestWaitingCreatedAt oldest: String?, now: Date) {
        func count(_ status: UploadOutbox.Status) -> Int { counts[status.rawValue] ?? 0 }
        let created: Date? = oldest.flatMap { RegisterEntry.timestampFormatter.date(from: $0) }
        let age: Int? = created.map { max(0, Int(now.timeIntervalSince($0))) }
        self.init(queued: count(.queued), sent: count(.sent), acknowledged: count(.acknowledged),
                  rejected: count(.rejected), oldestQueuedAgeSeconds: age)
    }
}
