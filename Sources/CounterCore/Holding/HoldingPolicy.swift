/// How long a bought item must be kept unaltered before it may be sold, melted or repaired
/// (bewaartermijn). Set per municipality by the APV: 3 to 14 days today, 5 working days under bill 36 036.
public struct HoldingPolicy: Sendable, Hashable, Codable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(length, forKey: .length)
        try c.encode(unit, forKey: .unit)
        try c.encode(holidays, forKey: .holidays)
    }

    /// Calendar days or working days.
    public enum Unit: String, Sendable, Hashable, Codable {
        case days
        case workingDays
    }

    public var length: Int
    public var unit: Unit
    package var holidays: DutchHolidays

    /// Bill 36 036: five working days.
    public static let billDefault = HoldingPolicy(length: 5, unit: .workingDays)

    package init(length: Int, unit: Unit, holidays: DutchHolidays = DutchHolidays()) {
        self.length = length
        self.unit = unit
        self.holidays = holidays
    }

    enum CodingKeys: String, CodingKey { case length, unit, holidays, municipality }

    /// `{"length": 5, "unit": "workingDays"}`, or a municipality's preset: `{"municipality": "Deventer"}`
    /// (`MunicipalityPreset`); a municipality not in the list is "other" and gives `length` and `unit`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let municipality = try c.decodeIfPresent(String.self, forKey: .municipality),
           municipality.lowercased() != "other", !c.contains(.length) {
            guard let preset = MunicipalityPreset.policy(for: municipality) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .municipality, in: c,
                    debugDescription: "no preset for \(municipality) (presets: \(MunicipalityPreset.names.joined(separator: ", "))); "
                        + "use \"municipality\": \"other\" with length and unit")
            }
            self = preset
            holidays = try c.decodeIfPresent(DutchHolidays.self, forKey: .holidays) ?? DutchHolidays()
            return
        }
        length = try c.decode(Int.self, forKey: .length)
        unit = try c.decode(Unit.self, forKey: .unit)
        holidays = try c.decodeIfPresent(DutchHolidays.self, forKey: .holidays) ?? DutchHolidays()
        guard (0...60).contains(length) else {
            throw DecodingError.dataCorruptedError(
                forKey: .length, in: c, debugDescription: "a holding period is between 0 and 60 days")
        }
    }

    /// The last day of the holding period for goods acquired on `acquired`: counting starts the day after.
    public func holdUntil(acquiredOn acquired: CalendarDate) -> CalendarDate {
        switch unit {
        case .days:
            return acquired.adding(days: length)
        case .workingDays:
            var day = acquired
            var counted = 0
            while counted < length {
                day = day.adding(days: 1)
                if holidays.isWorkingDay(day) { counted += 1 }
            }
            return day
        }
    }

    /// The first day the item may be sold: the day after ``holdUntil(acquiredOn:)``.
    public func releaseDate(acquiredOn acquired: CalendarDate) -> CalendarDate {
        holdUntil(acquiredOn: acquired).adding(days: 1)
    }
}
