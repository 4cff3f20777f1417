import Crypto
import Foundation
import GRDB
import NIOConcurrencyHelpers

extension SQLiteRegisterStore {
    /// The register's head now: the last entry's number and hash (nil for an empty register). Printed on the
    /// day log, so a paper copy also shows how far the register went.
    public func head() throws -> RegisterAnchor.Head? {
        try dbPool.read { db in try Self.head(db) }
    }

    /// ``head()`` inside the caller's read, so what is read with it belongs to the same snapshot.
    static func head(_ db: Database) throws -> RegisterAnchor.Head? {
        try Row.fetchOne(db, sql: "SELECT entry_number, hash FROM entry ORDER BY entry_number DESC LIMIT 1")
            .map { RegisterAnchor.Head(entryNumber: $0["entry_number"], hash: $0["hash"]) }
    }

    /// The key entry `number` is uploaded under; the register knows the entry by it.
    public func uploadKey(entryNumber number: Int) -> String { "\(shopID)/entry/\(number)" }

    /// Checks the database file (`PRAGMA integrity_check`), that entry numbers run 1, 2, 3, … without gaps,
    /// that each entry's content still hashes to its stored hash, that each entry names the hash of the one
    /// before it, and that the index columns and item rows agree with the content. Stops at the first problem.
    public func verify() throws -> RegisterVerification {
        // The anchor is read before the snapshot: another process commits and then anchors, so an anchor read
        // first is never ahead of the snapshot taken after it (read later, it could be, and look like loss).
        let anchoredHead = anchor.latest()
        // SQLite's own check of the file reads every page; it runs on a second connection meanwhile, so the two
        // cores share the work (issue 14: a million entries at ≥ 100 000 entries/s).
        let integrity = NIOLockedValueBox<Result<[String], any Error>?>(nil)
        let integrityDone = DispatchGroup()
        integrityDone.enter()
        DispatchQueue.global().async { [dbPool] in
            integrity.withLockedValue { $0 = Result { try dbPool.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") } } }
            integrityDone.leave()
        }
        let checked: Result<RegisterVerification, any Error> = Result { try dbPool.read { db in
            var result = RegisterVerification(entryCount: 0, headHash: RegisterEntry.genesisHash, firstProblem: nil)
            // A register converted from the first format that was damaged then says so first, whatever follows.
            for event in (try? RegisterEvent.all(db)) ?? [] {
                if let problem = event.content.migration?.legacyProblem {
                    result.firstProblem = .legacyChainDamaged(problem)
                    return result
                }
            }
            let itemRows = try Row.fetchAll(
                db, sql: "SELECT item_id, entry_number, item_index, category, identifier, hold_until FROM entry_item")
            var itemsByEntry: [Int: [Row]] = [:]
            for row in itemRows { itemsByEntry[row[1], default: []].append(row) }
            // What each entry's upload jobs send (a digest, not the bytes: the register may be large).
            var uploads: [Int: [SHA256.Digest]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT entry_number, payload FROM upload_job WHERE kind IN ('entry', 'correction')") {
                uploads[row[0], default: []].append(SHA256.hash(data: row[1] as Data))
            }

            let cursor = try Row.fetchCursor(db, sql: """
                SELECT e.entry_number, e.recorded_at, e.day, e.clerk, e.price_cents, e.corrects, e.content,
                       e.previous_hash, e.hash, s.entry_number AS identity_row, s.identity, s.salt, s.seller_key,
                       s.erased_on
                FROM entry e LEFT JOIN seller_identity s ON s.entry_number = e.entry_number
                ORDER BY e.entry_number
                """)
            var expected = 1
            var previousHash = RegisterEntry.genesisHash
            var erased: [Int] = []
            var legacyHashes: [Int: String] = [:]
            while let row = try cursor.next() {
                let number: Int = row["entry_number"]
                result.entryCount += 1
                // The fast path reads the canonical bytes without decoding; when it cannot say "whole", the exact
                // path reads the entry and names the problem.
                if let quick = quickCheck(row: row, number: number, expected: expected, previousHash: previousHash,
                                          items: itemsByEntry[number] ?? [], uploads: uploads[number]) {
                    if quick.erased { erased.append(number) }
                    if let legacy = quick.legacyHash { legacyHashes[number] = legacy }
                    previousHash = row[8]
                    result.headHash = previousHash
                    expected += 1
                    continue
                }
                result.entriesReadExactly += 1
                let checked = check(row: row, number: number, expected: expected, previousHash: previousHash,
                                    items: itemsByEntry[number] ?? [])
                switch checked {
                case .failure(let problem):
                    result.firstProblem = problem
                    return result
                case .success(let entry):
                    // The upload sends the entry as registered: its document while the identity is kept, the
                    // identity-free content after the erasure.
                    let sent = SHA256.hash(data: entry.uploadDocument() ?? row["content"])
                    if let jobs = uploads[number], jobs.contains(where: { $0 != sent }) {
                        result.firstProblem = .indexAltered(entryNumber: number, column: "upload_job.payload")
                        return result
                    }
                    if entry.identityErasedOn != nil { erased.append(number) }
                    if let legacy = entry.legacyHash { legacyHashes[number] = legacy }
                }
                previousHash = row["hash"]
                result.headHash = previousHash
                expected += 1
            }
            result.erasedIdentities = erased.count
            if let problem = try checkEvents(db, erased: erased, legacyHashes: legacyHashes) {
                result.firstProblem = problem
                return result
            }
            if let anchored = anchoredHead {
                if anchored.entryNumber > result.entryCount {
                    result.firstProblem = .entriesMissing(anchored: anchored.entryNumber, present: result.entryCount)
                } else if try !anchorAgrees(db, anchored) {
                    result.firstProblem = .anchorMismatch(entryNumber: anchored.entryNumber)
                }
            }
            return result
        } }
        integrityDone.wait()
        let pages = try integrity.withLockedValue { try $0!.get() }
        var verification: RegisterVerification
        if pages != ["ok"] {
            // A damaged file says so first: what the entries showed (or an error reading them) is then beside the point.
            verification = (try? checked.get()) ?? RegisterVerification(entryCount: 0, headHash: RegisterEntry.genesisHash, firstProblem: nil)
            verification.firstProblem = .databaseDamaged(pages.prefix(3).joined(separator: "; "))
        } else {
            verification = try checked.get()
        }
        if let problem = verification.firstProblem { markDamaged(problem) }
        return verification
    }

    /// The quick check when the register is opened: the anchored head is still there and is the same entry,
    /// the numbers run without gaps, and the entries after the anchor chain onto it (normally none or one).
    /// The full ``verify()`` runs in the background (the engine does it).
    func checkAtOpen() throws -> RegisterVerification.Problem? {
        let anchoredHead = anchor.latest()  // before the snapshot, as in verify()
        return try dbPool.read { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entry") ?? 0
            let last = try Int.fetchOne(db, sql: "SELECT MAX(entry_number) FROM entry") ?? 0
            if count != last { return .numberingGap(expected: count, found: last) }
            guard let anchored = anchoredHead else {
                // A register from before the anchor (or a new one): trust on first use.
                if last > 0, let hash = try String.fetchOne(db, sql: "SELECT hash FROM entry WHERE entry_number = ?", arguments: [last]) {
                    try? anchor.record(.init(entryNumber: last, hash: hash))
                }
                return nil
            }
            if anchored.entryNumber > last { return .entriesMissing(anchored: anchored.entryNumber, present: last) }
            guard var previous = try String.fetchOne(db, sql: "SELECT hash FROM entry WHERE entry_number = ?",
                                                     arguments: [anchored.entryNumber]),
                  try anchorAgrees(db, anchored) else {
                return .anchorMismatch(entryNumber: anchored.entryNumber)
            }
            if previous != anchored.hash {
                // Anchored before the identity left the chain: the entry's old hash. Anchor the new one.
                try? anchor.record(.init(entryNumber: anchored.entryNumber, hash: previous))
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT entry_number, content, previous_hash, hash FROM entry WHERE entry_number > ? ORDER BY entry_number
                """, arguments: [anchored.entryNumber])
            for row in rows {
                let number: Int = row["entry_number"]
                guard row["previous_hash"] == previous else { return .chainBroken(entryNumber: number) }
                guard let content = row["content"] as Data?,
                      RegisterEntry.chainHash(previousHash: previous, content: content) == row["hash"] else {
                    return .contentAltered(entryNumber: number)
                }
                previous = row["hash"]
            }
            return nil
        }
    }

    /// Whether the anchored head is the entry registered under its number: its hash now, or its hash in the
    /// first format (an anchor written before the identity left the chain, ``RegisterEntry/legacyHash``).
    func anchorAgrees(_ db: Database, _ anchored: RegisterAnchor.Head) throws -> Bool {
        guard let row = try Row.fetchOne(db, sql: "SELECT content, hash FROM entry WHERE entry_number = ?",
                                         arguments: [anchored.entryNumber]) else { return false }
        if row["hash"] == anchored.hash { return true }
        let content = try? JSONDecoder().decode(RegisterEntry.Content.self, from: row["content"] as Data)
        return content?.legacyHash == anchored.hash
    }

    /// What the fast path learnt of an entry it found whole.
    private struct Quick {
        var erased: Bool
        var legacyHash: String?
    }

    /// ``check(row:number:expected:previousHash:items:)`` on the stored bytes, without decoding the entry
    /// (``CanonicalJSON``): the same place in the chain, hash, index columns, items, identity commitment, lookup key
    /// and upload payload. It only ever says "whole" (a ``Quick``) when the exact check would; nil means "read it
    /// the exact way", which also names a problem.
    private func quickCheck(row: Row, number: Int, expected: Int, previousHash: String, items: [Row],
                            uploads: [SHA256.Digest]?) -> Quick? {
        guard number == expected, let content = row[6] as Data?, let storedHash = row[8] as String?,
              let storedPrevious = row[7] as String?, storedPrevious == previousHash,
              RegisterEntry.chainHash(previousHash: storedPrevious, content: content) == storedHash,
              (row[9] as Int?) != nil else { return nil }
        let erasedOn = row[13] as String?
        if let erasedOn, CalendarDate(iso: erasedOn) == nil { return nil }
        let identity = row[10] as Data?
        let read: (commitment: String, legacyHash: String?)? = content.withUnsafeBytes { raw in
            let json = CanonicalJSON(bytes: raw)
            guard let (m, end) = json.object(at: 0), end == raw.count,
                  let entryNumber = json.member(m, "entryNumber"), json.raw(entryNumber, equals: String(number)),
                  let recordedAt = json.member(m, "recordedAt").flatMap(json.plainString),
                  recordedAt == row[1] as String?,
                  RegisterEntry.timestampFormatter.date(from: recordedAt)
                      .map(RegisterEntry.timestampFormatter.string(from:)) == recordedAt,
                  let day = json.member(m, "day").flatMap(json.plainString), day == row[2] as String?,
                  CalendarDate(iso: day)?.iso == day,
                  let clerk = json.member(m, "clerk").flatMap(json.plainString), clerk == row[3] as String?,
                  let price = json.member(m, "priceCents"), let storedPrice = row[4] as Int?,
                  json.raw(price, equals: String(storedPrice)),
                  let kind = json.member(m, "kind").flatMap(json.plainString), TransactionKind(rawValue: kind) != nil,
                  let method = json.member(m, "paymentMethod").flatMap(json.plainString), PaymentMethod(rawValue: method) != nil,
                  let commitment = json.member(m, "sellerCommitment").flatMap(json.plainString),
                  let itemsValue = json.member(m, "items"), let (elements, _) = json.array(at: itemsValue.lowerBound),
                  elements.count == items.count else { return nil }
            switch (json.member(m, "corrects"), row[5] as Int?) {
            case (nil, nil): break
            case (let value?, let corrects?) where json.raw(value, equals: String(corrects)): break
            default: return nil
            }
            for itemRow in items {
                guard let index = itemRow[2] as Int?, elements.indices.contains(index),
                      let (im, _) = json.object(at: elements[index].lowerBound),
                      let category = json.member(im, "category").flatMap(json.plainString),
                      ItemCategory(rawValue: category) != nil, itemRow[3] as String? == category,
                      itemRow[0] as String? == RegisterEntry.itemID(entryNumber: number, index: index)
                else { return nil }
                // The first number that is not empty, as ``RegisterItem/identifiers`` has it.
                var identifier: String?
                for value in [json.member(im, "imei"), json.member(im, "serialNumber"), json.member(im, "frameNumber")] {
                    guard let value else { continue }
                    guard let text = json.plainString(value) else { return nil }
                    if !text.isEmpty { identifier = text; break }
                }
                guard itemRow[4] as String? == identifier else { return nil }
                let hold = json.member(im, "holdUntil")
                let holdText = hold.flatMap(json.plainString)
                guard (hold == nil || holdText.flatMap(CalendarDate.init(iso:))?.iso == holdText),
                      itemRow[5] as String? == holdText else { return nil }
            }
            var legacy: String?
            if let value = json.member(m, "legacyHash") {
                guard let text = json.plainString(value) else { return nil }
                legacy = text
            }
            return (commitment, legacy)
        }
        guard let read else { return nil }
        let sent: Data
        if erasedOn != nil {
            guard row[12] as String? == nil else { return nil }
            sent = content
        } else {
            guard let identity, let salt = row[11] as Data?,
                  SellerIdentity.commitment(salt: salt, identity: identity) == read.commitment,
                  let document = identity.withUnsafeBytes({ raw -> IdentityDocument? in
                      let json = CanonicalJSON(bytes: raw)
                      guard let (m, end) = json.object(at: 0), end == raw.count,
                            let documentValue = json.member(m, "document"),
                            let (d, _) = json.object(at: documentValue.lowerBound),
                            let documentNumber = json.member(d, "number").flatMap(json.plainString),
                            let country = json.member(d, "issuingCountry").flatMap(json.plainString) else { return nil }
                      return IdentityDocument(kind: .other, number: documentNumber, issuingCountry: country, expiryDate: nil)
                  }),
                  row[12] as String? == sellerKey(document),
                  let document = RegisterEntry.uploadDocument(content: content, identity: identity) else { return nil }
            sent = document
        }
        if let uploads, !uploads.isEmpty {
            let digest = SHA256.hash(data: sent)
            guard uploads.allSatisfy({ $0 == digest }) else { return nil }
        }
        return Quick(erased: erasedOn != nil, legacyHash: read.legacyHash)
    }

    /// One entry: its place in the chain, its hash, its index columns and items, and its seller's identity
    /// against the commitment in the chain (or its erasure). Returns the entry when all holds.
    private func check(row: Row, number: Int, expected: Int, previousHash: String,
                       items: [Row]) -> Result<RegisterEntry, RegisterVerification.Problem> {
        if number != expected { return .failure(.numberingGap(expected: expected, found: number)) }
        guard let content = row["content"] as Data?, let storedHash = row["hash"] as String?,
              let storedPrevious = row["previous_hash"] as String? else { return .failure(.unreadable(entryNumber: number)) }
        if storedPrevious != previousHash { return .failure(.chainBroken(entryNumber: number)) }
        if RegisterEntry.chainHash(previousHash: storedPrevious, content: content) != storedHash {
            return .failure(.contentAltered(entryNumber: number))
        }
        let erasedOn = (row["erased_on"] as String?).flatMap(CalendarDate.init(iso:))
        guard var entry = try? RegisterEntry.decode(content: content, previousHash: storedPrevious, hash: storedHash,
                                                    seller: nil, erasedOn: erasedOn)
        else { return .failure(.unreadable(entryNumber: number)) }
        if entry.entryNumber != number { return .failure(.indexAltered(entryNumber: number, column: "entry_number")) }
        if let problem = checkIdentity(row: row, entry: &entry) { return .failure(problem) }
        let columns: [(String, DatabaseValue, DatabaseValueConvertible?)] = [
            ("recorded_at", row["recorded_at"], RegisterEntry.timestampFormatter.string(from: entry.recordedAt)),
            ("day", row["day"], entry.day.iso),
            ("clerk", row["clerk"], Self.asBound(entry.clerk)),
            ("price_cents", row["price_cents"], entry.priceCents),
            ("corrects", row["corrects"], entry.corrects),
            ("seller_identity.seller_key", row["seller_key"], entry.seller.map { sellerKey($0.document) }),
        ]
        for (name, stored, expectedValue) in columns where stored != (expectedValue?.databaseValue ?? .null) {
            return .failure(.indexAltered(entryNumber: number, column: name))
        }
        if items.count != entry.items.count { return .failure(.indexAltered(entryNumber: number, column: "entry_item")) }
        for row in items {
            let index: Int = row["item_index"]
            guard entry.items.indices.contains(index) else {
                return .failure(.indexAltered(entryNumber: number, column: "entry_item.item_index"))
            }
            let item = entry.items[index]
            if row["item_id"] != entry.itemID(index) || row["category"] != item.category.rawValue
                || row["identifier"] != Self.asBound(item.identifiers.first) || row["hold_until"] != item.holdUntil?.iso {
                return .failure(.indexAltered(entryNumber: number, column: "entry_item"))
            }
        }
        return .success(entry)
    }

    /// The seller's identity row: present, and either kept (its salt and JSON hash to the commitment in the
    /// chain; `entry.seller` is set) or erased (no identity, no salt, a day).
    private func checkIdentity(row: Row, entry: inout RegisterEntry) -> RegisterVerification.Problem? {
        let number = entry.entryNumber
        guard (row["identity_row"] as Int?) != nil else { return .identityMissing(entryNumber: number) }
        if entry.identityErasedOn != nil { return nil }
        guard let identity = row["identity"] as Data?, let salt = row["salt"] as Data?,
              SellerIdentity.commitment(salt: salt, identity: identity) == entry.sellerCommitment else {
            return .identityAltered(entryNumber: number)
        }
        guard let seller = try? JSONDecoder().decode(Seller.self, from: identity) else {
            return .identityAltered(entryNumber: number)
        }
        entry.seller = seller
        return nil
    }

    /// The event chain (``RegisterEvent``): numbered 1, 2, 3, …, linked and hashed like entries; each event's
    /// pinned head is an entry of this register; a migration's old head is the old hash of the entry it names;
    /// and every erased identity is named by a purge event.
    private func checkEvents(_ db: Database, erased: [Int], legacyHashes: [Int: String]) throws -> RegisterVerification.Problem? {
        var previous = RegisterEntry.genesisHash
        var purged: Set<Int> = []
        var expected = 1
        for row in try Row.fetchAll(db, sql: "SELECT sequence, content, previous_hash, hash FROM register_event ORDER BY sequence") {
            let sequence: Int = row["sequence"]
            guard sequence == expected, row["previous_hash"] == previous,
                  let content = row["content"] as Data?,
                  RegisterEntry.chainHash(previousHash: previous, content: content) == row["hash"],
                  let event = try? JSONDecoder().decode(RegisterEvent.Content.self, from: content),
                  event.sequence == sequence else {
                return .eventChainBroken(sequence: sequence)
            }
            if let head = event.registerHead,
               try String.fetchOne(db, sql: "SELECT hash FROM entry WHERE entry_number = ?", arguments: [head.entryNumber]) != head.hash {
                return .eventChainBroken(sequence: sequence)
            }
            if let migration = event.migration {
                if legacyHashes[migration.legacyEntryCount] != migration.legacyHeadHash { return .eventChainBroken(sequence: sequence) }
            }
            if let purge = event.purge { purged.formUnion(purge.entryNumbers) }
            previous = row["hash"]
            expected += 1
        }
        if let unrecorded = erased.first(where: { !purged.contains($0) }) {
            return .identityErasedWithoutEvent(entryNumber: unrecorded)
        }
        return nil
    }

    /// A text as an index column holds it: SQLite received it as a C string, so it ends at a NUL. Entries made
    /// before the text rule (issue 12) may hold a NUL in their content; comparing this way they still verify,
    /// faithfully to what was stored, while the content itself is checked byte for byte by the hash.
    static func asBound(_ text: String?) -> String? {
        text.map { String($0.unicodeScalars.prefix { $0 != "\0" }) }
    }
}
