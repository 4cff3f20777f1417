import Foundation

/// What the counter hands to the register store: one purchase (or trade-in, pledge, …) before it has an
/// entry number.
///
/// `counter-kiosk intake add` reads this as JSON (see `docs/intake.md`); the kiosk builds it from scans.
public struct Intake: Codable, Sendable, Hashable {
    /// The clerk who took the goods in.
    public var clerk: String
    public var kind: TransactionKind
    /// Total price in euro cents (0 for a gift).
    public var priceCents: Int
    public var paymentMethod: PaymentMethod
    /// Other conditions of the deal ("ruil tegen …"), free text.
    public var conditions: String?
    public var seller: Seller
    public var items: [RegisterItem]
    /// The entry this one corrects. A correction is a new entry; the old one stays as it was.
    public var corrects: Int?
    public var correctionReason: String?
    /// Set when an owner allowed an otherwise blocked intake (expired document, seller under 18).
    public var override: OwnerOverride?
    /// The chip check of the seller's document, when one was made (issue 17): only its verdict, the document
    /// signer's issuer and serial, and the owner's decision when one was needed.
    public var chipCheck: ChipCheck.Record?

    public init(clerk: String, kind: TransactionKind, priceCents: Int, paymentMethod: PaymentMethod,
                conditions: String? = nil, seller: Seller, items: [RegisterItem], corrects: Int? = nil,
                correctionReason: String? = nil, override: OwnerOverride? = nil) {
        self.clerk = clerk
        self.kind = kind
        self.priceCents = priceCents
        self.paymentMethod = paymentMethod
        self.conditions = conditions
        self.seller = seller
        self.items = items
        self.corrects = corrects
        self.correctionReason = correctionReason
        self.override = override
    }
}

/// An owner's recorded decision to let a blocked intake through.
public struct OwnerOverride: Codable, Sendable, Hashable {
    public var owner: String
    public var reason: String

    public init(owner: String, reason: String) {
        self.owner = owner
        self.reason = reason
    }
}
