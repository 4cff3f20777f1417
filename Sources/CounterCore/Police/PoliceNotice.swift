import Foundation

/// A written police notice that a good is stolen or lost (art. 437 lid 1 onder e Sr: acquiring or holding
/// such a good is an offence). Kept as a watch list: the counter checks every identifier against it like the
/// hotlist, and goods already in the shop that match are flagged when it is entered.
package struct PoliceNotice: Sendable, Hashable, Codable, Identifiable {
    package var id: Int
    package var reference: String
    package var officer: String
    package var receivedOn: CalendarDate
    /// Serial, IMEI or frame number, if the notice gives one.
    package var identifier: String?
    package var brand: String?
    /// What the police described (used to match goods without a number: brand and every word of it).
    package var description: String
    package var enteredBy: String
    /// The day it was withdrawn (the good was found, or the police said so).
    package var closedOn: CalendarDate?

    /// Whether `item` is the good described: the same identifier (exact key), or, for a notice without one,
    /// the same brand and every word of the description in the item's description.
    package func matches(_ item: RegisterItem) -> Bool {
        if let identifier, !SerialKey.exact(identifier).isEmpty {
            let key = SerialKey.exact(identifier)
            return item.identifiers.contains { SerialKey.exact($0) == key }
        }
        guard let brand, !brand.isEmpty, item.brand?.lowercased() == brand.lowercased() else { return false }
        let words = Self.words(description)
        let itemWords = Set(Self.words([item.description, item.model ?? "", item.colour ?? ""].joined(separator: " ")))
        return !words.isEmpty && words.allSatisfy(itemWords.contains)
    }

    /// The record a match shows at the counter and keeps in the check, like a hotlist record.
    package var record: StolenRecord {
        StolenRecord(serial: identifier ?? "", brand: brand, object: description, reportedOn: receivedOn.iso,
                     source: "Politie, schriftelijke melding \(reference)", matchType: "EXACT")
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { $0.count > 1 }
    }

    /// The rule, once: a notice names its reference and officer, and a number or a brand with a description.
    package static func validate(reference: String, officer: String, identifier: String?, brand: String?,
                                description: String) throws(PoliceError) {
        if reference.trimmingCharacters(in: .whitespaces).isEmpty { throw .missingField("reference") }
        if officer.trimmingCharacters(in: .whitespaces).isEmpty { throw .missingField("officer") }
        let hasNumber = !SerialKey.exact(identifier ?? "").isEmpty
        let hasDescription = !(brand ?? "").trimmingCharacters(in: .whitespaces).isEmpty && !words(description).isEmpty
        if !hasNumber && !hasDescription { throw .noticeTooVague }
    }
}

/// Where the checker finds written police notices (the register implements it).
package protocol PoliceWatchList: Sendable {
    /// Open notices whose identifier has the same exact key as `serial`. Throws when they cannot be read: the
    /// check is then "not checked", never clear.
    func notices(matching serial: String) throws -> [PoliceNotice]
}
