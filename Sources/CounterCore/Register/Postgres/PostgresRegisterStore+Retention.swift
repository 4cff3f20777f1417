import Foundation
import Logging
import PostgresNIO

/// The erasure after retention on PostgreSQL, as in the embedded register (`PurgeReport.plan(_:heldFor:policy:today:)`,
/// the same rule): in one transaction, under the branch's counter (no entry is registered meanwhile, and the
/// branch's tills purge one at a time), the identities past `retention.identityYears` are erased, their search terms
/// and upload payloads' identities go, a chained purge event (``RegisterEvent``) and an audit event are written, and
/// the photos no kept entry names are deleted. The database allows exactly that much change (schema v3).
extension PostgresRegisterStore {
    /// What `purge(today:at:actor:photos:)` would erase on `today`, without writing anything.
    package func purgePlan(today: CalendarDate) async throws -> PurgeReport {
        try await PostgresTransaction.read(client, logger: logger) { [self] connection in try await plan(connection, today: today) }
    }

    /// Erases what is past retention. Idempotent: run twice on one day, the second run erases nothing and writes no
    /// event. `photos` is not used: the branch's photos are in its database (``PostgresPhotoArchive``).
    package func purge(today: CalendarDate, at date: Date, actor: String, photos: PhotoStore? = nil) async throws -> PurgeReport {
        try await PostgresTransaction.run(client, logger: logger) { [self] connection in
            guard let (lastNumber, lastHash) = try await connection.execute(EntryStatements.LockCounter(branchID: branchID),
                                                                            logger: logger).first(where: { _ in true })
            else { throw RegisterStoreError.unknownBranch(branchID) }
            var report = try await plan(connection, today: today)
            if !report.erased.isEmpty {
                let erased = report.erased
                try await connection.query("""
                    UPDATE seller_identity SET identity = NULL, salt = NULL, seller_key = NULL, erased_on = \(today.iso)
                    WHERE branch_id = \(branchID) AND entry_number = ANY(\(erased)::bigint[])
                    """, logger: logger)
                try await connection.query("""
                    DELETE FROM seller_search WHERE branch_id = \(branchID) AND entry_number = ANY(\(erased)::bigint[])
                    """, logger: logger)
                // What the register (DOR) is sent from now on holds no identity: the chained content.
                try await connection.query("""
                    UPDATE upload_job j SET payload = e.content FROM entry e
                    WHERE j.branch_id = \(branchID) AND e.branch_id = j.branch_id AND e.entry_number = j.entry_number
                      AND j.kind IN ('entry', 'correction') AND j.entry_number = ANY(\(erased)::bigint[])
                    """, logger: logger)
                let last = try await connection.query("""
                    SELECT sequence, hash FROM register_event WHERE branch_id = \(branchID) ORDER BY sequence DESC LIMIT 1
                    """, logger: logger).decode((Int, String).self).first { _ in true }
                let rule = settings.retention.identityRule
                let event = RegisterEvent.make(
                    .purge(.init(entryNumbers: erased, erasedOn: today, photosRemoved: report.photos.count, rule: rule, actor: actor)),
                    sequence: (last?.0 ?? 0) + 1, previousHash: last?.1 ?? RegisterEntry.genesisHash,
                    head: lastNumber > 0 ? RegisterAnchor.Head(entryNumber: lastNumber, hash: lastHash) : nil, at: date)
                try await connection.query("""
                    INSERT INTO register_event (branch_id, sequence, at, kind, content, previous_hash, hash)
                    VALUES (\(branchID), \(event.content.sequence), \(event.content.at), \(event.content.kind.rawValue),
                            \(event.contentData), \(event.previousHash), \(event.hash))
                    """, logger: logger)
                try await Self.insertAuditEvent(connection, branchID, .identitiesErased, actor: actor,
                                                subject: "entries " + PurgeReport.ranges(erased),
                                                detail: "\(rule); \(report.photos.count) photo(s)", at: date, logger)
                report.event = event
            }
            // The photos of the identities erased now, and any left by an earlier erasure.
            let gone = (report.event == nil ? [] : report.photos) + report.leftovers
            var deleted = Set<String>()
            for try await hash in try await connection.query("""
                DELETE FROM photo WHERE branch_id = \(branchID) AND sha256 = ANY(\(gone.map(\.sha256))::text[]) RETURNING sha256
                """, logger: logger).decode(String.self) {
                deleted.insert(hash)
            }
            if report.event != nil { report.photos = report.photos.filter { deleted.contains($0.sha256) } }
            return report
        }
    }

    private func plan(_ connection: PostgresConnection, today: CalendarDate) async throws -> PurgeReport {
        var heldFor: [Int: (reason: String, itemID: String)] = [:]
        for try await (number, itemID) in try await connection.query("""
            SELECT i.entry_number, i.item_id FROM entry_item i WHERE i.branch_id = \(branchID)
              AND COALESCE((SELECT p.opened FROM police_flag_event p WHERE p.branch_id = i.branch_id AND p.item_id = i.item_id
                            ORDER BY p.id DESC LIMIT 1), false)
            """, logger: logger).decode((Int, String).self) {
            heldFor[number] = ("policeFlag", itemID)
        }
        for (number, reason) in try await policeMatters(connection, today: today) where heldFor[number] == nil {
            heldFor[number] = reason
        }
        var candidates: [PurgeReport.Candidate] = []
        for try await (number, day, content, erasedOn) in try await connection.query("""
            SELECT e.entry_number, e.day, e.content, s.erased_on FROM entry e
            LEFT JOIN seller_identity s ON s.branch_id = e.branch_id AND s.entry_number = e.entry_number
            WHERE e.branch_id = \(branchID) ORDER BY e.entry_number
            """, logger: logger).decode((Int, String, Data, String?).self) {
            guard let day = CalendarDate(iso: day) else { continue }
            candidates.append(.init(number: number, day: day, erasedBefore: erasedOn != nil,
                                    photos: PurgeReport.photos(inContent: content)))
        }
        return PurgeReport.plan(candidates, heldFor: heldFor, policy: settings.retention, today: today)
    }
}
