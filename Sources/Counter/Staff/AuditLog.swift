import Foundation
import GRDB

/// The append-only audit log in the register's database (table `audit_event`; triggers refuse UPDATE and DELETE).
///
/// ## Topics
/// - Writing: ``record(_:actor:subject:detail:at:)``
/// - Reading: ``events(on:limit:)``
public struct AuditLog: Sendable {
    let dbPool: DatabasePool

    /// The audit log kept in `store`'s database.
    public init(store: SQLiteRegisterStore) {
        dbPool = store.dbPool
    }

    /// Appends one event.
    public func record(_ action: AuditAction, actor: String, subject: String? = nil, detail: String = "",
                       at date: Date) throws {
        try dbPool.write { db in try Self.insert(db, action, actor: actor, subject: subject, detail: detail, at: date) }
    }

    /// The events of one day (shop time), newest first; all days when `day` is nil.
    public func events(on day: CalendarDate? = nil, limit: Int = 500) throws -> [AuditEvent] {
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

    static func insert(_ db: Database, _ action: AuditAction, actor: String, subject: String?, detail: String,
                       at date: Date) throws {
        try db.execute(
            sql: "INSERT INTO audit_event (at, at_ms, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [RegisterEntry.timestampFormatter.string(from: date), Int64(date.timeIntervalSince1970 * 1000),
                        String(actor.prefix(40)), action.rawValue, subject, String(detail.prefix(500))])
    }
}
