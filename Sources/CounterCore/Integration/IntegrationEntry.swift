import Foundation

/// An entry as the machine API gives it to an integration: the goods, their checks and holding, never the
/// seller.
///
/// Why: the seller's identity is in the register for the police and the inspector; other shop software had it
/// when it registered the purchase and needs only the entry number and the goods to link its stock. Keeping
/// names, addresses and document numbers off this path is data minimisation (AVG art. 5(1)(c)), and a leaked
/// integration token then reveals no seller (docs/privacy.md).
public struct IntegrationEntry: Codable, Sendable, Hashable {
    public var entryNumber: Int
    public var recordedAt: Date
    /// The acquisition day (shop time), `YYYY-MM-DD`.
    public var day: String
    public var clerk: String
    public var kind: TransactionKind
    public var priceCents: Int
    public var paymentMethod: PaymentMethod
    /// The entry this one corrects, if any.
    public var corrects: Int?
    /// The seller's identity was erased after the retention period (the entry itself stays).
    public var identityErased: Bool
    public var items: [Item]

    /// One item of the entry.
    public struct Item: Codable, Sendable, Hashable {
        /// `ENTRY-N`, the item's key in the register (sales, police flags).
        public var itemID: String
        public var category: ItemCategory
        public var brand: String?
        public var model: String?
        public var colour: String?
        public var serialNumber: String?
        public var imei: String?
        public var frameNumber: String?
        public var gtin: String?
        public var description: String
        public var priceCents: Int?
        /// Until when the item may not be sold (holding period), `YYYY-MM-DD`.
        public var holdUntil: String?
        /// The latest stolen-goods check of the item.
        public var check: ItemCheckStatus
    }

    /// The entry without its seller, with each item's latest check (`notYetChecked` when none is stored).
    public init(_ entry: RegisterEntry, checks: [String: ItemCheck]) {
        entryNumber = entry.entryNumber
        recordedAt = entry.recordedAt
        day = entry.day.iso
        clerk = entry.clerk
        kind = entry.kind
        priceCents = entry.priceCents
        paymentMethod = entry.paymentMethod
        corrects = entry.corrects
        identityErased = entry.identityErasedOn != nil
        items = entry.items.enumerated().map { index, item in
            Item(itemID: entry.itemID(index), category: item.category, brand: item.brand, model: item.model,
                 colour: item.colour, serialNumber: item.serialNumber, imei: item.imei, frameNumber: item.frameNumber,
                 gtin: item.gtin, description: item.description, priceCents: item.priceCents,
                 holdUntil: item.holdUntil?.iso, check: checks[entry.itemID(index)]?.status ?? .notYetChecked)
        }
    }
}
