/// Dutch public holidays that are not working days, for the hold period in working days (werkdagen).
///
/// Counted as in collective agreements and the Algemene termijnenwet: New Year's Day, Easter Sunday and
/// Monday, King's Day (27 April, 26 April when the 27th is a Sunday), Ascension Day, Whit Sunday and
/// Monday, Christmas Day and Boxing Day. Good Friday and Liberation Day (5 May) are holidays for many
/// employers but not under the Algemene termijnenwet; each can be switched on per municipality.
package struct DutchHolidays: Sendable, Hashable, Codable {
    package var includeGoodFriday: Bool
    package var includeLiberationDay: Bool

    package init(includeGoodFriday: Bool = false, includeLiberationDay: Bool = false) {
        self.includeGoodFriday = includeGoodFriday
        self.includeLiberationDay = includeLiberationDay
    }

    /// Easter Sunday (Gregorian, anonymous algorithm).
    package static func easterSunday(year: Int) -> CalendarDate {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(year: year, month: month, day: day)!
    }

    /// All holidays of `year`, sorted.
    package func holidays(in year: Int) -> [CalendarDate] {
        let easter = Self.easterSunday(year: year)
        var kingsDay = CalendarDate(year: year, month: 4, day: 27)!
        if kingsDay.isoWeekday == 7 { kingsDay = kingsDay.adding(days: -1) }
        var days = [
            CalendarDate(year: year, month: 1, day: 1)!,
            easter, easter.adding(days: 1),
            kingsDay,
            easter.adding(days: 39),  // Ascension Day
            easter.adding(days: 49), easter.adding(days: 50),  // Whitsun
            CalendarDate(year: year, month: 12, day: 25)!, CalendarDate(year: year, month: 12, day: 26)!,
        ]
        if includeGoodFriday { days.append(easter.adding(days: -2)) }
        if includeLiberationDay { days.append(CalendarDate(year: year, month: 5, day: 5)!) }
        return days.sorted()
    }

    /// Whether `date` is a holiday.
    package func isHoliday(_ date: CalendarDate) -> Bool {
        holidays(in: date.year).contains(date)
    }

    /// Whether `date` is a working day: Monday to Friday and not a holiday.
    package func isWorkingDay(_ date: CalendarDate) -> Bool {
        date.isoWeekday <= 5 && !isHoliday(date)
    }
}
