import Foundation

/// When an item may be sold (verkoopregister, APV art. 2:67; art. 437 Sr), once for every backend: the store
/// reads what it needs inside the transaction that writes the sale and asks these.
extension Sale {
    /// The sales register's fields: a buyer, the clerk, and how a priced sale was paid.
    package func requireFields() throws(SaleError) {
        if buyerName.trimmingCharacters(in: .whitespaces).isEmpty { throw .missingField("buyerName") }
        if priceCents != nil && paymentMethod == nil { throw .missingField("paymentMethod") }
        if clerk.trimmingCharacters(in: .whitespaces).isEmpty { throw .missingField("clerk") }
    }

    /// Refuses the sale of an item that must still be kept as it is: a police hold order first (it names the
    /// police's reference and outlasts the holding period), then the holding period (the item may be sold the
    /// day after ``HeldItem/holdUntil``), an open police flag, and an item sold before.
    ///
    /// - Parameters:
    ///   - holdUntil: the item's last day of the holding period, if it has one.
    ///   - holdOrder: a police hold order running on the item on the day of sale.
    ///   - policeFlagOpen: whether the item's latest police flag is open.
    ///   - alreadySold: whether the item has a sale.
    package func admit(holdUntil: CalendarDate?, holdOrder: HoldOrder?, policeFlagOpen: Bool, alreadySold: Bool) throws(SaleError) {
        if let holdOrder, holdOrder.holds(on: soldOn) {
            throw .holdOrder(itemID: itemID, until: holdOrder.until, reference: holdOrder.reference)
        }
        if let holdUntil, soldOn <= holdUntil { throw .stillOnHold(itemID: itemID, until: holdUntil) }
        if policeFlagOpen { throw .policeFlagOpen(itemID: itemID) }
        if alreadySold { throw .alreadySold(itemID: itemID) }
    }

    /// The sale as the register keeps and uploads it: canonical JSON (sorted keys).
    func content() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

extension CashBan {
    /// Refuses a sale whose cash, with the same buyer's cash of the ``window`` before (`earlier`: the sales
    /// recorded in that window; the buyer compared as a person would, ``personKey(_:)``), reaches the limit.
    func refuse(_ sale: Sale, earlier: [Sale], at date: Date) throws(SaleError) {
        guard sale.paymentMethod == .cash, let cents = sale.priceCents else { return }
        let buyer = Self.personKey(sale.buyerName)
        let earlierCents = earlier.reduce(0) { sum, other in
            other.paymentMethod == .cash && Self.personKey(other.buyerName) == buyer ? sum + (other.priceCents ?? 0) : sum
        }
        if let violation = violation(method: .cash, cents: cents, earlierCents: earlierCents, on: CalendarDate(date)) {
            throw .cashLimit(violation)
        }
    }

    /// A name compared as a person would: case, spaces and punctuation aside.
    static func personKey(_ name: String) -> String {
        name.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}
