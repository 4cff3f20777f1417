import Foundation

/// Which law the register follows (`law.regime`): today's art. 437 Sr with the municipality's APV, or bill
/// 36 036 from its start date (`law.regimeFrom`). The bill has not passed (December 2026); a shop runs today's
/// rules and sets the date when it is known: from that day on the bill's rules apply, without new software
/// and without a restart, because every rule asks ``rules(on:)`` for the day of the entry.
public struct LawRegime: Sendable, Hashable, Codable {
    public enum Name: String, Sendable, Hashable, Codable, CaseIterable {
        /// Art. 437 Sr today; the hold period of the municipality's APV.
        case current
        /// Bill 36 036 (wetsvoorstel Wet regulering opkopers): five working days, ID of every seller, DOR mandatory.
        case bill36036
    }

    /// The rules on one day.
    public struct Rules: Sendable, Hashable {
        public var regime: Name
        public var holding: HoldingPolicy
        /// The rule that asks for the seller's ID document.
        public var documentRule: LegalRule
        /// Whether every entry must reach the DOR (bill 36 036), rather than where the APV says so.
        public var requiresDORUpload: Bool
    }

    public var name: Name
    /// The bill's first day (for `bill36036`).
    public var from: CalendarDate?
    /// The municipality's hold period (`holdingPeriod`), which applies under today's rules.
    public var apvHolding: HoldingPolicy

    public init(name: Name = .current, from: CalendarDate? = nil, apvHolding: HoldingPolicy = .billDefault) {
        self.name = name
        self.from = from
        self.apvHolding = apvHolding
    }

    /// The rules that apply on `day`: the bill's from its start date, today's before.
    public func rules(on day: CalendarDate) -> Rules {
        if name == .bill36036, let from, day >= from {
            return Rules(regime: .bill36036, holding: .billDefault, documentRule: .sellerDocumentBill, requiresDORUpload: true)
        }
        return Rules(regime: .current, holding: apvHolding, documentRule: .sellerDocumentAPV, requiresDORUpload: false)
    }
}
