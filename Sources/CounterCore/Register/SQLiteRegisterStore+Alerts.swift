import Foundation
import GRDB

extension SQLiteRegisterStore {
    /// Raises an alert for the owner, worded by the catalog (`code`, `parameters`, no personal data); returns its
    /// id. The same open alert (kind + item) is not raised twice.
    @discardableResult
    package func raiseAlert(_ kind: OwnerAlert.Kind, itemID: String? = nil, entryNumber: Int? = nil,
                           _ code: CounterMessages.Code, _ parameters: [String: String] = [:], at date: Date) throws -> Int {
        try write { db in
            try Self.insertAlert(db, kind, itemID: itemID, entryNumber: entryNumber, code, parameters, at: date)
        }
    }

    /// ``raiseAlert(_:itemID:entryNumber:_:_:at:)`` inside the caller's transaction.
    @discardableResult
    static func insertAlert(_ db: Database, _ kind: OwnerAlert.Kind, itemID: String? = nil, entryNumber: Int? = nil,
                            _ code: CounterMessages.Code, _ parameters: [String: String] = [:], at date: Date) throws -> Int {
        if let existing = try Int.fetchOne(db, sql: """
            SELECT a.id FROM owner_alert a LEFT JOIN owner_alert_ack k ON k.alert_id = a.id
            WHERE a.kind = ? AND a.item_id IS ? AND a.entry_number IS ? AND k.alert_id IS NULL
            """, arguments: [kind.rawValue, itemID, entryNumber]) {
            return existing
        }
        let stored = try OwnerAlert.stored(code, parameters)
        try db.execute(
            sql: "INSERT INTO owner_alert (kind, raised_at, item_id, entry_number, message, code, parameters) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [kind.rawValue, RegisterEntry.timestampFormatter.string(from: date), itemID, entryNumber,
                        stored.message, code.rawValue, stored.parameters])
        return Int(db.lastInsertedRowID)
    }

    /// Records that `by` has dealt with an alert.
    /// - Throws: ``CounterError`` `alert.unknown` when there is no alert with this id.
    package func acknowledgeAlert(_ id: Int, by: String, note: String, at date: Date) throws {
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM owner_alert WHERE id = ?", arguments: [id]) != nil else {
                throw CounterError(.unknownAlert, parameters: ["id": "\(id)"])
            }
            try db.execute(
                sql: "INSERT OR IGNORE INTO owner_alert_ack (alert_id, by, at, note) VALUES (?, ?, ?, ?)",
                arguments: [id, by, RegisterEntry.timestampFormatter.string(from: date), note])
        }
    }

    /// Alerts, newest first; only the open ones unless `includeAcknowledged`.
    package func alerts(includeAcknowledged: Bool = false) throws -> [OwnerAlert] {
        try dbPool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.*, k.by, k.at, k.note FROM owner_alert a LEFT JOIN owner_alert_ack k ON k.alert_id = a.id
                \(includeAcknowledged ? "" : "WHERE k.alert_id IS NULL")
                ORDER BY a.id DESC
                """).map { row in
                OwnerAlert(
                    id: row["id"], kind: OwnerAlert.Kind(rawValue: row["kind"]) ?? .lateHit,
                    raisedAt: RegisterEntry.timestampFormatter.date(from: row["raised_at"]) ?? Date(timeIntervalSince1970: 0),
                    itemID: row["item_id"], entryNumber: row["entry_number"],
                    code: (row["code"] as String?).flatMap(CounterMessages.Code.init(rawValue:)),
                    parameters: OwnerAlert.parameters(stored: row["parameters"]),
                    storedMessage: row["message"],
                    acknowledgedBy: row["by"],
                    acknowledgedAt: (row["at"] as String?).flatMap { RegisterEntry.timestampFormatter.date(from: $0) },
                    acknowledgementNote: row["note"])
            }
        }
    }
}

extension JSONEncoder {
    /// Keys in order, so the same parameters are the same bytes.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
