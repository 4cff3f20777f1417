import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// What a purge would erase, or did.
package struct PurgeReport: Sendable, Hashable, Codable {
    /// An entry past retention whose identity is kept, and why.
    package struct Kept: Sendable, Hashable, Codable {
        package var entryNumber: Int
        /// `policeFlag` (an item has an open police flag), `holdOrder`, `informationRequest`.
        package var reason: String
        package var itemID: String?
    }

    /// The entries whose identity is (or would be) erased.
    package var erased: [Int]
    /// Past retention, kept for a police matter.
    package var kept: [Kept]
    /// Photo files removed (or to remove): those of erased entries that no kept entry uses.
    package var photos: [PhotoReference]
    /// Entries past the bookkeeping duty (`retention.bookkeepingYears`): reported, never deleted.
    package var pastBookkeeping: Int
    /// The chained purge event written (nil for a dry run or when nothing was due).
    package var event: RegisterEvent?
    /// Photos of identities erased earlier that no kept entry uses: removed again if a file is still there
    /// (a crash between the erasure and the removal).
    var leftovers: [PhotoReference] = []

    /// An entry as the purge judges it: its number and acquisition day, whether its identity is gone already,
    /// and the photos its items name.
    struct Candidate: Sendable {
        var number: Int
        var day: CalendarDate
        var erasedBefore: Bool
        var photos: [PhotoReference]
    }

    /// The retention rule, once for both backends: every entry past `retention.identityYears` loses its identity,
    /// except those held for a police matter (`heldFor`: an open police flag, a running hold order, an unanswered
    /// information request); photos go with the erased entries unless a kept entry names them too.
    static func plan(_ candidates: [Candidate], heldFor: [Int: (reason: String, itemID: String)], policy: RetentionPolicy,
                     today: CalendarDate) -> PurgeReport {
        var report = PurgeReport(erased: [], kept: [], photos: [], pastBookkeeping: 0, event: nil)
        var erasedPhotos: Set<PhotoReference> = []
        var keptPhotos: Set<PhotoReference> = []
        var earlierPhotos: Set<PhotoReference> = []
        for candidate in candidates {
            let number = candidate.number
            if policy.bookkeepingExpired(acquiredOn: candidate.day, today: today) { report.pastBookkeeping += 1 }
            if candidate.erasedBefore {
                earlierPhotos.formUnion(candidate.photos)
                continue
            }
            let expired = policy.identityExpired(acquiredOn: candidate.day, today: today)
            if expired, let held = heldFor[number] {
                report.kept.append(.init(entryNumber: number, reason: held.reason, itemID: held.itemID))
                keptPhotos.formUnion(candidate.photos)
            } else if expired {
                report.erased.append(number)
                erasedPhotos.formUnion(candidate.photos)
            } else {
                keptPhotos.formUnion(candidate.photos)
            }
        }
        report.photos = erasedPhotos.subtracting(keptPhotos).sorted { $0.sha256 < $1.sha256 }
        report.leftovers = earlierPhotos.subtracting(keptPhotos).subtracting(erasedPhotos).sorted { $0.sha256 < $1.sha256 }
        return report
    }

    /// The photos an entry's chained content names (the items' photo references), without decoding the rest.
    static func photos(inContent content: Data?) -> [PhotoReference] {
        guard let content, content.range(of: Data("\"sha256\"".utf8)) != nil,
              let entry = try? JSONDecoder().decode(RegisterEntry.Content.self, from: content) else { return [] }
        return entry.items.flatMap(\.photos)
    }

    /// Entry numbers as ranges: "1–4, 9".
    package static func ranges(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < numbers.count {
            var j = i
            while j + 1 < numbers.count && numbers[j + 1] == numbers[j] + 1 { j += 1 }
            parts.append(i == j ? "\(numbers[i])" : "\(numbers[i])–\(numbers[j])")
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }
}

extension SQLiteRegisterStore {
    /// What `purge(today:at:actor:photos:)` would erase on `today`, without writing anything.
    package func purgePlan(today: CalendarDate) throws -> PurgeReport {
        try dbPool.read { db in try plan(db, today: today) }
    }

    /// Erases, in one transaction, the seller identity of every entry past `retention.identityYears`, except
    /// entries with an item under an open police flag, hold order or information request. It writes a chained
    /// purge event and an audit event, replaces the upload payloads of those entries by their identity-free
    /// chained content, and then overwrites and removes their photos (those no kept entry uses) and truncates
    /// the write-ahead log, so the erased text is in no file of the data folder (`secure_delete` zeroes the
    /// freed space in the database file itself).
    ///
    /// Idempotent: run twice on one day, the second run erases nothing and writes no event.
    package func purge(today: CalendarDate, at date: Date, actor: String, photos: PhotoStore?) throws -> PurgeReport {
        var report: PurgeReport = try write { db in
            var report = try plan(db, today: today)
            guard !report.erased.isEmpty else { return report }
            for chunk in report.erased.chunked(500) {
                let marks = chunk.map { _ in "?" }.joined(separator: ",")
                try db.execute(sql: """
                    UPDATE seller_identity SET identity = NULL, salt = NULL, seller_key = NULL, erased_on = ?
                    WHERE entry_number IN (\(marks))
                    """, arguments: StatementArguments([today.iso]) + StatementArguments(Array(chunk)))
                try SearchIndex.erase(db, entryNumbers: chunk)
                for row in try Row.fetchAll(db, sql: "SELECT entry_number, content FROM entry WHERE entry_number IN (\(marks))",
                                            arguments: StatementArguments(chunk)) {
                    try db.execute(sql: """
                        UPDATE upload_job SET payload = ? WHERE entry_number = ? AND kind IN ('entry', 'correction')
                        """, arguments: [row["content"] as Data, row["entry_number"] as Int])
                }
            }
            let rule = settings.retention.identityRule
            report.event = try RegisterEvent.append(db, .purge(.init(
                entryNumbers: report.erased, erasedOn: today, photosRemoved: report.photos.count, rule: rule,
                actor: actor)), at: date)
            try SQLiteRegisterStore.insertAuditEvent(db, .identitiesErased, actor: actor, subject: Self.describe(report.erased),
                                detail: "\(rule); \(report.photos.count) photo(s)", at: date)
            return report
        }
        if let photos {
            if report.event != nil { report.photos = report.photos.filter { Self.wipe(photos.path(for: $0)) } }
            for leftover in report.leftovers where FileManager.default.fileExists(atPath: photos.path(for: leftover)) {
                _ = Self.wipe(photos.path(for: leftover))
            }
        }
        // Every run, not only on an erasure: a reader that held the log open last time made it wait.
        try? truncateWriteAheadLog()
        return report
    }

    private func plan(_ db: Database, today: CalendarDate) throws -> PurgeReport {
        let policy = settings.retention
        let openFlags = try Row.fetchAll(db, sql: """
            SELECT i.entry_number, i.item_id FROM entry_item i
            WHERE (SELECT opened FROM police_flag_event p WHERE p.item_id = i.item_id ORDER BY p.id DESC LIMIT 1) = 1
            """)
        var heldFor: [Int: (reason: String, itemID: String)] = [:]
        for row in openFlags { heldFor[row["entry_number"]] = ("policeFlag", row["item_id"]) }
        for (number, reason) in try policeMatters(db, today: today) where heldFor[number] == nil { heldFor[number] = reason }

        let candidates = try Row.fetchAll(db, sql: """
            SELECT e.entry_number, e.day, e.content, s.erased_on FROM entry e
            LEFT JOIN seller_identity s ON s.entry_number = e.entry_number ORDER BY e.entry_number
            """).compactMap { row -> PurgeReport.Candidate? in
            guard let day = (row["day"] as String?).flatMap(CalendarDate.init(iso:)) else { return nil }
            return .init(number: row["entry_number"], day: day, erasedBefore: (row["erased_on"] as String?) != nil,
                         photos: PurgeReport.photos(inContent: row["content"]))
        }
        return PurgeReport.plan(candidates, heldFor: heldFor, policy: policy, today: today)
    }

    /// "entries 1–4, 9".
    static func describe(_ numbers: [Int]) -> String { "entries " + PurgeReport.ranges(numbers) }

    /// Overwrites a file with zeros, syncs it and removes it: the photo's bytes do not stay in the file's blocks
    /// for the next owner of the disk to read. True when the file is gone (or was not there).
    static func wipe(_ path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        if fd >= 0 {
            var info = stat()
            if fstat(fd, &info) == 0 {
                let zeros = [UInt8](repeating: 0, count: 65_536)
                var left = Int(info.st_size)
                while left > 0 {
                    let n = zeros.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, min(left, $0.count)) }
                    if n <= 0 { break }
                    left -= n
                }
                fsync(fd)
            }
            close(fd)
        }
        return unlink(path) == 0 || errno == ENOENT
    }

    /// Checkpoints the write-ahead log into the database file and truncates it to zero bytes, so no page image
    /// from before an erasure stays in it. A reader holding an old snapshot makes it wait; it is retried.
    func truncateWriteAheadLog() throws {
        for attempt in 0..<50 {
            let busy = try dbPool.writeWithoutTransaction { db in
                try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)").map { ($0[0] as Int?) ?? 1 } ?? 1
            }
            if busy == 0 { return }
            usleep(UInt32(20_000 * min(attempt + 1, 10)))
        }
        throw RegisterStoreError.busy
    }
}

extension Array {
    /// The array in pieces of at most `size` (SQLite's limit on bound parameters).
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
