import Foundation
import Logging
import PostgresNIO

/// A chain's view over all its branches (issue 15), read through the head office's role
/// (`counter_head_office`: reads every branch, writes nothing). It names entries, items and counts only;
/// sellers stay in the branches' registers.
package struct HeadOffice: Sendable {
    let client: PostgresClient
    let logger: Logger

    package init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// One branch at a glance.
    package struct BranchSummary: Sendable, Equatable, Codable {
        package var branchID: String
        package var name: String
        package var municipality: String
        /// Entries in the branch's register, and of them on the day asked about.
        package var entries: Int
        package var entriesOnDay: Int
        /// Upload jobs not yet acknowledged (queued or sent), refused by the register, and open owner alerts.
        package var uploadsWaiting: Int
        package var uploadsRejected: Int
        package var openAlerts: Int
    }

    /// An item found in a branch's register.
    package struct ItemFound: Sendable, Equatable, Codable {
        package var branchID: String
        package var entryNumber: Int
        package var itemID: String
        package var day: String
        package var category: String
        package var holdUntil: String?
    }

    /// Every branch of `tenant` (all tenants when nil), by id, with its counts for `day`.
    package func branches(tenant: String? = nil, day: CalendarDate) async throws -> [BranchSummary] {
        try await PostgresTransaction.read(client, logger: logger) { [logger] connection in
            var branches: [BranchSummary] = []
            for try await (id, name, municipality, entries, onDay, waiting, rejected, alerts) in try await connection.query("""
                SELECT b.id, b.name, b.municipality,
                       (SELECT count(*) FROM entry e WHERE e.branch_id = b.id),
                       (SELECT count(*) FROM entry e WHERE e.branch_id = b.id AND e.day = \(day.iso)),
                       (SELECT count(*) FROM upload_job j WHERE j.branch_id = b.id AND j.status IN ('queued', 'sent')),
                       (SELECT count(*) FROM upload_job j WHERE j.branch_id = b.id AND j.status = 'rejected'),
                       (SELECT count(*) FROM owner_alert a WHERE a.branch_id = b.id
                          AND NOT EXISTS (SELECT 1 FROM owner_alert_ack k WHERE k.alert_id = a.id))
                FROM branch b WHERE \(tenant)::text IS NULL OR b.tenant_id = \(tenant)
                ORDER BY b.id
                """, logger: logger).decode((String, String, String, Int, Int, Int, Int, Int).self) {
                branches.append(BranchSummary(branchID: id, name: name, municipality: municipality, entries: entries,
                                              entriesOnDay: onDay, uploadsWaiting: waiting, uploadsRejected: rejected,
                                              openAlerts: alerts))
            }
            return branches
        }
    }

    /// Items whose (first) identifier is `identifier`, case aside, in every branch: where a serial or IMEI was
    /// bought, newest first.
    package func find(identifier: String) async throws -> [ItemFound] {
        let wanted = identifier.trimmingCharacters(in: .whitespaces).uppercased()
        return try await PostgresTransaction.read(client, logger: logger) { [logger] connection in
            var found: [ItemFound] = []
            for try await (branch, number, itemID, day, category, holdUntil) in try await connection.query("""
                SELECT i.branch_id, i.entry_number, i.item_id, e.day, i.category, i.hold_until
                FROM entry_item i JOIN entry e ON e.branch_id = i.branch_id AND e.entry_number = i.entry_number
                WHERE upper(i.identifier) = \(wanted)
                ORDER BY e.day DESC, i.branch_id, i.entry_number
                """, logger: logger).decode((String, Int, String, String, String, String?).self) {
                found.append(ItemFound(branchID: branch, entryNumber: number, itemID: itemID, day: day, category: category,
                                       holdUntil: holdUntil))
            }
            return found
        }
    }

    /// One entry of a branch's day, as the head office sees it: what was bought, by whom at the counter, for how
    /// much, and until when it is kept; never the seller.
    package struct DayEntry: Sendable, Equatable, Codable {
        package var entryNumber: Int
        package var recordedAt: Date
        package var clerk: String
        package var priceCents: Int
        package var corrects: Int?
        package var items: [String]
        package var keptUntil: String?
    }

    /// The entries `branchID` registered on `day`, in number order (``DayEntry``).
    package func dayLog(branchID: String, day: CalendarDate) async throws -> [DayEntry] {
        try await PostgresTransaction.read(client, logger: logger) { [logger] connection in
            var entries: [DayEntry] = []
            for try await (content, previousHash, hash) in try await connection.query("""
                SELECT content, previous_hash, hash FROM entry WHERE branch_id = \(branchID) AND day = \(day.iso)
                ORDER BY entry_number
                """, logger: logger).decode((Data, String, String).self) {
                let entry = try RegisterEntry.decode(content: content, previousHash: previousHash, hash: hash, seller: nil,
                                                     erasedOn: nil)
                entries.append(DayEntry(entryNumber: entry.entryNumber, recordedAt: entry.recordedAt, clerk: entry.clerk,
                                        priceCents: entry.priceCents, corrects: entry.corrects,
                                        items: entry.items.map(\.summary),
                                        keptUntil: entry.items.compactMap(\.holdUntil).max()?.iso))
            }
            return entries
        }
    }

    /// An upload of a branch that did not reach the register (yet): waiting, or refused with the register's words.
    package struct WaitingUpload: Sendable, Equatable, Codable {
        package var entryNumber: Int
        package var kind: String
        package var status: String
        package var attempts: Int
        package var lastError: String?
        package var createdAt: String
    }

    /// The branch's uploads not acknowledged, oldest first (never what they send: that holds the seller).
    package func uploadBacklog(branchID: String, limit: Int = 500) async throws -> [WaitingUpload] {
        try await PostgresTransaction.read(client, logger: logger) { [logger] connection in
            var jobs: [WaitingUpload] = []
            for try await (number, kind, status, attempts, lastError, createdAt) in try await connection.query("""
                SELECT entry_number, kind, status, attempts, last_error, created_at FROM upload_job
                WHERE branch_id = \(branchID) AND status <> 'acknowledged' ORDER BY id LIMIT \(limit)
                """, logger: logger).decode((Int, String, String, Int, String?, String).self) {
                jobs.append(WaitingUpload(entryNumber: number, kind: kind, status: status, attempts: attempts,
                                          lastError: lastError, createdAt: createdAt))
            }
            return jobs
        }
    }

    /// The branch's open owner alerts, newest first.
    package func openAlerts(branchID: String) async throws -> [OwnerAlert] {
        try await PostgresRegisterStore.alerts(client, branchID: branchID, includeAcknowledged: false, logger: logger)
    }
}
