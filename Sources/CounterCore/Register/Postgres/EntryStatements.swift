import Foundation
import PostgresNIO

/// The two statements every registration runs while it holds its branch's counter, prepared once per connection
/// (PostgreSQL then parses and plans them once, not at every entry): every other till of the branch waits for
/// them, so their time is the branch's throughput.
enum EntryStatements {
    /// The branch's counter, locked until the entry's transaction ends.
    struct LockCounter: PostgresPreparedStatement {
        static let name = "counter_lock_branch_counter"
        static let sql = "SELECT last_number, last_hash FROM branch_counter WHERE branch_id = $1 FOR UPDATE"
        typealias Row = (Int, String)

        var branchID: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(branchID)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// The entry, its identity, items, upload job and search rows, the counter moved onto it, and the branch's
    /// other processes told (delivered at commit), in one statement. The parts that follow the entry read its
    /// `RETURNING` row, so it is written first. Arrays carry no NULLs: an empty text stands for none.
    struct InsertEntry: PostgresPreparedStatement {
        static let name = "counter_insert_entry"
        static let sql = """
            WITH e AS (
                INSERT INTO entry (branch_id, entry_number, recorded_at, day, clerk, price_cents, corrects, content,
                                   previous_hash, hash)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                RETURNING branch_id, entry_number, hash),
            s AS (
                INSERT INTO seller_identity (branch_id, entry_number, identity, salt, seller_key)
                SELECT branch_id, entry_number, $11, $12, $13 FROM e),
            i AS (
                INSERT INTO entry_item (branch_id, item_id, entry_number, item_index, category, identifier, hold_until)
                SELECT e.branch_id, x.item_id, e.entry_number, x.item_index, x.category, NULLIF(x.identifier, ''),
                       NULLIF(x.hold_until, '')
                FROM e, unnest($14::text[], $15::int[], $16::text[], $17::text[], $18::text[])
                     AS x(item_id, item_index, category, identifier, hold_until)),
            j AS (
                INSERT INTO upload_job (branch_id, kind, entry_number, idempotency_key, payload, created_at)
                SELECT branch_id, $19, entry_number, $20, $21, $3 FROM e),
            k AS (
                INSERT INTO item_key (branch_id, loose, item_id, entry_number)
                SELECT e.branch_id, x.loose, x.item_id, e.entry_number FROM e, unnest($22::text[], $23::text[]) AS x(loose, item_id)),
            t AS (
                INSERT INTO seller_search (branch_id, term, entry_number)
                SELECT e.branch_id, x.term, e.entry_number FROM e, unnest($24::text[]) AS x(term))
            UPDATE branch_counter c SET last_number = e.entry_number, last_hash = e.hash
            FROM e WHERE c.branch_id = e.branch_id
            RETURNING pg_notify($25, $26)
            """
        /// One row per counter moved; its column (`pg_notify`'s void) is not read.
        typealias Row = Bool

        var branchID: String
        var chained: ChainedEntry
        var recordedAt: String
        var sellerKey: String
        var kind: String
        var uploadKey: String
        var itemIDs: [String], indexes: [Int], categories: [String], identifiers: [String], holds: [String]
        var looseKeys: [String], keyItems: [String], terms: [String]
        var channel: String, event: String

        func makeBindings() throws -> PostgresBindings {
            let entry = chained.entry
            var b = PostgresBindings()
            b.append(branchID)
            b.append(entry.entryNumber)
            b.append(recordedAt)
            b.append(entry.day.iso)
            b.append(entry.clerk)
            b.append(entry.priceCents)
            b.append(entry.corrects)
            try b.append(chained.content)
            b.append(entry.previousHash)
            b.append(entry.hash)
            try b.append(chained.identity)
            try b.append(chained.salt)
            b.append(sellerKey)
            try b.append(itemIDs)
            try b.append(indexes)
            try b.append(categories)
            try b.append(identifiers)
            try b.append(holds)
            b.append(kind)
            b.append(uploadKey)
            try b.append(chained.upload)
            try b.append(looseKeys)
            try b.append(keyItems)
            try b.append(terms)
            b.append(channel)
            b.append(event)
            return b
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { true }
    }
}
