import Crypto
import Foundation

/// One entry of the purchase register (inkoopregister), as stored: immutable once written.
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
    /// The seller, while the identity is kept; nil after it was erased (``identityErasedOn``).
    public var seller: Seller?
    /// Hex SHA-256 over the identity's salt and its canonical JSON (`SellerIdentity/commitment(salt:identity:)`):
    /// what the chain holds instead of the identity.
    public var sellerCommitment: String
    /// The day the identity was erased after retention, or nil while it is kept.
    public var identityErasedOn: CalendarDate?
    /// The entry's hash in the register's first format (seller inside the chain), for an entry made before the
    /// identity moved out of the chain; nil for entries made since.
    public var legacyHash: String?
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
    /// The chip check of the seller's document (verdict and document signer; no chip data), in the chain.
    /// Absent from entries made without one, whose chained content is unchanged by it.
    public var chipCheck: ChipCheck.Record? = nil

    public var id: Int { entryNumber }

    /// What stands where the seller's details were, after the erasure: "gewist op 2030-12-03".
    public var erasedNote: String { "gewist op \(identityErasedOn?.iso ?? "?")" }

    /// The hash of "no previous entry".
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The fields the hash covers, in a fixed order: the bookkeeping, and the seller only as a commitment.
    struct Content: Codable {
        var entryNumber: Int
        var recordedAt: String
        var day: CalendarDate
        var clerk: String
        var kind: TransactionKind
        var priceCents: Int
        var paymentMethod: PaymentMethod
        var conditions: String?
        var sellerCommitment: String
        var legacyHash: String?
        var items: [RegisterItem]
        var corrects: Int?
        var correctionReason: String?
        var override: OwnerOverride?
        var shopID: String
        var chipCheck: ChipCheck.Record?
    }

    /// The entry with the seller written out: the register's first chained format, and the document the DOR
    /// receives (``uploadDocument()``), whose fields did not change when the identity left the chain.
    struct Document: Codable {
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

    static func canonicalEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The canonical encoding of the entry's chained content: JSON with sorted keys, no insignificant white
    /// space, no escaped slashes, integers only, dates as text. It holds no name, address, birth date or
    /// document number: only ``sellerCommitment``. Stored as-is, so verification does not depend on
    /// re-encoding producing the same bytes.
    public func canonicalContent() -> Data {
        let content = Content(
            entryNumber: entryNumber, recordedAt: Self.timestampFormatter.string(from: recordedAt), day: day,
            clerk: clerk, kind: kind, priceCents: priceCents, paymentMethod: paymentMethod,
            conditions: conditions, sellerCommitment: sellerCommitment, legacyHash: legacyHash, items: items,
            corrects: corrects, correctionReason: correctionReason, override: override, shopID: shopID, chipCheck: chipCheck)
        // Encoding plain strings, integers and enums cannot fail.
        return try! Self.canonicalEncoder().encode(content)
    }

    /// What the register (DOR) receives for this entry: the entry with the seller written out, in the same
    /// canonical JSON. Nil once the identity was erased.
    public func uploadDocument() -> Data? {
        guard let seller else { return nil }
        let document = Document(
            entryNumber: entryNumber, recordedAt: Self.timestampFormatter.string(from: recordedAt), day: day,
            clerk: clerk, kind: kind, priceCents: priceCents, paymentMethod: paymentMethod,
            conditions: conditions, seller: seller, items: items, corrects: corrects,
            correctionReason: correctionReason, override: override, shopID: shopID)
        return try! Self.canonicalEncoder().encode(document)
    }

    /// Rebuilds an entry from its stored chained content, chain hashes and (while kept) the seller's identity.
    static func decode(content: Data, previousHash: String, hash: String, seller: Seller?,
                       erasedOn: CalendarDate?) throws -> RegisterEntry {
        let c = try JSONDecoder().decode(Content.self, from: content)
        return RegisterEntry(
            entryNumber: c.entryNumber, recordedAt: try date(c.recordedAt), day: c.day, clerk: c.clerk, kind: c.kind,
            priceCents: c.priceCents, paymentMethod: c.paymentMethod, conditions: c.conditions, seller: seller,
            sellerCommitment: c.sellerCommitment, identityErasedOn: erasedOn, legacyHash: c.legacyHash,
            items: c.items, corrects: c.corrects, correctionReason: c.correctionReason, override: c.override,
            shopID: c.shopID, previousHash: previousHash, hash: hash, chipCheck: c.chipCheck)
    }

    /// Reads an upload document (or an entry in the first format): the entry with its seller. The commitment
    /// is not in it and stays empty.
    static func decode(document: Data) throws -> RegisterEntry {
        let c = try JSONDecoder().decode(Document.self, from: document)
        return RegisterEntry(
            entryNumber: c.entryNumber, recordedAt: try date(c.recordedAt), day: c.day, clerk: c.clerk, kind: c.kind,
            priceCents: c.priceCents, paymentMethod: c.paymentMethod, conditions: c.conditions, seller: c.seller,
            sellerCommitment: "", identityErasedOn: nil, legacyHash: nil, items: c.items, corrects: c.corrects,
            correctionReason: c.correctionReason, override: c.override, shopID: c.shopID, previousHash: "", hash: "")
    }

    private static func date(_ text: String) throws -> Date {
        guard let date = timestampFormatter.date(from: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "bad recordedAt"))
        }
        return date
    }

    /// SHA-256 over the previous hash, a newline and the canonical content, as lower-case hex.
    public static func chainHash(previousHash: String, content: Data) -> String {
        var hasher = SHA256()
        var previous = previousHash
        previous.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        withUnsafeBytes(of: UInt8(0x0A)) { hasher.update(bufferPointer: $0) }
        hasher.update(data: content)
        return Hex.string(hasher.finalize())
    }

    /// ISO 8601 with offset, in the shop's time zone: `2026-11-22T15:04:05+01:00`.
    static let timestampFormatter = ShopTimestamp()

    /// Key of the i-th item, stable for the life of the register: `"<entryNumber>-<index+1>"`.
    public func itemID(_ index: Int) -> String { Self.itemID(entryNumber: entryNumber, index: index) }

    /// The key of item `index` of entry `entryNumber`, for code that has the number but not the entry.
    static func itemID(entryNumber: Int, index: Int) -> String { "\(entryNumber)-\(index + 1)" }
}

