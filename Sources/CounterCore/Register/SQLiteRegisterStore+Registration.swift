import Foundation
import GRDB

/// What is written together with an entry, in its transaction: the proof of due diligence for its items.
package struct RegistrationRecords: Sendable {
    /// One stored check per item index (the item id is known only once the entry has its number).
    package var checks: [Int: ItemCheck]
    /// Audit events; `subject` may contain `{entry}`, replaced by the entry number.
    package var audit: [AuditRecord]
    /// Police flags to open, by item index, with their note.
    package var policeFlags: [Int: String]

    package init(checks: [Int: ItemCheck] = [:], audit: [AuditRecord] = [], policeFlags: [Int: String] = [:]) {
        self.checks = checks
        self.audit = audit
        self.policeFlags = policeFlags
    }
}

/// One audit event to write.
package struct AuditRecord: Sendable, Hashable {
    package var action: AuditAction
    package var actor: String
    package var subject: String?
    package var detail: String

    package init(_ action: AuditAction, actor: String, subject: String? = nil, detail: String = "") {
        self.action = action
        self.actor = actor
        self.subject = subject
        self.detail = detail
    }
}

extension SQLiteRegisterStore {
    /// The entry a registration with this idempotency key made, if any.
    package func entry(idempotencyKey: String) throws -> RegisterEntry? {
        let number = try dbPool.read { db in
            try Int.fetchOne(db, sql: "SELECT entry_number FROM intake_request WHERE idempotency_key = ?",
                             arguments: [idempotencyKey])
        }
        return try number.flatMap(entry(number:))
    }

    /// Registers an intake with everything that belongs to it in ONE transaction: the entry and its items,
    /// the upload job, each item's check record, the audit events, the police flags and the idempotency key.
    /// A crash or a full disk leaves none of it; a retry with the same key returns the first entry.
    ///
    /// - Returns: the entry, and whether it was registered earlier under this key (nothing written now).
    package func register(_ intake: Intake, at date: Date, idempotencyKey: String,
                         records: RegistrationRecords) throws -> (entry: RegisterEntry, replayed: Bool) {
        if let earlier = try entry(idempotencyKey: idempotencyKey) { return (earlier, true) }
        try refuseIfDamaged()
        try refuseIfShopNotSetUp()
        let intake = try settings.admit(intake, at: date)
        let result: (entry: RegisterEntry, replayed: Bool) = try write { db in
            // Checked again under the write lock: two requests with one key may race.
            if let number = try Int.fetchOne(
                db, sql: "SELECT entry_number FROM intake_request WHERE idempotency_key = ?", arguments: [idempotencyKey]),
               let row = try Row.fetchOne(db, sql: "\(Self.selectEntry) WHERE e.entry_number = ?", arguments: [number]) {
                return (try Self.entry(from: row), true)
            }
            let entry = try insertEntry(db, intake, at: date)
            for (index, check) in records.checks.sorted(by: { $0.key < $1.key }) where index < entry.items.count {
                var check = check
                check.itemID = entry.itemID(index)
                try Self.insert(db, check)
            }
            for (index, note) in records.policeFlags.sorted(by: { $0.key < $1.key }) where index < entry.items.count {
                try Self.insertPoliceFlag(db, itemID: entry.itemID(index), opened: true, note: note, at: date)
            }
            for record in records.audit {
                let subject = record.subject?.replacingOccurrences(of: "{entry}", with: "\(entry.entryNumber)")
                try SQLiteRegisterStore.insertAuditEvent(db, record.action, actor: record.actor, subject: subject, detail: record.detail, at: date)
            }
            try db.execute(
                sql: "INSERT INTO intake_request (idempotency_key, entry_number, at) VALUES (?, ?, ?)",
                arguments: [idempotencyKey, entry.entryNumber, RegisterEntry.timestampFormatter.string(from: date)])
            return (entry, false)
        }
        if !result.replayed { anchorHead(result.entry) }
        return result
    }
}
