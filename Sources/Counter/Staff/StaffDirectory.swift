import Crypto
import Foundation
import GRDB
import NIOConcurrencyHelpers
import NIOPosix

/// The kiosk's accounts: creating them, signing in with a PIN, and the lockout after repeated wrong PINs.
///
/// The lockout is derived from the audit log itself (failed sign-ins are audit events), so it survives a
/// restart of the kiosk and is the same for the kiosk and the CLI: after ``maxFailures`` wrong PINs in a row
/// the account is blocked for ``lockoutSeconds``; attempts while blocked are refused without checking the PIN.
///
/// ## Topics
/// - Accounts: ``add(name:role:pin:by:at:)``, ``addFirstOwner(name:pin:at:)``, ``accounts()``, ``account(named:)``, ``setDisabled(_:disabled:by:at:)``,
///   ``changePIN(name:newPIN:by:at:)``
/// - Signing in: ``signIn(name:pin:at:)``, ``verify(name:pin:requiring:purpose:at:)``, ``lockedUntil(name:at:)``
public struct StaffDirectory: Sendable {
    public static let maxFailures = 5
    public static let lockoutSeconds: TimeInterval = 300

    let dbPool: DatabasePool
    /// The audit log the directory writes to.
    public let audit: AuditLog
    let iterations: Int

    /// The accounts kept in `store`'s database.
    /// - Parameter iterations: PBKDF2 iterations for new PINs (tests use fewer to stay fast).
    public init(store: SQLiteRegisterStore, iterations: Int = StaffPINHash.defaultIterations) {
        dbPool = store.dbPool
        audit = AuditLog(store: store)
        self.iterations = iterations
    }

    /// Creates an account.
    @discardableResult
    public func add(name rawName: String, role: StaffRole, pin: String, by actor: String, at date: Date) throws -> StaffAccount {
        try insert(name: rawName, role: role, pin: pin, by: actor, at: date, onlyIntoEmpty: false)
    }

    /// Creates the shop's first account, an owner, on a register that has no accounts yet (the first start).
    /// - Throws: ``StaffError/alreadySetUp`` once any account exists: the check and the insert are one
    ///   transaction, so two first-start pages cannot both make an owner.
    @discardableResult
    public func addFirstOwner(name: String, pin: String, at date: Date) throws -> StaffAccount {
        try insert(name: name, role: .owner, pin: pin, by: "first start", at: date, onlyIntoEmpty: true)
    }

    private func insert(name rawName: String, role: StaffRole, pin: String, by actor: String, at date: Date,
                        onlyIntoEmpty: Bool) throws -> StaffAccount {
        let name = rawName.trimmingCharacters(in: .whitespaces)
        guard Self.isValidName(name) else { throw StaffError.invalidName }
        guard StaffPINHash.isValidPIN(pin) else { throw StaffError.invalidPIN }
        let hash = StaffPINHash(pin: pin, iterations: iterations).encoded
        return try dbPool.write { db in
            if onlyIntoEmpty, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staff_account") != 0 {
                throw StaffError.alreadySetUp
            }
            if try Int.fetchOne(db, sql: "SELECT 1 FROM staff_account WHERE name = ?", arguments: [name]) != nil {
                throw StaffError.nameTaken(name)
            }
            try db.execute(
                sql: "INSERT INTO staff_account (name, role, pin_hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: [name, role.rawValue, hash, RegisterEntry.timestampFormatter.string(from: date)])
            try SQLiteRegisterStore.insertAuditEvent(db, .accountAdded, actor: actor, subject: name, detail: role.rawValue, at: date)
            return StaffAccount(name: name, role: role, createdAt: date)
        }
    }

    /// Every account, by name.
    public func accounts() throws -> [StaffAccount] {
        try dbPool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM staff_account ORDER BY name").compactMap(Self.account(from:))
        }
    }

    /// A fingerprint of what a sign-in rests on: the account's PIN hash, role and state. It changes when the
    /// PIN is changed, the account disabled or its role changed (by the kiosk or by the CLI in another
    /// process), so a session made before can be ended. Nil when there is no such account or it is disabled.
    public func credentialStamp(name: String) throws -> String? {
        try dbPool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT pin_hash, role, disabled FROM staff_account WHERE name = ?",
                                             arguments: [name]), !(row["disabled"] as Bool) else { return nil }
            let material = "\(row["pin_hash"] as String)|\(row["role"] as String)"
            return Hex.string(SHA256.hash(data: Data(material.utf8)).prefix(16))
        }
    }

    /// The account with this name (case does not matter), or nil.
    public func account(named name: String) throws -> StaffAccount? {
        try dbPool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM staff_account WHERE name = ?", arguments: [name])
                .flatMap(Self.account(from:))
        }
    }

    /// Signs someone in: checks the PIN, counts failures, records the attempt in the audit log.
    public func signIn(name: String, pin: String, at date: Date) throws -> StaffAccount {
        try verify(name: name, pin: pin, requiring: nil, purpose: "sign-in", at: date)
    }

    /// Checks a PIN for a purpose (sign-in, or an owner's approval at the counter), with the same lockout.
    /// - Parameter role: the role the account must have (`owner` for overrides); nil for any role.
    public func verify(name rawName: String, pin: String, requiring role: StaffRole?, purpose: String,
                       at date: Date) throws -> StaffAccount {
        let name = rawName.trimmingCharacters(in: .whitespaces)
        // One check at a time per name: parallel wrong PINs must not all pass the lockout test before any
        // failure is counted (the first release gave one guess more than the lockout allows).
        return try Self.lock(for: name).withLock {
            try verifyAlone(name: name, pin: pin, requiring: role, purpose: purpose, at: date)
        }
    }

    /// ``verify(name:pin:requiring:purpose:at:)`` off the cooperative pool: PIN hashing is slow on purpose, so
    /// it runs in a small pool of its own and a flood of sign-ins cannot stall the counter's other work.
    public func verify(name: String, pin: String, requiring role: StaffRole?, purpose: String,
                       at date: Date) async throws -> StaffAccount {
        try await Self.hashingPool.runIfActive { [self] in
            try verify(name: name, pin: pin, requiring: role, purpose: purpose, at: date)
        }
    }

    /// Signs someone in, off the cooperative pool.
    public func signIn(name: String, pin: String, at date: Date) async throws -> StaffAccount {
        try await verify(name: name, pin: pin, requiring: nil, purpose: "sign-in", at: date)
    }

    /// Two threads for PIN hashing: enough for a shop, and a flood of sign-ins queues here, not elsewhere.
    static let hashingPool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        return pool
    }()

    private static let locks = NIOLockedValueBox<[String: NIOLock]>([:])

    static func lock(for name: String) -> NIOLock {
        locks.withLockedValue { locks in
            let key = name.lowercased()
            if let lock = locks[key] { return lock }
            let lock = NIOLock()
            if locks.count > 10_000 { locks.removeAll() }  // names typed at random cannot grow this without end
            locks[key] = lock
            return lock
        }
    }

    /// The hash an unknown name is checked against: computed once, so an unknown name costs one PBKDF2, as a
    /// known one does (computing it per attempt made unknown names take twice as long: names could be told).
    private static let standIns = NIOLockedValueBox<[Int: StaffPINHash]>([:])

    func standIn() -> StaffPINHash {
        Self.standIns.withLockedValue { cache in
            if let hash = cache[iterations] { return hash }
            let hash = StaffPINHash(pin: "0000", salt: Data(count: 16), iterations: iterations)
            cache[iterations] = hash
            return hash
        }
    }

    private func verifyAlone(name: String, pin: String, requiring role: StaffRole?, purpose: String,
                             at date: Date) throws -> StaffAccount {
        let row = try dbPool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM staff_account WHERE name = ?", arguments: [name])
        }
        let canonical: String = row?["name"] ?? name
        if let until = try lockedUntil(name: canonical, at: date) {
            try audit.record(.signInWhileLocked, actor: canonical, detail: purpose, at: date)
            throw StaffError.lockedOut(until: until)
        }
        // An unknown name costs the same hash as a known one, so timing does not reveal which names exist.
        let stored = (row?["pin_hash"] as String?).flatMap(StaffPINHash.init(encoded:)) ?? standIn()
        let ok = stored.matches(pin) && row != nil
        guard ok, let row, let account = Self.account(from: row) else {
            try audit.record(.signInFailed, actor: canonical, detail: purpose, at: date)
            if let until = try lockedUntil(name: canonical, at: date) { throw StaffError.lockedOut(until: until) }
            throw StaffError.wrongNameOrPIN
        }
        if account.disabled {
            try audit.record(.signInFailed, actor: canonical, detail: purpose + " (disabled)", at: date)
            throw StaffError.disabled
        }
        if let role, account.role != role {
            // A right PIN for the wrong role is not a failed guess: no lockout count, but it is refused.
            try audit.record(.signInOK, actor: canonical, detail: purpose + " (refused: needs \(role.rawValue))", at: date)
            throw StaffError.notAllowed(required: role)
        }
        try audit.record(.signInOK, actor: canonical, detail: purpose, at: date)
        return account
    }

    /// When the account's lockout ends, or nil when it is not locked at `date`.
    public func lockedUntil(name: String, at date: Date) throws -> Date? {
        let times: [Int64] = try dbPool.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT at_ms FROM audit_event
                WHERE actor = ? COLLATE NOCASE AND action = 'login.failed'
                  AND id > COALESCE((SELECT MAX(id) FROM audit_event
                                     WHERE (actor = ? COLLATE NOCASE AND action = 'login.ok')
                                        OR (subject = ? COLLATE NOCASE AND action IN ('account.unlock', 'account.pin'))), 0)
                ORDER BY id
                """, arguments: [name, name, name])
        }
        var failures = 0
        var until: Int64?
        let lockout = Int64(Self.lockoutSeconds * 1000)
        for t in times {
            if let u = until, t >= u { failures = 0; until = nil }
            failures += 1
            if failures >= Self.maxFailures { until = t + lockout }
        }
        guard let until, Int64(date.timeIntervalSince1970 * 1000) < until else { return nil }
        return Date(timeIntervalSince1970: Double(until) / 1000)
    }

    /// Disables or re-enables an account.
    public func setDisabled(_ name: String, disabled: Bool, by actor: String, at date: Date) throws {
        try dbPool.write { db in
            try db.execute(sql: "UPDATE staff_account SET disabled = ? WHERE name = ?", arguments: [disabled, name])
            guard db.changesCount == 1 else { throw StaffError.unknownAccount(name) }
            try SQLiteRegisterStore.insertAuditEvent(db, disabled ? .accountDisabled : .accountEnabled, actor: actor, subject: name,
                                detail: "", at: date)
        }
    }

    /// Lifts the lockout after wrong PINs now, instead of after ``lockoutSeconds`` (the owner, in person or by
    /// phone, knows it is the clerk). Audited; the failed attempts stay in the audit log.
    public func unlock(_ name: String, by actor: String, at date: Date) throws {
        guard let account = try account(named: name) else { throw StaffError.unknownAccount(name) }
        try audit.record(.accountUnlocked, actor: actor, subject: account.name, at: date)
    }

    /// Each account with when its lockout ends (nil when it can sign in), for the owner's users page.
    public func accountsWithLockout(at date: Date) throws -> [(account: StaffAccount, lockedUntil: Date?)] {
        try accounts().map { ($0, try lockedUntil(name: $0.name, at: date)) }
    }

    /// Sets a new PIN (a PIN the clerk forgot: the owner resets it). It also lifts a lockout.
    public func changePIN(name: String, newPIN: String, by actor: String, at date: Date) throws {
        guard StaffPINHash.isValidPIN(newPIN) else { throw StaffError.invalidPIN }
        let hash = StaffPINHash(pin: newPIN, iterations: iterations).encoded
        try dbPool.write { db in
            try db.execute(sql: "UPDATE staff_account SET pin_hash = ? WHERE name = ?", arguments: [hash, name])
            guard db.changesCount == 1 else { throw StaffError.unknownAccount(name) }
            try SQLiteRegisterStore.insertAuditEvent(db, .pinChanged, actor: actor, subject: name, detail: "", at: date)
        }
    }

    static func isValidName(_ name: String) -> Bool {
        (1...40).contains(name.count) && !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    static func account(from row: Row) -> StaffAccount? {
        guard let role = StaffRole(rawValue: row["role"]),
              let created = RegisterEntry.timestampFormatter.date(from: row["created_at"]) else { return nil }
        return StaffAccount(name: row["name"], role: role, createdAt: created, disabled: row["disabled"])
    }
}
