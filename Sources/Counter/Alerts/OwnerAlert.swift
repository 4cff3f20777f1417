import Foundation

/// Something the owner must look at: a stolen-goods hit found after purchase, a rejected upload, an old
/// upload backlog. Alerts are kept (append-only); acknowledging one records who did it, when and why.
public struct OwnerAlert: Codable, Sendable, Hashable, Identifiable {
    /// What kind of attention is needed.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A hotlist update matched an item still in its holding period: keep it, call the police.
        case lateHit
        /// The register refused an upload.
        case uploadRejected
        /// Entries have waited longer than the configured age for upload.
        case uploadBacklog
        /// A police hold order (bewaarlast) ended: the good may be sold again once its holding period is over.
        case holdOrderEnded
        /// A written police notice matched a good in the shop: it got a police flag; keep it, call the police.
        case policeNoticeMatch
        /// Bill 36 036 applies and makes the DOR mandatory, but no register upload is configured.
        case dorUploadRequired
    }

    public var id: Int
    public var kind: Kind
    public var raisedAt: Date
    public var itemID: String?
    public var entryNumber: Int?
    /// What happened, without personal data ("IMEI matched hotlist 2026-11-22").
    public var message: String
    public var acknowledgedBy: String?
    public var acknowledgedAt: Date?
    public var acknowledgementNote: String?

    public var isOpen: Bool { acknowledgedAt == nil }
}
