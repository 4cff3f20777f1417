import Foundation

/// A remote stolen-goods service (Stop Heling's partner interface, or a test double).
public protocol StolenGoodsService: Sendable {
    /// The service's name in check records.
    var sourceName: String { get }
    /// Looks a serial up. Throws ``NotCheckedReason`` when the service cannot answer.
    func search(serial: String, brand: String?) async throws(NotCheckedReason) -> [StolenRecord]
}

/// Checks serials the way the counter needs: the local hotlist answers at once, the remote service follows
/// and can only make the answer more severe. A remote failure makes a hotlist miss `notChecked`, never `clear`.
public actor StolenGoodsChecker {
    /// Where the local list comes from; reopened when an import replaces the file.
    package nonisolated let hotlistSource: HotlistSource
    public nonisolated let remote: (any StolenGoodsService)?
    /// A list older than this cannot prove an item clear (`checks.hotlistMaxAgeHours`); nil: no limit.
    public nonisolated let maximumListAge: TimeInterval?
    nonisolated let clock: @Sendable () -> Date
    /// Written police notices (art. 437 lid 1 onder e Sr), checked first: a match is a hit.
    package nonisolated let watchList: (any PoliceWatchList)?

    /// The local list as it is now.
    package nonisolated var hotlist: Hotlist? { hotlistSource.current() }

    package init(hotlist: Hotlist?, remote: (any StolenGoodsService)?, maximumListAge: TimeInterval? = nil,
                clock: @escaping @Sendable () -> Date = { Date() }, watchList: (any PoliceWatchList)? = nil) {
        self.init(source: HotlistSource(fixed: hotlist), remote: remote, maximumListAge: maximumListAge, clock: clock,
                  watchList: watchList)
    }

    /// Follows the hotlist under `folder` (imported now or later) and uses `remote` if given. The police's
    /// written notices are the register's: ``CounterEngine`` makes the checker it is given follow them.
    public init(hotlistFolder: String, remote: (any StolenGoodsService)?, maximumListAge: TimeInterval? = nil,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.init(source: HotlistSource(path: hotlistFolder + "/hotlist.bin"), remote: remote,
                  maximumListAge: maximumListAge, clock: clock, watchList: nil)
    }

    /// Follows the hotlist under `folder` and the police's written notices in `watchList`.
    package init(hotlistFolder: String, remote: (any StolenGoodsService)?, maximumListAge: TimeInterval? = nil,
                 clock: @escaping @Sendable () -> Date = { Date() }, watchList: (any PoliceWatchList)?) {
        self.init(source: HotlistSource(path: hotlistFolder + "/hotlist.bin"), remote: remote,
                  maximumListAge: maximumListAge, clock: clock, watchList: watchList)
    }

    /// This checker, following the police's written notices in `watchList` too.
    package nonisolated func watching(_ watchList: any PoliceWatchList) -> StolenGoodsChecker {
        StolenGoodsChecker(source: hotlistSource, remote: remote, maximumListAge: maximumListAge, clock: clock,
                           watchList: watchList)
    }

    package init(source: HotlistSource, remote: (any StolenGoodsService)?, maximumListAge: TimeInterval? = nil,
                clock: @escaping @Sendable () -> Date = { Date() }, watchList: (any PoliceWatchList)? = nil) {
        self.watchList = watchList
        self.hotlistSource = source
        self.remote = remote
        self.maximumListAge = maximumListAge
        self.clock = clock
    }

    /// Whether `list` is too old to prove anything clear: a stale list may miss what was stolen since.
    nonisolated func isTooOld(_ list: Hotlist) -> Bool {
        Self.isTooOld(createdAt: list.createdAt, maximumAge: maximumListAge, now: clock())
    }

    /// The rule: a list made longer ago than `maximumAge` (`checks.hotlistMaxAgeHours`) proves nothing clear.
    public static func isTooOld(createdAt: Date, maximumAge: TimeInterval?, now: Date) -> Bool {
        guard let maximumAge else { return false }
        return now.timeIntervalSince(createdAt) > maximumAge
    }

    nonisolated var tooOldReason: NotCheckedReason { .listTooOld(hours: Int((maximumListAge ?? 0) / 3600)) }

    /// The immediate answer from the hotlist alone (what the screen shows while the remote check runs).
    public nonisolated func quickCheck(serial: String) -> StolenGoodsCheck {
        guard !SerialKey.exact(serial).isEmpty else { return .notChecked(.nothingToCheck) }
        if let notice = policeNoticeHit(serial) { return notice }
        let hotlist = self.hotlist
        if let found = hotlist?.check(serial: serial) { return found }
        if let hotlist, isTooOld(hotlist) { return .notChecked(tooOldReason) }
        if remote != nil { return .notChecked(.awaitingRemote) }  // not final: the remote has not answered yet
        guard let hotlist else { return .notChecked(.noHotlist) }
        return .clear(sources: [hotlist.sourceName])
    }

    /// The final answer: hotlist, then the remote service.
    public func check(serial: String, brand: String? = nil) async -> StolenGoodsCheck {
        guard !SerialKey.exact(serial).isEmpty else { return .notChecked(.nothingToCheck) }
        if let notice = policeNoticeHit(serial) { return notice }
        let hotlist = self.hotlist
        let local = hotlist?.check(serial: serial)
        if case .hit = local { return local! }
        let stale = hotlist.map(isTooOld) ?? false
        guard let remote else {
            if let local { return local }
            guard let hotlist else { return .notChecked(.noHotlist) }
            return stale ? .notChecked(tooOldReason) : .clear(sources: [hotlist.sourceName])
        }
        do {
            let records = try await remote.search(serial: serial, brand: brand)
            let exactKey = SerialKey.exact(serial)
            let exact = records.filter { $0.matchType.uppercased() != "PARTIAL HIT" && SerialKey.exact($0.serial) == exactKey }
            if !exact.isEmpty { return .hit(exact + (local?.records ?? [])) }
            if !records.isEmpty { return .possibleMatch(records + (local?.records ?? [])) }
            if let local { return local }
            if stale { return .notChecked(tooOldReason) }
            return .clear(sources: [hotlist?.sourceName, remote.sourceName].compactMap { $0 })
        } catch {
            // A loose hotlist match still shows the record; the reason is kept in the check record.
            if let local { return local }
            return .notChecked(error)
        }
    }

    /// A hit when a written police notice names this number; "not checked" when the notices cannot be read
    /// (a failed check is never clear).
    nonisolated func policeNoticeHit(_ serial: String) -> StolenGoodsCheck? {
        guard let watchList else { return nil }
        do {
            let notices = try watchList.notices(matching: serial)
            return notices.isEmpty ? nil : .hit(notices.map(\.record))
        } catch {
            return .notChecked(.serviceError("police notices unreadable: \(error)"))
        }
    }

    /// Items still in their holding period that a (new) hotlist now matches: the owner must be alerted.
    package nonisolated func lateHits(_ items: [HeldItem]) -> [(HeldItem, StolenGoodsCheck)] {
        let hotlist = self.hotlist
        return items.compactMap { held in
            for identifier in held.item.identifiers {
                if let result = hotlist?.check(serial: identifier) { return (held, result) }
            }
            return nil
        }
    }
}

extension StolenGoodsCheck {
    /// A check record for the register, as proof of due diligence: the one encoding, ``TillCheck``'s.
    public func itemCheck(itemID: String, term: String, at date: Date) -> ItemCheck {
        TillCheck(self, final: true, term: term).itemCheck(itemID: itemID, at: date)
    }

    /// The object `counter-kiosk check --json` prints.
    public var jsonObject: [String: Any] {
        var reason: Any = NSNull()
        var sources: [String] = []
        let result: String
        switch self {
        case .hit: result = "hit"
        case .possibleMatch: result = "possibleMatch"
        case .clear(let s): result = "clear"; sources = s
        case .notChecked(let why): result = "notChecked"; reason = why.english
        }
        if sources.isEmpty { sources = Array(Set(records.compactMap(\.source))).sorted() }
        return [
            "result": result, "reason": reason, "sources": sources,
            "records": records.map {
                ["serial": $0.serial, "brand": $0.brand as Any? ?? NSNull(), "model": $0.model as Any? ?? NSNull(),
                 "object": $0.object as Any? ?? NSNull(), "reportedOn": $0.reportedOn as Any? ?? NSNull(),
                 "source": $0.source as Any? ?? NSNull(), "matchType": $0.matchType] as [String: Any]
            },
        ]
    }
}

extension NotCheckedReason: Error {}
