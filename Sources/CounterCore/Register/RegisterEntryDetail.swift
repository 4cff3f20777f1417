import Foundation
import GRDB

/// Everything the register holds on one entry, for the owner's detail page and its reprint: the entry with
/// its seller, each item's checks, hold and sale, the entry's uploads, and the corrections around it.
package struct RegisterEntryDetail: Sendable, Codable {
    /// One item with what happened to it since.
    package struct Item: Sendable, Codable {
        package var itemID: String
        package var item: RegisterItem
        /// Every stolen-goods check of the item, oldest first.
        package var checks: [ItemCheck]
        /// The last day it must be kept as it is (holding period or police hold order).
        package var keptUntil: CalendarDate?
        package var holdOrder: HoldOrder?
        package var policeFlagOpen: Bool
        /// The sale, once sold (verkoopregister).
        package var sale: Sale?
    }

    /// One upload of the entry (the entry itself, a correction, a sale) and where it stands.
    package struct Upload: Sendable, Codable {
        package var kind: UploadOutbox.Kind
        package var status: UploadOutbox.Status
        package var attempts: Int
        package var lastError: String?
        package var registerReference: String?
    }

    /// An entry of the correction chain this entry belongs to.
    package struct Correction: Sendable, Codable, Equatable {
        package var entryNumber: Int
        package var day: CalendarDate
        package var clerk: String
        /// The entry it corrects (nil for the original).
        package var corrects: Int?
        package var reason: String?
    }

    package var entry: RegisterEntry
    package var items: [Item]
    package var uploads: [Upload]
    /// The whole chain, oldest first: the original entry and every correction of it or of a correction. Empty
    /// when the entry was never corrected and corrects nothing.
    package var corrections: [Correction]
    /// The entry's fields as the correction form shows them first; nil once the identity was erased.
    package var correctionForm: CorrectionForm? { entry.seller == nil ? nil : CorrectionForm(entry: entry) }
    /// The newest entry of the chain: what the register now says about these goods.
    package var current: Int { corrections.last?.entryNumber ?? entry.entryNumber }
}

extension SQLiteRegisterStore {
    /// The entry with this number and everything around it (``RegisterEntryDetail``), or nil.
    package func entryDetail(number: Int, today: CalendarDate) throws -> RegisterEntryDetail? {
        try dbPool.read { db in
            guard let entry = try Self.entries(db, numbers: [number]).first else { return nil }
            var items: [RegisterEntryDetail.Item] = []
            let decoder = JSONDecoder()
            for (i, item) in entry.items.enumerated() {
                let id = entry.itemID(i)
                let checks = try Data.fetchAll(db, sql: "SELECT record FROM item_check WHERE item_id = ? ORDER BY id", arguments: [id])
                    .map { try decoder.decode(ItemCheck.self, from: $0) }
                let sale = try Data.fetchOne(db, sql: "SELECT content FROM sale WHERE item_id = ?", arguments: [id])
                    .flatMap { try? decoder.decode(Sale.self, from: $0) }
                let order = try Self.runningHoldOrder(db, itemID: id, on: today)
                items.append(.init(
                    itemID: id, item: item, checks: checks,
                    keptUntil: HeldItem.keptUntil(holdUntil: item.holdUntil, holdOrder: order), holdOrder: order,
                    policeFlagOpen: try Self.policeFlagOpen(db, itemID: id), sale: sale))
            }
            let uploads = try Row.fetchAll(db, sql: """
                SELECT kind, status, attempts, last_error, register_reference FROM upload_job
                WHERE entry_number = ? ORDER BY id
                """, arguments: [number]).map { row in
                RegisterEntryDetail.Upload(
                    kind: UploadOutbox.Kind(rawValue: row["kind"]) ?? .entry,
                    status: UploadOutbox.Status(rawValue: row["status"]) ?? .queued, attempts: row["attempts"],
                    lastError: row["last_error"], registerReference: row["register_reference"])
            }
            return RegisterEntryDetail(entry: entry, items: items, uploads: uploads,
                                       corrections: try Self.correctionChain(db, around: entry))
        }
    }

    /// The correction chain an entry belongs to: back to the original through `corrects`, then every entry
    /// that corrects one in the chain, in number order.
    static func correctionChain(_ db: Database, around entry: RegisterEntry) throws -> [RegisterEntryDetail.Correction] {
        var root = entry.entryNumber
        var corrects = entry.corrects
        var seen: Set<Int> = [root]
        while let earlier = corrects, !seen.contains(earlier) {
            seen.insert(earlier)
            root = earlier
            corrects = try Int?.fetchOne(db, sql: "SELECT corrects FROM entry WHERE entry_number = ?", arguments: [earlier]) ?? nil
        }
        var chain: Set<Int> = [root]
        var frontier = [root]
        while !frontier.isEmpty {
            let next = try Int.fetchAll(
                db, sql: "SELECT entry_number FROM entry WHERE corrects IN (\(frontier.map { _ in "?" }.joined(separator: ",")))",
                arguments: StatementArguments(frontier)).filter { !chain.contains($0) }
            chain.formUnion(next)
            frontier = next
        }
        guard chain.count > 1 else { return [] }
        return try entries(db, numbers: chain.sorted()).map {
            .init(entryNumber: $0.entryNumber, day: $0.day, clerk: $0.clerk, corrects: $0.corrects, reason: $0.correctionReason)
        }
    }
}
