import Foundation
import Logging
import PostgresNIO

/// The branch's owner alerts on PostgreSQL: raised by any till or worker of the branch, worded by the catalog,
/// and announced to the branch's other processes (`BranchEvent/Kind/alertRaised`).
extension PostgresRegisterStore: RegisterOutbox {
    /// Raises an alert (code and parameters, no personal data); the same open alert (kind, item, entry) is not
    /// raised twice. Returns its id.
    @discardableResult
    package func raiseAlert(_ kind: OwnerAlert.Kind, itemID: String?, entryNumber: Int?, _ code: CounterMessages.Code,
                           _ parameters: [String: String], at date: Date) async throws -> Int {
        let (id, raised) = try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            try await insertAlert(connection, kind, itemID: itemID, entryNumber: entryNumber, code, parameters, at: date)
        }
        if raised { try? await publish(.alertRaised, alertID: id) }
        return id
    }

    /// Raises an alert inside the caller's transaction; the open alert of the same kind, item and entry when there
    /// is one. Returns its id, and whether it is new (then the caller announces it after the commit).
    func insertAlert(_ connection: PostgresConnection, _ kind: OwnerAlert.Kind, itemID: String?, entryNumber: Int?,
                     _ code: CounterMessages.Code, _ parameters: [String: String], at date: Date) async throws -> (Int, Bool) {
        let stored = try OwnerAlert.stored(code, parameters)
        let raisedAt = RegisterEntry.timestampFormatter.string(from: date)
        // One raiser at a time per branch, so two tills cannot both find no open alert and raise it twice
        // (a lock of its own: registering entries does not wait for it).
        try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\("owner_alert/" + branchID)))", logger: logger)
        if let existing = try await connection.query("""
            SELECT a.id FROM owner_alert a LEFT JOIN owner_alert_ack k ON k.alert_id = a.id
            WHERE a.branch_id = \(branchID) AND a.kind = \(kind.rawValue) AND a.item_id IS NOT DISTINCT FROM \(itemID)
              AND a.entry_number IS NOT DISTINCT FROM \(entryNumber) AND k.alert_id IS NULL
            """, logger: logger).decode(Int.self).first(where: { _ in true }) {
            return (existing, false)
        }
        let id = try await connection.query("""
            INSERT INTO owner_alert (branch_id, kind, raised_at, item_id, entry_number, message, code, parameters)
            VALUES (\(branchID), \(kind.rawValue), \(raisedAt), \(itemID), \(entryNumber), \(stored.message), \(code.rawValue),
                    \(stored.parameters))
            RETURNING id
            """, logger: logger).decode(Int.self).first { _ in true } ?? 0
        return (id, true)
    }

    /// Open alerts of the branch (all when `includeAcknowledged`), newest first.
    package func alerts(includeAcknowledged: Bool = false) async throws -> [OwnerAlert] {
        try await Self.alerts(client, branchID: branchID, includeAcknowledged: includeAcknowledged, logger: logger)
    }

    /// The alerts of `branchID` (the head office reads every branch's).
    static func alerts(_ client: PostgresClient, branchID: String, includeAcknowledged: Bool,
                       logger: Logger) async throws -> [OwnerAlert] {
        try await PostgresTransaction.read(client, logger: logger) { connection in
            var alerts: [OwnerAlert] = []
            let rows = try await connection.query("""
                SELECT a.id, a.kind, a.raised_at, a.item_id, a.entry_number, a.code, a.parameters, a.message, k.by, k.at, k.note
                FROM owner_alert a LEFT JOIN owner_alert_ack k ON k.alert_id = a.id
                WHERE a.branch_id = \(branchID) AND (\(includeAcknowledged) OR k.alert_id IS NULL)
                ORDER BY a.id DESC
                """, logger: logger)
            for try await (id, kind, raisedAt, itemID, entryNumber, code, parameters, message, by, at, note) in rows
                .decode((Int, String, String, String?, Int?, String, String, String, String?, String?, String?).self) {
                alerts.append(OwnerAlert(
                    id: id, kind: OwnerAlert.Kind(rawValue: kind) ?? .lateHit,
                    raisedAt: RegisterEntry.timestampFormatter.date(from: raisedAt) ?? Date(timeIntervalSince1970: 0),
                    itemID: itemID, entryNumber: entryNumber, code: CounterMessages.Code(rawValue: code),
                    parameters: OwnerAlert.parameters(stored: parameters),
                    storedMessage: message, acknowledgedBy: by,
                    acknowledgedAt: at.flatMap { RegisterEntry.timestampFormatter.date(from: $0) }, acknowledgementNote: note))
            }
            return alerts
        }
    }

    /// Records that `by` has dealt with an alert of this branch (once: a second acknowledgement is ignored).
    /// - Throws: ``CounterError`` `alert.unknown` when the branch has no alert with this id.
    package func acknowledgeAlert(_ id: Int, by: String, note: String, at date: Date) async throws {
        try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            guard try await Self.exists(connection, "SELECT 1 FROM owner_alert WHERE id = \(id) AND branch_id = \(branchID)", logger)
            else { throw CounterError(.unknownAlert, parameters: ["id": "\(id)"]) }
            try await connection.query("""
                INSERT INTO owner_alert_ack (alert_id, by, at, note)
                VALUES (\(id), \(by), \(RegisterEntry.timestampFormatter.string(from: date)), \(note))
                ON CONFLICT (alert_id) DO NOTHING
                """, logger: logger)
        }
    }
}
