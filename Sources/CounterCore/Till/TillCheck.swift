import Foundation

/// A stolen-goods check as the counter shows it and the register keeps it: the result, whether a slower
/// source may still change it, the reason in both languages when it could not be done, and the records.
public struct TillCheck: Sendable, Codable, Hashable {
    public var status: ItemCheckStatus
    /// False while a slower source (Stop Heling) may still change the answer.
    public var final: Bool
    public var reasonCode: String?
    public var reason: String?
    public var reasonEN: String?
    public var sources: [String]
    public var records: [StolenRecord]
    /// The identifier this check looked for (the item's serial, IMEI or frame number as it will be stored).
    public var term: String?

    public init(status: ItemCheckStatus, final: Bool, reasonCode: String? = nil, reason: String? = nil,
                reasonEN: String? = nil, sources: [String] = [], records: [StolenRecord] = [], term: String? = nil) {
        self.status = status
        self.final = final
        self.reasonCode = reasonCode
        self.reason = reason
        self.reasonEN = reasonEN
        self.sources = sources
        self.records = records
        self.term = term
    }

    /// The counter's view of the checker's answer.
    public init(_ result: StolenGoodsCheck, final: Bool, term: String?) {
        var sources: [String] = []
        var code: String?, nl: String?, en: String?
        switch result {
        case .clear(let s): sources = s
        case .hit(let r), .possibleMatch(let r): sources = Array(Set(r.compactMap(\.source))).sorted()
        case .notChecked(let why): code = why.code; nl = why.dutch; en = why.english
        }
        self.init(status: result.status, final: final, reasonCode: code, reason: nl, reasonEN: en, sources: sources,
                  records: result.records, term: term)
    }

    /// Nothing to check: the item has no serial, IMEI or frame number (a product barcode only).
    public static let nothingToCheck = TillCheck(
        .notChecked(.nothingToCheck), final: true, term: nil)

    /// The most severe of several checks (one per identifier of an item): a hit outranks everything, and
    /// "not checked" outranks "clear", so one unchecked identifier keeps the item from being clear.
    public static func worst(_ checks: [TillCheck]) -> TillCheck {
        guard var worst = checks.first else { return .nothingToCheck }
        for check in checks.dropFirst() where check.status.severity > worst.status.severity { worst = check }
        worst.final = checks.allSatisfy(\.final)
        return worst
    }

    /// What the audit log says of a hit: the number looked for and the records it matched, with their sources.
    public var matchSummary: String {
        "\(term ?? "") matched " + records.map { "\($0.serial) [\($0.source ?? "?")]" }.joined(separator: ", ")
    }

    /// The register's record of this check, as proof of due diligence.
    public func itemCheck(itemID: String, at date: Date, decision: String? = nil) -> ItemCheck {
        var detail: [String: Any] = [
            "term": term ?? "", "result": status.rawValue, "final": final,
            "records": records.map { ["serial": $0.serial, "brand": $0.brand ?? "", "matchType": $0.matchType,
                                      "source": $0.source ?? ""] },
        ]
        if let decision { detail["decision"] = decision }
        let data = (try? JSONSerialization.data(withJSONObject: detail, options: [.sortedKeys])) ?? Data("{}".utf8)
        return ItemCheck(itemID: itemID, checkedAt: date, status: status, reason: reasonCode, sources: sources, detail: data)
    }
}
