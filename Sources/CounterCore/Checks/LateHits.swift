import Foundation

/// After a hotlist update: re-check every item still in its holding period and alert the owner for each new
/// hit or possible match. The item must then be kept until the police have been.
package enum LateHits {
    /// Re-checks held items; records each finding as a check of the item and raises an owner alert.
    /// Returns how many items were found.
    @discardableResult
    package static func scan(store: any RegisterStorage, checker: StolenGoodsChecker, now: Date = Date()) async throws -> Int {
        let held = try await store.itemsOnHold(on: CalendarDate(now))
        var found = 0
        for (item, result) in checker.lateHits(held) {
            let previous = try await store.checks(itemID: item.itemID).last?.status ?? .notYetChecked
            guard result.status.severity > previous.severity || previous == .clear || previous == .notYetChecked else { continue }
            try await store.record(result.itemCheck(itemID: item.itemID, term: item.item.identifiers.first ?? "", at: now))
            try await alert(store: store, status: result.status, itemID: item.itemID, entryNumber: item.entryNumber, at: now)
            found += 1
        }
        return found
    }

    /// Tells the owner that goods already in the shop are on a stolen-goods list (a hit) or look like a report
    /// (a possible match): keep them, and call the police. Nothing for any other status.
    static func alert(store: any RegisterStorage, status: ItemCheckStatus, itemID: String, entryNumber: Int,
                      at now: Date) async throws {
        guard status == .hit || status == .possibleMatch else { return }
        try await store.raiseAlert(.lateHit, itemID: itemID, entryNumber: entryNumber,
                             status == .hit ? .alertLateHit : .alertLatePossibleMatch,
                             ["item": itemID, "entry": String(entryNumber)], at: now)
    }
}
