/// How the dealer acquired the goods ("prijs of andere voorwaarden" in the Uitvoeringsbesluit).
public enum TransactionKind: String, Codable, Sendable, CaseIterable {
    /// Bought for money (inkoop).
    case purchase
    /// Taken in against another item (inruil).
    case tradeIn
    /// Pledged as security for a loan (belening / pand).
    case pledge
    /// Taken in to sell on the owner's behalf (consignatie).
    case consignment
    /// Received for nothing (gekregen).
    case gift

    /// The Dutch term staff see.
    public var dutchName: String {
        switch self {
        case .purchase: "inkoop"
        case .tradeIn: "inruil"
        case .pledge: "belening"
        case .consignment: "consignatie"
        case .gift: "gekregen"
        }
    }
}

/// How the seller was paid. Cash matters for copper (national ID duty) and for anti-money-laundering rules.
public enum PaymentMethod: String, Codable, Sendable, CaseIterable {
    case cash
    case card
    case bankTransfer
    case voucher
    case none

    /// The Dutch term staff see.
    public var dutchName: String {
        switch self {
        case .cash: "contant"
        case .card: "pin"
        case .bankTransfer: "bank"
        case .voucher: "waardebon"
        case .none: "geen"
        }
    }
}
