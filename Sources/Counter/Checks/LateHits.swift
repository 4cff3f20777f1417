import Foundation

/// After a hotlist update: re-check every item still in its holding period and alert the owner for each new
/// hit or possible match. The item must then be kept until the police have been.
public enum LateHits {
    /// Re-checks held items; records each finding as a check of the item and raises an owner alert.
    /// Returns how many items were found.
    @discardableResult
    public static func scan(store: SQLiteRegisterStore, checker: StolenGoodsChecker, now: Date = Date()) throws -> Int {
        let held = try store.itemsOnHold(on: CalendarDate(now))
        var found = 0
        for (item, result) in checker.lateHits(held) {
            let previous = try store.checks(itemID: item.itemID).last?.status ?? .notYetChecked
            guard result.status.severity > previous.severity || previous == .clear || previous == .notYetChecked else { continue }
            try store.record(result.itemCheck(itemID: item.itemID, term: item.item.identifiers.first ?? "", at: now))
            try store.raiseAlert(.lateHit, itemID: item.itemID, entryNumber: item.entryNumber,
                                 result.status == .hit ? .alertLateHit : .alertLatePossibleMatch,
                                 ["item": item.itemID, "entry": String(item.entryNumber)], at: now)
            found += 1
        }
        return found
    }
}
