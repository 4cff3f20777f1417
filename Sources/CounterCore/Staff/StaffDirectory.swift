import Crypto
import Foundation
import NIOConcurrencyHelpers
import NIOPosix

/// The kiosk's accounts: creating them, signing in with a PIN, and the lockout after repeated wrong PINs.
///
/// The lockout is derived from the audit log itself (failed sign-ins are audit events), so it survives a
/// restart of the kiosk and is the same for the kiosk and the CLI, and on PostgreSQL for every till of the
/// branch: after ``maxFailures`` wrong PINs in a row the account is blocked for ``lockoutSeconds``; attempts
/// while blocked are refused without checking the PIN. The rules are here once; the accounts are kept by a
/// `StaffStore` (the data folder's file, or the branch's rows on a PostgreSQL server).
public struct StaffDirectory: Sendable {
    public static let maxFailures = 5
    public static let lockoutSeconds: TimeInterval = 300

    let store: any StaffStore
    /// The audit log the directory writes to.
    package let audit: AuditLog
    let iterations: Int

    /// The accounts of the data folder's register.
    public init(store: SQLiteRegisterStore) { self.init(store: store, iterations: StaffPINHash.defaultIterations) }
    /// The accounts of a branch's register on PostgreSQL.
    public init(store: PostgresRegisterStore) { self.init(store: store, iterations: StaffPINHash.defaultIterations) }

    /// The accounts kept in `store`.
    /// - Parameters:
    ///   - store: where the accounts and the audit log are kept.
    ///   - iterations: PBKDF2 iterations for new PINs (tests use fewer to stay fast).
    package init(store: any StaffStore, iterations: Int = StaffPINHash.defaultIterations) {
        self.store = store
        audit = AuditLog(store: store)
        self.iterations = iterations
    }

    /// Creates an account.
    /// - Throws: ``StaffError/integrationHasNoPIN`` for the `integration` role: ``addIntegration(name:by:at:)`` makes those.
    @discardableResult
    public func add(name rawName: String, role: StaffRole, pin: String, by actor: String, at date: Date) async throws -> StaffAccount {
        guard role.signsInWithPIN else { throw StaffError.integrationHasNoPIN }
        return try await insert(name: rawName, role: role, pin: pin, by: actor, at: date, onlyIntoEmpty: false)
    }

    /// Creates the shop's first account, an owner, on a register that has no accounts yet (the first start).
    /// - Throws: ``StaffError/alreadySetUp`` once any account exists: the check and the insert are one
    ///   transaction, so two first-start pages cannot both make an owner.
    @discardableResult
    public func addFirstOwner(name: String, pin: String, at date: Date) async throws -> StaffAccount {
        try await insert(name: name, role: .owner, pin: pin, by: "first start", at: date, onlyIntoEmpty: true)
    }

    private func insert(name rawName: String, role: StaffRole, pin: String, by actor: String, at date: Date,
                        onlyIntoEmpty: Bool) async throws -> StaffAccount {
        let name = rawName.trimmingCharacters(in: .whitespaces)
        guard Self.isValidName(name) else { throw StaffError.invalidName }
        let hash = try await hashed(pin)
        let account = StaffAccount(name: name, role: role, createdAt: date)
        try await store.insertStaffAccount(account, pinHash: hash, onlyIntoEmpty: onlyIntoEmpty, by: actor)
        return account
    }

    /// A new PIN's stored hash, made in the PIN-hashing pool (slow on purpose).
    private func hashed(_ pin: String) async throws -> String {
        guard StaffPINHash.isValidPIN(pin) else { throw StaffError.invalidPIN }
        let iterations = iterations
        return try await Self.hashingPool.runIfActive { StaffPINHash(pin: pin, iterations: iterations).encoded }
    }

    /// Every account, by name.
    public func accounts() async throws -> [StaffAccount] {
        try await store.staffAccounts()
    }

    /// A fingerprint of what a sign-in rests on: the account's PIN hash, role and state. It changes when the
    /// PIN is changed, the account disabled or its role changed (by the kiosk or by the CLI in another
    /// process), so a session made before can be ended. Nil when there is no such account or it is disabled.
    public func credentialStamp(name: String) async throws -> String? {
        guard let (account, pinHash) = try await store.staffAccount(named: name), !account.disabled else { return nil }
        let material = "\(pinHash)|\(account.role.rawValue)"
        return Hex.string(SHA256.hash(data: Data(material.utf8)).prefix(16))
    }

    /// The account with this name (case does not matter), or nil.
    public func account(named name: String) async throws -> StaffAccount? {
        try await store.staffAccount(named: name)?.account
    }

    /// Signs someone in: checks the PIN, counts failures, records the attempt in the audit log.
    public func signIn(name: String, pin: String, at date: Date) async throws -> StaffAccount {
        try await verify(name: name, pin: pin, requiring: nil, purpose: "sign-in", at: date)
    }

    /// Checks a PIN for a purpose (sign-in, or an owner's approval at the counter), with the same lockout.
    /// PIN hashing is slow on purpose, so it runs in a small pool of its own and a flood of sign-ins cannot
    /// stall the counter's other work.
    /// - Parameters:
    ///   - rawName: the name as typed (spaces around it do not count).
    ///   - pin: the PIN as typed.
    ///   - role: the role the account must have (`owner` for overrides); nil for any role.
    ///   - purpose: what the PIN is for, in the audit log.
    ///   - date: the time of the attempt.
    public func verify(name rawName: String, pin: String, requiring role: StaffRole?, purpose: String,
                       at date: Date) async throws -> StaffAccount {
        let name = rawName.trimmingCharacters(in: .whitespaces)
        // One check at a time per name in this process: parallel wrong PINs must not all pass the lockout test
        // before any failure is counted (the first release gave one guess more than the lockout allows).
        return try await Self.checks.run(key: name.lowercased()) {
            try await verifyAlone(name: name, pin: pin, requiring: role, purpose: purpose, at: date)
        }
    }

    /// Two threads for PIN hashing: enough for a shop, and a flood of sign-ins queues here, not elsewhere.
    static let hashingPool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        return pool
    }()

    private static let checks = KeyedSerialRunner()

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
                             at date: Date) async throws -> StaffAccount {
        let found = try await store.staffAccount(named: name)
        let canonical = found?.account.name ?? name
        if let until = try await lockedUntil(name: canonical, at: date) {
            try await audit.record(.signInWhileLocked, actor: canonical, detail: purpose, at: date)
            throw StaffError.lockedOut(until: until)
        }
        // An unknown name costs the same hash as a known one, so timing does not reveal which names exist.
        // An integration's stored token, or a damaged hash, never matches a PIN: the stand-in (whose PIN is known)
        // only spends the same time.
        let own = found.flatMap { StaffPINHash(encoded: $0.pinHash) }
        let stored = own ?? standIn()
        let matches = try await Self.hashingPool.runIfActive { stored.matches(pin) } && own != nil
        guard matches, let account = found?.account, account.role.signsInWithPIN else {
            try await audit.record(.signInFailed, actor: canonical, detail: purpose, at: date)
            if let until = try await lockedUntil(name: canonical, at: date) { throw StaffError.lockedOut(until: until) }
            throw StaffError.wrongNameOrPIN
        }
        if account.disabled {
            try await audit.record(.signInFailed, actor: canonical, detail: purpose + " (disabled)", at: date)
            throw StaffError.disabled
        }
        if let role, account.role != role {
            // A right PIN for the wrong role is not a failed guess: no lockout count, but it is refused.
            try await audit.record(.signInOK, actor: canonical, detail: purpose + " (refused: needs \(role.rawValue))", at: date)
            throw StaffError.notAllowed(required: role)
        }
        try await audit.record(.signInOK, actor: canonical, detail: purpose, at: date)
        return account
    }

    /// When the account's lockout ends, or nil when it is not locked at `date`.
    public func lockedUntil(name: String, at date: Date) async throws -> Date? {
        Self.lockout(failures: try await store.failedSignInTimes(name: name), at: date)
    }

    /// The lockout rule over the failed sign-ins since the last reset (ms since 1970, oldest first):
    /// ``maxFailures`` failures in a row block for ``lockoutSeconds``; a failure after a block ended counts anew.
    static func lockout(failures times: [Int64], at date: Date) -> Date? {
        var failures = 0
        var until: Int64?
        let lockout = Int64(lockoutSeconds * 1000)
        for t in times {
            if let u = until, t >= u { failures = 0; until = nil }
            failures += 1
            if failures >= maxFailures { until = t + lockout }
        }
        guard let until, Int64(date.timeIntervalSince1970 * 1000) < until else { return nil }
        return Date(timeIntervalSince1970: Double(until) / 1000)
    }

    /// Disables or re-enables an account.
    /// Disabling an integration revokes its token at once, for good: ``StaffError/integrationRevoked`` when
    /// asked to enable it again.
    public func setDisabled(_ name: String, disabled: Bool, by actor: String, at date: Date) async throws {
        if !disabled, let account = try await account(named: name), !account.role.signsInWithPIN {
            throw StaffError.integrationRevoked
        }
        try await store.setStaffAccountDisabled(name, disabled: disabled, by: actor, at: date)
    }

    /// Lifts the lockout after wrong PINs now, instead of after ``lockoutSeconds`` (the owner, in person or by
    /// phone, knows it is the clerk). Audited; the failed attempts stay in the audit log.
    public func unlock(_ name: String, by actor: String, at date: Date) async throws {
        guard let account = try await account(named: name) else { throw StaffError.unknownAccount(name) }
        try await audit.record(.accountUnlocked, actor: actor, subject: account.name, at: date)
    }

    /// Each account with when its lockout ends (nil when it can sign in), for the owner's users page.
    public func accountsWithLockout(at date: Date) async throws -> [(account: StaffAccount, lockedUntil: Date?)] {
        var result: [(account: StaffAccount, lockedUntil: Date?)] = []
        for account in try await accounts() { result.append((account, try await lockedUntil(name: account.name, at: date))) }
        return result
    }

    /// Sets a new PIN (a PIN the clerk forgot: the owner resets it). It also lifts a lockout.
    public func changePIN(name: String, newPIN: String, by actor: String, at date: Date) async throws {
        if let account = try await account(named: name), !account.role.signsInWithPIN { throw StaffError.integrationHasNoPIN }
        try await store.setStaffPINHash(name, pinHash: try await hashed(newPIN), by: actor, at: date)
    }

    static func isValidName(_ name: String) -> Bool {
        (1...40).contains(name.count) && !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
