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

    /// ``verify(fileCheck:)`` with the file's pages checked (``RegisterVerification/FileCheck/pages``).
    public func verify() throws -> RegisterVerification {
        try verify(fileCheck: .pages)
    }

    /// Checks the database file (``RegisterVerification/FileCheck``), that entry numbers run 1, 2, 3, … without
    /// gaps, that each entry's content still hashes to its stored hash, that each entry names the hash of the one
    /// before it, that the index columns, item rows, identity and upload payloads agree with the content, and
    /// the event chain and the anchor. Reports the first problem in entry order.
    ///
    /// One read transaction (one snapshot) reads the rows; the checking of each batch of entries runs on the
    /// other cores meanwhile, and SQLite's check of the file on its own connection (issue 14: a million
    /// entries at ≥ 100 000 entries/s).
    public func verify(fileCheck: RegisterVerification.FileCheck) throws -> RegisterVerification {
        try verify(fileCheck: fileCheck, batchSize: 1_000)
    }

    /// ``verify(fileCheck:)`` checking `batchSize` entries at a time (tests cross batch edges with small ones).
    func verify(fileCheck: RegisterVerification.FileCheck, batchSize: Int) throws -> RegisterVerification {
        // The anchor is read before the snapshot: another process commits and then anchors, so an anchor read
        // first is never ahead of the snapshot taken after it (read later, it could be, and look like loss).
        let anchoredHead = anchor.latest()
        let fileResult = NIOLockedValueBox<Result<[String], any Error>?>(nil)
        let fileThread = WorkerThreads(count: 1, capacity: 1, name: "verify-file")
        fileThread.submit { [dbPool] in
            fileResult.withLockedValue { $0 = Result { try dbPool.read { try String.fetchAll($0, sql: fileCheck.pragma) } } }
        }
        let checked: Result<RegisterVerification, any Error> = Result { try dbPool.read { db in
            var result = RegisterVerification(entryCount: 0, headHash: RegisterEntry.genesisHash, firstProblem: nil)
            result.fileCheck = fileCheck
            // A register converted from the first format that was damaged then says so first, whatever follows.
            for event in (try? RegisterEvent.all(db)) ?? [] {
                if let problem = event.content.migration?.legacyProblem {
                    result.firstProblem = .legacyChainDamaged(problem)
                    return result
                }
            }
            let entries = try checkEntries(db, batchSize: batchSize)
            result.entryCount = entries.checked
            result.entriesReadExactly = entries.readExactly
            result.erasedIdentities = entries.erased.count
            if let problem = entries.problem {
                result.firstProblem = problem
                return result
            }
            result.headHash = entries.lastHash ?? RegisterEntry.genesisHash
            if let problem = try checkEvents(db, erased: entries.erased, legacyHashes: entries.legacyHashes) {
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
        fileThread.finish()
        // SQLite may answer a damaged file with rows naming the damage, or by failing to read it at all.
        var damage: [String] = []
        for outcome in [fileResult.withLockedValue { $0! }.map { $0 == ["ok"] ? [] : $0 }, checked.map { _ in [String]() }] {
            switch outcome {
            case .success(let found): damage += found
            case .failure(let error as DatabaseError) where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode):
                damage.append(error.message ?? "\(error.resultCode)")
            case .failure(let error): throw error
            }
        }
        var verification: RegisterVerification
        if !damage.isEmpty {
            // A damaged file says so first: what the entries showed (or an error reading them) is then beside the point.
            verification = (try? checked.get()) ?? RegisterVerification(entryCount: 0, headHash: RegisterEntry.genesisHash, firstProblem: nil)
            verification.fileCheck = fileCheck
            verification.firstProblem = .databaseDamaged(damage.prefix(3).joined(separator: "; "))
        } else {
            verification = try checked.get()
        }
        if let problem = verification.firstProblem { markDamaged(problem) }
        return verification
    }

    /// One entry as read from the snapshot: its row's values (the columns of ``entryColumns``), its item rows'
    /// values (``itemColumns``) and what its upload jobs send. Plain values, so another thread can check them.
    private struct StoredEntry: Sendable {
        var values: [DatabaseValue]
        var items: [[DatabaseValue]]
        var payloads: [Data]

        var number: Int { values[0].integer! }
        /// The stored hash as the exact check reads it (GRDB's conversion: a text, or UTF-8 bytes).
        var hash: String? { String.fromDatabaseValue(values[8]) }
        /// The rows for the exact check, by column name.
        var row: Row { Self.row(entryColumns, values) }
        var itemRows: [Row] { items.map { Self.row(itemColumns, $0) } }

        private static func row(_ columns: [String], _ values: [DatabaseValue]) -> Row {
            Row(Dictionary(uniqueKeysWithValues: zip(columns, values.map { $0 as (any DatabaseValueConvertible)? })))
        }
    }

    private static let entryColumns = ["entry_number", "recorded_at", "day", "clerk", "price_cents", "corrects", "content",
                                       "previous_hash", "hash", "identity_row", "identity", "salt", "seller_key", "erased_on"]
    private static let itemColumns = ["item_id", "entry_number", "item_index", "category", "identifier", "hold_until"]

    /// Entries read in number order, checked together on another thread.
    private struct Batch: Sendable {
        /// The number the first entry should have, and the stored hash of the entry before it (which the
        /// batch before checks).
        var expected: Int
        var previousHash: String
        var entries: [StoredEntry] = []
    }

    /// What the entries showed: how many were read up to and including the first problem, and what the event
    /// chain's check needs.
    private struct EntriesChecked: Sendable {
        var checked = 0
        var readExactly = 0
        var problem: RegisterVerification.Problem?
        var erased: [Int] = []
        var legacyHashes: [Int: String] = [:]
        var lastHash: String?

        /// This batch's findings after the ones before it.
        mutating func append(_ next: EntriesChecked) {
            checked += next.checked
            readExactly += next.readExactly
            problem = next.problem
            erased += next.erased
            legacyHashes.merge(next.legacyHashes) { $1 }
            lastHash = next.lastHash ?? lastHash
        }
    }

    /// Reads every entry on this thread (the snapshot is this connection's) and checks the batches on others.
    private func checkEntries(_ db: Database, batchSize: Int) throws -> EntriesChecked {
        // Three statements walked side by side in entry order; values are read off each statement's current
        // row directly (`DatabaseValue(sqliteStatement:index:)`), not through GRDB's generic decoding, which
        // costs a type lookup per value and was a tenth of the whole verify.
        let entries = try db.makeStatement(sql: """
            SELECT e.entry_number, e.recorded_at, e.day, e.clerk, e.price_cents, e.corrects, e.content,
                   e.previous_hash, e.hash, s.entry_number AS identity_row, s.identity, s.salt, s.seller_key,
                   s.erased_on
            FROM entry e LEFT JOIN seller_identity s ON s.entry_number = e.entry_number
            ORDER BY e.entry_number
            """)
        let items = try db.makeStatement(sql: """
            SELECT \(Self.itemColumns.joined(separator: ", ")) FROM entry_item ORDER BY entry_number
            """)
        // What each entry's upload jobs send: compared with the document the entry makes.
        let uploads = try db.makeStatement(sql: """
            SELECT entry_number, payload FROM upload_job WHERE kind IN ('entry', 'correction') ORDER BY entry_number
            """)
        func values(_ statement: Statement, _ count: Int) -> [DatabaseValue] {
            (0..<count).map { DatabaseValue(sqliteStatement: statement.sqliteStatement, index: CInt($0)) }
        }
        let entryCursor = try Row.fetchCursor(entries)
        let itemCursor = try Row.fetchCursor(items)
        let uploadCursor = try Row.fetchCursor(uploads)
        var nextItem = try itemCursor.next() == nil ? nil : values(items, Self.itemColumns.count)
        var nextUpload = try uploadCursor.next() == nil ? nil : values(uploads, 2)

        // As many checking threads as cores: the reading here takes less than a core, and the file check
        // (its own thread) a little.
        let workers = WorkerThreads(count: min(4, ProcessInfo.processInfo.activeProcessorCount), capacity: 4, name: "verify")
        let results = NIOLockedValueBox<[Int: EntriesChecked]>([:])
        let stop = NIOLockedValueBox(false)
        var batchCount = 0
        var batch = Batch(expected: 1, previousHash: RegisterEntry.genesisHash)
        var read = 0
        func send() {
            guard !batch.entries.isEmpty else { return }
            let index = batchCount, sent = batch
            batchCount += 1
            workers.submit {
                let found = self.check(sent)
                results.withLockedValue { $0[index] = found }
                if found.problem != nil { stop.withLockedValue { $0 = true } }
            }
            batch = Batch(expected: read + 1, previousHash: sent.entries.last!.hash ?? "")
        }
        defer { workers.finish() }
        while !stop.withLockedValue({ $0 }), try entryCursor.next() != nil {
            let entry = values(entries, Self.entryColumns.count)
            let number = entry[0].integer!
            var entryItems: [[DatabaseValue]] = []
            while let item = nextItem, let owner = item[1].integer, owner <= number {
                if owner == number { entryItems.append(item) }
                nextItem = try itemCursor.next() == nil ? nil : values(items, Self.itemColumns.count)
            }
            var payloads: [Data] = []
            while let upload = nextUpload, let owner = upload[0].integer, owner <= number {
                // Bytes as GRDB would read them (a text's UTF-8); anything else can only differ from the document.
                if owner == number { payloads.append(upload[1].blob ?? upload[1].text.map { Data($0.utf8) } ?? Data()) }
                nextUpload = try uploadCursor.next() == nil ? nil : values(uploads, 2)
            }
            batch.entries.append(StoredEntry(values: entry, items: entryItems, payloads: payloads))
            read += 1
            if batch.entries.count == batchSize { send() }
        }
        send()
        workers.finish()
        // In entry order, up to the first problem.
        var all = EntriesChecked()
        let found = results.withLockedValue { $0 }
        for index in 0..<batchCount {
            guard let next = found[index] else { break }
            all.append(next)
            if all.problem != nil { break }
        }
        return all
    }

    /// One batch, on a checking thread: each entry the fast way, and the exact way when the fast one cannot
    /// vouch for it; stops at the first problem.
    private func check(_ batch: Batch) -> EntriesChecked {
        var result = EntriesChecked()
        var expected = batch.expected
        var previousHash = batch.previousHash
        let keys = SellerKey(secret: settings.sellerKeySecret)
        for stored in batch.entries {
            let number = stored.number
            result.checked += 1
            // The fast path reads the canonical bytes without decoding; when it cannot say "whole", the exact
            // path reads the entry and names the problem.
            if let quick = quickCheck(stored, expected: expected, previousHash: previousHash, keys: keys) {
                if quick.erased { result.erased.append(number) }
                if let legacy = quick.legacyHash { result.legacyHashes[number] = legacy }
            } else {
                result.readExactly += 1
                let row = stored.row
                switch check(row: row, number: number, expected: expected, previousHash: previousHash, items: stored.itemRows) {
                case .failure(let problem):
                    result.problem = problem
                    return result
                case .success(let entry):
                    // The upload sends the entry as registered: its document while the identity is kept, the
                    // identity-free content after the erasure.
                    let sent = entry.uploadDocument() ?? row["content"]
                    if stored.payloads.contains(where: { $0 != sent }) {
                        result.problem = .indexAltered(entryNumber: number, column: "upload_job.payload")
                        return result
                    }
                    if entry.identityErasedOn != nil { result.erased.append(number) }
                    if let legacy = entry.legacyHash { result.legacyHashes[number] = legacy }
                }
            }
            previousHash = stored.hash!  // present: both paths said whole
            result.lastHash = previousHash
            expected += 1
        }
        return result
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
    private func quickCheck(_ stored: StoredEntry, expected: Int, previousHash: String,
                            keys: SellerKey) -> Quick? {
        let row = stored.values, number = stored.number, items = stored.items, payloads = stored.payloads
        guard number == expected, let content = row[6].blob, let storedHash = row[8].text,
              let storedPrevious = row[7].text, storedPrevious == previousHash,
              RegisterEntry.chainHash(previousHash: storedPrevious, content: content) == storedHash,
              (row[9].integer) != nil else { return nil }
        let erasedOn = row[13].text
        if let erasedOn, CalendarDate(iso: erasedOn) == nil { return nil }
        let identity = row[10].blob
        let read: String?? = content.withUnsafeBytes { raw -> String?? in
            let json = CanonicalJSON(bytes: raw)
            guard let (m, end) = json.object(at: 0), end == raw.count,
                  let entryNumber = json.member(m, "entryNumber"), json.raw(entryNumber, equals: String(number)),
                  let recordedAt = json.member(m, "recordedAt").flatMap(json.plainString),
                  recordedAt == row[1].text,
                  RegisterEntry.timestampFormatter.date(from: recordedAt)
                      .map(RegisterEntry.timestampFormatter.string(from:)) == recordedAt,
                  let day = json.member(m, "day").flatMap(json.plainString), day == row[2].text,
                  CalendarDate(iso: day) != nil,  // reads only YYYY-MM-DD, so what it reads is written back alike
                  let clerk = json.member(m, "clerk").flatMap(json.plainString), clerk == row[3].text,
                  let price = json.member(m, "priceCents"), let storedPrice = row[4].integer,
                  json.raw(price, equals: String(storedPrice)),
                  let kind = json.member(m, "kind").flatMap(json.plainString), TransactionKind(rawValue: kind) != nil,
                  let method = json.member(m, "paymentMethod").flatMap(json.plainString), PaymentMethod(rawValue: method) != nil,
                  let commitment = json.member(m, "sellerCommitment").flatMap(json.plainString),
                  let itemsValue = json.member(m, "items"), let (elements, _) = json.array(at: itemsValue.lowerBound),
                  elements.count == items.count else { return nil }
            switch (json.member(m, "corrects"), row[5].integer) {
            case (nil, nil): break
            case (let value?, let corrects?) where json.raw(value, equals: String(corrects)): break
            default: return nil
            }
            for itemRow in items {
                guard let index = itemRow[2].integer, elements.indices.contains(index),
                      let (im, _) = json.object(at: elements[index].lowerBound),
                      let category = json.member(im, "category").flatMap(json.plainString),
                      ItemCategory(rawValue: category) != nil, itemRow[3].text == category,
                      itemRow[0].text == RegisterEntry.itemID(entryNumber: number, index: index)
                else { return nil }
                // The first number that is not empty, as ``RegisterItem/identifiers`` has it.
                var identifier: String?
                for value in [json.member(im, "imei"), json.member(im, "serialNumber"), json.member(im, "frameNumber")] {
                    guard let value else { continue }
                    guard let text = json.plainString(value) else { return nil }
                    if !text.isEmpty { identifier = text; break }
                }
                guard itemRow[4].text == identifier else { return nil }
                let hold = json.member(im, "holdUntil")
                let holdText = hold.flatMap(json.plainString)
                guard (hold == nil || holdText.flatMap(CalendarDate.init(iso:)) != nil),
                      itemRow[5].text == holdText else { return nil }
            }
            var legacy: String?
            if let value = json.member(m, "legacyHash") {
                guard let text = json.plainString(value) else { return nil }
                legacy = text
            }
            // What the upload jobs must have sent: the content itself once the identity is erased, else the
            // document with the identity spliced in (compared piece by piece as it is made, never written out).
            if erasedOn != nil {
                guard row[12].text == nil else { return nil }
                guard payloads.allSatisfy({ $0 == content }) else { return nil }
                return legacy
            }
            guard let identity, let salt = row[11].blob,
                  SellerIdentity.commitment(salt: salt, identity: identity) == commitment else { return nil }
            return identity.withUnsafeBytes { identityBytes -> String?? in
                let document = CanonicalJSON(bytes: identityBytes)
                guard let (im, end) = document.object(at: 0), end == identityBytes.count,
                      let documentValue = document.member(im, "document"),
                      let (d, _) = document.object(at: documentValue.lowerBound),
                      let documentNumber = document.member(d, "number").flatMap(document.plainString),
                      let country = document.member(d, "issuingCountry").flatMap(document.plainString),
                      row[12].text == keys.key(issuingCountry: country, number: documentNumber) else { return nil }
                for payload in payloads {
                    let same = payload.withUnsafeBytes { RegisterEntry.uploadDocument(json, m, identity: identityBytes, equals: $0) }
                    guard same else { return nil }
                }
                return legacy
            }
        }
        guard let read else { return nil }
        return Quick(erased: erasedOn != nil, legacyHash: read)
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
        let stored = items.map { row in
            StoredItemRow(itemID: row["item_id"], index: row["item_index"], category: row["category"],
                          identifier: row["identifier"], holdUntil: row["hold_until"])
        }
        if let column = entry.itemRowsProblem(stored) { return .failure(.indexAltered(entryNumber: number, column: column)) }
        return .success(entry)
    }

    /// The seller's identity row: present, and either kept (its salt and JSON hash to the commitment in the
    /// chain; `entry.seller` is set) or erased (no identity, no salt, a day).
    private func checkIdentity(row: Row, entry: inout RegisterEntry) -> RegisterVerification.Problem? {
        let number = entry.entryNumber
        guard (row["identity_row"] as Int?) != nil else { return .identityMissing(entryNumber: number) }
        let stored = SellerIdentity.Stored(identity: row["identity"], salt: row["salt"], erasedOn: entry.identityErasedOn)
        switch stored.verified(commitment: entry.sellerCommitment, entryNumber: number) {
        case .failure(let problem): return problem
        case .success(let seller): entry.seller = seller
        }
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

private extension DatabaseValue {
    /// The value when SQLite holds it as that type, without conversion: the fast path of `verify` leaves any
    /// other to the exact path (GRDB's conversions).
    var text: String? { if case .string(let text) = storage { text } else { nil } }
    var blob: Data? { if case .blob(let data) = storage { data } else { nil } }
    var integer: Int? { if case .int64(let number) = storage { Int(exactly: number) } else { nil } }
}
