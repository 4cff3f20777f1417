import Foundation

/// Builds the local hotlist from a feed: CSV with a header row (column `serial` required; `brand`, `model`,
/// `object`, `reportedOn`, `source` optional; RFC 4180 quoting) or the same fields as JSON Lines.
///
/// The new list is written next to the old one and renamed over it only when complete, so an interrupted
/// import leaves the previous list answering. A delta feed has an extra `op` column (`add` or `remove`).
public enum HotlistImporter {
    /// Why a feed cannot be imported. Nothing was changed.
    public enum ImportError: Error, Sendable, CustomStringConvertible, Equatable {
        case unreadable(String)
        case missingSerialColumn
        case empty
        case writeFailed(String)

        public var description: String {
            switch self {
            case .unreadable(let p): "Cannot read the feed \(p)."
            case .missingSerialColumn: "The feed has no `serial` column (CSV header row, or a `serial` key in each JSON line)."
            case .empty: "The feed holds no rows."
            case .writeFailed(let s): "The hotlist could not be written (\(s)); the previous list is still in use."
            }
        }
    }

    /// What an import did.
    public struct Summary: Sendable, Equatable {
        public var rows: Int
        public var added: Int
        public var removed: Int
        /// Rows skipped because they were broken (no serial, bad quoting, bad JSON).
        public var skipped: Int
        /// The first skipped lines (1-based line numbers) with the reason.
        public var skippedExamples: [String]
    }

    /// A row of a feed.
    struct Row {
        var record: StolenRecord
        var remove: Bool
    }

    /// Imports `feedPath` into the hotlist file at `hotlistPath`.
    /// - Parameters:
    ///   - feedPath: the police or Stop Heling feed (CSV).
    ///   - hotlistPath: the hotlist file the checker reads, replaced whole.
    ///   - delta: apply the feed as additions and removals to the current list instead of replacing it.
    ///   - now: the time the list is dated with (its age decides "too old").
    ///   - progress: called now and then with the fraction of the feed read (0…1).
    public static func importFeed(_ feedPath: String, into hotlistPath: String, delta: Bool = false, now: Date = Date(),
                                  progress: (Double) -> Void = { _ in }) throws(ImportError) -> Summary {
        try? PrivateFiles.folder((hotlistPath as NSString).deletingLastPathComponent)
        guard let feed = MappedFile(path: feedPath) else {
            if let attrs = try? FileManager.default.attributesOfItem(atPath: feedPath), (attrs[.size] as? Int) == 0 { throw .empty }
            throw .unreadable(feedPath)
        }
        let bytes = UnsafeRawBufferPointer(start: feed.base, count: feed.count)
        var skipped = 0
        var examples: [String] = []
        let rows: [Row]
        let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        if first == UInt8(ascii: "{") {
            rows = try FeedParser.jsonLines(bytes, skipped: &skipped, examples: &examples, progress: progress)
        } else {
            rows = try FeedParser.csv(bytes, skipped: &skipped, examples: &examples, progress: progress)
        }
        var records: [StolenRecord] = []
        var added = 0, removed = 0
        if delta {
            let current = (try? Hotlist(path: hotlistPath))?.allRecords() ?? []
            let removals = Set(rows.filter(\.remove).map { SerialKey.exact($0.record.serial) })
            records = current.filter { !removals.contains(SerialKey.exact($0.serial)) }
            removed = current.count - records.count
            let adds = rows.filter { !$0.remove }.map(\.record)
            records += adds
            added = adds.count
        } else {
            records = rows.filter { !$0.remove }.map(\.record)
            added = records.count
            guard !records.isEmpty else { throw .empty }
        }
        try HotlistWriter.write(records, to: hotlistPath, createdAt: now)
        progress(1)
        return Summary(rows: records.count, added: added, removed: removed, skipped: skipped, skippedExamples: examples)
    }
}

/// Writes a hotlist file atomically.
enum HotlistWriter {
    struct Entry { var hash: UInt64; var row: UInt32 }

    static func write(_ records: [StolenRecord], to path: String, createdAt: Date) throws(HotlistImporter.ImportError) {
        var text: [UInt8] = []
        text.reserveCapacity(records.count * 48)
        var offsets: [UInt64] = [0]
        offsets.reserveCapacity(records.count + 1)
        var exact: [Entry] = [], loose: [Entry] = []
        exact.reserveCapacity(records.count)
        loose.reserveCapacity(records.count)
        for (row, r) in records.enumerated() {
            for (i, field) in [r.serial, r.brand ?? "", r.model ?? "", r.object ?? "", r.reportedOn ?? "", r.source ?? ""].enumerated() {
                if i > 0 { text.append(0x09) }
                for b in field.utf8 { text.append(b == 0x09 || b == 0x0A || b == 0x0D ? 0x20 : b) }
            }
            offsets.append(UInt64(text.count))
            let key = SerialKey.exact(r.serial)
            exact.append(Entry(hash: Hotlist.hash(key), row: UInt32(row)))
            loose.append(Entry(hash: Hotlist.hash(SerialKey.fold(key)), row: UInt32(row)))
        }
        exact.sort { $0.hash < $1.hash }
        loose.sort { $0.hash < $1.hash }

        let temporary = path + ".importing"
        FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: Int(PrivateFiles.fileMode)])
        guard let handle = FileHandle(forWritingAtPath: temporary) else { throw .writeFailed("cannot create \(temporary)") }
        do {
            var header = [UInt8](repeating: 0, count: Hotlist.headerSize)
            header.replaceSubrange(0..<8, with: Hotlist.magic)
            withUnsafeBytes(of: UInt64(records.count).littleEndian) { header.replaceSubrange(8..<16, with: $0) }
            withUnsafeBytes(of: Int64(createdAt.timeIntervalSince1970).littleEndian) { header.replaceSubrange(16..<24, with: $0) }
            try handle.write(contentsOf: header)
            // Fences: every 256th hash of each index, the part a reader keeps in memory.
            for index in [exact, loose] {
                var fences = [UInt8]()
                fences.reserveCapacity(Hotlist.fenceCount(index.count) * 8)
                for i in stride(from: 0, to: index.count, by: Hotlist.blockEntries) {
                    withUnsafeBytes(of: index[i].hash.littleEndian) { fences.append(contentsOf: $0) }
                }
                try handle.write(contentsOf: fences)
            }
            for index in [exact, loose] {
                var buffer = [UInt8](repeating: 0, count: index.count * Hotlist.entrySize)
                buffer.withUnsafeMutableBytes { out in
                    for (i, e) in index.enumerated() {
                        out.storeBytes(of: e.hash.littleEndian, toByteOffset: i * 16, as: UInt64.self)
                        out.storeBytes(of: e.row.littleEndian, toByteOffset: i * 16 + 8, as: UInt32.self)
                    }
                }
                try handle.write(contentsOf: buffer)
            }
            try offsets.withUnsafeBytes { try handle.write(contentsOf: Data($0)) }
            try handle.write(contentsOf: text)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            unlink(temporary)
            throw .writeFailed(error.localizedDescription)
        }
        // The switch-over: the old list answers until this rename, the new one after it.
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw .writeFailed(String(cString: strerror(errno)))
        }
    }
}
