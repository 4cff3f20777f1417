import Counter
import Foundation

/// An item scanned (or typed) at the counter before the purchase is confirmed: what the scan revealed and
/// its stolen-goods check. It becomes a register item when the intake is confirmed.
struct DraftItem: Sendable, Codable {
    var id: String
    /// The scan as received, shown to the clerk as text (never as HTML).
    var scanned: String
    /// `gtin`, `imei`, `serial`, `gs1`, `digital_link`, `invalid_gtin`, `invalid_imei`, `typed`.
    var kind: String
    var gtin: String?
    var imei: String?
    var serialNumber: String?
    /// The value the check looked for.
    var checkTerm: String?
    var check: KioskCheck?
    /// Set while the check runs.
    var checking: Bool
    var checkedAt: Date?
    /// Where the scan came from: `page`, `serial:/dev/ttyACM0`, `stdin`.
    var source: String
    /// Set when an owner dismissed a warning with PIN and reason.
    var dismissedBy: String?
    var dismissReason: String?
    var created: Date

    /// A hit nobody has dismissed: the purchase may not go on.
    var blocksPurchase: Bool { check?.status == .hit && dismissedBy == nil }
}
