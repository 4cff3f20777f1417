import Foundation
import Logging
import PostgresNIO

/// A chain's view over all its branches (issue 15), read through the head office's role
/// (`counter_head_office`: reads every branch, writes nothing). It names entries, items and counts only;
/// sellers stay in the branches' registers.
public struct HeadOffice: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// One branch at a glance.
    public struct BranchSummary: Sendable, Equatable, Codable {
        public var branchID: String
        public var name: String
        public var municipality: String
        /// Entries in the branch's register, and of them on the day asked about.
        public var entries: Int
        public var entriesOnDay: Int
        /// Upload jobs not yet acknowledged (queued or sent), refused by the register, and open owner alerts.
        public var uploadsWaiting: Int
        public var uploadsRejected: Int
        public var openAlerts: Int
    }

    /// An item found in a branch's register.
    public struct ItemFound: Sendable, Equatable, Codable {
        public var branchID: String
        public var entryNumber: Int
        public var itemID: String
        public var day: String
        public var category: String
        public var holdUntil: String?
    }

    /// Every branch of `tenant` (all tenants when nil), by id, with its counts for `day`.
    public func branches(tenant: String? = nil, day: CalendarDate) async throws -> [BranchSummary] {
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
    public func find(identifier: String) async throws -> [ItemFound] {
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
}
