import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// The one formatting module (issue 14, points 2, 3 and 7): what the shop's papers say, and what the counter
/// reads back from what a clerk types.
@Suite("Shop formatting")
struct ShopFormatTests {
    let nl = ShopFormat.dutch
    let en = ShopFormat.english

    @Test("Money in Dutch and English", arguments: [
        (0, "€ 0,00", "€0.00"), (5, "€ 0,05", "€0.05"), (123450, "€ 1.234,50", "€1,234.50"),
        (100000000, "€ 1.000.000,00", "€1,000,000.00"), (-250, "€ -2,50", "€-2.50"),
    ])
    func money(cents: Int, dutch: String, english: String) {
        #expect(nl.money(cents) == dutch)
        #expect(en.money(cents) == english)
    }

    @Test("A gold weight of 3,2 g reads as 3,2 g, never as 3.200 g (three thousand two hundred)")
    func weights() {
        #expect(nl.weight(milligrams: 3200) == "3,2 g")
        #expect(en.weight(milligrams: 3200) == "3.2 g")
        #expect(nl.weight(milligrams: 3250) == "3,25 g")
        #expect(nl.weight(milligrams: 5) == "0,005 g")
        #expect(nl.weight(milligrams: 12000) == "12 g")
        #expect(nl.weight(milligrams: 1_250_000) == "1.250 g")
    }

    @Test("Dates are dd-mm-jjjj in both languages; times are 24-hour in the shop's time zone")
    func datesAndTimes() throws {
        let day = try #require(CalendarDate(iso: "2026-12-09"))
        #expect(nl.date(day) == "09-12-2026")
        #expect(en.date(day) == "09-12-2026")
        #expect(nl.dayMonth(day) == "09-12")
        // 2026-12-02 13:05:09 UTC is 14:05 in Amsterdam (winter), whatever the machine's own zone.
        let instant = Date(timeIntervalSince1970: 1_796_216_709)
        #expect(nl.time(instant) == "14:05")
        #expect(nl.timeWithSeconds(instant) == "14:05:09")
        #expect(nl.dateTime(instant) == "02-12-2026 14:05")
        // 23:30 UTC on 31 December is New Year's Day at 00:30 in the shop.
        #expect(nl.dateTime(Date(timeIntervalSince1970: 1_767_223_800)) == "01-01-2026 00:30")
    }

    @Test("Prices as a clerk types them", arguments: [
        ("12", 1200), ("12,5", 1250), ("12,50", 1250), ("12.50", 1250), ("1.234,50", 123450), ("1,234.50", 123450),
        ("€ 12,50", 1250), ("12,-", 1200), ("  7 ", 700), ("1.234", 123400), ("0,05", 5),
    ])
    func prices(text: String, cents: Int) throws {
        #expect(try ShopFormat.cents(text) == cents)
    }

    @Test("A price that does not parse, or is negative, is refused, never dropped", arguments: [
        ("12,3x", FormatProblem.notAnAmount), ("-5", .negative), ("−5", .negative), ("12,345", .notAnAmount),
        ("1,2,3", .notAnAmount), ("abc", .notAnAmount), ("12,", .notAnAmount), (",50", .notAnAmount),
        ("1.23.4", .notAnAmount), ("12,505", .notAnAmount), ("9999999999999", .notAnAmount),
    ])
    func badPrices(text: String, problem: FormatProblem) {
        #expect(throws: problem) { try ShopFormat.cents(text) }
    }

    @Test("An empty price field is no price, not zero")
    func emptyPrice() throws {
        #expect(try ShopFormat.cents("") == nil)
        #expect(try ShopFormat.cents("   ") == nil)
    }

    @Test("Weights in grams as typed", arguments: [
        ("3,2", 3200), ("3.2", 3200), ("3,250", 3250), ("3.250", 3250), ("0,05", 50), ("12 g", 12000), ("12g", 12000),
    ])
    func typedWeights(text: String, milligrams: Int) throws {
        #expect(try ShopFormat.milligrams(text) == milligrams)
    }

    @Test("Bad weights are refused")
    func badWeights() {
        #expect(throws: FormatProblem.notAWeight) { try ShopFormat.milligrams("3,2x") }
        #expect(throws: FormatProblem.notAWeight) { try ShopFormat.milligrams("3,2505") }
        #expect(throws: FormatProblem.negative) { try ShopFormat.milligrams("-1") }
    }

    @Test("Dates as typed are read day first, whatever the browser's locale (01021970 is 1 February)", arguments: [
        ("01021970", "1970-02-01"), ("01-02-1970", "1970-02-01"), ("1-2-1970", "1970-02-01"), ("01/02/1970", "1970-02-01"),
        ("01.02.1970", "1970-02-01"), ("1970-02-01", "1970-02-01"), ("29-02-2024", "2024-02-29"),
    ])
    func typedDates(text: String, iso: String) throws {
        #expect(try ShopFormat.calendarDate(text)?.iso == iso)
    }

    @Test("Dates that do not exist or do not parse are refused", arguments: [
        "31-02-1970", "29-02-2023", "1-2-70", "01021", "13-13-2000", "aa-bb-cccc", "01-02-1970x", "1970-2-1",
    ])
    func badDates(text: String) {
        #expect(throws: FormatProblem.notADate) { try ShopFormat.calendarDate(text) }
    }

    @Test("Every problem has words in both languages")
    func problemsWorded() {
        for problem in [FormatProblem.notAnAmount, .negative, .notAWeight, .notADate] {
            #expect(!problem.message(.nl).isEmpty)
            #expect(problem.message(.nl) != problem.message(.en))
        }
    }

    @Test("The page's format.js and ShopFormat write the same (Tests/Fixtures/format/samples.json, also run by node)")
    func sharedSamples() throws {
        let url = Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures/format/samples.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        func rows(_ key: String) -> [[Any]] { json[key] as? [[Any]] ?? [] }
        for row in rows("money") {
            #expect(nl.money(row[0] as! Int) == row[1] as? String)
            #expect(en.money(row[0] as! Int) == row[2] as? String)
        }
        for row in rows("amount") {
            #expect(nl.amount(row[0] as! Int) == row[1] as? String)
            #expect(en.amount(row[0] as! Int) == row[2] as? String)
        }
        for row in rows("weight") {
            #expect(nl.weight(milligrams: row[0] as! Int) == row[1] as? String)
            #expect(en.weight(milligrams: row[0] as! Int) == row[2] as? String)
        }
        for row in rows("date") { #expect(CalendarDate(iso: row[0] as! String).map(nl.date) == row[1] as? String) }
        for row in rows("dateTime") { #expect(ShopTimestamp().date(from: row[0] as! String).map(nl.dateTime) == row[1] as? String) }
        for row in rows("time") { #expect(ShopTimestamp().date(from: row[0] as! String).map(nl.time) == row[1] as? String) }
        #expect((json["money"] as? [[Any]])?.count == 5)
    }
}
