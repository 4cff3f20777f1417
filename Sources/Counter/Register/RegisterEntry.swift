import Crypto
import Foundation

/// One entry of the purchase register (inkoopregister), as stored: immutable once written.
///
/// ## Topics
/// - ``entryNumber``: the gap-free running number (volgnummer).
/// - ``hash`` and ``previousHash``: the tamper-evident chain.
/// - ``canonicalContent()``: the bytes the hash covers.
public struct RegisterEntry: Codable, Sendable, Hashable, Identifiable {
    /// Volgnummer: 1, 2, 3, … without gaps, per shop (one database holds one shop's register).
    public var entryNumber: Int
    /// When the goods were acquired, to the second.
    public var recordedAt: Date
    /// The acquisition day in the shop's time zone.
    public var day: CalendarDate
    public var clerk: String
    public var kind: TransactionKind
    public var priceCents: Int
    public var paymentMethod: PaymentMethod
    public var conditions: String?
    public var seller: Seller
    public var items: [RegisterItem]
    public var corrects: Int?
    public var correctionReason: String?
    public var override: OwnerOverride?
    /// The shop (KvK number and branch) that keeps this register.
    public var shopID: String
    /// Hex SHA-256 of the previous entry (64 zeros for entry 1).
    public var previousHash: String
    /// Hex SHA-256 over `previousHash` and ``canonicalContent()``.
    public var hash: String

    public var id: Int { entryNumber }

    /// The hash of "no previous entry".
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The fields the hash covers, in a fixed order.
    struct Content: Codable {
        var entryNumber: Int
        var recordedAt: String
        var day: CalendarDate
        var clerk: String
        var kind: TransactionKind
        var priceCents: Int
        var paymentMethod: PaymentMethod
        var conditions: String?
        var seller: Seller
        var items: [RegisterItem]
        var corrects: Int?
        var correctionReason: String?
        var override: OwnerOverride?
        var shopID: String
    }

    /// The canonical encoding of the entry's content: JSON with sorted keys, no insignificant white
    /// space, no escaped slashes, integers only, dates as text. Stored as-is, so verification does not
    /// depend on re-encoding producing the same bytes.
    public func canonicalContent() -> Data {
        let content = Content(
            entryNumber: entryNumber, recordedAt: Self.timestampFormatter.string(from: recordedAt), day: day,
            clerk: clerk, kind: kind, priceCents: priceCents, paymentMethod: paymentMethod,
            conditions: conditions, seller: seller, items: items, corrects: corrects,
            correctionReason: correctionReason, override: override, shopID: shopID)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, integers and enums cannot fail.
        return try! encoder.encode(content)
    }

    /// Rebuilds an entry from its stored canonical content and chain hashes.
    static func decode(content: Data, previousHash: String, hash: String) throws -> RegisterEntry {
        let c = try JSONDecoder().decode(Content.self, from: content)
        guard let recordedAt = timestampFormatter.date(from: c.recordedAt) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "bad recordedAt"))
        }
        return RegisterEntry(
            entryNumber: c.entryNumber, recordedAt: recordedAt, day: c.day, clerk: c.clerk, kind: c.kind,
            priceCents: c.priceCents, paymentMethod: c.paymentMethod, conditions: c.conditions, seller: c.seller,
            items: c.items, corrects: c.corrects, correctionReason: c.correctionReason, override: c.override,
            shopID: c.shopID, previousHash: previousHash, hash: hash)
    }

    /// SHA-256 over the previous hash, a newline and the canonical content, as lower-case hex.
    public static func chainHash(previousHash: String, content: Data) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(previousHash.utf8))
        hasher.update(data: Data([0x0A]))
        hasher.update(data: content)
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// ISO 8601 with offset, in the shop's time zone: `2026-11-22T15:04:05+01:00`.
    static let timestampFormatter = ShopTimestamp()

    /// Key of the i-th item, stable for the life of the register: `"<entryNumber>-<index+1>"`.
    public func itemID(_ index: Int) -> String { "\(entryNumber)-\(index + 1)" }
}

