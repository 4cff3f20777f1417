import Foundation
import GRDB
import Testing
@testable import CounterCore
@testable import CounterDevices

@Suite("Staff accounts, sign-in and lockout")
struct StaffDirectoryTests {
    let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    func directory(_ folder: TemporaryFolder) throws -> StaffDirectory {
        StaffDirectory(store: try Fixtures.store(in: folder), iterations: 100)
    }

    @Test("An account signs in with its PIN; the PIN is not stored in the clear")
    func signIn() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let staff = try directory(folder)
        try await staff.add(name: "Anna", role: .staff, pin: "2468", by: "cli", at: t0)
        let account = try await staff.signIn(name: "anna", pin: "2468", at: t0)
        #expect(account.name == "Anna")
        #expect(account.role == .staff)
        let stored = try await (staff.store as! SQLiteRegisterStore).dbPool.read { db in try String.fetchOne(db, sql: "SELECT pin_hash FROM staff_account") }
        #expect(stored?.hasPrefix("pbkdf2-sha256$") == true)
        #expect(stored?.contains("2468") == false)
        await #expect(throws: StaffError.wrongNameOrPIN) { try await staff.signIn(name: "Anna", pin: "1357", at: t0) }
        await #expect(throws: StaffError.wrongNameOrPIN) { try await staff.signIn(name: "Nobody", pin: "2468", at: t0) }
    }

    @Test("The first-start owner account can be made only while there are no accounts")
    func firstOwner() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let staff = try directory(folder)
        await #expect(throws: StaffError.invalidPIN) { try await staff.addFirstOwner(name: "Piet", pin: "1", at: t0) }
        let owner = try await staff.addFirstOwner(name: " Piet ", pin: "908172", at: t0)
        #expect(owner.name == "Piet")
        #expect(owner.role == .owner)
        #expect(try await staff.signIn(name: "Piet", pin: "908172", at: t0).role == .owner)
        await #expect(throws: StaffError.alreadySetUp) { try await staff.addFirstOwner(name: "Mallory", pin: "1234", at: t0) }
        #expect(try await staff.accounts().map(\.name) == ["Piet"])
        let audit = try (staff.store as! SQLiteRegisterStore).dbPool.read { db in
            try Row.fetchAll(db, sql: "SELECT actor, subject FROM audit_event WHERE action = ?", arguments: [AuditAction.accountAdded.rawValue])
        }
        #expect(audit.map { $0["actor"] as String } == ["first start"])
    }

    @Test("Bad names, bad PINs and duplicate names are refused")
    func validation() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let staff = try directory(folder)
        await #expect(throws: StaffError.invalidPIN) { try await staff.add(name: "Bo", role: .staff, pin: "12", by: "cli", at: t0) }
        await #expect(throws: StaffError.invalidName) { try await staff.add(name: "  ", role: .staff, pin: "1234", by: "cli", at: t0) }
        await #expect(throws: StaffError.invalidName) { try await staff.add(name: "a\u{7}b", role: .staff, pin: "1234", by: "cli", at: t0) }
        try await staff.add(name: "Bo", role: .owner, pin: "1234", by: "cli", at: t0)
        await #expect(throws: StaffError.nameTaken("BO")) { try await staff.add(name: "BO", role: .staff, pin: "9999", by: "cli", at: t0) }
    }

    @Test("Five wrong PINs lock the account for five minutes, even for the right PIN")
    func lockout() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let staff = try directory(folder)
        try await staff.add(name: "Cas", role: .staff, pin: "1111", by: "cli", at: t0)
        for i in 0..<4 {
            await #expect(throws: StaffError.wrongNameOrPIN) { try await staff.signIn(name: "Cas", pin: "0000", at: t0 + Double(i)) }
        }
        #expect(try await staff.lockedUntil(name: "Cas", at: t0 + 4) == nil)
        // The fifth failure locks.
        let until = t0 + 4 + StaffDirectory.lockoutSeconds
        await #expect(throws: StaffError.lockedOut(until: until)) { try await staff.signIn(name: "Cas", pin: "0000", at: t0 + 4) }
        // The right PIN during the lockout is refused without being checked.
        await #expect(throws: StaffError.lockedOut(until: until)) { try await staff.signIn(name: "Cas", pin: "1111", at: t0 + 60) }
        await #expect(throws: StaffError.lockedOut(until: until)) { try await staff.signIn(name: "Cas", pin: "1111", at: until - 1) }
        // After five minutes the right PIN works again, and the count starts afresh.
        #expect(try await staff.signIn(name: "Cas", pin: "1111", at: until).name == "Cas")
        #expect(try await staff.lockedUntil(name: "Cas", at: until + 1) == nil)
    }

    @Test("Issue 14, point 11: the owner unlocks a locked account or resets a forgotten PIN; both are audited")
    func unlockAndReset() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let staff = try directory(folder)
        try await staff.add(name: "Cas", role: .staff, pin: "1111", by: "cli", at: t0)
        try await staff.add(name: "Dirk", role: .staff, pin: "2222", by: "cli", at: t0)
        for i in 0..<5 {
            _ = try? await staff.signIn(name: "Cas", pin: "0000", at: t0 + Double(i))
            _ = try? await staff.signIn(name: "Dirk", pin: "0000", at: t0 + Double(i))
        }
        let until = t0 + 4 + StaffDirectory.lockoutSeconds
        #expect(try await staff.accountsWithLockout(at: t0 + 10).map(\.lockedUntil) == [until, until])
        try await staff.unlock("cas", by: "Piet", at: t0 + 10)
        #expect(try await staff.signIn(name: "Cas", pin: "1111", at: t0 + 11).name == "Cas")
        // A new PIN lifts the lockout too; the old PIN no longer works.
        try await staff.changePIN(name: "Dirk", newPIN: "9753", by: "Piet", at: t0 + 12)
        #expect(try await staff.lockedUntil(name: "Dirk", at: t0 + 13) == nil)
        await #expect(throws: StaffError.wrongNameOrPIN) { try await staff.signIn(name: "Dirk", pin: "2222", at: t0 + 13) }
        #expect(try await staff.signIn(name: "Dirk", pin: "9753", at: t0 + 14).name == "Dirk")
        await #expect(throws: StaffError.unknownAccount("Nobody")) { try await staff.unlock("Nobody", by: "Piet", at: t0) }
        let audit = try await staff.audit.events(on: nil, limit: 100)
        #expect(audit.contains { $0.action == AuditAction.accountUnlocked.rawValue && $0.subject == "Cas" && $0.actor == "Piet" })
        #expect(audit.contains { $0.action == AuditAction.pinChanged.rawValue && $0.subject == "Dirk" })
    }

    @Test("A success resets the count of wrong PINs")
    func successResets() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let staff = try directory(folder)
        try await staff.add(name: "Dirk", role: .staff, pin: "2222", by: "cli", at: t0)
        for i in 0..<4 { _ = try? await staff.signIn(name: "Dirk", pin: "0000", at: t0 + Double(i)) }
        _ = try await staff.signIn(name: "Dirk", pin: "2222", at: t0 + 5)
        for i in 0..<4 { _ = try? await staff.signIn(name: "Dirk", pin: "0000", at: t0 + 6 + Double(i)) }
        #expect(try await staff.lockedUntil(name: "Dirk", at: t0 + 11) == nil)
    }

    @Test("Owner approval needs an owner's PIN; a clerk's right PIN is refused but does not count as a guess")
    func ownerApproval() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let staff = try directory(folder)
        try await staff.add(name: "Eva", role: .owner, pin: "3333", by: "cli", at: t0)
        try await staff.add(name: "Fer", role: .staff, pin: "4444", by: "cli", at: t0)
        #expect(try await staff.verify(name: "Eva", pin: "3333", requiring: .owner, purpose: "hit", at: t0).role == .owner)
        for _ in 0..<6 {
            await #expect(throws: StaffError.notAllowed(required: .owner)) {
                try await staff.verify(name: "Fer", pin: "4444", requiring: .owner, purpose: "hit", at: t0)
            }
        }
        #expect(try await staff.lockedUntil(name: "Fer", at: t0) == nil)
    }

    @Test("A disabled account cannot sign in and cannot be deleted")
    func disabled() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let staff = try directory(folder)
        try await staff.add(name: "Gijs", role: .staff, pin: "5555", by: "cli", at: t0)
        try await staff.setDisabled("Gijs", disabled: true, by: "Eva", at: t0)
        await #expect(throws: StaffError.disabled) { try await staff.signIn(name: "Gijs", pin: "5555", at: t0) }
        await #expect(throws: StaffError.unknownAccount("Nemo")) { try await staff.setDisabled("Nemo", disabled: true, by: "Eva", at: t0) }
        #expect(throws: DatabaseError.self) {
            try (staff.store as! SQLiteRegisterStore).dbPool.write { db in try db.execute(sql: "DELETE FROM staff_account") }
        }
        try await staff.changePIN(name: "Gijs", newPIN: "6666", by: "Eva", at: t0)
        try await staff.setDisabled("Gijs", disabled: false, by: "Eva", at: t0)
        #expect(try await staff.signIn(name: "Gijs", pin: "6666", at: t0).name == "Gijs")
    }
}
