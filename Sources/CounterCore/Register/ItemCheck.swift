import Foundation

/// The outcome of one stolen-goods check of an item, as kept in the register for proof of due diligence.
public enum ItemCheckStatus: String, Codable, Sendable, CaseIterable {
    /// No check has been done yet.
    case notYetChecked
    /// Checked, nothing found.
    case clear
    /// A loose or partial match: look at the record before buying.
    case possibleMatch
    /// An exact match on a stolen-goods list: do not buy.
    case hit
    /// The check could not be done (timeout, error, no credentials, offline). Never the same as clear.
    case notChecked

    /// The Dutch label staff see.
    public var dutchName: String {
        switch self {
        case .notYetChecked: "nog niet gecontroleerd"
        case .clear: "geen melding"
        case .possibleMatch: "mogelijke treffer"
        case .hit: "TREFFER"
        case .notChecked: "niet gecontroleerd"
        }
    }

    /// Precedence when several checks of one item disagree: a hit outranks everything.
    public var severity: Int {
        switch self {
        case .hit: 4
        case .possibleMatch: 3
        case .notChecked: 2
        case .notYetChecked: 1
        case .clear: 0
        }
    }
}

/// One stored check of one item: what was checked, when, against which source, with what result.
public struct ItemCheck: Codable, Sendable, Hashable {
    public var itemID: String
    public var checkedAt: Date
    public var status: ItemCheckStatus
    /// Why the check could not be done, for `notChecked`.
    public var reason: String?
    /// Where the answer came from: `hotlist 2026-11-22`, `stopheling`, …
    public var sources: [String]
    /// The checker's full record (terms, matched records), as JSON.
    public var detail: Data

    public init(itemID: String, checkedAt: Date, status: ItemCheckStatus, reason: String? = nil,
                sources: [String], detail: Data = Data("{}".utf8)) {
        self.itemID = itemID
        self.checkedAt = checkedAt
        self.status = status
        self.reason = reason
        self.sources = sources
        self.detail = detail
    }
}
