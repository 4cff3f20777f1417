import Foundation

/// The full-screen warning of a till: an item whose check is a hit and that no owner has decided on.
/// Server-side state of the till, so it survives a reload and shows on every page of that till.
public struct TillHit: Sendable, Codable, Hashable {
    public var itemID: String
    /// The identifier that matched.
    public var identifier: String
    public var records: [StolenRecord]
    public var raisedAt: Date
}

/// What a page of a till needs to draw itself after (re)connecting; events follow.
public struct TillSnapshot: Sendable, Codable, Hashable {
    public var till: String
    public var seller: SellerDocument?
    public var items: [TillItem]
    public var openHit: TillHit?
    public var hotlist: HotlistStatus
    /// What the clerk filled in so far (``TillDraft``): a reload finds it again.
    public var draft: TillDraft
    /// The current document's chip check, when one was made.
    public var chip: ChipView? = nil
}

/// How old the local stolen-goods list is, for the counter to show.
public struct HotlistStatus: Sendable, Codable, Hashable {
    public var loaded: Bool
    public var rows: Int
    public var createdAt: Date?
    public var ageHours: Double?
    /// Older than `checks.hotlistMaxAgeHours`: checks against it are "not checked".
    public var tooOld: Bool
}

/// A refusal as the till's pages show it: the code and the words, never the scanned text.
public struct TillRefusal: Sendable, Codable, Hashable {
    public var code: String
    public var message: String
    public var messageEN: String
    public var length: Int
    public var source: String

    init(_ refusal: ScanRefusal, source: String) {
        code = refusal.messageCode.rawValue
        message = CounterMessages.text(refusal.messageCode, .nl)
        messageEN = CounterMessages.text(refusal.messageCode, .en)
        length = refusal.length
        self.source = source
    }
}

/// An intake as a till hands it to the register: the entry's fields, the clerk, and an owner's approval.
public struct CounterDraft: Sendable {
    public var intake: Intake
    /// An approval given at this till (``CounterSession/approve(_:owner:reason:)``) for this intake.
    public var approvalID: String?

    public init(intake: Intake, approvalID: String? = nil) {
        self.intake = intake
        self.approvalID = approvalID
    }
}

/// A registered entry, as the till answers it. The same for a retried request with the same key.
public struct RegisteredEntry: Sendable, Codable, Hashable {
    public var entryNumber: Int
    public var itemIDs: [String]
    public var holdUntil: String?
    /// True when this key had registered the entry before: nothing new was written.
    public var replayed: Bool
    /// The stored check of each item, in item order.
    public var checks: [ItemCheckStatus]
}
