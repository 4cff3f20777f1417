import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 12 (6): an unknown name cost two PIN hashes and a known one one (names could be enumerated by
/// timing), and parallel wrong PINs got one guess more than the lockout allows.
@Suite("Sign-in abuse: equal cost, atomic lockout", .serialized)
struct SignInAbuseTests {
    @Test("An unknown name costs exactly the one PIN hash a known name costs")
    func equalCost() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // An iteration count no other test uses: hashes of other suites running in parallel are not counted.
        let iterations = 137
        let staff = StaffDirectory(store: try Fixtures.store(in: folder), iterations: iterations)
        _ = try await staff.add(name: "Anna", role: .staff, pin: "1234", by: "t", at: Date())
        _ = try? await staff.verify(name: "Nobody", pin: "1111", requiring: nil, purpose: "warm-up", at: Date())
        func cost(_ name: String) async -> Int {
            let before = StaffPINHash.computations.withLockedValue { $0[iterations, default: 0] }
            _ = try? await staff.verify(name: name, pin: "9999", requiring: nil, purpose: "sign-in", at: Date())
            return StaffPINHash.computations.withLockedValue { $0[iterations, default: 0] } - before
        }
        #expect(await cost("Anna") == 1)
        #expect(await cost("Onbekend") == 1)
    }

    @Test("Sixteen wrong PINs at once: no more than the lockout allows are even checked")
    func atomicLockout() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let staff = StaffDirectory(store: try Fixtures.store(in: folder), iterations: 2_000)
        _ = try await staff.add(name: "Anna", role: .staff, pin: "1234", by: "t", at: Date())
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<16 { group.addTask { _ = try? await staff.signIn(name: "Anna", pin: String(format: "%04d", 5000 + i), at: Date()) } }
        }
        let events = try await staff.audit.events(limit: 100)
        #expect(events.filter { $0.action == AuditAction.signInFailed.rawValue }.count == StaffDirectory.maxFailures)
        #expect(events.filter { $0.action == AuditAction.signInWhileLocked.rawValue }.count == 16 - StaffDirectory.maxFailures)
        // Locked: even the right PIN is refused now.
        await #expect(throws: StaffError.self) { try await staff.signIn(name: "Anna", pin: "1234", at: Date()) }
    }
}
