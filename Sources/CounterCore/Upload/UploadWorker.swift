import Foundation
import Logging

/// Sends the upload queue to the register: due jobs in batches, each under its idempotency key; marks a job
/// acknowledged only on the register's answer, rejected with the register's reason (and an owner alert),
/// and backs off with jitter when an attempt gets no answer. Raises the backlog alarm when the oldest
/// waiting job is older than the configured age.
///
/// Crash safety: a job is marked `sent` in the same transaction that picks it, and every answer is applied
/// in one transaction. A process killed in between leaves jobs `sent`; they fall due again after the attempt
/// timeout (at once when a worker starts, see ``reclaim()``) and are resent under the same key, which the
/// register answers with `duplicate` if it already stored them. So the register holds each entry once.
public actor UploadWorker {
    /// How the worker paces itself.
    public struct Settings: Sendable {
        public var batchSize: Int
        /// A sent job without an answer after this long is sent again.
        public var attemptTimeout: TimeInterval
        public var backoff: UploadBackoff
        /// Age of the oldest waiting job that raises the backlog alarm.
        public var backlogAlarmAge: TimeInterval
        /// How often an idle worker looks for new jobs (other processes add them too).
        public var idlePoll: TimeInterval

        public init(batchSize: Int = 100, attemptTimeout: TimeInterval = 120,
                    backoff: UploadBackoff = UploadBackoff(minimum: 5, maximum: 900),
                    backlogAlarmAge: TimeInterval = 24 * 3600, idlePoll: TimeInterval = 2) {
            self.batchSize = max(1, batchSize)
            self.attemptTimeout = attemptTimeout
            self.backoff = backoff
            self.backlogAlarmAge = backlogAlarmAge
            self.idlePoll = idlePoll
        }

        /// The settings of `config.json`'s `register` section.
        public init(_ register: CounterConfiguration.Register) {
            self.init(batchSize: register.batchSize, attemptTimeout: TimeInterval(register.attemptTimeoutSeconds),
                      backoff: UploadBackoff(minimum: TimeInterval(register.retryMinSeconds),
                                             maximum: TimeInterval(register.retryMaxSeconds)),
                      backlogAlarmAge: TimeInterval(register.backlogAlarmHours) * 3600)
        }
    }

    /// What one ``runOnce()`` did.
    public struct CycleReport: Sendable, Hashable {
        /// Jobs picked and sent.
        public var sent = 0
        public var acknowledged = 0
        public var rejected = 0
        /// Jobs put back to wait for a retry.
        public var failed = 0
        /// Why the attempt as a whole failed, if it did.
        public var error: RegisterGatewayError?
    }

    let store: any RegisterOutbox
    let gateway: any RegisterGateway
    let settings: Settings
    let clock: @Sendable () -> Date
    let random: @Sendable () -> Double
    let sleep: @Sendable (TimeInterval) async throws -> Void
    let logger: Logger
    private var lastBacklogCheck: Date?

    /// A worker that sends the data folder's register's upload queue to `gateway`.
    public init(store: SQLiteRegisterStore, gateway: any RegisterGateway, settings: Settings = Settings(),
                logger: Logger = Logger(label: "counter.upload")) {
        self.init(store: store as any RegisterOutbox, gateway: gateway, settings: settings, logger: logger)
    }

    /// A worker that sends a branch's upload queue (PostgreSQL) to `gateway`.
    public init(store: PostgresRegisterStore, gateway: any RegisterGateway, settings: Settings = Settings(),
                logger: Logger = Logger(label: "counter.upload")) {
        self.init(store: store as any RegisterOutbox, gateway: gateway, settings: settings, logger: logger)
    }

    /// - Parameters:
    ///   - store: the upload queue (the register's outbox).
    ///   - gateway: the register the entries go to.
    ///   - settings: batch size, backoff and deadlines.
    ///   - clock: the time now (injected for tests).
    ///   - logger: where attempts and answers are logged (never a seller's data).
    ///   - random: a number in 0..<1 for the backoff jitter (injected for tests).
    ///   - sleep: waits that many seconds (injected for tests).
    package init(store: any RegisterOutbox, gateway: any RegisterGateway, settings: Settings = Settings(),
                clock: @escaping @Sendable () -> Date = { Date() },
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                sleep: @escaping @Sendable (TimeInterval) async throws -> Void = { try await Task.sleep(for: .seconds($0)) },
                logger: Logger = Logger(label: "counter.upload")) {
        self.store = store
        self.gateway = gateway
        self.settings = settings
        self.clock = clock
        self.random = random
        self.sleep = sleep
        self.logger = logger
    }

    /// Makes jobs left `sent` by an earlier process due now; returns how many. Called when a worker starts.
    @discardableResult
    public func reclaim() async throws -> Int {
        let now = clock()
        return try await store.reclaimSentJobs(now: now)
    }

    /// Picks one batch of due jobs, sends it and applies the register's answer.
    public func runOnce() async throws -> CycleReport {
        let report = try await sendDueJobs()
        _ = try? await checkBacklog()
        return report
    }

    /// ``runOnce()`` without the backlog check.
    private func sendDueJobs() async throws -> CycleReport {
        let now = clock()
        let answerBy = now.addingTimeInterval(settings.attemptTimeout)
        let jobs = try await store.claimDueJobs(now: now, answerBy: answerBy, limit: settings.batchSize)
        var report = CycleReport()
        report.sent = jobs.count
        guard !jobs.isEmpty else { return report }
        let results: [RegisterUploadResult]
        do {
            results = try await gateway.upload(jobs.map(\.upload))
        } catch {
            report.error = error
            report.failed = jobs.count
            try await fail(jobs, error: error.description)
            logger.warning("upload attempt failed", metadata: [
                "entries": "\(Self.range(jobs))", "error": "\(error.description)"])
            return report
        }
        let byKey = Dictionary(results.map { ($0.idempotencyKey, $0.outcome) }, uniquingKeysWith: { first, _ in first })
        let done = clock()
        var rejections: [(UploadJob, String)] = []
        var unanswered: [UploadJob] = []
        var answers: [UploadJob.Answer] = []
        for job in jobs {
            switch byKey[job.idempotencyKey] {
            case .accepted(let reference)?, .duplicate(let reference)?:
                answers.append(.acknowledged(id: job.id, reference: reference))
            case .rejected(let reason)?:
                answers.append(.rejected(id: job.id, reason: String(reason.prefix(500))))
                rejections.append((job, reason))
            case nil:
                unanswered.append(job)
            }
        }
        try await store.recordAnswers(answers, now: done)
        report.rejected = rejections.count
        report.acknowledged = jobs.count - rejections.count - unanswered.count
        if !unanswered.isEmpty {
            report.failed = unanswered.count
            try await fail(unanswered, error: "The register's answer left this entry out; it will be sent again.")
        }
        for (job, reason) in rejections {
            // The reason is the register's own words about the owner's own entry; it goes to the owner's alert
            // list, not to the log.
            try await store.raiseAlert(
                .uploadRejected, itemID: nil, entryNumber: job.entryNumber, job.kind == .sale ? .alertUploadRejectedSale : .alertUploadRejected,
                ["entry": String(job.entryNumber), "reason": String(reason.prefix(300))], at: done)
            logger.error("upload rejected", metadata: ["entry": "\(job.entryNumber)", "kind": "\(job.kind.rawValue)"])
        }
        logger.debug("upload batch", metadata: [
            "entries": "\(Self.range(jobs))", "acknowledged": "\(report.acknowledged)", "rejected": "\(report.rejected)"])
        return report
    }

    /// Asks the register whether it holds the entry after this file's last one. When it does, the register
    /// acknowledged an entry this file no longer has: an older copy was put back (with its anchor), or entries
    /// were lost. The store is marked damaged and refuses new entries, which would reuse those numbers.
    ///
    /// Why: the anchor next to the file catches a lost WAL or a truncated file, but not a restored backup of
    /// both; the register is the one witness outside the shop's machine. No answer proves nothing either way:
    /// then nil, and the next start asks again.
    public func checkAcknowledgedHead() async -> RegisterVerification.Problem? {
        guard let head = try? await store.head()?.entryNumber ?? 0 else { return nil }
        let next = head + 1
        let key = store.uploadKey(entryNumber: next)
        guard let held = try? await gateway.status(idempotencyKey: key) else { return nil }
        // Registered here since, uploaded, and that is what the register holds: all is well.
        let ours = try? await store.acknowledgedReference(idempotencyKey: key)
        if let ours, ours == held.registerReference { return nil }
        // Registered since at another till of the branch (PostgreSQL), and uploaded by its worker, which has not
        // recorded the answer yet: the entry is in this register. (A different entry under that number would be
        // refused by the register when it is sent: the key is the register's.) Only an entry this register does
        // not have is the damage looked for.
        if ours == nil, let now = try? await store.head()?.entryNumber, now >= next { return nil }
        let problem = RegisterVerification.Problem.acknowledgedEntryMissing(entryNumber: next)
        store.markDamaged(problem)
        logger.critical("the register holds an entry this file does not", metadata: ["entry": "\(next)"])
        return problem
    }

    func fail(_ jobs: [UploadJob], error: String) async throws {
        let now = clock()
        try await store.recordAnswers(jobs.map { job in
            let wait = settings.backoff.delay(failures: job.consecutiveFailures + 1, random: random())
            return .failed(id: job.id, error: error, retryAt: now.addingTimeInterval(wait))
        }, now: now)
    }

    /// Raises the backlog alarm (one open alert at a time) when the oldest waiting job is too old.
    /// Checked at most once a minute. Returns whether the backlog is over the age.
    @discardableResult
    public func checkBacklog(force: Bool = false) async throws -> Bool {
        let now = clock()
        if !force, let last = lastBacklogCheck, now.timeIntervalSince(last) < 60 { return false }
        lastBacklogCheck = now
        guard let oldest = try await store.oldestWaitingJob(),
              oldest.isOverdue(now: now, alarmAge: settings.backlogAlarmAge) else { return false }
        let hours = oldest.hoursWaiting(now: now)
        try await store.raiseAlert(
            .uploadBacklog, itemID: nil, entryNumber: nil, .alertUploadBacklog,
            ["count": String(oldest.count), "entry": String(oldest.entryNumber), "hours": String(hours)], at: now)
        logger.warning("upload backlog", metadata: ["waiting": "\(oldest.count)", "oldestEntry": "\(oldest.entryNumber)"])
        return true
    }

    /// Sends until nothing is queued or sent any more (rejected jobs stay for the owner), waiting out
    /// backoffs. Stops at `deadline` if given. Returns the queue's summary at the end.
    public func drain(deadline: Date? = nil) async throws -> UploadOutbox.Summary {
        try await reclaim()
        while true {
            try Task.checkCancellation()
            let report = try await runOnce()
            if report.sent > 0 && report.error == nil { continue }
            let now = clock()
            guard let next = try await nextDue() else { break }
            if let deadline, now >= deadline { break }
            var wait = max(0.01, next.timeIntervalSince(now))
            if let deadline { wait = min(wait, max(0.01, deadline.timeIntervalSince(now))) }
            try await sleep(min(wait, settings.idlePoll))
        }
        return try await summary()
    }

    /// The queue's counts now.
    public func summary() async throws -> UploadOutbox.Summary {
        let now = clock()
        return try await store.outboxSummary(now: now)
    }

    func nextDue() async throws -> Date? {
        try await store.nextJobDue()
    }

    /// Runs until cancelled: sends what is due, sleeps while nothing is. Store errors are logged and retried.
    public func run() async {
        _ = try? await reclaim()
        while !Task.isCancelled {
            do {
                let report = try await runOnce()
                if report.sent > 0 && report.error == nil { continue }
                let now = clock()
                let next = try await nextDue()
                let wait = next.map { max(0.05, $0.timeIntervalSince(now)) } ?? settings.idlePoll
                try await sleep(min(wait, settings.idlePoll))
            } catch is CancellationError {
                return
            } catch {
                logger.error("upload worker", metadata: ["error": "\(error)"])
                try? await sleep(5)
            }
        }
    }

    static func range(_ jobs: [UploadJob]) -> String {
        guard let first = jobs.first?.entryNumber, let last = jobs.last?.entryNumber else { return "-" }
        return first == last ? "\(first)" : "\(first)…\(last)"
    }
}
