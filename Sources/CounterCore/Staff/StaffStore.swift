import Foundation

/// Where the kiosk's accounts are kept (issue 15: one protocol, a backend each): the data folder's SQLite file,
/// or the branch's rows on a PostgreSQL server, shared by the branch's tills. Each call is one transaction,
/// and each change is audited in the same transaction. The rules (names, PINs, lockout) are
/// ``StaffDirectory``'s, once, over either.
package protocol StaffStore: AuditStore {
    /// Adds an account with its audit event (`account.add`).
    /// - Throws: ``StaffError/nameTaken(_:)`` when the name exists (without regard to case);
    ///   ``StaffError/alreadySetUp`` when `onlyIntoEmpty` and any account exists.
    func insertStaffAccount(_ account: StaffAccount, pinHash: String, onlyIntoEmpty: Bool, by actor: String) async throws
    /// Every account, by name.
    func staffAccounts() async throws -> [StaffAccount]
    /// The account with this name (case does not matter) and its PIN hash, or nil.
    func staffAccount(named name: String) async throws -> (account: StaffAccount, pinHash: String)?
    /// The account whose stored credential is exactly `credential` (an integration token's stored form: its hash),
    /// or nil. One read, so checking a token does not read every account.
    func staffAccount(credential: String) async throws -> (account: StaffAccount, pinHash: String)?
    /// The times (ms since 1970) of the failed sign-ins of `name` since its last successful sign-in, unlock or
    /// PIN change, oldest first: what the lockout is counted from.
    func failedSignInTimes(name: String) async throws -> [Int64]
    /// Disables or re-enables an account, audited.
    /// - Throws: ``StaffError/unknownAccount(_:)``.
    func setStaffAccountDisabled(_ name: String, disabled: Bool, by actor: String, at date: Date) async throws
    /// Sets an account's PIN hash, audited (`account.pin`).
    /// - Throws: ``StaffError/unknownAccount(_:)``.
    func setStaffPINHash(_ name: String, pinHash: String, by actor: String, at date: Date) async throws
}
