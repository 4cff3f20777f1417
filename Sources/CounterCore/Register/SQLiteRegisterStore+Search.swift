import Foundation
import GRDB

extension SQLiteRegisterStore {
    /// The entries that meet every criterion of `query`, newest first (``RegisterSearch``).
    ///
    /// Numbers, names and document numbers are found through the search index (`SearchIndex`), the period,
    /// clerk and category through indexes of the register, so a search stays fast on a register of a million
    /// entries (`make bench`). The check status is the latest check of an item, read for the candidates.
    ///
    /// - Throws: ``RegisterQueryError`` when no criterion is given or the period runs backwards.
    public func search(_ query: RegisterSearch) throws -> RegisterSearch.Result {
        guard let plan = try RegisterSearch.Plan(query, secret: settings.sellerKeySecret) else { return .init(hits: [], more: false) }
        let (serialKeys, terms, clerk, limit) = (plan.serialKeys, plan.terms, plan.clerk, plan.limit)
        return try dbPool.read { db in
            // The period as a range of entry numbers (numbers grow with time); the day itself is checked on the
            // entries read, so an entry written with a clock set back is still judged by its own day.
            var bounds: (low: Int, high: Int)?
            if query.from != nil || query.to != nil {
                let row = try Row.fetchOne(db, sql: """
                    SELECT MIN(entry_number), MAX(entry_number) FROM entry INDEXED BY entry_day WHERE day BETWEEN ? AND ?
                    """, arguments: [query.from?.iso ?? "0000-00-00", query.to?.iso ?? "9999-99-99"])
                guard let low = row?[0] as Int?, let high = row?[1] as Int? else { return .init(hits: [], more: false) }
                bounds = (low, high)
            }
            // One index drives, newest first; every other criterion is a probe by entry number into its own index.
            // The driver is the most selective index at hand: a number, a document, the rarest name word, the
            // clerk, the category, the period, the few hits; the register itself only as the last resort.
            var rarest: String?
            if !terms.isEmpty {
                var counts: [(String, Int)] = []
                for term in terms {
                    counts.append((term, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM seller_search WHERE term = ?",
                                                          arguments: [term]) ?? 0))
                }
                rarest = counts.min { $0.1 < $1.1 }?.0
            }
            // Which index drives: the first criterion given in this order. The others become probes.
            enum Driver { case serial, seller, clerk, category, status, entries }
            let status = query.checkStatus
            let drives: Driver =
                serialKeys != nil ? .serial : rarest != nil ? .seller : clerk != nil ? .clerk : query.category != nil ? .category
                : bounds == nil && status != nil && status != .clear && status != .notYetChecked ? .status : .entries
            var driver: String
            var driverArguments: [any DatabaseValueConvertible] = []
            // The driver's own column, so the range and the order come from its index.
            var column = "entry_number"
            switch drives {
            case .serial:
                driver = "SELECT entry_number AS n FROM item_key INDEXED BY item_key_loose WHERE loose = ?"
                driverArguments = [serialKeys!.loose]
            case .seller:
                driver = "SELECT entry_number AS n FROM seller_search INDEXED BY seller_search_term WHERE term = ?"
                driverArguments = [rarest!]
            case .clerk:
                driver = "SELECT entry_number AS n FROM entry INDEXED BY entry_clerk WHERE clerk = ? COLLATE NOCASE"
                driverArguments = [clerk!]
            case .category:
                driver = "SELECT entry_number AS n FROM entry_item INDEXED BY entry_item_category WHERE category = ?"
                driverArguments = [query.category!.rawValue]
            case .status:
                driver = """
                    SELECT DISTINCT i.entry_number AS n FROM item_check c INDEXED BY item_check_status
                    JOIN entry_item i ON i.item_id = c.item_id WHERE c.status = ?
                    """
                driverArguments = [status!.rawValue]
                column = "i.entry_number"
            case .entries:
                driver = "SELECT entry_number AS n FROM entry WHERE 1"
            }
            var probes: [String] = []
            var probeArguments: [any DatabaseValueConvertible] = []
            if let keys = serialKeys, drives != .serial {
                probes.append("EXISTS (SELECT 1 FROM item_key k WHERE k.loose = ? AND k.entry_number = n)")
                probeArguments.append(keys.loose)
            }
            for term in terms where !(drives == .seller && term == rarest) {
                probes.append("EXISTS (SELECT 1 FROM seller_search s WHERE s.term = ? AND s.entry_number = n)")
                probeArguments.append(term)
            }
            if let clerk, drives != .clerk {
                probes.append("EXISTS (SELECT 1 FROM entry e INDEXED BY entry_clerk WHERE e.clerk = ? COLLATE NOCASE AND e.entry_number = n)")
                probeArguments.append(clerk)
            }
            if let category = query.category, drives != .category {
                probes.append("EXISTS (SELECT 1 FROM entry_item i WHERE i.entry_number = n AND i.category = ?)")
                probeArguments.append(category.rawValue)
            }
            switch status {
            case nil: break
            case .notYetChecked?:
                probes.append("""
                    EXISTS (SELECT 1 FROM entry_item i WHERE i.entry_number = n
                            AND NOT EXISTS (SELECT 1 FROM item_check c WHERE c.item_id = i.item_id))
                    """)
            case let status?:
                // Some check of one of its items had this status; whether it is the latest is read below.
                probes.append("""
                    EXISTS (SELECT 1 FROM entry_item i WHERE i.entry_number = n
                            AND EXISTS (SELECT 1 FROM item_check c INDEXED BY item_check_status
                                        WHERE c.status = ? AND c.item_id = i.item_id))
                    """)
                probeArguments.append(status.rawValue)
            }
            if let bounds {
                driver += " AND \(column) BETWEEN \(bounds.low) AND \(bounds.high)"
            }

            var hits: [RegisterSearch.Hit] = []
            var below = Int.max
            // Candidates in pages, newest first, until enough pass what SQL cannot say (the latest check, the day).
            while hits.count <= limit {
                let numbers = try Int.fetchAll(
                    db, sql: """
                        SELECT n FROM (\(driver) AND \(column) < ?)
                        \(probes.isEmpty ? "" : "WHERE " + probes.joined(separator: " AND "))
                        ORDER BY n DESC LIMIT ?
                        """,
                    arguments: StatementArguments(driverArguments) + [below] + StatementArguments(probeArguments) + [limit + 1])
                guard let last = numbers.last else { break }
                below = last
                // An entry with two items of the category (or the number) comes twice from the driver.
                var seen = Set<Int>()
                let entries = try Self.entries(db, numbers: numbers.filter { seen.insert($0).inserted })
                let checks = try Self.latestChecks(db, entryNumbers: entries.map(\.entryNumber))
                let corrections = try Self.corrections(db, of: entries.map(\.entryNumber))
                for entry in entries {
                    if let hit = plan.hit(entry, checks: checks, correctedBy: corrections[entry.entryNumber] ?? []) { hits.append(hit) }
                }
                if numbers.count <= limit { break }
            }
            return plan.result(hits)
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
