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
        guard sale.paymentMethod == .cash, sale.priceCents != nil else { return }
        let since = RegisterEntry.timestampFormatter.string(from: date.addingTimeInterval(-CashBan.window))
        let earlier = try Data.fetchAll(db, sql: "SELECT content FROM sale WHERE recorded_at > ?", arguments: [since])
            .compactMap { try? JSONDecoder().decode(Sale.self, from: $0) }
        try settings.cashBan.refuse(sale, earlier: earlier, at: date)
    }
}
