import Counter
import Foundation

/// How the kiosk checks a scanned serial against stolen-goods data.
///
/// Integration point: `RunCommand` plugs in ``StolenGoodsItemChecker`` (the local hotlist plus Stop Heling);
/// ``UnavailableItemChecker`` stands in when no checker can be built, and never reports "clear".
protocol ItemChecking: Sendable {
    /// The answer that can be given at once (the local list), shown while ``check(serial:brand:)`` runs;
    /// nil when there is none.
    func immediate(serial: String) -> KioskCheck?
    /// The final answer.
    func check(serial: String, brand: String?) async -> KioskCheck
}

/// A check result as the counter screen shows it.
struct KioskCheck: Sendable, Codable, Hashable {
    var status: ItemCheckStatus
    /// False while a slower source (Stop Heling) may still change the answer.
    var final: Bool
    var reasonCode: String?
    var reason: String?
    var reasonEN: String?
    var sources: [String]
    var records: [StolenRecord]

    /// The register's record of this check, as proof of due diligence.
    func itemCheck(itemID: String, term: String, at date: Date, dismissal: String?) -> ItemCheck {
        var detail: [String: Any] = [
            "term": term, "result": status.rawValue, "final": final,
            "records": records.map { ["serial": $0.serial, "brand": $0.brand ?? "", "matchType": $0.matchType,
                                      "source": $0.source ?? ""] },
        ]
        if let dismissal { detail["dismissed"] = dismissal }
        let data = (try? JSONSerialization.data(withJSONObject: detail, options: [.sortedKeys])) ?? Data("{}".utf8)
        return ItemCheck(itemID: itemID, checkedAt: date, status: status, reason: reasonCode, sources: sources, detail: data)
    }
}

extension KioskCheck {
    /// The kiosk's view of the checker's answer.
    init(_ result: StolenGoodsCheck, final: Bool) {
        var sources: [String] = []
        var code: String?, nl: String?, en: String?
        switch result {
        case .clear(let s): sources = s
        case .hit(let r), .possibleMatch(let r): sources = Array(Set(r.compactMap(\.source))).sorted()
        case .notChecked(let why): code = why.code; nl = why.dutch; en = why.english
        }
        self.init(status: result.status, final: final, reasonCode: code, reason: nl, reasonEN: en, sources: sources,
                  records: result.records)
    }

    /// Nothing to check: the scan carried no serial (a product barcode only).
    static let nothingToCheck = KioskCheck(
        status: .notChecked, final: true, reasonCode: "nothingToCheck",
        reason: "Geen serienummer om te controleren: typ het serienummer.",
        reasonEN: "No serial number to check: type the serial number.", sources: [], records: [])
}

/// The checker to use when the stolen-goods check cannot run at all: every item is "not checked", never clear.
struct UnavailableItemChecker: ItemChecking {
    static let result = KioskCheck(
        status: .notChecked, final: true, reasonCode: "unavailable", reason: "controle nog niet beschikbaar",
        reasonEN: "check not available yet", sources: [], records: [])

    func immediate(serial: String) -> KioskCheck? { Self.result }
    func check(serial: String, brand: String?) async -> KioskCheck { Self.result }
}

/// The real checker: the local hotlist answers at once, Stop Heling (when configured) follows.
struct StolenGoodsItemChecker: ItemChecking {
    let checker: StolenGoodsChecker
    /// Whether a remote service (Stop Heling) follows the local list; known when the checker is built.
    let hasRemote: Bool

    func immediate(serial: String) -> KioskCheck? {
        let quick = checker.quickCheck(serial: serial)
        // A hit is final at once; anything else may still change when the remote service answers.
        let isFinal: Bool = switch quick {
        case .hit: true
        case .notChecked(.awaitingRemote): false
        default: !hasRemote
        }
        return KioskCheck(quick, final: isFinal)
    }

    func check(serial: String, brand: String?) async -> KioskCheck {
        KioskCheck(await checker.check(serial: serial, brand: brand), final: true)
    }
}
