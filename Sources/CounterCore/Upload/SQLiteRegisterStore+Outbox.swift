import Foundation
import GRDB

/// The outbox on SQLite (``RegisterOutbox``): each call one transaction over `upload_job`.
extension SQLiteRegisterStore: RegisterOutbox {
    package func claimDueJobs(now: Date, answerBy: Date, limit: Int) throws -> [UploadJob] {
        // One write transaction: SQLite has one writer, so two workers cannot claim the same job.
        try write { db in
            let due = try UploadOutbox.dueJobs(db, now: now, limit: limit)
            guard !due.isEmpty else { return [] }
            try UploadOutbox.markSent(db, ids: due.map(\.id), now: now, answerBy: answerBy)
            // As stored now, as every backend returns them.
            return try UploadOutbox.jobs(db, ids: due.map(\.id))
        }
    }

    package func recordAnswers(_ answers: [UploadJob.Answer], now: Date) throws {
        guard !answers.isEmpty else { return }
        try write { db in
            for answer in answers {
                switch answer {
                case .acknowledged(let id, let reference):
                    try UploadOutbox.markAcknowledged(db, id: id, reference: reference, now: now)
                case .rejected(let id, let reason):
                    try UploadOutbox.markRejected(db, id: id, reason: reason, now: now)
                case .failed(let id, let error, let retryAt):
                    try UploadOutbox.markFailed(db, id: id, error: error, retryAt: retryAt, now: now)
                }
            }
        }
    }

    @discardableResult
    public func reclaimSentJobs(now: Date) throws -> Int {
        try write { try UploadOutbox.reclaimSent($0, now: now) }
    }

    @discardableResult
    public func retryJobsNow(now: Date) throws -> Int {
        try write { try UploadOutbox.retryNow($0, now: now) }
    }

    public func nextJobDue() throws -> Date? {
        try dbPool.read { try UploadOutbox.nextDue($0) }
    }

    public func outboxSummary(now: Date) throws -> UploadOutbox.Summary {
        try dbPool.read { try UploadOutbox.summary($0, now: now) }
    }

    package func jobs(statuses: [UploadOutbox.Status], limit: Int) throws -> [UploadJob] {
        try dbPool.read { try UploadOutbox.jobs($0, statuses: statuses, limit: limit) }
    }

    package func oldestWaitingJob() throws -> UploadOutbox.Waiting? {
        try dbPool.read { try UploadOutbox.oldestWaiting($0) }
    }

    public func acknowledgedReference(idempotencyKey: String) throws -> String? {
        try dbPool.read { db in
            try String.fetchOne(db, sql: """
                SELECT register_reference FROM upload_job WHERE idempotency_key = ? AND status = 'acknowledged'
                """, arguments: [idempotencyKey])
        }
    }
}
