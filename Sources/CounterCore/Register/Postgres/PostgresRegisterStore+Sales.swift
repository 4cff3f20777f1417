import Foundation
import Logging
import PostgresNIO

/// The branch's sales register (verkoopregister) on PostgreSQL: the same rules as the embedded register
/// (`Sale/admit(holdUntil:holdOrder:policeFlagOpen:alreadySold:)`, the cash ban), read under the branch's item
/// lock, so two tills cannot sell one item, nor one buyer €3 000 cash in halves.
extension PostgresRegisterStore {
    /// Records a sale with its upload job and audit event in one transaction. Returns the sale's number.
    /// - Throws: ``SaleError``.
    package func recordSale(_ sale: Sale, at date: Date) async throws -> Int {
        try sale.requireFields()
        let content = try sale.content()
        let recordedAt = Self.stamp(date)
        return try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            try await lockItems(connection)
            guard let (entryNumber, holdUntil) = try await connection.query("""
                SELECT entry_number, hold_until FROM entry_item WHERE branch_id = \(branchID) AND item_id = \(sale.itemID)
                """, logger: logger).decode((Int, String?).self).first(where: { _ in true })
            else { throw SaleError.unknownItem(sale.itemID) }
            try sale.admit(
                holdUntil: holdUntil.flatMap(CalendarDate.init(iso:)),
                holdOrder: try await runningHoldOrder(connection, itemID: sale.itemID, on: sale.soldOn),
                policeFlagOpen: try await policeFlagOpen(connection, itemID: sale.itemID),
                alreadySold: try await Self.exists(connection, """
                    SELECT 1 FROM sale WHERE branch_id = \(branchID) AND item_id = \(sale.itemID)
                    """, logger))
            if sale.paymentMethod == .cash {
                let since = Self.stamp(date.addingTimeInterval(-CashBan.window))
                var earlier: [Sale] = []
                for try await other in try await connection.query("""
                    SELECT content FROM sale WHERE branch_id = \(branchID) AND recorded_at > \(since)
                    """, logger: logger).decode(Data.self) {
                    if let other = try? JSONDecoder().decode(Sale.self, from: other) { earlier.append(other) }
                }
                try settings.cashBan.refuse(sale, earlier: earlier, at: date)
            }
            let id = try await connection.query("""
                INSERT INTO sale (branch_id, item_id, recorded_at, content)
                VALUES (\(branchID), \(sale.itemID), \(recordedAt), \(content)) RETURNING id
                """, logger: logger).decode(Int.self).first { _ in true } ?? 0
            try await connection.query("""
                INSERT INTO upload_job (branch_id, kind, entry_number, sale_id, idempotency_key, payload, created_at)
                VALUES (\(branchID), \(UploadOutbox.Kind.sale.rawValue), \(entryNumber), \(id), \(Self.saleUploadKey(branchID, sale.itemID)),
                        \(content), \(recordedAt))
                """, logger: logger)
            try await Self.insertAuditEvent(connection, branchID, .saleRecorded, actor: sale.clerk, subject: "item \(sale.itemID)",
                                            detail: "", at: date, logger)
            return id
        }
    }

    /// A sale's upload key on PostgreSQL: by its item, which is sold once per branch. (The sale numbers come from
    /// one sequence of the whole database; a moved register's sales keep their keys, `KVK/VESTIGING/sale/7`, which
    /// an item id, `12-1`, never equals.)
    static func saleUploadKey(_ branchID: String, _ itemID: String) -> String { "\(branchID)/sale/\(itemID)" }
}
