import Foundation
import GRDB

/// A chained event of the register that is not an entry: the register's format changed (`migration`), or
/// identities were erased after retention (`purge`).
///
/// Events have their own hash chain (table `register_event`, SHA-256 over the previous hash and the canonical
/// content, like entries), so entry numbers stay the gap-free volgnummers the law asks for. Each event pins
/// the entry chain's head when it was written. `verify` walks both chains, and an identity that is gone
/// without a purge event naming its entry is reported as tampering.
package struct RegisterEvent: Sendable, Hashable, Codable {
    /// The chained content.
    package struct Content: Sendable, Hashable, Codable {
        package var sequence: Int
        package var at: String
        package var kind: Kind
        /// The entry chain's head when the event was written (nil for an empty register).
        package var registerHead: RegisterAnchor.Head?
        package var migration: Migration?
        package var purge: Purge?
    }

    package enum Kind: String, Sendable, Hashable, Codable {
        case migration, purge
    }

    /// The register moved to a new format.
    package struct Migration: Sendable, Hashable, Codable {
        /// `identity-apart`: the seller left the chained content (schema v6).
        package var format: String
        /// The head hash of the chain in the old format: what old day logs, anchors and the DOR knew.
        package var legacyHeadHash: String
        package var legacyEntryCount: Int
        /// What was wrong with the old chain when it was converted, if anything.
        package var legacyProblem: String?
    }

    /// Identities (and photos) erased after retention.
    package struct Purge: Sendable, Hashable, Codable {
        /// The entries whose seller identity was erased.
        package var entryNumbers: [Int]
        package var erasedOn: CalendarDate
        /// Photo files removed.
        package var photosRemoved: Int
        /// The rule applied, e.g. `retention.identityYears = 4`.
        package var rule: String
        /// Who ran it: `retention` for the daily job, or the user of `counter-kiosk purge`.
        package var actor: String
    }

    /// What to record.
    enum Body {
        case migration(Migration)
        case purge(Purge)
    }

    package var content: Content
    package var previousHash: String
    package var hash: String

    /// The next event of a register's event chain: number `sequence` on `previousHash`, pinning the entry chain's
    /// `head`. The same bytes on every backend.
    static func make(_ body: Body, sequence: Int, previousHash: String, head: RegisterAnchor.Head?, at date: Date) -> RegisterEvent {
        var content = Content(sequence: sequence, at: RegisterEntry.timestampFormatter.string(from: date),
                              kind: .migration, registerHead: head)
        switch body {
        case .migration(let migration): content.migration = migration
        case .purge(let purge): content.kind = .purge; content.purge = purge
        }
        let data = try! RegisterEntry.canonicalEncoder().encode(content)
        return RegisterEvent(content: content, previousHash: previousHash,
                             hash: RegisterEntry.chainHash(previousHash: previousHash, content: data))
    }

    /// The chained bytes of the event (what its hash covers).
    var contentData: Data { try! RegisterEntry.canonicalEncoder().encode(content) }

    /// Appends an event in the caller's transaction and returns it.
    static func append(_ db: Database, _ body: Body, at date: Date) throws -> RegisterEvent {
        let last = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM register_event ORDER BY sequence DESC LIMIT 1")
        let head = try Row.fetchOne(db, sql: "SELECT entry_number, hash FROM entry ORDER BY entry_number DESC LIMIT 1")
            .map { RegisterAnchor.Head(entryNumber: $0["entry_number"], hash: $0["hash"]) }
        let event = make(body, sequence: (last?["sequence"] as Int? ?? 0) + 1,
                         previousHash: last?["hash"] as String? ?? RegisterEntry.genesisHash, head: head, at: date)
        try db.execute(
            sql: "INSERT INTO register_event (sequence, at, kind, content, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [event.content.sequence, event.content.at, event.content.kind.rawValue, event.contentData,
                        event.previousHash, event.hash])
        return event
    }

    /// Every event, in order, as stored (content decoded; chain not checked: that is `verify`'s work).
    static func all(_ db: Database) throws -> [RegisterEvent] {
        try Row.fetchAll(db, sql: "SELECT content, previous_hash, hash FROM register_event ORDER BY sequence").map {
            RegisterEvent(content: try JSONDecoder().decode(Content.self, from: $0["content"] as Data),
                          previousHash: $0["previous_hash"], hash: $0["hash"])
        }
    }
}
