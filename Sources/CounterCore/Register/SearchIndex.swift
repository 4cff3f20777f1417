import Crypto
import Foundation
import GRDB

/// The owner's search index (schema v9): derived from the entries, never part of the chain, written in the
/// same transaction as each entry.
///
/// - `item_key`: each item's numbers (IMEI, serial, frame number) under their loose key (`SerialKey`), so
///   "SN 123-45" finds "SN12345" and "5N12345" finds it too; whether a hit is exact is read from the entry
///   found. Numbers of goods are not personal data.
/// - `seller_search`: keyed hashes (HMAC with the data folder's secret, like the returning-seller key) of the
///   seller's name words and document number. The file holds no readable index of names or document numbers;
///   a search hashes its words the same way. The rows of an entry go when its identity is erased after
///   retention (`SQLiteRegisterStore/purge(today:at:actor:photos:)`).
///
/// The index is not evidence: `verify` does not read it, and a search only leads to entries, which are.
enum SearchIndex {
    static func migrate(_ db: Database, secret: Data) throws {
        try db.execute(sql: """
            CREATE TABLE item_key (
                loose TEXT NOT NULL,
                item_id TEXT NOT NULL,
                entry_number INTEGER NOT NULL REFERENCES entry(entry_number)
            );
            CREATE INDEX item_key_loose ON item_key(loose, entry_number);
            CREATE TABLE seller_search (
                term TEXT NOT NULL,
                entry_number INTEGER NOT NULL REFERENCES entry(entry_number)
            );
            CREATE INDEX seller_search_term ON seller_search(term, entry_number);
            CREATE INDEX seller_search_entry ON seller_search(entry_number);
            CREATE INDEX entry_clerk ON entry(clerk COLLATE NOCASE);
            CREATE INDEX entry_item_category ON entry_item(category, entry_number);
            CREATE INDEX item_check_status ON item_check(status, item_id);
            CREATE INDEX entry_corrects ON entry(corrects) WHERE corrects IS NOT NULL;
            """)
        // Entries made before the index: read once, at the upgrade.
        let rows = try Row.fetchCursor(db, sql: "\(SQLiteRegisterStore.selectEntry) ORDER BY e.entry_number")
        while let row = try rows.next() {
            guard let entry = try? SQLiteRegisterStore.entry(from: row) else { continue }
            try insert(db, entry, sellerTerms: entry.seller.map { sellerTerms($0, secret: secret) } ?? [])
        }
    }

    /// Writes an entry's index rows.
    static func insert(_ db: Database, _ entry: RegisterEntry, sellerTerms: [String]) throws {
        for (i, item) in entry.items.enumerated() {
            for number in item.identifiers {
                let exact = SerialKey.exact(number)
                guard !exact.isEmpty else { continue }
                try db.execute(sql: "INSERT INTO item_key (loose, item_id, entry_number) VALUES (?, ?, ?)",
                               arguments: [SerialKey.fold(exact), entry.itemID(i), entry.entryNumber])
            }
        }
        for term in Set(sellerTerms) {
            try db.execute(sql: "INSERT INTO seller_search (term, entry_number) VALUES (?, ?)",
                           arguments: [term, entry.entryNumber])
        }
    }

    /// Removes the seller terms of erased entries.
    static func erase(_ db: Database, entryNumbers: some Collection<Int>) throws {
        guard !entryNumbers.isEmpty else { return }
        try db.execute(sql: "DELETE FROM seller_search WHERE entry_number IN (\(entryNumbers.map { _ in "?" }.joined(separator: ",")))",
                       arguments: StatementArguments(Array(entryNumbers)))
    }

    /// The words of a name as searched: lower case, without accents, split at anything not a letter or digit
    /// ("Jan-Willem de Vries" → jan, willem, de, vries; "Müller" → muller).
    static func nameWords(_ text: String) -> [String] {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
            .split { !($0.isLetter || $0.isNumber) }
            .map(String.init)
    }

    /// A document number as searched: upper case letters and digits only (as the returning-seller key).
    static func documentKey(_ text: String) -> String {
        text.uppercased().filter { $0.isLetter || $0.isNumber }
    }
}

extension SearchIndex {
    /// A keyed hash of one search term, so the index holds no readable name or document number.
    static func term(_ kind: String, _ value: String, secret: Data) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(kind):\(value)".utf8), using: SymmetricKey(data: secret))
        return kind + ":" + Hex.string(mac.prefix(16))
    }

    /// The seller terms of one identity: each name word and the document number.
    static func sellerTerms(_ seller: Seller, secret: Data) -> [String] {
        let words = nameWords(seller.givenNames + " " + seller.surname)
        let document = documentKey(seller.document.number)
        return words.map { term("n", $0, secret: secret) } + (document.isEmpty ? [] : [term("d", document, secret: secret)])
    }
}
