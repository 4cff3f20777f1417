import Foundation

/// What the clerk has filled in for the customer so far, kept by the till, not by the page: a reload, a
/// second tab of the same till or a session that timed out finds it again (issue 14). Texts are kept as
/// typed; the engine reads them (`ShopFormat`) when it reviews or registers the draft
/// (``reading(clerk:items:)``), so a price that does not read is refused at its field, never dropped.
///
/// The draft holds personal data and lives in memory only: never on disk, never in a log. It goes with the
/// customer (``CounterSession/newCustomer(owner:reason:)``, a registration).
///
/// Pages change it field by field (``TillDraftPatch``), so two writers (a page and the document reader)
/// never overwrite each other's fields.
public struct TillDraft: Sendable, Codable, Hashable {
    /// The seller's fields, as on the counter's form.
    public enum SellerField: String, Sendable, CaseIterable, Codable {
        case surname, givenNames, birthDate, documentKind, documentNumber, issuingCountry, expiryDate
        case street, houseNumber, postcode, city, country
    }

    /// An item card's fields (its serial, IMEI and GTIN are the till item's own, checked as they change).
    public enum ItemField: String, Sendable, CaseIterable, Codable {
        case category, brand, model, colour, description, price, material, fineness, weight, engraving, stoneColour
    }

    /// The deal's fields.
    public enum PaymentField: String, Sendable, CaseIterable, Codable {
        case kind, paymentMethod, conditions
    }

    /// One item card.
    public struct Item: Sendable, Codable, Hashable {
        public var fields: [String: String] = [:]
        public var photos: [PhotoReference] = []

        public init() {}

        public subscript(_ field: ItemField) -> String {
            get { fields[field.rawValue] ?? "" }
            set { fields[field.rawValue] = newValue }
        }
    }

    public var seller: [String: String] = [:]
    /// By till item id (``TillItem/id``).
    public var items: [String: Item] = [:]
    public var payment: [String: String] = [:]

    public init() {}

    public subscript(_ field: SellerField) -> String {
        get { seller[field.rawValue] ?? "" }
        set { seller[field.rawValue] = newValue }
    }

    public subscript(_ field: PaymentField) -> String {
        get { payment[field.rawValue] ?? "" }
        set { payment[field.rawValue] = newValue }
    }

    /// Whether nothing has been filled in.
    public var isEmpty: Bool {
        seller.values.allSatisfy(\.isEmpty) && payment.values.allSatisfy(\.isEmpty)
            && items.values.allSatisfy { $0.fields.values.allSatisfy(\.isEmpty) && $0.photos.isEmpty }
    }

    /// Applies a page's change: only the fields it names, only known fields, each at most 1 000 characters
    /// (the register's own limits are checked at registration).
    public mutating func apply(_ patch: TillDraftPatch, itemIDs: Set<String>) {
        for (key, value) in patch.seller ?? [:] where SellerField(rawValue: key) != nil { seller[key] = Self.bounded(value) }
        for (key, value) in patch.payment ?? [:] where PaymentField(rawValue: key) != nil { payment[key] = Self.bounded(value) }
        for (id, change) in patch.items ?? [:] where itemIDs.contains(id) {
            var item = items[id] ?? Item()
            for (key, value) in change.fields ?? [:] where ItemField(rawValue: key) != nil { item.fields[key] = Self.bounded(value) }
            if let photos = change.photos { item.photos = Array(photos.prefix(64)) }
            items[id] = item
        }
    }

    /// Fills the seller's fields from a document that was read (the address stays as the clerk typed it).
    public mutating func fill(from document: SellerDocument) {
        guard document.valid else { return }
        self[.surname] = document.surname ?? ""
        self[.givenNames] = document.givenNames ?? ""
        self[.birthDate] = document.birthDate.flatMap(CalendarDate.init(iso:)).map(ShopFormat.dutch.date) ?? ""
        self[.documentKind] = document.documentKind
        self[.documentNumber] = document.documentNumber ?? ""
        self[.issuingCountry] = document.issuingCountry ?? ""
        self[.expiryDate] = document.expiryDate.flatMap(CalendarDate.init(iso:)).map(ShopFormat.dutch.date) ?? ""
    }

    static func bounded(_ text: String) -> String { String(text.prefix(1000)) }
}

/// A change to a ``TillDraft``: the fields named are set, the rest stay. An item's `photos`, when given,
/// replace its list (that is how a photo is removed).
public struct TillDraftPatch: Sendable, Codable, Hashable {
    public struct Item: Sendable, Codable, Hashable {
        public var fields: [String: String]?
        public var photos: [PhotoReference]?

        public init(fields: [String: String]? = nil, photos: [PhotoReference]? = nil) {
            self.fields = fields
            self.photos = photos
        }
    }

    public var seller: [String: String]?
    public var items: [String: Item]?
    public var payment: [String: String]?

    public init(seller: [String: String]? = nil, items: [String: Item]? = nil, payment: [String: String]? = nil) {
        self.seller = seller
        self.items = items
        self.payment = payment
    }
}

/// The engine's reading of a draft, for the page to show: every field that cannot be read, at its field; the
/// first thing the register still needs (where the clerk goes next); the total as the entry will have it.
public struct DraftReview: Sendable, Codable, Hashable {
    public struct Problem: Sendable, Codable, Hashable {
        /// The intake's field path (`items[0].priceCents`, `seller.birthDate`).
        public var field: String
        public var message: WordedMessage
    }

    public var draft: TillDraft
    public var problems: [Problem]
    /// The first refusal the register would give now, with its field: the page's focus goes there after a
    /// document read.
    public var next: Problem?
    public var totalCents: Int
    /// For jewellery and precious metal: what the metal is worth at the owner's day price, by till item id
    /// (shown next to the offer). Items without a priced metal, a readable fineness and a weight have none.
    package var metalValues: [String: MetalValue] = [:]
}
