import Foundation

/// The append-only audit log of the register's storage (``AuditStore``; on SQLite the table `audit_event`,
/// whose triggers refuse UPDATE and DELETE).
package struct AuditLog: Sendable {
    let store: any AuditStore

    /// The longest actor name and detail an event keeps; every backend's insert cuts to these.
    static let actorLength = 40
    static let detailLength = 500

    /// The audit log kept in `store`.
    package init(store: any AuditStore) {
        self.store = store
    }

    /// Appends one event.
    package func record(_ action: AuditAction, actor: String, subject: String? = nil, detail: String = "",
                       at date: Date) async throws {
        try await store.appendAuditEvent(action, actor: actor, subject: subject, detail: detail, at: date)
    }

    /// The events of one day (shop time), newest first; all days when `day` is nil.
    package func events(on day: CalendarDate? = nil, limit: Int = 500) async throws -> [AuditEvent] {
        try await store.auditEvents(on: day, limit: limit)
    }
}

/// Where the audit log is kept: appended to, never changed (issue 15: one protocol, a backend each).
package protocol AuditStore: Sendable {
    /// Appends one event, in its own transaction, keeping the actor to 40 characters and the detail to 500
    /// (the store does it, because events are also written inside other transactions, past `AuditLog`).
    func appendAuditEvent(_ action: AuditAction, actor: String, subject: String?, detail: String, at date: Date) async throws
    /// The events of one shop day, newest first; all days when `day` is nil.
    func auditEvents(on day: CalendarDate?, limit: Int) async throws -> [AuditEvent]
}
