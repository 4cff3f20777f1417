import Foundation

/// What one kiosk process of a branch tells the others through the database (PostgreSQL's LISTEN/NOTIFY,
/// issue 15): an entry registered at another till, a hotlist imported, an alert raised. It names things by
/// number or kind only, never a seller or an item's identifier, because every process of every branch
/// connected to the database receives it.
package struct BranchEvent: Codable, Sendable, Equatable {
    package enum Kind: String, Codable, Sendable {
        /// An entry was registered (`entryNumber`).
        case entryRegistered
        /// A new stolen-goods list was imported: reload it.
        case hotlistReloaded
        /// An owner alert was raised (`alertID`).
        case alertRaised
        /// A written police notice was added or withdrawn: reload the notices the counter checks against.
        case policeNoticesChanged
    }

    package var branchID: String
    package var kind: Kind
    package var entryNumber: Int?
    package var alertID: Int?
    /// The process that sent it (``PostgresRegisterStore/processID``), so a process can pass over its own.
    package var origin: String

    package init(branchID: String, kind: Kind, entryNumber: Int? = nil, alertID: Int? = nil, origin: String) {
        self.branchID = branchID
        self.kind = kind
        self.entryNumber = entryNumber
        self.alertID = alertID
        self.origin = origin
    }

    /// The notification's payload: compact JSON with sorted keys (PostgreSQL allows 8 000 bytes).
    var payload: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}
