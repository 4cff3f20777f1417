import Counter

/// A date as an owner typed it into a form (`09-12-2026`, `09122026` or ISO), read by ``ShopFormat`` so it
/// never depends on the browser's locale; a date that does not read is refused naming its field.
struct TypedDate: Decodable, Sendable {
    let text: String

    init(from decoder: any Decoder) throws {
        text = try decoder.singleValueContainer().decode(String.self)
    }

    /// The date, nil when the field was left empty.
    func date(_ field: (nl: String, en: String)) throws -> CalendarDate? {
        do throws(FormatProblem) {
            return try ShopFormat.calendarDate(text)
        } catch {
            throw KioskError(error, field: field)
        }
    }
}

extension Optional where Wrapped == TypedDate {
    func date(_ field: (nl: String, en: String)) throws -> CalendarDate? { try self?.date(field) ?? nil }
}
