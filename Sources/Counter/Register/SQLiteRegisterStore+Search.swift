import Foundation
import GRDB

extension SQLiteRegisterStore {
    /// The entries that meet every criterion of `query`, newest first (``RegisterSearch``).
    ///
    /// Numbers, names and document numbers are found through the search index (``SearchIndex``), the period,
    /// clerk and category through indexes of the register, so a search stays fast on a register of a million
    /// entries (`make bench`). The check status is the latest check of an item, read for the candidates.
    ///
    /// - Throws: ``RegisterQueryError`` when no criterion is given or the period runs backwards.
    public func search(_ query: RegisterSearch) throws -> RegisterSearch.Result {
        if query.isEmpty { throw RegisterQueryError.noCriteria }
        if let from = query.from, let to = query.to, to < from { throw RegisterQueryError.badPeriod }
        let limit = min(max(query.limit, 1), 1000)
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        var serialKeys: (exact: String, loose: String)?
        if let serial = query.serial?.trimmed, !serial.isEmpty {
            let exact = SerialKey.exact(serial)
            // Nothing left of it (only punctuation): nothing can match.
            guard !exact.isEmpty else { return .init(hits: [], more: false) }
            serialKeys = (exact, SerialKey.fold(exact))
            conditions.append("e.entry_number IN (SELECT entry_number FROM item_key WHERE loose = ?)")
            arguments.append(SerialKey.fold(exact))
        }
        if let number = query.documentNumber?.trimmed, !number.isEmpty {
            conditions.append("e.entry_number IN (SELECT entry_number FROM seller_search WHERE term = ?)")
            arguments.append(SearchIndex.term("d", SearchIndex.documentKey(number), secret: settings.sellerKeySecret))
        }
        if let name = query.seller?.trimmed, !name.isEmpty {
            let words = SearchIndex.nameWords(name)
            guard !words.isEmpty else { return .init(hits: [], more: false) }
            for word in Set(words) {
                conditions.append("e.entry_number IN (SELECT entry_number FROM seller_search WHERE term = ?)")
                arguments.append(SearchIndex.term("n", word, secret: settings.sellerKeySecret))
            }
        }
        if let from = query.from { conditions.append("e.day >= ?"); arguments.append(from.iso) }
        if let to = query.to { conditions.append("e.day <= ?"); arguments.append(to.iso) }
        if let clerk = query.clerk?.trimmed, !clerk.isEmpty {
            conditions.append("e.clerk = ? COLLATE NOCASE")
            arguments.append(clerk)
        }
        if let category = query.category {
            conditions.append("EXISTS (SELECT 1 FROM entry_item i WHERE i.entry_number = e.entry_number AND i.category = ?)")
            arguments.append(category.rawValue)
        }
        switch query.checkStatus {
        case nil: break
        case .notYetChecked?:
            conditions.append("""
                EXISTS (SELECT 1 FROM entry_item i WHERE i.entry_number = e.entry_number
                        AND NOT EXISTS (SELECT 1 FROM item_check c WHERE c.item_id = i.item_id))
                """)
        case .clear?:
            // Most checks are clear: walk the entries (newest first) and ask each item's checks by index.
            conditions.append("""
                EXISTS (SELECT 1 FROM entry_item i WHERE i.entry_number = e.entry_number
                        AND EXISTS (SELECT 1 FROM item_check c WHERE c.status = 'clear' AND c.item_id = i.item_id))
                """)
        case let status?:
            // Hits, possible matches and failed checks are few: start from them. Whether a status is an
            // item's latest is read below.
            conditions.append("""
                e.entry_number IN (SELECT i.entry_number FROM item_check c JOIN entry_item i ON i.item_id = c.item_id
                                   WHERE c.status = ?)
                """)
            arguments.append(status.rawValue)
        }

        return try dbPool.read { db in
            var hits: [RegisterSearch.Hit] = []
            var below = Int.max
            // Candidates in pages, newest first, until enough pass the check-status test that SQL cannot do.
            while hits.count <= limit {
                let numbers = try Int.fetchAll(
                    db, sql: """
                        SELECT e.entry_number FROM entry e WHERE \(conditions.joined(separator: " AND "))
                        AND e.entry_number < ? ORDER BY e.entry_number DESC LIMIT ?
                        """,
                    arguments: StatementArguments(arguments) + [below, limit + 1])
                guard let last = numbers.last else { break }
                below = last
                let entries = try Self.entries(db, numbers: numbers)
                let checks = try Self.latestChecks(db, entryNumbers: numbers)
                let corrections = try Self.corrections(db, of: numbers)
                for entry in entries {
                    let row = DailyLog.Row(entry: entry, checks: checks)
                    if let status = query.checkStatus,
                       !entry.items.indices.contains(where: { (checks[entry.itemID($0)]?.status ?? .notYetChecked) == status }) {
                        continue
                    }
                    var matched: [String] = []
                    var exact = false
                    if let keys = serialKeys {
                        for (i, item) in entry.items.enumerated() {
                            let itemKeys = item.identifiers.map(SerialKey.exact)
                            if itemKeys.contains(where: { SerialKey.fold($0) == keys.loose }) { matched.append(entry.itemID(i)) }
                            if itemKeys.contains(keys.exact) { exact = true }
                        }
                    }
                    hits.append(.init(day: entry.day, row: row, matchedItems: matched, exactMatch: exact,
                                      correctedBy: corrections[entry.entryNumber] ?? []))
                }
                if numbers.count <= limit { break }
            }
            let more = hits.count > limit
            // Exact number matches first, then newest first.
            hits = Array(hits.prefix(limit))
            if serialKeys != nil { hits = hits.filter(\.exactMatch) + hits.filter { !$0.exactMatch } }
            return .init(hits: hits, more: more)
        }
    }

    /// Entries by number, in the order of `numbers`.
    static func entries(_ db: Database, numbers: [Int]) throws -> [RegisterEntry] {
        guard !numbers.isEmpty else { return [] }
        let found = try Row.fetchAll(
            db, sql: "\(selectEntry) WHERE e.entry_number IN (\(numbers.map { _ in "?" }.joined(separator: ",")))",
            arguments: StatementArguments(numbers)
        ).map(entry(from:))
        let byNumber = Dictionary(found.map { ($0.entryNumber, $0) }, uniquingKeysWith: { a, _ in a })
        return numbers.compactMap { byNumber[$0] }
    }

    /// The latest check of each item of these entries, keyed by item id.
    static func latestChecks(_ db: Database, entryNumbers: [Int]) throws -> [String: ItemCheck] {
        guard !entryNumbers.isEmpty else { return [:] }
        let decoder = JSONDecoder()
        var latest: [String: ItemCheck] = [:]
        for data in try Data.fetchAll(
            db, sql: """
                SELECT c.record FROM item_check c JOIN entry_item i ON i.item_id = c.item_id
                WHERE i.entry_number IN (\(entryNumbers.map { _ in "?" }.joined(separator: ","))) ORDER BY c.id
                """, arguments: StatementArguments(entryNumbers)) {
            let check = try decoder.decode(ItemCheck.self, from: data)
            latest[check.itemID] = check
        }
        return latest
    }

    /// The entries that correct each of these entries, in number order.
    static func corrections(_ db: Database, of numbers: [Int]) throws -> [Int: [Int]] {
        guard !numbers.isEmpty else { return [:] }
        var result: [Int: [Int]] = [:]
        for row in try Row.fetchAll(
            db, sql: """
                SELECT corrects, entry_number FROM entry
                WHERE corrects IN (\(numbers.map { _ in "?" }.joined(separator: ","))) ORDER BY entry_number
                """, arguments: StatementArguments(numbers)) {
            result[row["corrects"], default: []].append(row["entry_number"])
        }
        return result
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
