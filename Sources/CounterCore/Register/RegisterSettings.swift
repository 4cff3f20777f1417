import Foundation

/// What a register needs to know about the shop, the same for every backend: the id written into entries, the
/// law that applies on each day, the intake rules, the seller-key secret, the cash ban and the retention.
public struct RegisterSettings: Sendable {
    /// KvK number and branch, written into every entry.
    public var shopID: String
    /// Which law applies on which day (hold period, ID rule, DOR), ``LawRegime``.
    public var law: LawRegime
    /// Today's hold period (the municipality's APV).
    public var holdingPolicy: HoldingPolicy { law.apvHolding }
    public var validator: IntakeValidator
    /// Secret for the keyed hash of document numbers (returning-seller lookup).
    public var sellerKeySecret: Data
    /// The Wwft cash ban (`law.cashLimitEuros`, `law.cashLimitFrom`).
    package var cashBan: CashBan
    /// How long identities and bookkeeping are kept (`retention.*`).
    package var retention: RetentionPolicy

    package init(shopID: String, holdingPolicy: HoldingPolicy = .billDefault,
                validator: IntakeValidator = IntakeValidator(), sellerKeySecret: Data, cashBan: CashBan = .wwft2026,
                retention: RetentionPolicy = .standard, law: LawRegime? = nil) {
        self.shopID = shopID
        self.law = law ?? LawRegime(apvHolding: holdingPolicy)
        self.validator = validator
        self.sellerKeySecret = sellerKeySecret
        self.cashBan = cashBan
        self.retention = retention
    }

    /// The settings `config.json` gives, with this data folder's secret.
    public init(configuration config: CounterConfiguration, sellerKeySecret: Data) {
        self.init(shopID: config.shop.shopID, holdingPolicy: config.holdingPeriod,
                  validator: IntakeValidator(configuration: config), sellerKeySecret: sellerKeySecret,
                  cashBan: config.law.cashBan, retention: config.retention, law: config.lawRegime)
    }

    /// The rules every backend applies to an intake before it gets a number, in this order: text cleaned
    /// (`TextRule`), then the fields validated for the acquisition day (``IntakeValidator``).
    public func admit(_ intake: Intake, at date: Date) throws(IntakeError) -> Intake {
        let intake = try TextRule.clean(intake)
        try validator.validate(intake, today: CalendarDate(date))
        return intake
    }
}
