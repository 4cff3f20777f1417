import Foundation

/// Why a police order, notice or request was not recorded; worded once per language in ``CounterMessages``.
///
/// A struct, not an enum (compare postgres-nio's `PSQLError`): a new reason never breaks an embedder's `switch`.
package struct PoliceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why, with its context (the package's code switches on it; others read the code).
    package enum Reason: Sendable, Equatable {
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
    }

    package var reason: Reason

    package init(_ reason: Reason) { self.reason = reason }

    package static func missingField(_ value0: String) -> PoliceError { PoliceError(.missingField(value0)) }
    /// A hold order longer than the law allows (14 days, art. 437 lid 1 onder f Sr).
    package static func holdTooLong(orderedOn: CalendarDate, until: CalendarDate) -> PoliceError { PoliceError(.holdTooLong(orderedOn: orderedOn, until: until)) }
    package static func orderedInTheFuture(_ value0: CalendarDate) -> PoliceError { PoliceError(.orderedInTheFuture(value0)) }
    package static func unknownItem(_ value0: String) -> PoliceError { PoliceError(.unknownItem(value0)) }
    package static func notFound(_ value0: Int) -> PoliceError { PoliceError(.notFound(value0)) }
    /// A notice with neither a number nor a brand and description cannot be checked.
    package static let noticeTooVague = PoliceError(.noticeTooVague)
    package static let deadlineBeforeReceipt = PoliceError(.deadlineBeforeReceipt)
    package static let emptySelection = PoliceError(.emptySelection)

    package var code: CounterMessages.Code {
        switch reason {
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
        let parameters: [String: String] = switch reason {
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
