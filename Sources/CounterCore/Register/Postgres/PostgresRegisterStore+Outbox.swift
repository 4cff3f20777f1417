import Foundation
import PostgresNIO

/// The branch's upload queue on PostgreSQL: the same statuses and rules as the embedded outbox
/// (``RegisterOutbox``), for several upload workers at once. A worker claims due jobs with
/// `FOR UPDATE SKIP LOCKED` and marks them sent in the same statement, so two workers (two tills of a branch)
/// never send one job twice, and neither waits for the other.
extension PostgresRegisterStore {
    /// Up to `limit` jobs that may be sent now, oldest first, marked sent until `answerBy`.
    package func claimDueJobs(now: Date, answerBy: Date, limit: Int) async throws -> [UploadJob] {
        let nowMs = UploadOutbox.milliseconds(now), answerByMs = UploadOutbox.milliseconds(answerBy)
        return try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            let rows = try await connection.query("""
                WITH due AS (
                    SELECT id FROM upload_job
                    WHERE branch_id = \(branchID) AND status IN ('queued', 'sent') AND COALESCE(due_at_ms, 0) <= \(nowMs)
                    ORDER BY id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
                UPDATE upload_job j SET status = 'sent', attempts = attempts + 1, due_at_ms = \(answerByMs),
                       claimed_by = \(workerName)
                FROM due WHERE j.id = due.id
                RETURNING \(unescaped: Self.jobColumns)
                """, logger: logger)
            return try await Self.jobs(rows).sorted { $0.id < $1.id }
        }
    }

    /// The register's answers to sent jobs, applied together. An acknowledged job is never changed again.
    package func recordAnswers(_ answers: [UploadJob.Answer], now: Date) async throws {
        try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            for answer in answers {
                switch answer {
                case .acknowledged(let id, let reference):
                    try await connection.query("""
                        UPDATE upload_job SET status = 'acknowledged', register_reference = \(reference), last_error = NULL,
                               consecutive_failures = 0, due_at_ms = NULL
                        WHERE id = \(id) AND branch_id = \(branchID) AND status <> 'acknowledged'
                        """, logger: logger)
                case .rejected(let id, let reason):
                    try await connection.query("""
                        UPDATE upload_job SET status = 'rejected', last_error = \(reason), due_at_ms = NULL
                        WHERE id = \(id) AND branch_id = \(branchID) AND status <> 'acknowledged'
                        """, logger: logger)
                case .failed(let id, let error, let retryAt):
                    try await connection.query("""
                        UPDATE upload_job SET status = 'queued', last_error = \(error),
                               consecutive_failures = consecutive_failures + 1, due_at_ms = \(UploadOutbox.milliseconds(retryAt))
                        WHERE id = \(id) AND branch_id = \(branchID) AND status = 'sent'
                        """, logger: logger)
                }
            }
        }
    }

    /// The queue's counts.
    public func outboxSummary(now: Date) async throws -> UploadOutbox.Summary {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            var counts: [String: Int] = [:]
            for try await (status, count) in try await connection.query("""
                SELECT status, count(*) FROM upload_job WHERE branch_id = \(branchID) GROUP BY status
                """, logger: logger).decode((String, Int).self) {
                counts[status] = count
            }
            let oldest = try await connection.query("""
                SELECT created_at FROM upload_job WHERE branch_id = \(branchID) AND status IN ('queued', 'sent')
                ORDER BY id LIMIT 1
                """, logger: logger).decode(String.self).first { _ in true }
            return UploadOutbox.Summary(counts: counts, oldestWaitingCreatedAt: oldest, now: now)
        }
    }

    /// Jobs this worker (``workerName``) left `sent` when its process stopped before the answer: due at once.
    /// Jobs other workers of the branch are sending now are theirs until their answer is due. Returns how many.
    @discardableResult
    public func reclaimSentJobs(now: Date) async throws -> Int {
        try await changedRows("""
            UPDATE upload_job SET due_at_ms = \(UploadOutbox.milliseconds(now))
            WHERE branch_id = \(branchID) AND status = 'sent' AND claimed_by = \(workerName) RETURNING id
            """)
    }

    /// Rejected jobs and jobs waiting out a backoff are queued again, due now, backoff reset. Returns how many.
    @discardableResult
    public func retryJobsNow(now: Date) async throws -> Int {
        try await changedRows("""
            UPDATE upload_job SET status = 'queued', due_at_ms = NULL, consecutive_failures = 0
            WHERE branch_id = \(branchID)
              AND (status = 'rejected' OR (status = 'queued' AND COALESCE(due_at_ms, 0) > \(UploadOutbox.milliseconds(now))))
            RETURNING id
            """)
    }

    /// Runs an UPDATE … RETURNING id in its own transaction; how many rows it changed.
    private func changedRows(_ query: PostgresQuery) async throws -> Int {
        try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            var changed = 0
            for try await _ in try await connection.query(query, logger: logger).decode(Int.self) { changed += 1 }
            return changed
        }
    }

    /// When the next queued or sent job falls due; nil when nothing waits.
    public func nextJobDue() async throws -> Date? {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            let due = try await connection.query("""
                SELECT min(COALESCE(due_at_ms, 0)) FROM upload_job WHERE branch_id = \(branchID) AND status IN ('queued', 'sent')
                """, logger: logger).decode(Int64?.self).first { _ in true }
            return (due ?? nil).map { Date(timeIntervalSince1970: Double($0) / 1000) }
        }
    }

    /// Jobs with one of `statuses`, oldest first.
    package func jobs(statuses: [UploadOutbox.Status], limit: Int) async throws -> [UploadJob] {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            let rows = try await connection.query("""
                SELECT \(unescaped: Self.jobColumns) FROM upload_job j
                WHERE j.branch_id = \(branchID) AND j.status = ANY(\(statuses.map(\.rawValue))) ORDER BY j.id LIMIT \(min(limit, Int(Int32.max)))
                """, logger: logger)
            return try await Self.jobs(rows)
        }
    }

    /// The oldest job not yet acknowledged or rejected, and how many wait, for the backlog alarm.
    package func oldestWaitingJob() async throws -> UploadOutbox.Waiting? {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            guard let (entryNumber, createdAt, count) = try await connection.query("""
                SELECT entry_number, created_at,
                       (SELECT count(*) FROM upload_job WHERE branch_id = \(branchID) AND status IN ('queued', 'sent'))
                FROM upload_job WHERE branch_id = \(branchID) AND status IN ('queued', 'sent') ORDER BY id LIMIT 1
                """, logger: logger).decode((Int, String, Int).self).first(where: { _ in true }),
                  let created = RegisterEntry.timestampFormatter.date(from: createdAt) else { return nil }
            return UploadOutbox.Waiting(entryNumber: entryNumber, createdAt: created, count: count)
        }
    }

    /// The register's reference for the job sent under `idempotencyKey`, once acknowledged.
    public func acknowledgedReference(idempotencyKey: String) async throws -> String? {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            try await connection.query("""
                SELECT register_reference FROM upload_job
                WHERE branch_id = \(branchID) AND idempotency_key = \(idempotencyKey) AND status = 'acknowledged'
                """, logger: logger).decode(String?.self).first { _ in true } ?? nil
        }
    }

    static let jobColumns = """
        j.id, j.kind, j.entry_number, j.sale_id, j.idempotency_key, j.payload, j.status, j.attempts,
        j.consecutive_failures, j.last_error, j.register_reference, j.created_at, j.due_at_ms
        """

    static func jobs(_ rows: PostgresRowSequence) async throws -> [UploadJob] {
        var jobs: [UploadJob] = []
        for try await row in rows {
            let (id, kind, entryNumber, saleID, key, payload, status, attempts, failures, lastError, reference, createdAt, dueAt)
                = try row.decode((Int, String, Int, Int?, String, Data, String, Int, Int, String?, String?, String, Int64?).self)
            jobs.append(UploadJob(
                id: id, kind: UploadOutbox.Kind(rawValue: kind) ?? .entry, entryNumber: entryNumber, saleID: saleID,
                idempotencyKey: key, payload: payload, status: UploadOutbox.Status(rawValue: status) ?? .queued,
                attempts: attempts, consecutiveFailures: failures, lastError: lastError, registerReference: reference,
                createdAt: RegisterEntry.timestampFormatter.date(from: createdAt) ?? Date(timeIntervalSince1970: 0),
                dueAt: dueAt.map { Date(timeIntervalSince1970: Double($0) / 1000) }))
        }
        return jobs
    }
}
