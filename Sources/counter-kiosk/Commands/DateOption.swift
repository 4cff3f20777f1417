import ArgumentParser
import Counter

/// A date given on the command line as the shop writes it (dd-mm-jjjj, or YYYY-MM-DD), read by the engine's
/// ``ShopFormat``; a date that does not read is a usage error naming the option.
enum DateOption {
    /// The date, or nil for an empty text.
    static func read(_ text: String, option: String) throws -> CalendarDate? {
        do throws(FormatProblem) {
            return try ShopFormat.calendarDate(text)
        } catch {
            throw ValidationError("--\(option): \(CounterMessages.text(.formatNotADate, .en)) Got '\(text)'.")
        }
    }

    /// The date; an empty text is refused like one that does not read.
    static func required(_ text: String, option: String) throws -> CalendarDate {
        guard let date = try read(text, option: option) else {
            throw ValidationError("--\(option): \(CounterMessages.text(.formatNotADate, .en)) Got '\(text)'.")
        }
        return date
    }
}
