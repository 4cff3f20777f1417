import Foundation
import GRDB

extension SQLiteRegisterStore {
    /// Schema v10: the owner's day prices, kept as a history (the newest per metal counts).
    static func migrateMetalPrices(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE metal_price (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                metal TEXT NOT NULL,
                cents_per_gram INTEGER NOT NULL CHECK (cents_per_gram > 0),
                day TEXT NOT NULL,
                set_by TEXT NOT NULL,
                at TEXT NOT NULL
            );
            CREATE INDEX metal_price_metal ON metal_price(metal, id);
            """)
    }

    /// Sets the day price of `metal`, audited.
    package func setMetalPrice(_ price: MetalPrice, at date: Date) throws {
        try write { db in
            try db.execute(
                sql: "INSERT INTO metal_price (metal, cents_per_gram, day, set_by, at) VALUES (?, ?, ?, ?, ?)",
                arguments: [price.metal.rawValue, price.centsPerGram, price.day.iso, price.setBy,
                            RegisterEntry.timestampFormatter.string(from: date)])
            try SQLiteRegisterStore.insertAuditEvent(db, .metalPriceSet, actor: price.setBy, subject: price.metal.rawValue,
                                detail: MetalPrice.auditDetail(price), at: date)
        }
    }

    /// The newest price of each metal the owner priced.
    package func metalPrices() throws -> [PreciousMetal: MetalPrice] {
        try dbPool.read { db in
            var prices: [PreciousMetal: MetalPrice] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT metal, cents_per_gram, day, set_by FROM metal_price
                WHERE id IN (SELECT MAX(id) FROM metal_price GROUP BY metal)
                """) {
                guard let metal = PreciousMetal(rawValue: row["metal"]), let day = CalendarDate(iso: row["day"]) else { continue }
                prices[metal] = MetalPrice(metal: metal, centsPerGram: row["cents_per_gram"], day: day, setBy: row["set_by"])
            }
            return prices
        }
    }
}
