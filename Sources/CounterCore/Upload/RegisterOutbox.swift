import Foundation

/// What the upload worker, the owner's pages and `queue` need of the register's storage: the outbox of upload
/// jobs, the register's head, the owner's alerts, and marking the register damaged. Named operations, each one
/// transaction, so no caller sees SQL or a database handle. Asynchronous, for a backend that talks to a server:
/// ``SQLiteRegisterStore`` (whose calls are synchronous, and meet these) and ``PostgresRegisterStore``, where
/// several workers of a branch share the outbox.
package protocol RegisterOutbox: AnyObject, Sendable {
    /// Up to `limit` jobs that may be sent now, oldest first (queued ones past their backoff, and sent ones whose
    /// answer did not come by its time), marked sent until `answerBy` in the same transaction, so no other worker
    /// picks them meanwhile.
    func claimDueJobs(now: Date, answerBy: Date, limit: Int) async throws -> [UploadJob]
    /// The register's answers to sent jobs, applied together. An acknowledged job is never changed again.
    func recordAnswers(_ answers: [UploadJob.Answer], now: Date) async throws
    /// Jobs left `sent` by a process that stopped before the answer: due at once. Returns how many.
    func reclaimSentJobs(now: Date) async throws -> Int
    /// `queue retry`: rejected jobs and jobs waiting out a backoff are queued again, due now. Returns how many.
    func retryJobsNow(now: Date) async throws -> Int
    /// When the next queued or sent job falls due; nil when nothing waits.
    func nextJobDue() async throws -> Date?
    /// The queue's counts.
    func outboxSummary(now: Date) async throws -> UploadOutbox.Summary
    /// Jobs with one of `statuses`, oldest first.
    func jobs(statuses: [UploadOutbox.Status], limit: Int) async throws -> [UploadJob]
    /// The oldest job not yet acknowledged or rejected, and how many wait, for the backlog alarm.
    func oldestWaitingJob() async throws -> UploadOutbox.Waiting?
    /// The register's reference for the job sent under `idempotencyKey`, once acknowledged.
    func acknowledgedReference(idempotencyKey: String) async throws -> String?

    /// The last entry's number and hash, or nil for an empty register.
    func head() async throws -> RegisterAnchor.Head?
    /// The key entry `number` is uploaded under.
    func uploadKey(entryNumber: Int) -> String
    /// Raises an alert on the owner's list; returns its id.
    @discardableResult
    func raiseAlert(_ kind: OwnerAlert.Kind, itemID: String?, entryNumber: Int?, _ code: CounterMessages.Code,
                    _ parameters: [String: String], at date: Date) async throws -> Int
    /// The register can no longer prove it is whole: it refuses new entries from now on.
    func markDamaged(_ problem: RegisterVerification.Problem)
}

extension UploadJob {
    /// What became of one sent job.
    package enum Answer: Sendable, Equatable {
        /// The register holds it (accepted now, or already held), under its reference.
        case acknowledged(id: Int, reference: String?)
        /// The register refused it, for this reason.
        case rejected(id: Int, reason: String)
        /// No answer for it (a failed request, or left out of the answer): queued again until `retryAt`.
        case failed(id: Int, error: String, retryAt: Date)
    }
}

extension UploadOutbox {
    /// The oldest job still waiting and how many wait.
    package struct Waiting: Sendable, Equatable {
        package var entryNumber: Int
        package var createdAt: Date
        package var count: Int

        /// Whether the oldest has waited longer than `alarmAge` (`register.backlogAlarmHours`): the owner is alerted,
        /// and the health summary warns.
        package func isOverdue(now: Date, alarmAge: TimeInterval) -> Bool {
            now.timeIntervalSince(createdAt) > alarmAge
        }

        /// Whole hours the oldest has waited, as the alert and the health summary say it.
        package func hoursWaiting(now: Date) -> Int { Int(now.timeIntervalSince(createdAt) / 3600) }
    }
}
