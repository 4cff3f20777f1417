import Foundation

/// An admitted intake made into the next entry of a register's chain: the entry, the bytes that are chained
/// and hashed, the seller's identity kept apart with its salt, and the document the register (DOR) receives.
/// Every backend writes exactly these, so an entry reads and verifies the same wherever it is kept.
struct ChainedEntry: Sendable {
    var entry: RegisterEntry
    /// The canonical content the chain hash covers (``RegisterEntry/canonicalContent()``).
    var content: Data
    /// The seller's identity as canonical JSON, and the random salt its commitment in ``content`` uses.
    var identity: Data
    var salt: Data
    /// What the upload job sends (``RegisterEntry/uploadDocument()``).
    var upload: Data

    /// What an entry is before it has its place in the chain: everything but its number and the hashes, made
    /// before the register is locked (on PostgreSQL every other till of the branch waits while it is).
    struct Unplaced: Sendable {
        var entry: RegisterEntry
        var identity: Data
        var salt: Data

        /// - Parameter law: gives the holding period of the acquisition day, written into items that have none.
        init(_ intake: Intake, at date: Date, shopID: String, law: LawRegime) {
            let day = CalendarDate(date)
            // Entries are stamped to the second: the canonical timestamp has no fractions.
            let recordedAt = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
            var items = intake.items
            // The hold period of the law that applies on the acquisition day (``LawRegime/rules(on:)``).
            let holdUntil = law.rules(on: day).holding.holdUntil(acquiredOn: day)
            for i in items.indices where items[i].holdUntil == nil { items[i].holdUntil = holdUntil }
            entry = RegisterEntry(
                entryNumber: 0, recordedAt: recordedAt, day: day, clerk: intake.clerk, kind: intake.kind,
                priceCents: intake.priceCents, paymentMethod: intake.paymentMethod, conditions: intake.conditions,
                seller: intake.seller, sellerCommitment: "", identityErasedOn: nil, legacyHash: nil, items: items,
                corrects: intake.corrects, correctionReason: intake.correctionReason, override: intake.override,
                shopID: shopID, previousHash: "", hash: "", chipCheck: intake.chipCheck)
            salt = SellerIdentity.newSalt()
            identity = SellerIdentity.canonical(intake.seller)
            entry.sellerCommitment = SellerIdentity.commitment(salt: salt, identity: identity)
        }

        /// The entry as number `number` on `previousHash`.
        /// - Parameters:
        ///   - number: the next number of this register (branch), one past its last.
        ///   - previousHash: the last entry's hash, or ``RegisterEntry/genesisHash`` for the first.
        func placed(number: Int, previousHash: String) -> ChainedEntry {
            var entry = entry
            entry.entryNumber = number
            entry.previousHash = previousHash
            let content = entry.canonicalContent()
            entry.hash = RegisterEntry.chainHash(previousHash: previousHash, content: content)
            // The seller is set, so there is a document.
            return ChainedEntry(entry: entry, content: content, identity: identity, salt: salt, upload: entry.uploadDocument()!)
        }
    }

    init(entry: RegisterEntry, content: Data, identity: Data, salt: Data, upload: Data) {
        self.entry = entry
        self.content = content
        self.identity = identity
        self.salt = salt
        self.upload = upload
    }

    /// - Parameters:
    ///   - number: the next number of this register (branch), one past its last.
    ///   - previousHash: the last entry's hash, or ``RegisterEntry/genesisHash`` for the first.
    ///   - law: gives the holding period of the acquisition day, written into items that have none.
    init(_ intake: Intake, at date: Date, number: Int, previousHash: String, shopID: String, law: LawRegime) {
        self = Unplaced(intake, at: date, shopID: shopID, law: law).placed(number: number, previousHash: previousHash)
    }
}
