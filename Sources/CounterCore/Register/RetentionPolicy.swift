import Foundation

/// How long the register keeps what (`retention.identityYears`, `retention.bookkeepingYears`).
///
/// - The seller's identity (name, address, birth date, document) and the items' photos: `identityYears`
///   after the acquisition day (default 4, as bill 36 036 sets for the DOR; AVG art. 5(1)(e): no longer than
///   the purpose needs). Then the daily job erases them (`SQLiteRegisterStore/purge(today:at:actor:photos:)`).
/// - The bookkeeping (number, date, clerk, price, payment method, items, checks): at least `bookkeepingYears`
///   (default 7, the fiscal duty to keep records, art. 52 AWR). It stays in the chain, which keeps the register
///   provably whole; entries past it are reported, never deleted by the kiosk.
package struct RetentionPolicy: Sendable, Hashable, Codable {
    package var identityYears: Int
    package var bookkeepingYears: Int

    package static let standard = RetentionPolicy(identityYears: 4, bookkeepingYears: 7)

    package init(identityYears: Int, bookkeepingYears: Int) {
        self.identityYears = identityYears
        self.bookkeepingYears = bookkeepingYears
    }

    /// Whether the identity of an entry acquired on `day` is past retention on `today`: more than
    /// `identityYears` whole years have gone by (acquired 2026-12-02: kept through 2030-12-02, erased from
    /// 2030-12-03).
    package func identityExpired(acquiredOn day: CalendarDate, today: CalendarDate) -> Bool {
        day < Self.yearsBefore(today, identityYears)
    }

    /// Whether an entry acquired on `day` is past the bookkeeping duty on `today`.
    package func bookkeepingExpired(acquiredOn day: CalendarDate, today: CalendarDate) -> Bool {
        day < Self.yearsBefore(today, bookkeepingYears)
    }

    /// The same day `years` years earlier (29 February becomes 28 February).
    static func yearsBefore(_ date: CalendarDate, _ years: Int) -> CalendarDate {
        let year = date.year - years
        return CalendarDate(year: year, month: date.month, day: min(date.day, CalendarDate.daysIn(month: date.month, year: year)))!
    }

    enum CodingKeys: String, CodingKey { case identityYears, bookkeepingYears }

    /// `retention` in `config.json`: identity 1 to 10 years (default 4), bookkeeping 7 to 20 (default 7, the
    /// fiscal minimum), and never identity longer than bookkeeping.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        identityYears = try c.decodeBounded(.identityYears, in: 1...10, default: Self.standard.identityYears)
        bookkeepingYears = try c.decodeBounded(.bookkeepingYears, in: 7...20, default: Self.standard.bookkeepingYears)
        if identityYears > bookkeepingYears {
            throw DecodingError.dataCorrupted(.init(
                codingPath: c.codingPath + [CodingKeys.identityYears],
                debugDescription: "must not be more than bookkeepingYears (\(bookkeepingYears))"))
        }
    }

    /// The rule as written into a purge event.
    var identityRule: String { "retention.identityYears = \(identityYears)" }
}
