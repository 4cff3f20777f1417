/// One GS1 Application Identifier as the GS1 Barcode Syntax Dictionary defines it: its components, whether
/// its length is predefined (no separator needed after it), and its Digital Link role.
package struct GS1ApplicationIdentifier: Sendable, Hashable {
    /// Character set of a component.
    package enum CharacterSet: Sendable, Hashable {
        /// Digits.
        case numeric
        /// GS1 AI encodable character set 82.
        case cset82
        /// GS1 AI encodable character set 39.
        case cset39
        /// base64url.
        case base64url
    }

    /// One component of the value: type, length range, optional, and the dictionary's content checks.
    package struct Component: Sendable, Hashable {
        package var characterSet: CharacterSet
        package var minLength: Int
        package var maxLength: Int
        package var optional: Bool
        package var linters: [String]

        init(_ characterSet: CharacterSet, _ minLength: Int, _ maxLength: Int, optional: Bool, linters: [String]) {
            self.characterSet = characterSet
            self.minLength = minLength
            self.maxLength = maxLength
            self.optional = optional
            self.linters = linters
        }
    }

    package var ai: String
    /// The dictionary's `*` flag: the value has a predefined length and needs no GS after it.
    package var predefinedLength: Bool
    package var digitalLinkAttribute: Bool
    package var components: [Component]
    /// `nil` unless the AI is a Digital Link primary key; then the allowed qualifier sequences (`"22,10,21|235"`).
    package var digitalLinkPrimaryKey: String?
    package var title: String

    /// The longest value the AI allows.
    package var maxLength: Int { components.reduce(0) { $0 + $1.maxLength } }
    /// The shortest value the AI allows.
    package var minLength: Int { components.filter { !$0.optional }.reduce(0) { $0 + $1.minLength } }

    /// The entry for an AI, or nil.
    package static func lookup(_ ai: String) -> GS1ApplicationIdentifier? { table[ai] }

    /// The AI at the start of `bytes` (2, 3 or 4 digits), if any.
    static func match(_ bytes: ArraySlice<UInt8>) -> GS1ApplicationIdentifier? {
        for length in 2...4 where bytes.count >= length {
            let prefix = bytes.prefix(length)
            guard prefix.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            if let entry = table[String(decoding: prefix, as: UTF8.self)] { return entry }
        }
        return nil
    }

    /// Checks a value against the components and their content checks; nil when valid, else the reason.
    package func problem(with value: String) -> String? {
        let bytes = Array(value.utf8)
        var i = 0
        for (n, component) in components.enumerated() {
            if i == bytes.count && component.optional { break }
            let remaining = bytes.count - i
            let isLast = n == components.count - 1
            let take = component.minLength == component.maxLength ? component.minLength
                : (isLast ? min(remaining, component.maxLength) : component.maxLength)
            guard remaining >= take, take >= component.minLength else { return "value too short" }
            let part = bytes[i..<(i + take)]
            guard part.allSatisfy({ Self.allowed($0, in: component.characterSet) }) else {
                return "character not allowed in AI \(ai)"
            }
            for linter in component.linters {
                if let reason = GS1Linter.check(linter, part) { return reason }
            }
            i += take
        }
        return i == bytes.count ? nil : "value too long"
    }

    static func allowed(_ b: UInt8, in set: CharacterSet) -> Bool {
        switch set {
        case .numeric: return b >= 48 && b <= 57
        case .cset82: return b >= 33 && b <= 122 && !Self.notInCSET82.contains(b)
        case .cset39: return (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || b == 35 || b == 45 || b == 47
        case .base64url: return (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 45 || b == 95 || b == 61
        }
    }

    /// Printable ASCII that CSET 82 leaves out: `#`, `$`, `@`, `[`, `\`, `]`, `^`, `` ` ``.
    static let notInCSET82: Set<UInt8> = [35, 36, 64, 91, 92, 93, 94, 96]
}

/// The dictionary's content checks that matter for an item at the counter. Checks not listed here
/// (company-prefix positions, coupon structures, IBAN, …) are not applied: the value only has to fit its
/// component's character set and length.
enum GS1Linter {
    static func check(_ name: String, _ part: ArraySlice<UInt8>) -> String? {
        let digits = part.map { Int($0) - 48 }
        switch name {
        case "csum":
            return GTIN.checkDigitHolds(part) ? nil : "check digit does not match"
        case "yymmd0", "yymmdd":
            guard digits.count == 6 else { return "date must be YYMMDD" }
            let month = digits[2] * 10 + digits[3], day = digits[4] * 10 + digits[5]
            guard (1...12).contains(month) else { return "month \(month) does not exist" }
            if day == 0 { return name == "yymmd0" ? nil : "day 00 is not allowed here" }
            return day <= daysIn(month: month, year: 2000 + digits[0] * 10 + digits[1]) ? nil : "day \(day) does not exist"
        case "yyyymmdd":
            guard digits.count == 8 else { return "date must be YYYYMMDD" }
            let year = digits[0...3].reduce(0) { $0 * 10 + $1 }
            let month = digits[4] * 10 + digits[5], day = digits[6] * 10 + digits[7]
            guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return "not a date" }
            return nil
        case "hhmi":
            guard digits.count == 4, digits[0] * 10 + digits[1] < 24, digits[2] * 10 + digits[3] < 60 else { return "not a time" }
            return nil
        case "hh":
            return digits.count == 2 && digits[0] * 10 + digits[1] < 24 ? nil : "not an hour"
        case "mi", "ss":
            return digits.count == 2 && digits[0] * 10 + digits[1] < 60 ? nil : "not minutes or seconds"
        case "nonzero":
            return digits.contains { $0 != 0 } ? nil : "must not be zero"
        case "zero":
            return digits.allSatisfy { $0 == 0 } ? nil : "must be zero"
        case "yesno":
            return digits.count == 1 && digits[0] <= 1 ? nil : "must be 0 or 1"
        default:
            return nil
        }
    }

    static func daysIn(month: Int, year: Int) -> Int { CalendarDate.daysIn(month: month, year: year) }
}
