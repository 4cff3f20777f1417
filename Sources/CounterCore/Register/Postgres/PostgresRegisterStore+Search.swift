import Foundation
import Logging
import PostgresNIO

/// The owner's register on PostgreSQL: search (``RegisterSearch``, through the branch's search index), an
/// entry's detail, and what a period's export reads.
extension PostgresRegisterStore {
    /// The entries that meet every criterion of `query`, newest first: every criterion is one condition the
    /// database plans with its indexes; what it cannot say (an entry's own day, the latest check) is read for
    /// the candidates, a page at a time.
    /// - Throws: ``RegisterQueryError`` when no criterion is given or the period runs backwards.
    public func search(_ query: RegisterSearch) async throws -> RegisterSearch.Result {
        guard let plan = try RegisterSearch.Plan(query, secret: settings.sellerKeySecret) else { return .init(hits: [], more: false) }
        var criteria = PostgresConditions()
        if let keys = plan.serialKeys {
            criteria.add("EXISTS (SELECT 1 FROM item_key k WHERE k.branch_id = e.branch_id AND k.loose = ? AND k.entry_number = e.entry_number)",
                 keys.loose)
        }
        for term in plan.terms {
            criteria.add("EXISTS (SELECT 1 FROM seller_search t WHERE t.branch_id = e.branch_id AND t.term = ? AND t.entry_number = e.entry_number)",
                 term)
        }
        if let clerk = plan.clerk { criteria.add("lower(e.clerk) = lower(?)", clerk) }
        if let category = query.category {
            criteria.add("""
                EXISTS (SELECT 1 FROM entry_item i WHERE i.branch_id = e.branch_id AND i.category = ?
                        AND i.entry_number = e.entry_number)
                """, category.rawValue)
        }
        if let from = query.from { criteria.add("e.day >= ?", from.iso) }
        if let to = query.to { criteria.add("e.day <= ?", to.iso) }
        switch query.checkStatus {
        case nil: break
        case .notYetChecked?:
            criteria.add("""
                EXISTS (SELECT 1 FROM entry_item i WHERE i.branch_id = e.branch_id AND i.entry_number = e.entry_number
                        AND NOT EXISTS (SELECT 1 FROM item_check c WHERE c.branch_id = i.branch_id AND c.item_id = i.item_id))
                """)
        case let status?:
            // Some check of one of its items had this status; whether it is the latest is read below.
            criteria.add("""
                EXISTS (SELECT 1 FROM entry_item i JOIN item_check c ON c.branch_id = i.branch_id AND c.item_id = i.item_id
                        WHERE i.branch_id = e.branch_id AND i.entry_number = e.entry_number AND c.status = ?)
                """, status.rawValue)
        }
        let (condition, binds) = (criteria.sql, criteria.binds)
        let page = plan.limit + 1
        return try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            var hits: [RegisterSearch.Hit] = []
            var below = Int.max
            while hits.count <= plan.limit {
                var values = binds
                values.append(below)
                values.append(page)
                let n = values.count  // `$1` is the branch
                let entries = try await Self.entries(connection, branchID, "\(condition) AND e.entry_number < $\(n)", logger,
                                                     binds: values, newestFirst: true, limit: "$\(n + 1)")
                guard let last = entries.last else { break }
                below = last.entryNumber
                let numbers = entries.map(\.entryNumber)
                let checks = try await Self.latestChecks(connection, branchID, entryNumbers: numbers, logger)
                let corrections = try await Self.corrections(connection, branchID, of: numbers, logger)
                for entry in entries {
                    if let hit = plan.hit(entry, checks: checks, correctedBy: corrections[entry.entryNumber] ?? []) { hits.append(hit) }
                }
                if entries.count < page { break }
            }
            return plan.result(hits)
        }
    }

    /// The entries acquired from `from` to `to` (shop days), in number order.
    public func entries(from: CalendarDate, to: CalendarDate) async throws -> [RegisterEntry] {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            try await Self.entries(connection, branchID, "e.day >= $2 AND e.day <= $3", logger, binds: [from.iso, to.iso])
        }
    }

    /// The sales of these entries' items, by item id.
    package func sales(entryNumbers: [Int]) async throws -> [String: Sale] {
        guard !entryNumbers.isEmpty else { return [:] }
        return try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            try await sales(connection, entryNumbers: entryNumbers)
        }
    }

    /// The sales of the branch's items of these entries (or of one item), by item id.
    func sales(_ connection: PostgresConnection, entryNumbers: [Int]? = nil, itemID: String? = nil) async throws -> [String: Sale] {
        var sales: [String: Sale] = [:]
        for try await content in try await connection.query("""
            SELECT s.content FROM sale s JOIN entry_item i ON i.branch_id = s.branch_id AND i.item_id = s.item_id
            WHERE s.branch_id = \(branchID) AND (\(entryNumbers)::bigint[] IS NULL OR i.entry_number = ANY(\(entryNumbers)::bigint[]))
              AND (\(itemID)::text IS NULL OR s.item_id = \(itemID))
            """, logger: logger).decode(Data.self) {
            if let sale = try? JSONDecoder().decode(Sale.self, from: content) { sales[sale.itemID] = sale }
        }
        return sales
    }

    /// The entries that correct each of these entries, in number order.
    static func corrections(_ connection: PostgresConnection, _ branchID: String, of numbers: [Int],
                            _ logger: Logger) async throws -> [Int: [Int]] {
        var result: [Int: [Int]] = [:]
        for try await (corrects, number) in try await connection.query("""
            SELECT corrects, entry_number FROM entry WHERE branch_id = \(branchID) AND corrects = ANY(\(numbers)::bigint[])
            ORDER BY entry_number
            """, logger: logger).decode((Int, Int).self) {
            result[corrects, default: []].append(number)
        }
        return result
    }

    /// The entry with this number and everything around it (``RegisterEntryDetail``), or nil.
    package func entryDetail(number: Int, today: CalendarDate) async throws -> RegisterEntryDetail? {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in
            guard let entry = try await Self.entry(connection, branchID, number: number, logger) else { return nil }
            let itemIDs = entry.items.indices.map { entry.itemID($0) }
            var checks: [String: [ItemCheck]] = [:]
            for try await record in try await connection.query("""
                SELECT record FROM item_check WHERE branch_id = \(branchID) AND item_id = ANY(\(itemIDs)::text[]) ORDER BY id
                """, logger: logger).decode(Data.self) {
                let check = try JSONDecoder().decode(ItemCheck.self, from: record)
                checks[check.itemID, default: []].append(check)
            }
            let sales = try await sales(connection, entryNumbers: [number])
            var items: [RegisterEntryDetail.Item] = []
            for (i, item) in entry.items.enumerated() {
                let id = entry.itemID(i)
                let order = try await runningHoldOrder(connection, itemID: id, on: today)
                items.append(.init(itemID: id, item: item, checks: checks[id] ?? [],
                                   keptUntil: HeldItem.keptUntil(holdUntil: item.holdUntil, holdOrder: order), holdOrder: order,
                                   policeFlagOpen: try await policeFlagOpen(connection, itemID: id), sale: sales[id]))
            }
            var uploads: [RegisterEntryDetail.Upload] = []
            for try await (kind, status, attempts, lastError, reference) in try await connection.query("""
                SELECT kind, status, attempts, last_error, register_reference FROM upload_job
                WHERE branch_id = \(branchID) AND entry_number = \(number) ORDER BY id
                """, logger: logger).decode((String, String, Int, String?, String?).self) {
                uploads.append(.init(kind: UploadOutbox.Kind(rawValue: kind) ?? .entry, status: UploadOutbox.Status(rawValue: status) ?? .queued,
                                     attempts: attempts, lastError: lastError, registerReference: reference))
            }
            // The correction chain: back to the original through `corrects`, then every entry correcting one in it.
            var chain: [Int] = []
            for try await member in try await connection.query("""
                WITH RECURSIVE back(n, corrects) AS (
                    SELECT entry_number, corrects FROM entry WHERE branch_id = \(branchID) AND entry_number = \(number)
                    UNION
                    SELECT e.entry_number, e.corrects FROM entry e JOIN back ON e.entry_number = back.corrects
                    WHERE e.branch_id = \(branchID)),
                forth(n) AS (
                    SELECT n FROM back WHERE corrects IS NULL
                    UNION
                    SELECT e.entry_number FROM entry e JOIN forth ON e.corrects = forth.n WHERE e.branch_id = \(branchID))
                SELECT n FROM forth ORDER BY n
                """, logger: logger).decode(Int.self) {
                chain.append(member)
            }
            let corrections = chain.count > 1
                ? try await Self.entries(connection, branchID, "e.entry_number = ANY($2::bigint[])", logger, binds: [chain]).map {
                    RegisterEntryDetail.Correction(entryNumber: $0.entryNumber, day: $0.day, clerk: $0.clerk, corrects: $0.corrects,
                                                   reason: $0.correctionReason)
                }
                : []
            return RegisterEntryDetail(entry: entry, items: items, uploads: uploads, corrections: corrections)
        }
    }
}
