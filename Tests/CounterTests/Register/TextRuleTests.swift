import Foundation
import GRDB
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 12 (2): a NUL in an item serial broke `verify` for good, and ESC, BEL and NUL reached the exports raw.
@Suite("Text rule: NFC, no control characters, limits; faithful verify; safe exports")
struct TextRuleTests {
    @Test("A control character in any stored field is refused, naming the field; nothing is written",
          arguments: ["AB\u{0}CD", "A\u{1B}[2JB", "A\u{7}B", "A\tB", "A\u{202E}B", "A\u{85}B"])
    func controlRefused(serial: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        #expect(throws: IntakeError.controlCharacter("items[0].serialNumber")) {
            try store.append(Fixtures.intake(serial: serial), at: Fixtures.tuesday)
        }
        var intake = Fixtures.intake()
        intake.seller.surname = "Jan\u{1B}sen"
        #expect(throws: IntakeError.controlCharacter("seller.surname")) { try store.append(intake, at: Fixtures.tuesday) }
        #expect(try store.entryCount() == 0)
    }

    @Test("Texts are stored in NFC, and each field has a limit")
    func nfcAndLimits() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        var intake = Fixtures.intake()
        intake.seller.surname = "Ame\u{301}lie"      // e + combining acute, as some keyboards send it
        let entry = try store.append(intake, at: Fixtures.tuesday)
        #expect(entry.seller?.surname == "Am\u{E9}lie")
        #expect(entry.seller?.surname.unicodeScalars.count == 6)
        intake.items[0].description = String(repeating: "x", count: 501)
        #expect(throws: IntakeError.tooLong("items[0].description", limit: 500)) { try store.append(intake, at: Fixtures.tuesday) }
        #expect(try store.verify().isIntact)
    }

    @Test("A register made before the rule, holding a NUL in a serial, still verifies; its export shows the NUL as ␀")
    func oldRegisterStillVerifies() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        // As the first release stored it: no text rule in the way.
        _ = try store.write { db in try store.insertEntry(db, Fixtures.intake(serial: "AB\u{0}CD\u{1B}"), at: Fixtures.tuesday) }
        _ = try store.append(Fixtures.intake(serial: "NEXT-1"), at: Fixtures.tuesday)
        let verification = try store.verify()
        #expect(verification.isIntact, "\(String(describing: verification.firstProblem))")
        #expect(verification.entryCount == 2)
        let csv = try await DailyLog.of(CalendarDate(Fixtures.tuesday), in: store).csv()
        #expect(csv.contains("AB\u{2400}CD\u{241B}"))
        #expect(!csv.unicodeScalars.contains { $0.value < 0x20 && $0 != "\r" && $0 != "\n" })
    }

    @Test("In CSV a TAB inside a cell is quoted, and formulas stay text")
    func csvCells() {
        #expect(ExcelCSV.cell("a\tb") == "\"a\tb\"")
        #expect(ExcelCSV.cell("=1+1") == "'=1+1" || ExcelCSV.cell("=1+1") == "\"'=1+1\"")
        #expect(ExcelCSV.cell("bel\u{7}") == "bel\u{2407}")
    }
}
