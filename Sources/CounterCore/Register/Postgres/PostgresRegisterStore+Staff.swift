import Foundation
import Logging
import PostgresNIO

/// The branch's accounts on PostgreSQL (`StaffStore`), shared by all its tills: a PIN changed or an account
/// disabled at one till holds at the next sign-in at every other, and the lockout counts every till's failures.
extension PostgresRegisterStore: StaffStore {
    package func insertStaffAccount(_ account: StaffAccount, pinHash: String, onlyIntoEmpty: Bool, by actor: String) async throws {
        try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            // One at a time per branch: the first-start check and the name check hold until this commits.
            try await connection.query("SELECT 1 FROM branch_counter WHERE branch_id = \(branchID) FOR UPDATE", logger: logger)
            if onlyIntoEmpty, try await Self.exists(connection, "SELECT 1 FROM staff_account WHERE branch_id = \(branchID)", logger) {
                throw StaffError.alreadySetUp
            }
            if try await Self.exists(connection, """
                SELECT 1 FROM staff_account WHERE branch_id = \(branchID) AND lower(name) = lower(\(account.name))
                """, logger) {
                throw StaffError.nameTaken(account.name)
            }
            try await connection.query("""
                INSERT INTO staff_account (branch_id, name, role, pin_hash, created_at)
                VALUES (\(branchID), \(account.name), \(account.role.rawValue), \(pinHash),
                        \(RegisterEntry.timestampFormatter.string(from: account.createdAt)))
                """, logger: logger)
            try await Self.insertAuditEvent(connection, branchID, .accountAdded, actor: actor, subject: account.name,
                                            detail: account.role.rawValue, at: account.createdAt, logger)
        }
    }

    package func staffAccounts() async throws -> [StaffAccount] {
        try await accountRows("""
            SELECT name, role, pin_hash, created_at, disabled FROM staff_account
            WHERE branch_id = \(branchID) ORDER BY lower(name)
            """).map(\.account)
    }

    package func staffAccount(named name: String) async throws -> (account: StaffAccount, pinHash: String)? {
        try await accountRows("""
            SELECT name, role, pin_hash, created_at, disabled FROM staff_account
            WHERE branch_id = \(branchID) AND lower(name) = lower(\(name))
            """).first
    }

    package func staffAccount(credential: String) async throws -> (account: StaffAccount, pinHash: String)? {
        try await accountRows("""
            SELECT name, role, pin_hash, created_at, disabled FROM staff_account
            WHERE branch_id = \(branchID) AND pin_hash = \(credential)
            """).first
    }

    /// Accounts read by `query` (name, role, PIN hash, created, disabled).
    private func accountRows(_ query: PostgresQuery) async throws -> [(account: StaffAccount, pinHash: String)] {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            var found: [(account: StaffAccount, pinHash: String)] = []
            for try await (name, role, pinHash, createdAt, disabled) in try await connection.query(query, logger: logger)
                .decode((String, String, String, String, Bool).self) {
                guard let role = StaffRole(rawValue: role),
                      let created = RegisterEntry.timestampFormatter.date(from: createdAt) else { continue }
                found.append((StaffAccount(name: name, role: role, createdAt: created, disabled: disabled), pinHash))
            }
            return found
        }
    }

    /// Each part of the condition is one range of an index (`audit_event_actor`, `audit_event_subject`).
    package func failedSignInTimes(name: String) async throws -> [Int64] {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            var times: [Int64] = []
            for try await time in try await connection.query("""
                SELECT at_ms FROM audit_event
                WHERE branch_id = \(branchID) AND lower(actor) = lower(\(name)) AND action = 'login.failed'
                  AND id > GREATEST(
                      COALESCE((SELECT max(id) FROM audit_event WHERE branch_id = \(branchID)
                                  AND lower(actor) = lower(\(name)) AND action = 'login.ok'), 0),
                      COALESCE((SELECT max(id) FROM audit_event WHERE branch_id = \(branchID)
                                  AND lower(subject) = lower(\(name)) AND action IN ('account.unlock', 'account.pin')), 0))
                ORDER BY id
                """, logger: logger).decode(Int64.self) {
                times.append(time)
            }
            return times
        }
    }

    package func setStaffAccountDisabled(_ name: String, disabled: Bool, by actor: String, at date: Date) async throws {
        try await updateAccount(name, by: actor, at: date, audit: disabled ? .accountDisabled : .accountEnabled) { connection in
            try await connection.query("""
                UPDATE staff_account SET disabled = \(disabled)
                WHERE branch_id = \(self.branchID) AND lower(name) = lower(\(name)) RETURNING name
                """, logger: self.logger).decode(String.self).first { _ in true }
        }
    }

    package func setStaffPINHash(_ name: String, pinHash: String, by actor: String, at date: Date) async throws {
        try await updateAccount(name, by: actor, at: date, audit: .pinChanged) { connection in
            try await connection.query("""
                UPDATE staff_account SET pin_hash = \(pinHash)
                WHERE branch_id = \(self.branchID) AND lower(name) = lower(\(name)) RETURNING name
                """, logger: self.logger).decode(String.self).first { _ in true }
        }
    }

    /// One change of an account and its audit event, in one transaction.
    private func updateAccount(_ name: String, by actor: String, at date: Date, audit action: AuditAction,
                               _ update: @escaping @Sendable (PostgresConnection) async throws -> String?) async throws {
        try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            guard let changed = try await update(connection) else { throw StaffError.unknownAccount(name) }
            try await Self.insertAuditEvent(connection, branchID, action, actor: actor, subject: changed, detail: "", at: date,
                                            logger)
        }
    }

    static func exists(_ connection: PostgresConnection, _ query: PostgresQuery, _ logger: Logger) async throws -> Bool {
        try await connection.query(query, logger: logger).decode(Int.self).first { _ in true } != nil
    }
}
