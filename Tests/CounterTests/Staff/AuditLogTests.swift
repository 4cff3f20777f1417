import Foundation
import GRDB
import Testing
@testable import CounterCore
@testable import CounterDevices

@Suite("Audit log")
struct AuditLogTests {
    let t0 = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18 shop time

    @Test("Sign-ins, failures and account changes are recorded with who and when, never the PIN")
    func records() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let staff = StaffDirectory(store: store, iterations: 100)
        try await staff.add(name: "Hans", role: .owner, pin: "7777", by: "cli", at: t0)
        _ = try await staff.signIn(name: "Hans", pin: "7777", at: t0 + 1)
        _ = try? await staff.signIn(name: "Hans", pin: "7778", at: t0 + 2)
        try await staff.audit.record(.warningDismissed, actor: "Hans", subject: "draft-1", detail: "serial misread", at: t0 + 3)
        let events = try await staff.audit.events()
        #expect(events.map(\.action) == ["check.dismiss", "login.failed", "login.ok", "account.add"])
        #expect(events.first?.detail == "serial misread")
        #expect(events.last?.subject == "Hans")
        #expect(events.allSatisfy { !$0.detail.contains("7777") && !$0.detail.contains("7778") })
        #expect(try await staff.audit.events(on: CalendarDate(t0)).count == 4)
        #expect(try await staff.audit.events(on: CalendarDate(t0).adding(days: 1)).isEmpty)
    }

    @Test("The database refuses to change or remove audit events")
    func appendOnly() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let audit = AuditLog(store: store)
        try await audit.record(.exportCSV, actor: "Ina", detail: "2026-11-18", at: t0)
        #expect(throws: DatabaseError.self) {
            try store.dbPool.write { db in try db.execute(sql: "UPDATE audit_event SET actor = 'someone else'") }
        }
        #expect(throws: DatabaseError.self) {
            try store.dbPool.write { db in try db.execute(sql: "DELETE FROM audit_event") }
        }
        #expect(try await audit.events().map(\.actor) == ["Ina"])
    }

    @Test("An actor is kept to 40 characters and a detail to 500, whether written through AuditLog or inside another transaction")
    func lengthsKept() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        try await AuditLog(store: store).record(.exportCSV, actor: String(repeating: "a", count: 60),
                                          detail: String(repeating: "d", count: 600), at: t0)
        try await store.dbPool.write { db in
            try SQLiteRegisterStore.insertAuditEvent(db, .exportPDF, actor: String(repeating: "b", count: 60), subject: nil,
                                                     detail: String(repeating: "e", count: 600), at: t0)
        }
        let events = try await AuditLog(store: store).events()
        #expect(events.map(\.actor.count) == [40, 40])
        #expect(events.map(\.detail.count) == [500, 500])
    }
}

@Suite("Audit log in words")
struct AuditWordsTests {
    @Test("Issue 14, point 8: every action has words in both languages, none of them the code word")
    func everyActionWorded() {
        for action in AuditAction.allCases {
            #expect(!action.words(.nl).isEmpty && !action.words(.en).isEmpty)
            #expect(action.words(.nl) != action.rawValue && action.words(.en) != action.rawValue, "\(action)")
        }
        #expect(AuditAction.signInOK.words(.nl) == "aangemeld")
        #expect(AuditAction.policeFlagOpened.words(.nl) == "politiemelding op voorwerp geopend")
    }

    @Test("Subjects name entries and items by their numbers, in the reader's language")
    func subjects() {
        func event(_ action: String, _ subject: String?) -> AuditEvent {
            AuditEvent(id: 1, at: Date(), actor: "Piet", action: action, subject: subject, detail: "")
        }
        #expect(event("intake.correct", "entry 12").subjectWords(.nl) == "inschrijving 12")
        #expect(event("intake.correct", "entry 12").subjectWords(.en) == "entry 12")
        #expect(event("police.flag", "item 12-1").subjectWords(.nl) == "voorwerp 12-1")
        #expect(event("check.hit", "number SN-1").subjectWords(.nl) == "nummer SN-1")
        #expect(event("login.ok", nil).subjectWords(.nl) == "")
        #expect(event("some.future", "x").actionWords(.nl) == "some.future")
        var detail = event("login.ok", nil)
        detail.detail = "correction of entry 2"
        #expect(detail.detailWords(.nl) == "correctie van inschrijving 2")
        detail.detail = "2026-12-01…2026-12-06, 3 entries"
        #expect(detail.detailWords(.nl) == "2026-12-01…2026-12-06, 3 inschrijvingen")
        detail.detail = "klant is al weg"
        #expect(detail.detailWords(.nl) == "klant is al weg")
    }
}
