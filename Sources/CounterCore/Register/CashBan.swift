import Foundation

/// The Wwft cash ban: since 1 January 2026 a trader in goods, and explicitly a pawnshop, may not pay or
/// accept €3 000 or more in cash for goods, buying and selling (Wet plan van aanpak witwassen; rijksoverheid.nl
/// "verbod contante betalingen van 3000 euro"; `../shared/brief/law-2026.md`). Splitting one purchase over
/// several tickets does not escape it, so cash to or from the same person within 24 hours is added up.
///
/// One rule for the purchase register and the sales register; the store applies it inside the transaction
/// that writes, so two tills cannot both slip under the limit.
package struct CashBan: Sendable, Equatable, Codable {
    /// The smallest cash amount that is refused, in cents (€3 000).
    package var limitCents: Int
    /// The first day the ban applies.
    package var from: CalendarDate

    /// The ban as in force since 1 January 2026.
    package static let wwft2026 = CashBan(limitCents: 300_000, from: CalendarDate(year: 2026, month: 1, day: 1)!)
    /// How far back cash to the same person is added up.
    package static let window: TimeInterval = 24 * 3600

    package init(limitCents: Int, from: CalendarDate) {
        self.limitCents = limitCents
        self.from = from
    }

    /// Why this payment is not allowed, or nil when it is.
    ///
    /// - Parameters:
    ///   - method: how it is paid; only cash counts.
    ///   - cents: this transaction's amount.
    ///   - earlierCents: cash to or from the same person in the 24 hours before.
    ///   - day: the day of the transaction (the ban applies from ``from``).
    package func violation(method: PaymentMethod, cents: Int, earlierCents: Int, on day: CalendarDate) -> Violation? {
        guard method == .cash, !(day < from), cents > 0, cents + earlierCents >= limitCents else { return nil }
        return Violation(limitCents: limitCents, cents: cents, earlierCents: earlierCents)
    }

    /// A refused cash payment: the limit, this amount, and the cash of the 24 hours before.
    package struct Violation: Sendable, Equatable, Hashable {
        package var limitCents: Int
        package var cents: Int
        package var earlierCents: Int

        /// The refusal in the catalog's words: for a purchase (paying a seller) or a sale (paid by a buyer).
        package func message(_ language: CounterMessages.Language, sale: Bool) -> String {
            func money(_ cents: Int) -> String { ShopFormat(language).money(cents) }
            let earlier = earlierCents > 0
                ? CounterMessages.text(sale ? .cashEarlierSale : .cashEarlierPurchase, language, ["amount": money(earlierCents)])
                : ""
            return CounterMessages.text(sale ? .cashLimitSale : .cashLimitPurchase, language,
                                        ["limit": money(limitCents), "amount": money(cents), "earlier": earlier])
        }
    }

    /// The cash paid to a seller before an intake, as the ban counts it, from the entries of that seller (same
    /// document) recorded in the ``window`` before it: only cash; an entry corrected since counts once, as its
    /// correction (`corrected`: entries some later entry corrects); the entry this intake corrects not at all.
    static func earlierCents(of entries: [RegisterEntry], corrected: Set<Int>, correcting: Int?) -> Int {
        entries.reduce(0) { sum, entry in
            guard entry.paymentMethod == .cash, entry.entryNumber != correcting, !corrected.contains(entry.entryNumber)
            else { return sum }
            return sum + entry.priceCents
        }
    }

    /// Refuses an intake whose cash, with the seller's cash of the ``window`` before (``earlierCents(of:corrected:correcting:)``),
    /// reaches the limit.
    func refuse(_ intake: Intake, earlier entries: [RegisterEntry], corrected: Set<Int>, at date: Date) throws {
        guard intake.paymentMethod == .cash else { return }
        let earlier = Self.earlierCents(of: entries, corrected: corrected, correcting: intake.corrects)
        if let violation = violation(method: .cash, cents: intake.priceCents, earlierCents: earlier, on: CalendarDate(date)) {
            throw IntakeError.cashLimit(violation)
        }
    }
}
