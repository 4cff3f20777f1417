import Foundation
import GRDB

extension SQLiteRegisterStore {
    /// The register's head now: the last entry's number and hash (nil for an empty register). Printed on the
    /// day log, so a paper copy also shows how far the register went.
    public func head() throws -> RegisterAnchor.Head? {
        try dbPool.read { db in
            try Row.fetchOne(db, sql: "SELECT entry_number, hash FROM entry ORDER BY entry_number DESC LIMIT 1")
                .map { RegisterAnchor.Head(entryNumber: $0["entry_number"], hash: $0["hash"]) }
        }
    }

    /// The key entry `number` is uploaded under; the register knows the entry by it.
    public func uploadKey(entryNumber number: Int) -> String { "\(settings.shopID)/entry/\(number)" }

    /// Checks the database file (`PRAGMA integrity_check`), that entry numbers run 1, 2, 3, … without gaps,
    /// that each entry's content still hashes to its stored hash, that each entry names the hash of the one
    /// before it, and that the index columns and item rows agree with the content. Stops at the first problem.
    public func verify() throws -> RegisterVerification {
        let verification: RegisterVerification = try dbPool.read { db in
            var result = RegisterVerification(entryCount: 0, headHash: RegisterEntry.genesisHash, firstProblem: nil)
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] {
                result.firstProblem = .databaseDamaged(integrity.prefix(3).joined(separator: "; "))
                return result
            }
            let itemRows = try Row.fetchAll(
                db, sql: "SELECT item_id, entry_number, item_index, category, identifier, hold_until FROM entry_item")
            var itemsByEntry: [Int: [Row]] = [:]
            for row in itemRows { itemsByEntry[row["entry_number"], default: []].append(row) }

            let cursor = try Row.fetchCursor(db, sql: """
                SELECT entry_number, recorded_at, day, clerk, price_cents, corrects, seller_key, content,
                       previous_hash, hash
                FROM entry ORDER BY entry_number
                """)
            var expected = 1
            var previousHash = RegisterEntry.genesisHash
            while let row = try cursor.next() {
                let number: Int = row["entry_number"]
                result.entryCount += 1
                if let problem = check(row: row, number: number, expected: expected, previousHash: previousHash,
                                       items: itemsByEntry[number] ?? []) {
                    result.firstProblem = problem
                    return result
                }
                previousHash = row["hash"]
                result.headHash = previousHash
                expected += 1
            }
            if let anchored = anchor.latest() {
                if anchored.entryNumber > result.entryCount {
                    result.firstProblem = .entriesMissing(anchored: anchored.entryNumber, present: result.entryCount)
                } else if try String.fetchOne(db, sql: "SELECT hash FROM entry WHERE entry_number = ?",
                                              arguments: [anchored.entryNumber]) != anchored.hash {
                    result.firstProblem = .anchorMismatch(entryNumber: anchored.entryNumber)
                }
            }
            return result
        }
        if let problem = verification.firstProblem { markDamaged(problem) }
        return verification
    }

    /// The quick check when the register is opened: the anchored head is still there and is the same entry,
    /// the numbers run without gaps, and the entries after the anchor chain onto it (normally none or one).
    /// The full ``verify()`` runs in the background (the engine does it).
    func checkAtOpen() throws -> RegisterVerification.Problem? {
        try dbPool.read { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entry") ?? 0
            let last = try Int.fetchOne(db, sql: "SELECT MAX(entry_number) FROM entry") ?? 0
            if count != last { return .numberingGap(expected: count, found: last) }
            guard let anchored = anchor.latest() else {
                // A register from before the anchor (or a new one): trust on first use.
                if last > 0, let hash = try String.fetchOne(db, sql: "SELECT hash FROM entry WHERE entry_number = ?", arguments: [last]) {
                    try? anchor.record(.init(entryNumber: last, hash: hash))
                }
                return nil
            }
            if anchored.entryNumber > last { return .entriesMissing(anchored: anchored.entryNumber, present: last) }
            var previous = anchored.hash
            guard try String.fetchOne(db, sql: "SELECT hash FROM entry WHERE entry_number = ?",
                                      arguments: [anchored.entryNumber]) == anchored.hash else {
                return .anchorMismatch(entryNumber: anchored.entryNumber)
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT entry_number, content, previous_hash, hash FROM entry WHERE entry_number > ? ORDER BY entry_number
                """, arguments: [anchored.entryNumber])
            for row in rows {
                let number: Int = row["entry_number"]
                guard row["previous_hash"] == previous else { return .chainBroken(entryNumber: number) }
                guard let content = row["content"] as Data?,
                      RegisterEntry.chainHash(previousHash: previous, content: content) == row["hash"] else {
                    return .contentAltered(entryNumber: number)
                }
                previous = row["hash"]
            }
            return nil
        }
    }

    private func check(row: Row, number: Int, expected: Int, previousHash: String,
                       items: [Row]) -> RegisterVerification.Problem? {
        if number != expected { return .numberingGap(expected: expected, found: number) }
        guard let content = row["content"] as Data?, let storedHash = row["hash"] as String?,
              let storedPrevious = row["previous_hash"] as String? else { return .unreadable(entryNumber: number) }
        if storedPrevious != previousHash { return .chainBroken(entryNumber: number) }
        if RegisterEntry.chainHash(previousHash: storedPrevious, content: content) != storedHash {
            return .contentAltered(entryNumber: number)
        }
        guard let entry = try? RegisterEntry.decode(content: content, previousHash: storedPrevious, hash: storedHash)
        else { return .unreadable(entryNumber: number) }
        if entry.entryNumber != number { return .indexAltered(entryNumber: number, column: "entry_number") }
        let columns: [(String, DatabaseValue, DatabaseValueConvertible?)] = [
            ("recorded_at", row["recorded_at"], RegisterEntry.timestampFormatter.string(from: entry.recordedAt)),
            ("day", row["day"], entry.day.iso),
            ("clerk", row["clerk"], Self.asBound(entry.clerk)),
            ("price_cents", row["price_cents"], entry.priceCents),
            ("corrects", row["corrects"], entry.corrects),
            ("seller_key", row["seller_key"], sellerKey(entry.seller.document)),
        ]
        for (name, stored, expectedValue) in columns where stored != (expectedValue?.databaseValue ?? .null) {
            return .indexAltered(entryNumber: number, column: name)
        }
        if items.count != entry.items.count { return .indexAltered(entryNumber: number, column: "entry_item") }
        for row in items {
            let index: Int = row["item_index"]
            guard entry.items.indices.contains(index) else {
                return .indexAltered(entryNumber: number, column: "entry_item.item_index")
            }
            let item = entry.items[index]
            if row["item_id"] != entry.itemID(index) || row["category"] != item.category.rawValue
                || row["identifier"] != Self.asBound(item.identifiers.first) || row["hold_until"] != item.holdUntil?.iso {
                return .indexAltered(entryNumber: number, column: "entry_item")
            }
        }
        return nil
    }

    /// A text as an index column holds it: SQLite received it as a C string, so it ends at a NUL. Entries made
    /// before the text rule (issue 12) may hold a NUL in their content; comparing this way they still verify,
    /// faithfully to what was stored, while the content itself is checked byte for byte by the hash.
    static func asBound(_ text: String?) -> String? {
        text.map { String($0.unicodeScalars.prefix { $0 != "\0" }) }
    }
}
