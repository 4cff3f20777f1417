import Foundation
import GRDB

/// The queue operations of the upload worker. Each runs in its own transaction, so a process killed at any
/// moment leaves every job in one of its statuses, never half-way.
extension UploadOutbox {
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    /// Jobs that may be sent now, oldest first: queued ones past their backoff, and sent ones whose answer
    /// did not come within the attempt timeout (the process died, or the answer was lost).
    static func dueJobs(_ db: Database, now: Date, limit: Int) throws -> [UploadJob] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM upload_job
            WHERE status IN ('queued', 'sent') AND COALESCE(due_at_ms, 0) <= ?
            ORDER BY id LIMIT ?
            """, arguments: [milliseconds(now), limit]).map(UploadJob.init(row:))
    }

    /// When the next queued or sent job falls due; nil when nothing waits.
    static func nextDue(_ db: Database) throws -> Date? {
        guard let ms = try Int64.fetchOne(db, sql: """
            SELECT MIN(COALESCE(due_at_ms, 0)) FROM upload_job WHERE status IN ('queued', 'sent')
            """) else { return nil }
        return Date(timeIntervalSince1970: Double(ms) / 1000)
    }

    /// Marks jobs sent before the request goes out. Until `answerBy` they are not picked again.
    static func markSent(_ db: Database, ids: [Int], now: Date, answerBy: Date) throws {
        try db.execute(sql: """
            UPDATE upload_job SET status = 'sent', attempts = attempts + 1, due_at_ms = ?, next_attempt_at = ?,
                   last_attempt_at = ?, updated_at = ?
            WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ",")))
            """, arguments: [milliseconds(answerBy), stamp(answerBy), stamp(now), stamp(now)] + StatementArguments(ids))
    }

    /// The register confirmed the job (accepted now, or already held it).
    static func markAcknowledged(_ db: Database, id: Int, reference: String?, now: Date) throws {
        try db.execute(sql: """
            UPDATE upload_job SET status = 'acknowledged', register_reference = ?, last_error = NULL,
                   consecutive_failures = 0, due_at_ms = NULL, updated_at = ?
            WHERE id = ? AND status != 'acknowledged'
            """, arguments: [reference, stamp(now), id])
    }

    /// The register refused the job; its reason is kept. An acknowledged job is never un-acknowledged.
    static func markRejected(_ db: Database, id: Int, reason: String, now: Date) throws {
        try db.execute(sql: """
            UPDATE upload_job SET status = 'rejected', last_error = ?, due_at_ms = NULL, updated_at = ?
            WHERE id = ? AND status != 'acknowledged'
            """, arguments: [reason, stamp(now), id])
    }

    /// The attempt failed (no answer, a server error): back to queued until `retryAt`.
    static func markFailed(_ db: Database, id: Int, error: String, retryAt: Date, now: Date) throws {
        try db.execute(sql: """
            UPDATE upload_job SET status = 'queued', last_error = ?, consecutive_failures = consecutive_failures + 1,
                   due_at_ms = ?, next_attempt_at = ?, updated_at = ?
            WHERE id = ? AND status = 'sent'
            """, arguments: [error, milliseconds(retryAt), stamp(retryAt), stamp(now), id])
    }

    /// Jobs left `sent` by a process that stopped before the answer: due at once. Resending is safe because
    /// the register deduplicates on the idempotency key.
    @discardableResult
    static func reclaimSent(_ db: Database, now: Date) throws -> Int {
        try db.execute(sql: "UPDATE upload_job SET due_at_ms = ? WHERE status = 'sent'", arguments: [milliseconds(now)])
        return db.changesCount
    }

    /// `queue retry`: rejected jobs and jobs waiting out a backoff are queued again, due now, backoff reset.
    @discardableResult
    static func retryNow(_ db: Database, now: Date) throws -> Int {
        try db.execute(sql: """
            UPDATE upload_job SET status = 'queued', due_at_ms = NULL, consecutive_failures = 0, updated_at = ?
            WHERE status = 'rejected' OR (status = 'queued' AND COALESCE(due_at_ms, 0) > ?)
            """, arguments: [stamp(now), milliseconds(now)])
        return db.changesCount
    }

    /// Jobs with a given status, oldest first (for `queue export` and the owner's pages).
    static func jobs(_ db: Database, statuses: [Status], limit: Int = .max) throws -> [UploadJob] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM upload_job WHERE status IN (\(statuses.map { _ in "?" }.joined(separator: ",")))
            ORDER BY id LIMIT ?
            """, arguments: StatementArguments(statuses.map(\.rawValue)) + [limit]).map(UploadJob.init(row:))
    }

    /// These jobs, oldest first.
    static func jobs(_ db: Database, ids: [Int]) throws -> [UploadJob] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM upload_job WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ","))) ORDER BY id
            """, arguments: StatementArguments(ids)).map(UploadJob.init(row:))
    }

    /// The oldest job not yet acknowledged or rejected, for the backlog alarm.
    static func oldestWaiting(_ db: Database) throws -> Waiting? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT entry_number, created_at, (SELECT COUNT(*) FROM upload_job WHERE status IN ('queued', 'sent')) AS n
            FROM upload_job WHERE status IN ('queued', 'sent') ORDER BY id LIMIT 1
            """), let created = RegisterEntry.timestampFormatter.date(from: row["created_at"]) else { return nil }
        return Waiting(entryNumber: row["entry_number"], createdAt: created, count: row["n"])
    }

    static func stamp(_ date: Date) -> String { RegisterEntry.timestampFormatter.string(from: date) }
}
