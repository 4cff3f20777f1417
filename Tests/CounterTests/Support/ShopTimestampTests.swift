import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

@Suite("Shop timestamps")
struct ShopTimestampTests {
    let format = ShopTimestamp()

    @Test("Winter and summer offsets of Europe/Amsterdam", arguments: [
        (1_763_456_400.0, "2025-11-18T10:00:00+01:00"),
        (1_751_364_000.0, "2025-07-01T12:00:00+02:00"),
        (1_743_296_399.0, "2025-03-30T01:59:59+01:00"),  // one second before the clocks go forward
        (1_743_296_400.0, "2025-03-30T03:00:00+02:00"),
    ])
    func offsets(seconds: Double, expected: String) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(format.string(from: date) == expected)
        #expect(format.date(from: expected) == date)
    }

    @Test("The calendar day follows the shop's clock, not UTC")
    func dayInShopTime() {
        // 23:30 UTC on 31 December is already New Year's Day in Amsterdam.
        let date = Date(timeIntervalSince1970: 1_767_223_800)
        #expect(CalendarDate(date) == CalendarDate(iso: "2026-01-01"))
    }

    @Test("Malformed timestamps are refused", arguments: ["", "2025-11-18", "2025-11-18T10:00:00", "2025-13-18T10:00:00+01:00", "2025-11-18T25:00:00+01:00", "2025-11-18T10:00:00+0100"])
    func malformed(text: String) {
        #expect(format.date(from: text) == nil)
    }

    @Test("UTC with Z is read")
    func zulu() {
        #expect(format.date(from: "2025-11-18T09:00:00Z") == Date(timeIntervalSince1970: 1_763_456_400))
    }

    @Test("West of Greenwich, a negative offset and a date before 1970 are written digit for digit")
    func negativeOffset() throws {
        let newYork = ShopTimestamp(timeZone: try #require(TimeZone(identifier: "America/New_York")))
        #expect(newYork.string(from: Date(timeIntervalSince1970: 1_763_456_400)) == "2025-11-18T04:00:00-05:00")
        #expect(format.string(from: Date(timeIntervalSince1970: -86_400 * 365)) == "1969-01-01T01:00:00+01:00")
        // A year past 9999 is no shop's, but still written whole rather than cut to four digits.
        #expect(format.string(from: Date(timeIntervalSince1970: 253_402_300_800)).hasPrefix("10000-01-01T"))
    }

    @Test("A calendar day is read only as YYYY-MM-DD of ASCII digits, and only when it exists",
          arguments: [("2024-02-29", true), ("2023-02-29", false), ("2024-1-01", false), ("2024-01-011", false),
                      ("２０２４-01-01", false), ("2024/01/01", false), ("0999-12-31", true), ("2024-00-10", false)])
    func calendarDay(text: String, valid: Bool) {
        let day = CalendarDate(iso: text)
        #expect((day != nil) == valid)
        if let day { #expect(day.iso == text) }
    }
}
