/// A date as an MRZ prints it (`YYMMDD`), with the century resolved against a given "today".
public struct MRZDate: Sendable, Hashable, Codable {
    /// As printed: `850314`, or `85<<<<` style for an unknown month and day in a birth date.
    public var raw: String
    public var year: Int
    public var month: Int?
    public var day: Int?

    /// `YYYY-MM-DD`, or nil when month or day is unknown.
    public var iso: String? {
        guard let month, let day else { return nil }
        return String(format4(year)) + "-" + two(month) + "-" + two(day)
    }

    /// A day for comparison. An unknown month or day counts as the end of the year, so a holder with an unknown
    /// birth day is treated as a minor until the year they turn 18 is over: the cautious reading.
    var ordinal: (Int, Int, Int) { (year, month ?? 12, day ?? 31) }

    enum Kind { case birth, expiry }

    /// Parses six digits; birth dates may have `<<` for month and day.
    static func parse(_ bytes: ArraySlice<UInt8>, kind: Kind, today: (year: Int, month: Int, day: Int)) -> MRZDate? {
        let b = Array(bytes)
        guard b.count == 6, isDigit(b[0]), isDigit(b[1]) else { return nil }
        let yy = Int(b[0] - 48) * 10 + Int(b[1] - 48)
        var month: Int?, day: Int?
        if b[2...3].allSatisfy(isDigit) { month = Int(b[2] - 48) * 10 + Int(b[3] - 48) }
        else if !(kind == .birth && b[2] == 60 && b[3] == 60) { return nil }
        if b[4...5].allSatisfy(isDigit) { day = Int(b[4] - 48) * 10 + Int(b[5] - 48) }
        else if !(kind == .birth && b[4] == 60 && b[5] == 60) { return nil }
        if month == nil && day != nil { return nil }
        let century = today.year / 100 * 100
        var year: Int
        switch kind {
        case .birth:
            // The latest century that does not put the birth date in the future.
            year = century + yy
            if (year, month ?? 1, day ?? 1) > (today.year, today.month, today.day) { year -= 100 }
        case .expiry:
            // Within 50 years either side of today.
            year = century + yy
            if year > today.year + 50 { year -= 100 } else if year < today.year - 50 { year += 100 }
        }
        if let m = month {
            guard (1...12).contains(m) else { return nil }
            if let d = day {
                let days = [31, (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
                guard d >= 1 && d <= days[m - 1] else { return nil }
            }
        }
        return MRZDate(raw: String(decoding: b, as: UTF8.self), year: year, month: month, day: day)
    }
}

@inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
@inline(__always) func isLetter(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
private func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
private func format4(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }
