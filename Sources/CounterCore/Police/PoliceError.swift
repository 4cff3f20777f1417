import Foundation

/// Why a police order, notice or request was not recorded; worded once per language in ``CounterMessages``.
package enum PoliceError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingField(String)
    /// A hold order longer than the law allows (14 days, art. 437 lid 1 onder f Sr).
    case holdTooLong(orderedOn: CalendarDate, until: CalendarDate)
    case orderedInTheFuture(CalendarDate)
    case unknownItem(String)
    case notFound(Int)
    /// A notice with neither a number nor a brand and description cannot be checked.
    case noticeTooVague
    case deadlineBeforeReceipt
    case emptySelection

    package var code: CounterMessages.Code {
        switch self {
        case .missingField: .policeMissingField
        case .holdTooLong: .policeHoldTooLong
        case .orderedInTheFuture: .policeOrderedInTheFuture
        case .unknownItem: .itemNotFound
        case .notFound: .policeNotFound
        case .noticeTooVague: .policeNoticeTooVague
        case .deadlineBeforeReceipt: .policeDeadlineBeforeReceipt
        case .emptySelection: .policeEmptySelection
        }
    }

    package func message(_ language: CounterMessages.Language) -> String {
        let parameters: [String: String] = switch self {
        case .missingField(let field): ["field": Self.fieldName(field, language)]
        case .holdTooLong(let from, let until):
            ["from": ShopFormat(language).date(from), "until": ShopFormat(language).date(until),
             "days": String(until.dayNumber - from.dayNumber + 1)]
        case .orderedInTheFuture(let day): ["day": ShopFormat(language).date(day)]
        case .notFound(let id): ["id": String(id)]
        default: [:]
        }
        return CounterMessages.text(code, language, parameters)
    }

    package var description: String { message(.en) }

    static func fieldName(_ field: String, _ language: CounterMessages.Language) -> String {
        switch (field, language) {
        case ("officer", .nl): "Naam of nummer van de agent"
        case ("officer", .en): "Officer's name or number"
        case ("reference", .nl): "Registratienummer van de politie"
        case ("reference", .en): "Police reference"
        default: field
        }
    }
}
