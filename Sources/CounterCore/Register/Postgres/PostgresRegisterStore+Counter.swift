import Foundation
import Logging
import PostgresNIO

/// What the counter reads besides entries (`RegisterStorage`): a returning seller, a retried registration,
/// the items' latest checks, what is still held, corrections, and the owner's metal prices.
extension PostgresRegisterStore {
    /// The most recent entry whose seller showed this document (its kept identity's lookup key), or nil.
    package func lastEntry(documentNumber: String, issuingCountry: String) async throws -> RegisterEntry? {
        let key = SellerKey(secret: settings.sellerKeySecret).key(
            IdentityDocument(kind: .other, number: documentNumber, issuingCountry: issuingCountry, expiryDate: nil))
        return try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            guard let number = try await connection.query("""
                SELECT max(entry_number) FROM seller_identity WHERE branch_id = \(branchID) AND seller_key = \(key)
                """, logger: logger).decode(Int?.self).first(where: { _ in true }) ?? nil else { return nil }
            return try await Self.entry(connection, branchID, number: number, logger)
        }
    }

    /// The entry a registration with this idempotency key made, if any.
    package func entry(idempotencyKey: String) async throws -> RegisterEntry? {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            guard let number = try await Self.entryNumber(connection, branchID, idempotencyKey: idempotencyKey, logger)
            else { return nil }
            return try await Self.entry(connection, branchID, number: number, logger)
        }
    }

    /// The most recent check of each item of these entries, by item id.
    package func latestChecks(entryNumbers: [Int]) async throws -> [String: ItemCheck] {
        guard !entryNumbers.isEmpty else { return [:] }
        return try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            try await Self.latestChecks(connection, branchID, entryNumbers: entryNumbers, logger)
        }
    }

    static func latestChecks(_ connection: PostgresConnection, _ branchID: String, entryNumbers: [Int],
                             _ logger: Logger) async throws -> [String: ItemCheck] {
        var latest: [String: ItemCheck] = [:]
        for try await record in try await connection.query("""
            SELECT c.record FROM item_check c JOIN entry_item i ON i.branch_id = c.branch_id AND i.item_id = c.item_id
            WHERE c.branch_id = \(branchID) AND i.entry_number = ANY(\(entryNumbers)::bigint[]) ORDER BY c.id
            """, logger: logger).decode(Data.self) {
            let check = try JSONDecoder().decode(ItemCheck.self, from: record)
            latest[check.itemID] = check
        }
        return latest
    }

    /// Items still held on `day`, unsold: within their holding period, with a police flag open, or under a
    /// running police hold order.
    package func itemsOnHold(on day: CalendarDate) async throws -> [HeldItem] {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            var orders: [String: HoldOrder] = [:]
            for order in try await holdOrders(connection) where order.holds(on: day) {
                if orders[order.itemID].map({ $0.until < order.until }) ?? true { orders[order.itemID] = order }
            }
            var wanted: [(itemID: String, entry: Int, index: Int, holdUntil: String?, flag: Bool)] = []
            for try await (itemID, entry, index, holdUntil, flag) in try await connection.query("""
                SELECT item_id, entry_number, item_index, hold_until, flag FROM (
                    SELECT i.item_id, i.entry_number, i.item_index, i.hold_until,
                           COALESCE((SELECT p.opened FROM police_flag_event p WHERE p.branch_id = i.branch_id
                                     AND p.item_id = i.item_id ORDER BY p.id DESC LIMIT 1), false) AS flag
                    FROM entry_item i WHERE i.branch_id = \(branchID)
                      AND NOT EXISTS (SELECT 1 FROM sale x WHERE x.branch_id = i.branch_id AND x.item_id = i.item_id)) held
                WHERE hold_until >= \(day.iso) OR flag OR item_id = ANY(\(Array(orders.keys))::text[])
                ORDER BY hold_until, entry_number, item_index
                """, logger: logger).decode((String, Int, Int, String?, Bool).self) {
                wanted.append((itemID, entry, index, holdUntil, flag))
            }
            let numbers = Array(Set(wanted.map(\.entry)))
            var entries: [Int: RegisterEntry] = [:]
            for entry in try await Self.entries(connection, branchID, "e.entry_number = ANY($2::bigint[])", logger,
                                                binds: [numbers]) {
                entries[entry.entryNumber] = entry
            }
            return wanted.compactMap { row in
                guard let entry = entries[row.entry], entry.items.indices.contains(row.index) else { return nil }
                return HeldItem(itemID: row.itemID, entryNumber: row.entry, item: entry.items[row.index], acquiredOn: entry.day,
                                holdUntil: row.holdUntil.flatMap(CalendarDate.init(iso:)), policeFlagOpen: row.flag,
                                holdOrder: orders[row.itemID])
            }
        }
    }

    /// Opens a police flag on an item of the branch: it stays on the holding list until the flag is closed.
    package func openPoliceFlag(itemID: String, note: String, at date: Date) async throws {
        try await policeFlagEvent(itemID: itemID, opened: true, note: note, at: date)
    }

    /// Closes a police flag (the police have been, or released the item).
    package func closePoliceFlag(itemID: String, note: String, at date: Date) async throws {
        try await policeFlagEvent(itemID: itemID, opened: false, note: note, at: date)
    }

    private func policeFlagEvent(itemID: String, opened: Bool, note: String, at date: Date) async throws {
        try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            try await lockItems(connection)
            guard try await itemExists(connection, itemID) else { throw SaleError.unknownItem(itemID) }
            try await insertPoliceFlag(connection, itemID: itemID, opened: opened, note: note, at: date)
        }
    }

    func insertPoliceFlag(_ connection: PostgresConnection, itemID: String, opened: Bool, note: String, at date: Date) async throws {
        try await connection.query("""
            INSERT INTO police_flag_event (branch_id, item_id, opened, at, note)
            VALUES (\(branchID), \(itemID), \(opened), \(RegisterEntry.timestampFormatter.string(from: date)), \(note))
            """, logger: logger)
    }

    /// Whether the item's latest police flag is open.
    func policeFlagOpen(_ connection: PostgresConnection, itemID: String) async throws -> Bool {
        try await connection.query("""
            SELECT opened FROM police_flag_event WHERE branch_id = \(branchID) AND item_id = \(itemID) ORDER BY id DESC LIMIT 1
            """, logger: logger).decode(Bool.self).first { _ in true } ?? false
    }

    /// The first entry that corrects entry `number`, if any.
    package func firstCorrection(of number: Int) async throws -> Int? {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            try await connection.query("""
                SELECT min(entry_number) FROM entry WHERE branch_id = \(branchID) AND corrects = \(number)
                """, logger: logger).decode(Int?.self).first { _ in true } ?? nil
        }
    }

    /// Sets the day price of `metal` for the branch, audited.
    package func setMetalPrice(_ price: MetalPrice, at date: Date) async throws {
        try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            try await connection.query("""
                INSERT INTO metal_price (branch_id, metal, cents_per_gram, day, set_by, at)
                VALUES (\(branchID), \(price.metal.rawValue), \(price.centsPerGram), \(price.day.iso), \(price.setBy),
                        \(RegisterEntry.timestampFormatter.string(from: date)))
                """, logger: logger)
            try await Self.insertAuditEvent(connection, branchID, .metalPriceSet, actor: price.setBy, subject: price.metal.rawValue,
                                            detail: MetalPrice.auditDetail(price), at: date, logger)
        }
    }

    /// The newest price of each metal the branch's owner priced.
    package func metalPrices() async throws -> [PreciousMetal: MetalPrice] {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            var prices: [PreciousMetal: MetalPrice] = [:]
            for try await (metal, cents, day, setBy) in try await connection.query("""
                SELECT DISTINCT ON (metal) metal, cents_per_gram, day, set_by FROM metal_price
                WHERE branch_id = \(branchID) ORDER BY metal, id DESC
                """, logger: logger).decode((String, Int, String, String).self) {
                guard let metal = PreciousMetal(rawValue: metal), let day = CalendarDate(iso: day) else { continue }
                prices[metal] = MetalPrice(metal: metal, centsPerGram: cents, day: day, setBy: setBy)
            }
            return prices
        }
    }
}
