import Foundation
import GRDB

/// Schema v6: the seller's identity leaves the hash chain (`SellerIdentity`).
///
/// A register made before (the first format, the seller inside each entry's chained content) is converted in
/// the migration's one transaction:
/// 1. the old chain is checked as it stands (numbering, links, hashes); a problem found is not hidden, it is
///    written into the migration event and `verify` reports it from then on;
/// 2. each entry's identity moves to `seller_identity` with a fresh salt, and its chained content becomes the
///    new format: the same bookkeeping, the seller's commitment, and the entry's old hash (`legacyHash`), so
///    the new chain commits to the old one, entry by entry;
/// 3. a chained ``RegisterEvent`` of kind `migration` carries the old head hash and entry count: a head
///    printed on an old day log, held in the anchor file or acknowledged by the DOR still matches.
/// Upload jobs keep their payload: it is the upload document, whose format did not change.
enum IdentityApartMigration {
    static func migrate(_ db: Database, at date: Date = Date()) throws {
        try db.execute(sql: """
            -- The seller of each entry, apart from the chain. Erasing (after retention) clears the identity, its
            -- salt and its lookup key and keeps the day; nothing else may change, and no row is deleted.
            CREATE TABLE seller_identity (
                entry_number INTEGER PRIMARY KEY NOT NULL REFERENCES entry(entry_number),
                identity BLOB,
                salt BLOB,
                seller_key TEXT,
                erased_on TEXT,
                CHECK ((erased_on IS NULL AND identity IS NOT NULL AND salt IS NOT NULL)
                       OR (erased_on IS NOT NULL AND identity IS NULL AND salt IS NULL AND seller_key IS NULL))
            );
            CREATE INDEX seller_identity_key ON seller_identity(seller_key);
            CREATE TRIGGER seller_identity_no_delete BEFORE DELETE ON seller_identity
            BEGIN SELECT RAISE(ABORT, 'a seller identity is erased, never deleted'); END;
            CREATE TRIGGER seller_identity_erase_only BEFORE UPDATE ON seller_identity
            WHEN OLD.erased_on IS NOT NULL OR NEW.erased_on IS NULL OR NEW.entry_number IS NOT OLD.entry_number
            BEGIN SELECT RAISE(ABORT, 'a seller identity can only be erased'); END;

            -- Chained events that are not entries (a format migration, an erasure after retention): their own
            -- hash chain, each pinning the entry chain's head at its time.
            CREATE TABLE register_event (
                sequence INTEGER PRIMARY KEY NOT NULL CHECK (sequence > 0),
                at TEXT NOT NULL,
                kind TEXT NOT NULL,
                content BLOB NOT NULL,
                previous_hash TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE
            );
            CREATE TRIGGER register_event_no_update BEFORE UPDATE ON register_event
            BEGIN SELECT RAISE(ABORT, 'register rows are append-only: register_event cannot be updated'); END;
            CREATE TRIGGER register_event_no_delete BEFORE DELETE ON register_event
            BEGIN SELECT RAISE(ABORT, 'register rows are append-only: register_event cannot be deleted'); END;

            CREATE INDEX sale_recorded_at ON sale(recorded_at);
            -- The purge replaces the payloads of an entry's upload jobs.
            CREATE INDEX upload_job_entry ON upload_job(entry_number);
            """)
        let rows = try Row.fetchAll(db, sql: """
            SELECT entry_number, content, previous_hash, hash, seller_key FROM entry ORDER BY entry_number
            """)
        var legacyProblem: String?
        var expected = 1
        var legacyPrevious = RegisterEntry.genesisHash
        for row in rows where legacyProblem == nil {
            let number: Int = row["entry_number"]
            let problem: RegisterVerification.Problem? =
                if number != expected { .numberingGap(expected: expected, found: number) }
                else if row["previous_hash"] != legacyPrevious { .chainBroken(entryNumber: number) }
                else if RegisterEntry.chainHash(previousHash: legacyPrevious, content: row["content"]) != row["hash"] {
                    .contentAltered(entryNumber: number)
                } else { nil }
            legacyProblem = problem?.description
            legacyPrevious = row["hash"]
            expected += 1
        }

        try db.execute(sql: """
            DROP TRIGGER entry_no_update;
            DROP INDEX entry_seller_key;
            ALTER TABLE entry DROP COLUMN seller_key;
            """)
        var previous = RegisterEntry.genesisHash
        for row in rows {
            let number: Int = row["entry_number"]
            let oldContent: Data = row["content"]
            let newContent: Data
            if var entry = try? RegisterEntry.decode(document: oldContent), let seller = entry.seller {
                let salt = SellerIdentity.newSalt()
                let identity = SellerIdentity.canonical(seller)
                entry.sellerCommitment = SellerIdentity.commitment(salt: salt, identity: identity)
                entry.legacyHash = row["hash"]
                newContent = entry.canonicalContent()
                try db.execute(
                    sql: "INSERT INTO seller_identity (entry_number, identity, salt, seller_key) VALUES (?, ?, ?, ?)",
                    arguments: [number, identity, salt, row["seller_key"] as String?])
            } else {
                // Unreadable in the old format: kept byte for byte, and `verify` reports it as unreadable.
                newContent = oldContent
                legacyProblem = legacyProblem ?? RegisterVerification.Problem.unreadable(entryNumber: number).description
            }
            let hash = RegisterEntry.chainHash(previousHash: previous, content: newContent)
            try db.execute(sql: "UPDATE entry SET content = ?, previous_hash = ?, hash = ? WHERE entry_number = ?",
                           arguments: [newContent, previous, hash, number])
            previous = hash
        }
        try db.execute(sql: """
            CREATE TRIGGER entry_no_update BEFORE UPDATE ON entry
            BEGIN SELECT RAISE(ABORT, 'register rows are append-only: entry cannot be updated'); END;
            """)
        guard let last = rows.last else { return }
        _ = try RegisterEvent.append(db, .migration(.init(
            format: "identity-apart", legacyHeadHash: last["hash"], legacyEntryCount: rows.count,
            legacyProblem: legacyProblem)), at: date)
    }
}
