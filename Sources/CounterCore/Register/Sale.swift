import Foundation

/// A sale of an item, for the sales register (verkoopregister, APV art. 2:67): on which date and to whom.
package struct Sale: Codable, Sendable, Hashable {
    package var itemID: String
    package var soldOn: CalendarDate
    package var buyerName: String
    package var buyerAddress: Address?
    package var priceCents: Int?
    /// How the buyer paid; required with a price (the Wwft cash ban applies to sales too).
    package var paymentMethod: PaymentMethod?
    package var clerk: String

    package init(itemID: String, soldOn: CalendarDate, buyerName: String, buyerAddress: Address?,
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
package enum SaleError: Error, Sendable, Equatable, CustomStringConvertible {
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
    package static func holdOrderMessage(itemID: String, until: CalendarDate, reference: String,
                                        _ language: CounterMessages.Language) -> String {
        CounterMessages.text(.saleHoldOrder, language, ["item": itemID, "until": until.iso, "reference": reference])
    }

    /// The refusal in the shop's language.
    package func message(_ language: CounterMessages.Language) -> String {
        switch (self, language) {
        case (.unknownItem(let id), .nl): "Voorwerp \(id) staat niet in het register."
        case (.unknownItem(let id), .en): "Item \(id) is not in the register."
        case (.stillOnHold(let id, let until), .nl):
            "Voorwerp \(id) valt in de bewaartermijn tot en met \(until.iso): nog niet verkopen, omsmelten of veranderen."
        case (.stillOnHold(let id, let until), .en):
            "Item \(id) is in its holding period until \(until.iso) and may not be sold, melted or altered yet."
        case (.policeFlagOpen(let id), .nl): "Voorwerp \(id) heeft een open politiemelding: bewaren tot de politie is geweest."
        case (.policeFlagOpen(let id), .en): "Item \(id) has an open police flag: keep it until the police have been."
        case (.alreadySold(let id), .nl): "Voorwerp \(id) is al verkocht."
        case (.alreadySold(let id), .en): "Item \(id) has already been sold."
        case (.missingField(let f), .nl):
            "\(["buyerName": "Naam koper", "paymentMethod": "Betaalwijze", "clerk": "Medewerker"][f] ?? f): verplicht voor het verkoopregister."
        case (.missingField(let f), .en): "\(f): missing — the sales register requires it"
        case (.cashLimit(let v), _): v.message(language, sale: true)
        case (.holdOrder(let id, let until, let reference), _):
            Self.holdOrderMessage(itemID: id, until: until, reference: reference, language)
        }
    }

    package var description: String { message(.en) }
}
