import Foundation
import Logging
import PostgresNIO

/// The branch's audit log on PostgreSQL (``AuditStore``): append-only by trigger and by grant.
extension PostgresRegisterStore {
    package func appendAuditEvent(_ action: AuditAction, actor: String, subject: String?, detail: String, at date: Date) async throws {
        try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            try await Self.insertAuditEvent(connection, branchID, action, actor: actor, subject: subject, detail: detail,
                                            at: date, logger)
        }
    }

    /// The newest events first, of one day or of all days.
    package func auditEvents(on day: CalendarDate?, limit: Int) async throws -> [AuditEvent] {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            let dayPattern = day.map { $0.iso + "T%" } ?? "%"
            var events: [AuditEvent] = []
            for try await (id, atMs, actor, action, subject, detail) in try await connection.query("""
                SELECT id, at_ms, actor, action, subject, detail FROM audit_event
                WHERE branch_id = \(branchID) AND at LIKE \(dayPattern) ORDER BY id DESC LIMIT \(limit)
                """, logger: logger).decode((Int, Int64, String, String, String?, String).self) {
                events.append(AuditEvent(id: id, at: Date(timeIntervalSince1970: Double(atMs) / 1000), actor: actor,
                                         action: action, subject: subject, detail: detail))
            }
            return events
        }
    }

    /// One event inside the caller's transaction, with the lengths every backend keeps
    /// (`AuditLog/actorLength`, `AuditLog/detailLength`).
    static func insertAuditEvent(_ connection: PostgresConnection, _ branchID: String, _ action: AuditAction, actor: String,
                                 subject: String?, detail: String, at date: Date, _ logger: Logger) async throws {
        let at = RegisterEntry.timestampFormatter.string(from: date)
        let atMs = Int64(date.timeIntervalSince1970 * 1000)
        try await connection.query("""
            INSERT INTO audit_event (branch_id, at, at_ms, actor, action, subject, detail)
            VALUES (\(branchID), \(at), \(atMs), \(String(actor.prefix(AuditLog.actorLength))), \(action.rawValue),
                    \(subject), \(String(detail.prefix(AuditLog.detailLength))))
            """, logger: logger)
    }
}
