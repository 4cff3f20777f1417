import Foundation
import GRDB

extension SQLiteRegisterStore {
    public func entry(number: Int) throws -> RegisterEntry? {
        try dbPool.read { db in
            try Row.fetchOne(db, sql: "\(Self.selectEntry) WHERE e.entry_number = ?",
                             arguments: [number]).map(Self.entry(from:))
        }
    }

    public func entries(on day: CalendarDate) throws -> [RegisterEntry] {
        try dbPool.read { db in
            try Row.fetchAll(
                db, sql: "\(Self.selectEntry) WHERE e.day = ? ORDER BY e.entry_number",
                arguments: [day.iso]
            ).map(Self.entry(from:))
        }
    }

    /// The entries acquired from `from` to `to` (shop days), in number order.
    public func entries(from: CalendarDate, to: CalendarDate) throws -> [RegisterEntry] {
        try dbPool.read { db in
            try Row.fetchAll(
                db, sql: "\(Self.selectEntry) WHERE e.day >= ? AND e.day <= ? ORDER BY e.entry_number",
                arguments: [from.iso, to.iso]
            ).map(Self.entry(from:))
        }
    }

    /// The sales of these entries' items, by item id.
    package func sales(entryNumbers: [Int]) throws -> [String: Sale] {
        try dbPool.read { db in
            var sales: [String: Sale] = [:]
            for chunk in entryNumbers.chunked(500) {
                for data in try Data.fetchAll(db, sql: """
                    SELECT s.content FROM sale s JOIN entry_item i ON i.item_id = s.item_id
                    WHERE i.entry_number IN (\(chunk.map { _ in "?" }.joined(separator: ",")))
                    """, arguments: StatementArguments(Array(chunk))) {
                    if let sale = try? JSONDecoder().decode(Sale.self, from: data) { sales[sale.itemID] = sale }
                }
            }
            return sales
        }
    }

    public func entryCount() throws -> Int {
        try dbPool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entry") ?? 0 }
    }

    /// Only identities that are kept count: an erased one has no lookup key left.
    public func lastEntry(documentNumber: String, issuingCountry: String) throws -> RegisterEntry? {
        let key = sellerKey(IdentityDocument(kind: .other, number: documentNumber, issuingCountry: issuingCountry,
                                             expiryDate: nil))
        return try dbPool.read { db in
            try Row.fetchOne(
                db, sql: """
                    \(Self.selectEntry) WHERE s.seller_key = ? ORDER BY e.entry_number DESC LIMIT 1
                    """, arguments: [key]
            ).map(Self.entry(from:))
        }
    }

    /// The first entry that corrects entry `number`, if any.
    public func firstCorrection(of number: Int) throws -> Int? {
        try dbPool.read { db in try Self.corrections(db, of: [number])[number]?.first }
    }

    public func checks(itemID: String) throws -> [ItemCheck] {
        try dbPool.read { db in
            try Data.fetchAll(db, sql: "SELECT record FROM item_check WHERE item_id = ? ORDER BY id", arguments: [itemID])
                .map { try JSONDecoder().decode(ItemCheck.self, from: $0) }
        }
    }

    public func latestChecks(entryNumbers: [Int]) throws -> [String: ItemCheck] {
        guard !entryNumbers.isEmpty else { return [:] }
        return try dbPool.read { db in
            try entryNumbers.chunked(500).reduce(into: [:]) { $0.merge(try Self.latestChecks(db, entryNumbers: Array($1))) { $1 } }
        }
    }

    package func itemsOnHold(on day: CalendarDate) throws -> [HeldItem] {
        try dbPool.read { db in
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT i.item_id, i.item_index, i.hold_until, e.content, e.previous_hash, e.hash,
                           (SELECT opened FROM police_flag_event p WHERE p.item_id = i.item_id
                            ORDER BY p.id DESC LIMIT 1) AS flag
                    FROM entry_item i JOIN entry e ON e.entry_number = i.entry_number
                    WHERE i.item_id NOT IN (SELECT item_id FROM sale)
                      AND (i.hold_until >= ? OR flag = 1
                           OR i.item_id IN (SELECT h.item_id FROM hold_order h WHERE h.until >= ?
                                            AND h.id NOT IN (SELECT order_id FROM hold_order_lift)))
                    ORDER BY i.hold_until, i.entry_number, i.item_index
                    """, arguments: [day.iso, day.iso])
            return try rows.map { row in
                let entry = try Self.entry(from: row)
                let index: Int = row["item_index"]
                let itemID: String = row["item_id"]
                return HeldItem(
                    itemID: itemID, entryNumber: entry.entryNumber, item: entry.items[index],
                    acquiredOn: entry.day, holdUntil: (row["hold_until"] as String?).flatMap(CalendarDate.init(iso:)),
                    policeFlagOpen: (row["flag"] as Bool?) ?? false,
                    holdOrder: try Self.runningHoldOrder(db, itemID: itemID, on: day))
            }
        }
    }

    /// An entry with its seller's identity (a row of ``selectEntry``): `content`, `previous_hash`, `hash`,
    /// and, when selected, `identity` and `erased_on`.
    static func entry(from row: Row) throws -> RegisterEntry {
        let stored = SellerIdentity.Stored(identity: row["identity"], salt: nil,
                                           erasedOn: (row["erased_on"] as String?).flatMap(CalendarDate.init(iso:)))
        return try RegisterEntry.decode(content: row["content"], previousHash: row["previous_hash"], hash: row["hash"],
                                        seller: stored.seller, erasedOn: stored.erasedOn)
    }

    /// Entries (`e`) with their seller's identity (`s`), for ``entry(from:)``.
    static let selectEntry = """
        SELECT e.entry_number, e.content, e.previous_hash, e.hash, s.identity, s.erased_on
        FROM entry e LEFT JOIN seller_identity s ON s.entry_number = e.entry_number
        """
}
