import Foundation
import GRDB

/// The accounts in the data folder's SQLite file (`StaffStore`): the table `staff_account`, whose rows are
/// disabled, never deleted.
extension SQLiteRegisterStore: StaffStore {
    package func insertStaffAccount(_ account: StaffAccount, pinHash: String, onlyIntoEmpty: Bool, by actor: String) throws {
        try dbPool.write { db in
            if onlyIntoEmpty, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staff_account") != 0 {
                throw StaffError.alreadySetUp
            }
            if try Int.fetchOne(db, sql: "SELECT 1 FROM staff_account WHERE name = ?", arguments: [account.name]) != nil {
                throw StaffError.nameTaken(account.name)
            }
            try db.execute(
                sql: "INSERT INTO staff_account (name, role, pin_hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: [account.name, account.role.rawValue, pinHash,
                            RegisterEntry.timestampFormatter.string(from: account.createdAt)])
            try Self.insertAuditEvent(db, .accountAdded, actor: actor, subject: account.name, detail: account.role.rawValue,
                                      at: account.createdAt)
        }
    }

    package func staffAccounts() throws -> [StaffAccount] {
        try dbPool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM staff_account ORDER BY name").compactMap { Self.staffAccount(from: $0)?.account }
        }
    }

    package func staffAccount(named name: String) throws -> (account: StaffAccount, pinHash: String)? {
        try dbPool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM staff_account WHERE name = ?", arguments: [name])
                .flatMap(Self.staffAccount(from:))
        }
    }

    package func staffAccount(credential: String) throws -> (account: StaffAccount, pinHash: String)? {
        try dbPool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM staff_account WHERE pin_hash = ?", arguments: [credential])
                .flatMap(Self.staffAccount(from:))
        }
    }

    package func failedSignInTimes(name: String) throws -> [Int64] {
        try dbPool.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT at_ms FROM audit_event
                WHERE actor = ? COLLATE NOCASE AND action = 'login.failed'
                  AND id > COALESCE((SELECT MAX(id) FROM audit_event
                                     WHERE (actor = ? COLLATE NOCASE AND action = 'login.ok')
                                        OR (subject = ? COLLATE NOCASE AND action IN ('account.unlock', 'account.pin'))), 0)
                ORDER BY id
                """, arguments: [name, name, name])
        }
    }

    package func setStaffAccountDisabled(_ name: String, disabled: Bool, by actor: String, at date: Date) throws {
        try dbPool.write { db in
            try db.execute(sql: "UPDATE staff_account SET disabled = ? WHERE name = ?", arguments: [disabled, name])
            guard db.changesCount == 1 else { throw StaffError.unknownAccount(name) }
            try Self.insertAuditEvent(db, disabled ? .accountDisabled : .accountEnabled, actor: actor, subject: name,
                                      detail: "", at: date)
        }
    }

    package func setStaffPINHash(_ name: String, pinHash: String, by actor: String, at date: Date) throws {
        try dbPool.write { db in
            try db.execute(sql: "UPDATE staff_account SET pin_hash = ? WHERE name = ?", arguments: [pinHash, name])
            guard db.changesCount == 1 else { throw StaffError.unknownAccount(name) }
            try Self.insertAuditEvent(db, .pinChanged, actor: actor, subject: name, detail: "", at: date)
        }
    }

    static func staffAccount(from row: Row) -> (account: StaffAccount, pinHash: String)? {
        guard let role = StaffRole(rawValue: row["role"]),
              let created = RegisterEntry.timestampFormatter.date(from: row["created_at"]) else { return nil }
        return (StaffAccount(name: row["name"], role: role, createdAt: created, disabled: row["disabled"]), row["pin_hash"])
    }
}
