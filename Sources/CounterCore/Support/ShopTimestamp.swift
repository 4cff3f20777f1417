import Foundation

/// Formats and parses instants as ISO 8601 with the shop's UTC offset (`2026-11-22T15:04:05+01:00`),
/// to the second. Written by hand so the register's canonical bytes never depend on a formatter's
/// locale or version.
public struct ShopTimestamp: Sendable {
    public var timeZone: TimeZone

    public init(timeZone: TimeZone = .amsterdam) {
        self.timeZone = timeZone
    }

    /// `YYYY-MM-DDTHH:MM:SS±HH:MM` in ``timeZone``.
    public func string(from date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        let local = seconds + offset
        let dayNumber = Int((Double(local) / 86400).rounded(.down))
        let secondOfDay = local - dayNumber * 86400
        let day = CalendarDate(dayNumber: dayNumber)
        let off = abs(offset)
        guard (0...9999).contains(day.year) else {
            // Not a shop's date; written the long way, as ``CalendarDate/iso`` writes such a year.
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return day.iso + "T" + two(secondOfDay / 3600) + ":" + two(secondOfDay / 60 % 60) + ":"
                + two(secondOfDay % 60) + (offset < 0 ? "-" : "+") + two(off / 3600) + ":" + two(off / 60 % 60)
        }
        // Written in place, not with `String(format:)` or a dozen concatenations: `verify` formats every
        // entry's time (issue 14's 1 M-entry goal).
        return String(unsafeUninitializedCapacity: 25) { out in
            func put(_ n: Int, _ count: Int, at index: Int) {
                var n = n
                for k in stride(from: index + count - 1, through: index, by: -1) {
                    out[k] = UInt8(ascii: "0") + UInt8(n % 10)
                    n /= 10
                }
            }
            put(day.year, 4, at: 0); out[4] = UInt8(ascii: "-"); put(day.month, 2, at: 5); out[7] = UInt8(ascii: "-")
            put(day.day, 2, at: 8); out[10] = UInt8(ascii: "T")
            put(secondOfDay / 3600, 2, at: 11); out[13] = UInt8(ascii: ":"); put(secondOfDay / 60 % 60, 2, at: 14)
            out[16] = UInt8(ascii: ":"); put(secondOfDay % 60, 2, at: 17)
            out[19] = offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
            put(off / 3600, 2, at: 20); out[22] = UInt8(ascii: ":"); put(off / 60 % 60, 2, at: 23)
            return 25
        }
    }

    /// Parses what ``string(from:)`` writes (any offset, or `Z`); nil for anything else.
    public func date(from string: String) -> Date? {
        let u = Array(string.utf8)
        guard u.count == 25 || u.count == 20,
              let day = CalendarDate(iso: String(decoding: u[0..<10], as: UTF8.self)), u[10] == UInt8(ascii: "T"),
              u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"),
              let h = Self.number(u[11..<13]), let m = Self.number(u[14..<16]), let s = Self.number(u[17..<19]),
              h < 24, m < 60, s < 61 else { return nil }
        var offset = 0
        if u.count == 25 {
            guard u[19] == UInt8(ascii: "+") || u[19] == UInt8(ascii: "-"), u[22] == UInt8(ascii: ":"),
                  let oh = Self.number(u[20..<22]), let om = Self.number(u[23..<25]) else { return nil }
            offset = (oh * 3600 + om * 60) * (u[19] == UInt8(ascii: "-") ? -1 : 1)
        } else if u[19] != UInt8(ascii: "Z") {
            return nil
        }
        let local = day.dayNumber * 86400 + h * 3600 + m * 60 + s
        return Date(timeIntervalSince1970: TimeInterval(local - offset))
    }

    /// Instants in JSON for pages and events: the shop's time with its offset, so a page shows the shop's
    /// clock (`ShopFormat`), never the browser's time zone.
    public static var jsonEncoding: JSONEncoder.DateEncodingStrategy {
        .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ShopTimestamp().string(from: date))
        }
    }

    static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var n = 0
        for b in bytes {
            guard b >= 48 && b <= 57 else { return nil }
            n = n * 10 + Int(b - 48)
        }
        return n
    }
}
