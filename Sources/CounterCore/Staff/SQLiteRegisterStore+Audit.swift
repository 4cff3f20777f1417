import Foundation
import GRDB

/// The audit log on SQLite (``AuditStore``): the table `audit_event`, append-only by trigger.
extension SQLiteRegisterStore: AuditStore {
    package func appendAuditEvent(_ action: AuditAction, actor: String, subject: String?, detail: String, at date: Date) throws {
        try dbPool.write { db in try Self.insertAuditEvent(db, action, actor: actor, subject: subject, detail: detail, at: date) }
    }

    package func auditEvents(on day: CalendarDate?, limit: Int) throws -> [AuditEvent] {
        try dbPool.read { db in
            let filter = day == nil ? "" : "WHERE at LIKE ?"
            let arguments: StatementArguments = day.map { [$0.iso + "T%", limit] } ?? [limit]
            return try Row.fetchAll(
                db, sql: "SELECT * FROM audit_event \(filter) ORDER BY id DESC LIMIT ?", arguments: arguments
            ).map { row in
                AuditEvent(id: row["id"], at: Date(timeIntervalSince1970: Double(row["at_ms"] as Int64) / 1000),
                           actor: row["actor"], action: row["action"], subject: row["subject"], detail: row["detail"])
            }
        }
    }

    /// One event inside the caller's transaction (the purge, a correction and a staff change audit with their
    /// own writes, all or nothing).
    static func insertAuditEvent(_ db: Database, _ action: AuditAction, actor: String, subject: String?, detail: String,
                                 at date: Date) throws {
        try db.execute(
            sql: "INSERT INTO audit_event (at, at_ms, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [RegisterEntry.timestampFormatter.string(from: date), Int64(date.timeIntervalSince1970 * 1000),
                        String(actor.prefix(AuditLog.actorLength)), action.rawValue, subject,
                        String(detail.prefix(AuditLog.detailLength))])
    }
}
