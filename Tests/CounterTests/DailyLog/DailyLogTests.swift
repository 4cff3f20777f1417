import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

@Suite("Daily log")
struct DailyLogTests {
    @Test("Totals per clerk and for the day, and the worst check status per entry")
    func totals() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        _ = try store.append(Fixtures.intake(clerk: "Anna"), at: Fixtures.tuesday)
        let second = try store.append(Fixtures.intake(clerk: "Bram"), at: Fixtures.tuesday)
        _ = try store.append(Fixtures.intake(clerk: "Anna"), at: Fixtures.tuesday)
        try store.record(ItemCheck(itemID: second.itemID(0), checkedAt: Fixtures.tuesday, status: .possibleMatch, sources: ["hotlist"]))
        let log = try await DailyLog.of(CalendarDate(iso: "2025-11-18")!, in: store)
        #expect(log.count == 3)
        #expect(log.totalCents == 37_500)
        #expect(log.perClerk == [.init(clerk: "Anna", count: 2, totalCents: 25_000), .init(clerk: "Bram", count: 1, totalCents: 12_500)])
        #expect(log.rows.map(\.checkStatus) == [.notYetChecked, .possibleMatch, .notYetChecked])
        #expect(log.rows[0].time == "10:00:00")
        #expect(log.rows[0].idDocument == "paspoort NWLFR3706 (NLD)")
        let csv = log.csv()
        // Dutch Excel: byte-order mark, `;`, Dutch headers, dd-mm-jjjj, decimal comma (issue 14, point 10).
        #expect(csv.hasPrefix("\u{FEFF}volgnummer;datum;tijd;medewerker;"))
        #expect(csv.contains("\r\n1;18-11-2025;10:00:00;Anna;inkoop;"))
        #expect(csv.contains("\r\nTOTAAL;18-11-2025;;;;;;3 inschrijvingen;375,00;;;\r\n"))
        #expect(csv.contains("TOTAAL medewerker;18-11-2025;;Bram;;;;1 inschrijvingen;125,00;;;"))
    }

    @Test("A seller named like a spreadsheet formula stays text in the CSV")
    func csvInjection() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        var intake = Fixtures.intake(surname: "=cmd|' /C calc'!A0")
        intake.seller.givenNames = ""
        intake.clerk = "@SUM(1+1)"
        _ = try store.append(intake, at: Fixtures.tuesday)
        let csv = try await DailyLog.of(CalendarDate(iso: "2025-11-18")!, in: store).csv()
        let row = csv.components(separatedBy: "\r\n")[1]
        #expect(row.contains(";\"'=cmd|' /C calc'!A0\";"))
        #expect(row.contains(";\"'@SUM(1+1)\";"))
        for cell in ["=", "+", "-", "@"] {
            #expect(!csv.components(separatedBy: "\r\n").contains { $0.contains(";\(cell)") })
        }
    }

    @Test("CSV cells", arguments: [
        ("plain", "plain"), ("a,b", "a,b"), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("=1+2", "\"'=1+2\""),
        ("+31 6", "\"'+31 6\""), ("-5", "-5"), ("-2,50", "-2,50"), ("-x", "\"'-x\""), ("line\nbreak", "\"line\nbreak\""),
        ("a;b", "\"a;b\""),
    ])
    func csvCell(input: String, expected: String) {
        #expect(ExcelCSV.cell(input) == expected)
    }
}
