import Foundation

/// One row of a register's item index (`entry_item`) as stored, for `verify` to hold against the entry's
/// chained content: the index is what search, holding and sales read, so a changed row must show.
struct StoredItemRow: Sendable {
    var itemID: String?
    var index: Int?
    var category: String?
    var identifier: String?
    var holdUntil: String?
}

extension RegisterEntry {
    /// The column of the first item row that disagrees with the entry's items (a row missing or extra, another
    /// index, id, category, first identifier or hold date), or nil when they all agree.
    func itemRowsProblem(_ rows: [StoredItemRow]) -> String? {
        if rows.count != items.count { return "entry_item" }
        for row in rows {
            guard let index = row.index, items.indices.contains(index) else { return "entry_item.item_index" }
            let item = items[index]
            if row.itemID != itemID(index) || row.category != item.category.rawValue
                || row.identifier != SQLiteRegisterStore.asBound(item.identifiers.first) || row.holdUntil != item.holdUntil?.iso {
                return "entry_item"
            }
        }
        return nil
    }
}
