import GRDB
import Testing
@testable import CounterCore
@testable import CounterDevices

@Suite("Holding period")
struct HoldingPolicyTests {
    func date(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

    @Test("Easter Sunday", arguments: [(2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"), (2038, "2038-04-25")])
    func easter(year: Int, expected: String) {
        #expect(DutchHolidays.easterSunday(year: year) == date(expected))
    }

    @Test("King's Day moves to the 26th when the 27th is a Sunday")
    func kingsDay() {
        let holidays = DutchHolidays()
        #expect(holidays.isHoliday(date("2025-04-26")))  // 27 April 2025 is a Sunday
        #expect(!holidays.isHoliday(date("2025-04-27")))
        #expect(holidays.isHoliday(date("2026-04-27")))
    }

    @Test("Five working days skip weekends and Christmas and New Year",
          arguments: [
            ("2025-11-18", "2025-11-25"),  // Tuesday → next Tuesday
            ("2025-11-21", "2025-11-28"),  // Friday → next Friday
            ("2026-12-24", "2027-01-04"),  // Thu; 25, 26 Dec and 1 Jan are holidays
            ("2026-05-13", "2026-05-21"),  // Wed before Ascension (14 May 2026)
            ("2026-05-22", "2026-06-01"),  // Fri before Whit Monday (25 May 2026)
          ])
    func workingDays(acquired: String, holdUntil: String) {
        #expect(HoldingPolicy.billDefault.holdUntil(acquiredOn: date(acquired)) == date(holdUntil))
        #expect(HoldingPolicy.billDefault.releaseDate(acquiredOn: date(acquired)) == date(holdUntil).adding(days: 1))
    }

    @Test("Calendar days count every day")
    func calendarDays() {
        #expect(HoldingPolicy(length: 3, unit: .days).holdUntil(acquiredOn: date("2026-12-30")) == date("2027-01-02"))
    }

    @Test("Good Friday and Liberation Day count only when switched on")
    func optionalHolidays() {
        let strict = HoldingPolicy(length: 1, unit: .workingDays,
                                   holidays: DutchHolidays(includeGoodFriday: true, includeLiberationDay: true))
        #expect(strict.holdUntil(acquiredOn: date("2026-04-02")) == date("2026-04-07"))  // Fri 3 Apr and Mon 6 Apr off
        #expect(HoldingPolicy(length: 1, unit: .workingDays).holdUntil(acquiredOn: date("2026-04-02")) == date("2026-04-03"))
        #expect(strict.holdUntil(acquiredOn: date("2026-05-04")) == date("2026-05-06"))
    }

    @Test("Calendar arithmetic round-trips over centuries")
    func dayNumbers() {
        for n in stride(from: -200_000, through: 200_000, by: 997) {
            let d = CalendarDate(dayNumber: n)
            #expect(d.dayNumber == n)
            #expect(CalendarDate(iso: d.iso) == d)
        }
        #expect(date("2026-11-22").isoWeekday == 7)
        #expect(CalendarDate(iso: "2026-02-29") == nil)
        #expect(CalendarDate(iso: "2024-02-29") != nil)
    }
}

@Suite("Sales register")
struct SaleTests {
    @Test("A sale is refused during the hold and while a police flag is open, and allowed after")
    func saleRules() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let entry = try store.append(Fixtures.intake(), at: Fixtures.tuesday)  // hold until 2025-11-25
        let id = entry.itemID(0)
        func sale(on day: String) -> Sale {
            Sale(itemID: id, soldOn: CalendarDate(iso: day)!, buyerName: "K. Koper",
                 buyerAddress: Address(street: "Markt", houseNumber: "3", postcode: "3511 AA", city: "Utrecht"), clerk: "Anna")
        }
        #expect(throws: SaleError.stillOnHold(itemID: id, until: CalendarDate(iso: "2025-11-25")!)) {
            try store.recordSale(sale(on: "2025-11-25"), at: Fixtures.tuesday)
        }
        #expect(try store.itemsOnHold(on: CalendarDate(iso: "2025-11-25")!).map(\.itemID) == [id])
        #expect(try store.itemsOnHold(on: CalendarDate(iso: "2025-11-26")!).isEmpty)
        try store.openPoliceFlag(itemID: id, note: "Politie belt terug", at: Fixtures.tuesday)
        #expect(try store.itemsOnHold(on: CalendarDate(iso: "2025-12-01")!).first?.policeFlagOpen == true)
        #expect(throws: SaleError.policeFlagOpen(itemID: id)) {
            try store.recordSale(sale(on: "2025-12-01"), at: Fixtures.tuesday)
        }
        try store.closePoliceFlag(itemID: id, note: "Vrijgegeven", at: Fixtures.tuesday)
        let saleID = try store.recordSale(sale(on: "2025-12-01"), at: Fixtures.tuesday)
        #expect(saleID == 1)
        #expect(throws: SaleError.alreadySold(itemID: id)) {
            try store.recordSale(sale(on: "2025-12-02"), at: Fixtures.tuesday)
        }
        let kinds = try store.dbPool.read { try String.fetchAll($0, sql: "SELECT kind FROM upload_job ORDER BY id") }
        #expect(kinds == ["entry", "sale"])
        #expect(throws: SaleError.unknownItem("99-1")) {
            try store.recordSale(Sale(itemID: "99-1", soldOn: CalendarDate(iso: "2025-12-01")!, buyerName: "X",
                                      buyerAddress: nil, clerk: "A"), at: Fixtures.tuesday)
        }
    }
}
