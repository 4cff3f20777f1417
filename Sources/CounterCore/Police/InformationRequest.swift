import Foundation

/// A written police request for information about goods (art. 437 lid 1 onder g Sr): it must be answered by
/// its deadline. It selects entries by an item's number, the seller's document, or a period; the owner exports
/// them (CSV, PDF) and marks the request answered. Until then its deadline shows on the owner's page, and the
/// selected entries keep their identity past retention.
package struct InformationRequest: Sendable, Hashable, Codable, Identifiable {
    /// Which entries the police ask about. At least one criterion; all given must hold.
    package struct Selection: Sendable, Hashable, Codable {
        package var identifier: String?
        package var documentNumber: String?
        package var issuingCountry: String?
        package var from: CalendarDate?
        package var to: CalendarDate?

        package init(identifier: String? = nil, documentNumber: String? = nil, issuingCountry: String? = nil,
                    from: CalendarDate? = nil, to: CalendarDate? = nil) {
            self.identifier = identifier
            self.documentNumber = documentNumber
            self.issuingCountry = issuingCountry
            self.from = from
            self.to = to
        }

        var isEmpty: Bool {
            SerialKey.exact(identifier ?? "").isEmpty && (documentNumber ?? "").isEmpty && from == nil && to == nil
        }
    }

    package var id: Int
    package var reference: String
    package var officer: String
    package var receivedOn: CalendarDate
    package var deadline: CalendarDate
    package var selection: Selection
    package var enteredBy: String
    package var answeredOn: CalendarDate?
    package var answeredBy: String?

    /// Whether the deadline has passed without an answer on `day`.
    package func isOverdue(on day: CalendarDate) -> Bool { answeredOn == nil && day > deadline }

    /// The rule, once: reference, officer, a deadline not before the day received, and a selection.
    package static func validate(reference: String, officer: String, receivedOn: CalendarDate, deadline: CalendarDate,
                                selection: Selection) throws(PoliceError) {
        if reference.trimmingCharacters(in: .whitespaces).isEmpty { throw .missingField("reference") }
        if officer.trimmingCharacters(in: .whitespaces).isEmpty { throw .missingField("officer") }
        if deadline < receivedOn { throw .deadlineBeforeReceipt }
        if selection.isEmpty { throw .emptySelection }
        if let from = selection.from, let to = selection.to, to < from { throw .emptySelection }
    }
}
