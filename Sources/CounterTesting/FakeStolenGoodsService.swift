import CounterCore

/// A stand-in for Stop Heling: answers a hit for the serials it is given, or fails as told, and remembers every
/// term it was asked for (so a test can show that a BSN or an MRZ line was never sent).
///
/// ```swift
/// let service = FakeStolenGoodsService(hits: ["356938035643809"])
/// let checker = StolenGoodsChecker(hotlist: nil, remote: service)
/// ```
public actor FakeStolenGoodsService: StolenGoodsService {
    public nonisolated let sourceName: String
    private var hits: Set<String>
    private var failure: NotCheckedReason?
    /// Every serial asked for, in order.
    public private(set) var terms: [String] = []

    public init(sourceName: String = "stopheling", hits: Set<String> = [], failing failure: NotCheckedReason? = nil) {
        self.sourceName = sourceName
        self.hits = hits
        self.failure = failure
    }

    /// From now on these serials are hits.
    public func setHits(_ hits: Set<String>) { self.hits = hits }
    /// From now on every search fails with `reason` (nil: answers again).
    public func fail(with reason: NotCheckedReason?) { failure = reason }

    public nonisolated func search(serial: String, brand: String?) async throws(NotCheckedReason) -> [StolenRecord] {
        let (hit, failure) = await note(serial)
        if let failure { throw failure }
        return hit ? [StolenRecord(serial: serial, source: sourceName, matchType: "EXACT")] : []
    }

    private func note(_ term: String) -> (Bool, NotCheckedReason?) {
        terms.append(term)
        return (hits.contains(term), failure)
    }
}
