import Foundation

/// A sale of an item, for the sales register (verkoopregister, APV art. 2:67): on which date and to whom.
public struct Sale: Codable, Sendable, Hashable {
    public var itemID: String
    public var soldOn: CalendarDate
    public var buyerName: String
    public var buyerAddress: Address?
    public var priceCents: Int?
    /// How the buyer paid; required with a price (the Wwft cash ban applies to sales too).
    public var paymentMethod: PaymentMethod?
    public var clerk: String

    public init(itemID: String, soldOn: CalendarDate, buyerName: String, buyerAddress: Address?,
                priceCents: Int? = nil, paymentMethod: PaymentMethod? = nil, clerk: String) {
        self.itemID = itemID
        self.soldOn = soldOn
        self.buyerName = buyerName
        self.buyerAddress = buyerAddress
        self.priceCents = priceCents
        self.paymentMethod = paymentMethod
        self.clerk = clerk
    }
}

/// Why a sale cannot be recorded.
public enum SaleError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownItem(String)
    case stillOnHold(itemID: String, until: CalendarDate)
    case policeFlagOpen(itemID: String)
    case alreadySold(itemID: String)
    case missingField(String)
    /// Cash of the limit or more from one buyer, alone or with that buyer's cash of the last 24 hours (Wwft).
    case cashLimit(CashBan.Violation)
    /// A police hold order (bewaarlast, art. 437 lid 1 onder f Sr) runs on the item.
    case holdOrder(itemID: String, until: CalendarDate, reference: String)

    /// The refusal for a hold order, in the catalog's words.
    public static func holdOrderMessage(itemID: String, until: CalendarDate, reference: String,
                                        _ language: CounterMessages.Language) -> String {
        CounterMessages.text(.saleHoldOrder, language, ["item": itemID, "until": until.iso, "reference": reference])
    }

    public var description: String {
        switch self {
        case .unknownItem(let id): "Item \(id) is not in the register."
        case .stillOnHold(let id, let until):
            "Item \(id) is in its holding period until \(until.iso) and may not be sold, melted or altered yet."
        case .policeFlagOpen(let id): "Item \(id) has an open police flag: keep it until the police have been."
        case .alreadySold(let id): "Item \(id) has already been sold."
        case .missingField(let f): "\(f): missing — the sales register requires it"
        case .cashLimit(let v): v.message(.en, sale: true)
        case .holdOrder(let id, let until, let reference): Self.holdOrderMessage(itemID: id, until: until, reference: reference, .en)
        }
    }
}
