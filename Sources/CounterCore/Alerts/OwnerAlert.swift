import Foundation

/// Something the owner must look at: a stolen-goods hit found after purchase, a rejected upload, an old
/// upload backlog. Alerts are kept (append-only); acknowledging one records who did it, when and why.
package struct OwnerAlert: Codable, Sendable, Hashable, Identifiable {
    /// What kind of attention is needed.
    package enum Kind: String, Codable, Sendable, CaseIterable {
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

    package var id: Int
    package var kind: Kind
    package var raisedAt: Date
    package var itemID: String?
    package var entryNumber: Int?
    /// The catalog's code of the message, and its parameters (nil for an alert raised before alerts had codes).
    package var code: CounterMessages.Code?
    package var parameters: [String: String]
    /// What happened, without personal data, in Dutch and English (``text(_:)``).
    package var message: String
    package var messageEN: String
    package var acknowledgedBy: String?
    package var acknowledgedAt: Date?
    package var acknowledgementNote: String?

    package var isOpen: Bool { acknowledgedAt == nil }

    package init(id: Int, kind: Kind, raisedAt: Date, itemID: String?, entryNumber: Int?, code: CounterMessages.Code?,
                parameters: [String: String], storedMessage: String, acknowledgedBy: String?, acknowledgedAt: Date?,
                acknowledgementNote: String?) {
        self.id = id
        self.kind = kind
        self.raisedAt = raisedAt
        self.itemID = itemID
        self.entryNumber = entryNumber
        self.code = code
        self.parameters = parameters
        message = code.map { CounterMessages.text($0, .nl, parameters) } ?? storedMessage
        messageEN = code.map { CounterMessages.text($0, .en, parameters) } ?? storedMessage
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgementNote = acknowledgementNote
    }

    /// The alert in `language`.
    package func text(_ language: CounterMessages.Language) -> String { language == .nl ? message : messageEN }

    /// How every backend keeps an alert's words: its Dutch text as raised (for a reader without the catalog)
    /// and its parameters as JSON with sorted keys.
    static func stored(_ code: CounterMessages.Code, _ parameters: [String: String]) throws -> (message: String, parameters: String) {
        (CounterMessages.text(code, .nl, parameters), String(decoding: try JSONEncoder.sorted.encode(parameters), as: UTF8.self))
    }

    /// Parameters kept by ``stored(_:_:)``; none when absent or unreadable.
    static func parameters(stored json: String?) -> [String: String] {
        json.flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) } ?? [:]
    }
}
