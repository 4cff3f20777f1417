import Foundation

/// An item on the counter before the purchase is confirmed: what its scan revealed and the check of the
/// identifiers it will be stored with.
public struct TillItem: Sendable, Codable, Hashable, Identifiable {
    public var id: String
    /// The scan as the clerk sees it (AIM prefix removed), shown as text, never as HTML; nil when typed.
    public var scanned: String?
    /// `gtin`, `imei`, `serial`, `gs1`, `digital_link`, `invalid_gtin`, `invalid_imei`, `typed`.
    public var kind: String
    public var gtin: String?
    public var imei: String?
    public var serialNumber: String?
    public var frameNumber: String?
    /// The check of the identifiers as they stand now (the most severe of them).
    public var check: TillCheck
    /// Set while a slower source may still change ``check``.
    public var checking: Bool
    public var checkedAt: Date?
    /// The same identifier is on another item of this customer.
    public var duplicate: Bool
    /// Where the item came from: `page`, `serial:/dev/ttyACM0`, `cli`.
    public var source: String
    /// The owner's decision on a hit, once made.
    public var decision: HitDecision?
    public var created: Date

    /// The identifiers a check must cover, as the register will store them.
    public var identifiers: [String] {
        ItemIdentifiers.of(imei: imei, serialNumber: serialNumber, frameNumber: frameNumber)
    }

    /// A hit the owner has not decided on: the purchase may not go on, and the till shows it full screen.
    public var isOpenHit: Bool { check.status == .hit && decision == nil }
}

/// Which identifiers of an item a stolen-goods check covers: serial, IMEI and frame number (for a GS1 scan
/// the AI 21 serial is the serial number). One function, used on the till and at registration alike.
public enum ItemIdentifiers {
    /// The identifiers, most specific first, without blanks and without two with the same exact key.
    public static func of(imei: String?, serialNumber: String?, frameNumber: String?) -> [String] {
        var seen: Set<String> = []
        return [imei, serialNumber, frameNumber].compactMap { value -> String? in
            guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            let key = SerialKey.exact(value)
            guard !key.isEmpty, seen.insert(key).inserted else { return nil }
            return value
        }
    }

    /// The identifiers of a register item as it will be stored.
    public static func of(_ item: RegisterItem) -> [String] {
        of(imei: item.imei, serialNumber: item.serialNumber, frameNumber: item.frameNumber)
    }
}

/// The identifiers a clerk typed or corrected on an item card.
public struct ItemEdit: Sendable, Codable, Hashable {
    public var imei: String?
    public var serialNumber: String?
    public var frameNumber: String?

    public init(imei: String? = nil, serialNumber: String? = nil, frameNumber: String? = nil) {
        self.imei = imei
        self.serialNumber = serialNumber
        self.frameNumber = frameNumber
    }
}
