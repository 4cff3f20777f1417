import Foundation

/// The items scanned at this counter and not yet registered, by id, with their latest check.
/// Kept in memory for a day; a confirmed intake reads its items' checks from here.
actor DraftLedger {
    private var items: [String: DraftItem] = [:]

    func put(_ item: DraftItem) {
        items[item.id] = item
        purge(now: item.created)
    }

    func get(_ id: String) -> DraftItem? { items[id] }

    /// Applies `change` to an item; returns the changed item.
    @discardableResult
    func update(_ id: String, _ change: (inout DraftItem) -> Void) -> DraftItem? {
        guard var item = items[id] else { return nil }
        change(&item)
        items[id] = item
        return item
    }

    private func purge(now: Date) {
        items = items.filter { now.timeIntervalSince($0.value.created) < 86_400 }
    }
}
