import Foundation

/// How the shop writes and reads numbers, money, weights, dates and times, in Dutch or English: one place
/// for the page, the print pages, the PDF, the CSV, the DOR export and the CLI.
///
/// - Dates are `dd-mm-jjjj` in both languages (a Dutch shop's papers never say 12/09).
/// - Times are 24-hour `HH:MM` in the shop's time zone, never the browser's or the server's.
/// - Dutch numbers have a decimal comma and thousands dots (`€ 1.234,50`, `3,2 g`); English ones a decimal
///   point and thousands commas (`€1,234.50`, `3.2 g`).
///
/// Written by hand, like ``ShopTimestamp``, so nothing depends on the ICU data or the locale a machine has
/// installed (Debian's Chromium with only en-US read `01021970` as 2 January).
///
/// The parsing half (``cents(_:)``, ``milligrams(_:)``, ``calendarDate(_:)``) is what the counter accepts as
/// typed, in either language's style; a value it cannot read is a ``FormatProblem``, never silently dropped.
package struct ShopFormat: Sendable, Hashable {
    package var language: CounterMessages.Language
    package var timeZone: TimeZone

    package init(_ language: CounterMessages.Language = .nl, timeZone: TimeZone = .amsterdam) {
        self.language = language
        self.timeZone = timeZone
    }

    package static let dutch = ShopFormat(.nl)
    package static let english = ShopFormat(.en)

    var decimalSeparator: String { language == .nl ? "," : "." }
    var groupingSeparator: String { language == .nl ? "." : "," }

    // MARK: - Numbers

    /// `value / 10^scale` with exactly `fractionDigits` decimals (rounded half away from zero), grouped in
    /// thousands when `grouping`.
    package func decimal(_ value: Int, scale: Int, fractionDigits: Int, grouping: Bool = true) -> String {
        precondition(fractionDigits <= scale)
        let drop = Self.power(scale - fractionDigits)
        let magnitude = value.magnitude
        let rounded = (magnitude + UInt(drop / 2)) / UInt(drop)
        let unit = UInt(Self.power(fractionDigits))
        var whole = String(rounded / unit)
        if grouping {
            var groups: [Substring] = []
            while whole.count > 3 {
                groups.insert(whole.suffix(3), at: 0)
                whole = String(whole.dropLast(3))
            }
            whole = ([Substring(whole)] + groups).joined(separator: groupingSeparator)
        }
        let sign = value < 0 && rounded > 0 ? "-" : ""
        guard fractionDigits > 0 else { return sign + whole }
        let fraction = String(rounded % unit)
        return sign + whole + decimalSeparator + String(repeating: "0", count: fractionDigits - fraction.count) + fraction
    }

    /// `value / 10^scale` with as few decimals as it needs (at most `scale`): `3,2`, `3,25`, `3`.
    package func shortDecimal(_ value: Int, scale: Int) -> String {
        var digits = scale
        while digits > 0, value % Self.power(scale - digits + 1) == 0 { digits -= 1 }
        return decimal(value, scale: scale, fractionDigits: digits)
    }

    /// `2,5` (hours, percentages): one decimal.
    package func oneDecimal(_ value: Double) -> String {
        decimal(Int((value * 10).rounded()), scale: 1, fractionDigits: 1)
    }

    // MARK: - Money

    /// `€ 1.234,50` (nl) or `€1,234.50` (en).
    package func money(_ cents: Int) -> String {
        language == .nl ? "€ " + decimal(cents, scale: 2, fractionDigits: 2) : "€" + decimal(cents, scale: 2, fractionDigits: 2)
    }

    /// `1234,50` (nl) or `1234.50` (en): the amount without sign or grouping, for a spreadsheet cell and a
    /// form field.
    package func amount(_ cents: Int) -> String {
        decimal(cents, scale: 2, fractionDigits: 2, grouping: false)
    }

    // MARK: - Weights

    /// `3,2 g`: grams from milligrams, with the decimals the weight has (a jeweller's scale gives 0,01 g).
    package func weight(milligrams: Int) -> String { grams(milligrams: milligrams) + " g" }

    /// `3,2`: the number of grams only (a column headed "gewicht (g)").
    package func grams(milligrams: Int) -> String { shortDecimal(milligrams, scale: 3) }

    // MARK: - Dates and times

    /// `09-12-2026`.
    package func date(_ day: CalendarDate) -> String {
        Self.pad(day.day) + "-" + Self.pad(day.month) + "-" + String(format: "%04d", day.year)
    }

    /// `09-12`: day and month, where the year is clear (the counter's own day).
    package func dayMonth(_ day: CalendarDate) -> String { Self.pad(day.day) + "-" + Self.pad(day.month) }

    /// The shop's calendar day of an instant, `09-12-2026`.
    package func date(_ instant: Date) -> String { date(CalendarDate(instant, in: timeZone)) }

    /// `14:05`, 24-hour, in the shop's time zone.
    package func time(_ instant: Date) -> String {
        let stamp = ShopTimestamp(timeZone: timeZone).string(from: instant)
        return String(stamp.dropFirst(11).prefix(5))
    }

    /// `14:05:09`, for the audit log.
    package func timeWithSeconds(_ instant: Date) -> String {
        let stamp = ShopTimestamp(timeZone: timeZone).string(from: instant)
        return String(stamp.dropFirst(11).prefix(8))
    }

    /// `09-12-2026 14:05`.
    package func dateTime(_ instant: Date) -> String { date(instant) + " " + time(instant) }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func power(_ n: Int) -> Int {
        var p = 1
        for _ in 0..<max(0, n) { p *= 10 }
        return p
    }
}

extension ShopFormat {
    /// Euro cents from what a clerk types: `12`, `12,5`, `12,50`, `1.234,50`, `€ 12,50`, `12.50`,
    /// `1,234.50`. Nil for an empty field.
    ///
    /// - Throws: ``FormatProblem/notAnAmount`` for anything else (`12,3x`, `1,234`), ``FormatProblem/negative``
    ///   for a minus sign: a price is what the shop pays, never less than nothing.
    package static func cents(_ text: String) throws(FormatProblem) -> Int? {
        guard let value = try fixedPoint(text, scale: 2, allowCurrency: true) else { return nil }
        return value
    }

    /// Milligrams from grams as typed: `3,2` → 3 200, `0,05` → 50, `12.5 g` → 12 500. Nil when empty.
    package static func milligrams(_ text: String) throws(FormatProblem) -> Int? {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.lowercased().hasSuffix("g") { t = String(t.dropLast()).trimmingCharacters(in: .whitespaces) }
        do {
            return try fixedPoint(t, scale: 3, allowCurrency: false)
        } catch .negative {
            throw .negative
        } catch {
            throw .notAWeight
        }
    }

    /// A date as typed: `01-02-1970`, `1-2-1970`, `01/02/1970`, `01.02.1970`, `01021970` (day first, as in
    /// the Netherlands), or ISO `1970-02-01`. Nil when empty.
    package static func calendarDate(_ text: String) throws(FormatProblem) -> CalendarDate? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return nil }
        if let iso = CalendarDate(iso: t) { return iso }
        let parts: [Substring]
        if t.count == 8, t.allSatisfy(\.isASCIIDigit) {
            parts = [t.prefix(2), t.dropFirst(2).prefix(2), t.suffix(4)]
        } else {
            parts = t.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        }
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
              let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
              let date = CalendarDate(year: y, month: m, day: d) else { throw .notADate }
        return date
    }

    /// A decimal with at most `scale` decimals, as an integer of 10^-scale units.
    static func fixedPoint(_ text: String, scale: Int, allowCurrency: Bool) throws(FormatProblem) -> Int? {
        var t = text.trimmingCharacters(in: .whitespaces)
        if allowCurrency {
            if t.hasPrefix("€") { t = String(t.dropFirst()).trimmingCharacters(in: .whitespaces) }
            if t.lowercased().hasPrefix("eur") { t = String(t.dropFirst(3)).trimmingCharacters(in: .whitespaces) }
        }
        if t.isEmpty { return nil }
        if t.hasPrefix("-") || t.hasPrefix("−") { throw .negative }
        if t.hasPrefix("+") { t.removeFirst() }
        if allowCurrency, t.hasSuffix(",-") || t.hasSuffix(".-") { t = String(t.dropLast(2)) }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCIIDigit || $0 == "," || $0 == "." }), t.first!.isASCIIDigit else {
            throw .notAnAmount
        }
        // The last separator followed by 1…scale digits is the decimal one; any other is grouping in threes.
        let separators = t.indices.filter { t[$0] == "," || t[$0] == "." }
        var wholePart = Substring(t)
        var fraction = Substring("")
        if let last = separators.last {
            let after = t[t.index(after: last)...]
            let lastIsDecimal: Bool
            if separators.count > 1 {
                lastIsDecimal = t[last] != t[separators[0]]
            } else if after.count != 3 || scale >= 3 {
                lastIsDecimal = true  // 12,5 · 12.50 · a weight's 3,250 or 3.250
            } else if t[last] == "," {
                throw .notAnAmount  // 12,345: cents or thousands? Ask rather than guess.
            } else {
                lastIsDecimal = false  // 1.234: Dutch thousands
            }
            if lastIsDecimal {
                guard (1...scale).contains(after.count) else { throw .notAnAmount }
                fraction = after
                wholePart = t[..<last]
            }
        }
        let groups = wholePart.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "." })
        if groups.count > 1 {
            guard groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { throw .notAnAmount }
        }
        let digits = groups.joined()
        guard !digits.isEmpty, digits.count <= 12, let whole = Int(digits) else { throw .notAnAmount }
        let fractionValue = Int(fraction + String(repeating: "0", count: scale - fraction.count)) ?? 0
        return whole * power(scale) + fractionValue
    }
}

/// Why a typed number or date was not accepted; worded in ``CounterMessages``.
package enum FormatProblem: Error, Sendable, Hashable {
    case notAnAmount
    case negative
    case notAWeight
    case notADate

    package var code: CounterMessages.Code {
        switch self {
        case .notAnAmount: .formatNotAnAmount
        case .negative: .formatNegative
        case .notAWeight: .formatNotAWeight
        case .notADate: .formatNotADate
        }
    }

    package func message(_ language: CounterMessages.Language) -> String { CounterMessages.text(code, language) }
}
