import Foundation
import GRDB

/// The Wwft cash ban in the register's write transaction (``CashBan``): the same seller's (same document) or
/// buyer's (same name) cash of the last 24 hours counts, so splitting a purchase over tickets or tills does
/// not escape it.
extension SQLiteRegisterStore {
    func refuseCash(_ db: Database, _ intake: Intake, at date: Date) throws {
        guard intake.paymentMethod == .cash else { return }
        let since = RegisterEntry.timestampFormatter.string(from: date.addingTimeInterval(-CashBan.window))
        // An entry corrected since counts once, as its correction; the entry this intake corrects not at all.
        // A correction comes after the entry it corrects, so for entries in the window only corrections from
        // the window's first day on matter (read through the day index, not the whole register).
        let firstDay = CalendarDate(date.addingTimeInterval(-CashBan.window)).iso
        let corrected = Set(try Int.fetchAll(db, sql: "SELECT corrects FROM entry WHERE day >= ? AND corrects IS NOT NULL",
                                             arguments: [firstDay]))
        let earlier = try Row.fetchAll(db, sql: """
            \(Self.selectEntry) WHERE s.seller_key = ? AND e.recorded_at > ?
            """, arguments: [sellerKey(intake.seller.document), since]).map(Self.entry(from:))
        try settings.cashBan.refuse(intake, earlier: earlier, corrected: corrected, at: date)
    }

    func refuseCash(_ db: Database, _ sale: Sale, at date: Date) throws {
        guard sale.paymentMethod == .cash, let cents = sale.priceCents else { return }
        let since = RegisterEntry.timestampFormatter.string(from: date.addingTimeInterval(-CashBan.window))
        let buyer = Self.personKey(sale.buyerName)
        var earlier = 0
        for content in try Data.fetchAll(db, sql: "SELECT content FROM sale WHERE recorded_at > ?", arguments: [since]) {
            guard let other = try? JSONDecoder().decode(Sale.self, from: content), other.paymentMethod == .cash,
                  Self.personKey(other.buyerName) == buyer else { continue }
            earlier += other.priceCents ?? 0
        }
        if let violation = settings.cashBan.violation(method: .cash, cents: cents, earlierCents: earlier, on: CalendarDate(date)) {
            throw SaleError.cashLimit(violation)
        }
    }

    /// A name compared as a person would: case, spaces and punctuation aside.
    static func personKey(_ name: String) -> String {
        name.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}
