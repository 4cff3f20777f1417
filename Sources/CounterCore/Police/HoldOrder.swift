import Foundation

/// A police order to keep a good for a stated time (bewaarlast, art. 437 lid 1 onder f Sr): at most 14 days.
/// While it runs the good may not be sold, melted or altered; the owner is told when it ends.
package struct HoldOrder: Sendable, Hashable, Codable, Identifiable {
    package var id: Int
    package var itemID: String
    /// The day the order was given.
    package var orderedOn: CalendarDate
    /// The last day the good must be kept.
    package var until: CalendarDate
    /// The officer's name or number.
    package var officer: String
    /// The police's reference (registratienummer).
    package var reference: String
    package var note: String
    /// Who entered it.
    package var enteredBy: String
    /// The day the police lifted it early, if they did.
    package var liftedOn: CalendarDate?

    /// The longest order the law allows: 14 days (art. 437 lid 1 onder f Sr).
    package static let maximumDays = 14

    /// Whether the order holds the good on `day`.
    package func holds(on day: CalendarDate) -> Bool {
        liftedOn == nil && day <= until
    }

    /// The rule of art. 437 lid 1 onder f Sr, once: an order runs from the day it is given for at most 14 days,
    /// and names an officer and a reference.
    package static func validate(orderedOn: CalendarDate, until: CalendarDate, officer: String, reference: String,
                                today: CalendarDate) throws(PoliceError) {
        if officer.trimmingCharacters(in: .whitespaces).isEmpty { throw .missingField("officer") }
        if reference.trimmingCharacters(in: .whitespaces).isEmpty { throw .missingField("reference") }
        if orderedOn > today { throw .orderedInTheFuture(orderedOn) }
        if until < orderedOn || until.dayNumber - orderedOn.dayNumber + 1 > maximumDays {
            throw .holdTooLong(orderedOn: orderedOn, until: until)
        }
    }
}
