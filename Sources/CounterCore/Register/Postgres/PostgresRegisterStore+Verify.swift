import Foundation
import PostgresNIO

/// `verify` of a branch's register on PostgreSQL: the same proof as the embedded register's, entry by entry in
/// number order: numbers 1, 2, 3, … without a gap, each entry chained on the one before and hashing to its
/// stored hash, its index columns and item rows as in its content, its kept identity matching the commitment in
/// the chain and found under its seller key (an erased one named by a purge event), its upload payload the entry as
/// registered (once erased, its chained content), the branch's event chain, and the branch's counter on the last entry, and this PC's anchor of the branch (``PostgresRegisterStore/anchor``) still in it. The file
/// check of SQLite has no counterpart: the server keeps its own pages.
extension PostgresRegisterStore {
    public func verify() async throws -> RegisterVerification {
        // Read before the snapshot: a till commits, then anchors, so the anchor is never ahead of the snapshot.
        let anchored = anchor?.latest()
        var result = try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            // One snapshot for the whole check, so entries registered meanwhile by other tills are not half seen.
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            return try await verify(connection, anchored: anchored?.entryNumber)
        }
        // What this PC registered or saw is still there, as it was: a branch rewritten consistently on the server
        // (triggers off, chain and counter recomputed, or an older backup put back) is caught here.
        if result.firstProblem == nil, let anchored {
            if anchored.entryNumber > result.entryCount {
                result.firstProblem = .entriesMissing(anchored: anchored.entryNumber, present: result.entryCount)
            } else if result.anchoredHash != anchored.hash {
                result.firstProblem = .anchorMismatch(entryNumber: anchored.entryNumber)
            }
        }
        // A whole branch is witnessed as far as it goes now, also the entries other tills registered.
        if result.isIntact, result.entryCount > (anchored?.entryNumber ?? 0) {
            try? anchor?.record(.init(entryNumber: result.entryCount, hash: result.headHash))
        }
        return result
    }

    /// - Parameter anchored: an entry number whose hash the result keeps (``RegisterVerification/anchoredHash``).
    func verify(_ connection: PostgresConnection, anchored: Int? = nil) async throws -> RegisterVerification {
        var result = RegisterVerification(entryCount: 0, headHash: RegisterEntry.genesisHash, firstProblem: nil)
        var payloads: [Int: [Data]] = [:]
        for try await (number, payload) in try await connection.query("""
            SELECT entry_number, payload FROM upload_job WHERE branch_id = \(branchID) AND kind IN ('entry', 'correction')
            """, logger: logger).decode((Int, Data).self) {
            payloads[number, default: []].append(payload)
        }
        var items: [Int: [StoredItemRow]] = [:]
        for try await (itemID, number, index, category, identifier, holdUntil) in try await connection.query("""
            SELECT item_id, entry_number, item_index, category, identifier, hold_until FROM entry_item WHERE branch_id = \(branchID)
            """, logger: logger).decode((String, Int, Int, String, String?, String?).self) {
            items[number, default: []].append(StoredItemRow(itemID: itemID, index: index, category: category,
                                                            identifier: identifier, holdUntil: holdUntil))
        }
        let keys = SellerKey(secret: settings.sellerKeySecret)
        // The branch's purge events first: an erased identity is checked against them where it is met. (Read before
        // the entries' stream opens: one query at a time on a connection.)
        let events = try await readEvents(connection)
        let rows = try await connection.query("""
            SELECT e.entry_number, e.recorded_at, e.day, e.clerk, e.price_cents, e.corrects, e.content, e.previous_hash,
                   e.hash, s.entry_number, s.identity, s.salt, s.erased_on, s.seller_key
            FROM entry e LEFT JOIN seller_identity s ON s.branch_id = e.branch_id AND s.entry_number = e.entry_number
            WHERE e.branch_id = \(branchID) ORDER BY e.entry_number
            """, logger: logger)
        var previousHash = RegisterEntry.genesisHash
        var legacyHashes: [Int: String] = [:]
        for try await row in rows {
            let (number, recordedAt, day, clerk, price, corrects, content, storedPrevious, hash, identityRow, identity, salt, erasedOn,
                 sellerKey) = try row.decode(
                (Int, String, String, String, Int, Int?, Data, String, String, Int?, Data?, Data?, String?, String?).self)
            let expected = result.entryCount + 1
            func problem(_ problem: RegisterVerification.Problem) -> RegisterVerification {
                result.firstProblem = problem
                return result
            }
            guard number == expected else { return problem(.numberingGap(expected: expected, found: number)) }
            guard storedPrevious == previousHash else { return problem(.chainBroken(entryNumber: number)) }
            guard RegisterEntry.chainHash(previousHash: storedPrevious, content: content) == hash else {
                return problem(.contentAltered(entryNumber: number))
            }
            guard var entry = try? RegisterEntry.decode(content: content, previousHash: storedPrevious, hash: hash,
                                                        seller: nil, erasedOn: nil),
                  entry.entryNumber == number else {
                return problem(.unreadable(entryNumber: number))
            }
            let columns: [(String, Bool)] = [
                ("recorded_at", recordedAt == RegisterEntry.timestampFormatter.string(from: entry.recordedAt)),
                ("day", day == entry.day.iso), ("clerk", clerk == entry.clerk), ("price_cents", price == entry.priceCents),
                ("corrects", corrects == entry.corrects),
            ]
            if let altered = columns.first(where: { !$0.1 }) {
                return problem(.indexAltered(entryNumber: number, column: altered.0))
            }
            if let column = entry.itemRowsProblem(items[number] ?? []) {
                return problem(.indexAltered(entryNumber: number, column: column))
            }
            guard identityRow != nil else { return problem(.identityMissing(entryNumber: number)) }
            let stored = SellerIdentity.Stored(identity: identity, salt: salt, erasedOn: erasedOn.flatMap(CalendarDate.init(iso:)))
            switch stored.verified(commitment: entry.sellerCommitment, entryNumber: number) {
            case .failure(let altered):
                return problem(altered)
            case .success(nil):
                // Erased: a purge event must name it, and the upload sends the chained content only.
                guard events.purged.contains(number) else { return problem(.identityErasedWithoutEvent(entryNumber: number)) }
                guard payloads[number, default: []].allSatisfy({ $0 == content }) else {
                    return problem(.indexAltered(entryNumber: number, column: "upload_job.payload"))
                }
            case .success(let seller?):
                entry.seller = seller
                // The key the returning-seller lookup and the cash ban find the seller by.
                guard sellerKey == keys.key(seller.document) else {
                    return problem(.indexAltered(entryNumber: number, column: "seller_identity.seller_key"))
                }
                // The upload sends the entry as registered, with its identity.
                guard let document = entry.uploadDocument(), payloads[number, default: []].allSatisfy({ $0 == document }) else {
                    return problem(.indexAltered(entryNumber: number, column: "upload_job.payload"))
                }
            }
            if let legacy = entry.legacyHash { legacyHashes[number] = legacy }
            result.entryCount = number
            result.headHash = hash
            if number == anchored { result.anchoredHash = hash }
            previousHash = hash
        }
        if let problem = try await checkEvents(connection, events, legacyHashes: legacyHashes) {
            result.firstProblem = problem
            return result
        }
        // The branch's counter stands on the last entry: a counter further on means entries are gone.
        guard let (lastNumber, lastHash) = try await connection.query("""
            SELECT last_number, last_hash FROM branch_counter WHERE branch_id = \(branchID)
            """, logger: logger).decode((Int, String).self).first(where: { _ in true })
        else { throw RegisterStoreError.unknownBranch(branchID) }
        if lastNumber > result.entryCount {
            result.firstProblem = .entriesMissing(anchored: lastNumber, present: result.entryCount)
        } else if lastNumber == result.entryCount, lastHash != result.headHash {
            result.firstProblem = .anchorMismatch(entryNumber: lastNumber)
        }
        return result
    }

    /// The branch's event chain (``RegisterEvent``) as read: its events, the entries its purges name, and its first
    /// broken link, if any.
    struct Events {
        var contents: [(sequence: Int, content: RegisterEvent.Content)] = []
        var purged = Set<Int>()
        var broken: Int?
    }

    /// Reads the event chain: numbered 1, 2, 3, …, linked and hashed like entries.
    func readEvents(_ connection: PostgresConnection) async throws -> Events {
        var events = Events()
        var previous = RegisterEntry.genesisHash
        var expected = 1
        for try await (sequence, content, storedPrevious, hash) in try await connection.query("""
            SELECT sequence, content, previous_hash, hash FROM register_event WHERE branch_id = \(branchID) ORDER BY sequence
            """, logger: logger).decode((Int, Data, String, String).self) {
            guard events.broken == nil else { continue }
            guard sequence == expected, storedPrevious == previous,
                  RegisterEntry.chainHash(previousHash: previous, content: content) == hash,
                  let event = try? JSONDecoder().decode(RegisterEvent.Content.self, from: content), event.sequence == sequence
            else {
                events.broken = sequence
                continue
            }
            events.contents.append((sequence, event))
            if let purge = event.purge { events.purged.formUnion(purge.entryNumbers) }
            previous = hash
            expected += 1
        }
        return events
    }

    /// The event chain against the entries, as the embedded register's: whole; each event's pinned head an entry
    /// of the branch; a migration's old head the old hash of the entry it names.
    func checkEvents(_ connection: PostgresConnection, _ events: Events,
                     legacyHashes: [Int: String]) async throws -> RegisterVerification.Problem? {
        if let broken = events.broken { return .eventChainBroken(sequence: broken) }
        for (sequence, event) in events.contents {
            if let head = event.registerHead {
                let stored = try await connection.query("""
                    SELECT hash FROM entry WHERE branch_id = \(branchID) AND entry_number = \(head.entryNumber)
                    """, logger: logger).decode(String.self).first { _ in true }
                if stored != head.hash { return .eventChainBroken(sequence: sequence) }
            }
            if let migration = event.migration, legacyHashes[migration.legacyEntryCount] != migration.legacyHeadHash {
                return .eventChainBroken(sequence: sequence)
            }
        }
        return nil
    }

    /// The branch's health as this PC knows it: the damage found at start or since, the branch's head, and this
    /// PC's anchor of it.
    package func health() async throws -> RegisterHealth {
        RegisterHealth(problem: damage, head: try await head(), anchored: anchor?.latest(),
                       registerPath: "PostgreSQL, vestiging \(branchID)", anchorPath: anchor?.path ?? "", onServer: true)
    }
}
