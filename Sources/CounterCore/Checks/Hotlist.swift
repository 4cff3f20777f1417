import Foundation

/// The local stolen-goods list: answers at once, offline, with little memory.
///
/// File layout (little-endian): a 64-byte header (`CNTRHL02`, row count, creation time), for exact and then
/// loose keys a sparse "fence" array (every 256th hash), then the two indexes of `(64-bit key hash, row)` pairs
/// sorted by hash, row offsets, and the rows as tab-separated text. Only the fences are kept in memory
/// (~80 KB per million rows); a lookup reads one 4 KB index block and the row with pread(2), then compares the
/// row's own key, so hash collisions cannot produce a false hit. Reading with pread keeps the file in the page
/// cache instead of the process's resident memory.
package final class Hotlist: Sendable {
    /// Why a hotlist file cannot be used.
    package enum OpenError: Error, Sendable, CustomStringConvertible {
        case missing(String)
        case corrupt(String)
        package var description: String {
            switch self {
            case .missing(let p): "No hotlist at \(p): import one with `counter-kiosk hotlist import FILE`."
            case .corrupt(let p): "The hotlist at \(p) is damaged: import it again."
            }
        }
    }

    static let magic = Array("CNTRHL02".utf8)
    static let headerSize = 64
    static let entrySize = 16
    static let blockEntries = 256

    package let path: String
    /// How many rows the list holds.
    package let rowCount: Int
    /// When it was imported.
    package let createdAt: Date
    private let file: ReadOnlyFile
    private let fences: [[UInt64]]

    /// Opens the hotlist file at `path`.
    package init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw OpenError.missing(path) }
        guard let file = ReadOnlyFile(path: path), file.size >= Self.headerSize,
              let header = file.read(at: 0, count: Self.headerSize), Array(header[0..<8]) == Self.magic
        else { throw OpenError.corrupt(path) }
        let rows = Int(Self.load(UInt64.self, header, 8))
        self.path = path
        self.file = file
        rowCount = rows
        createdAt = Date(timeIntervalSince1970: TimeInterval(Int64(bitPattern: Self.load(UInt64.self, header, 16))))
        let fenceCount = Self.fenceCount(rows)
        guard file.size >= Self.recordsStart(rows), let fenceBytes = file.read(at: Self.headerSize, count: fenceCount * 16)
        else { throw OpenError.corrupt(path) }
        fences = (0..<2).map { index in
            (0..<fenceCount).map { Self.load(UInt64.self, fenceBytes, (index * fenceCount + $0) * 8) }
        }
    }

    static func fenceCount(_ rows: Int) -> Int { (rows + blockEntries - 1) / blockEntries }
    static func indexStart(_ rows: Int, _ index: Int) -> Int { headerSize + fenceCount(rows) * 16 + index * rows * entrySize }
    static func offsetsStart(_ rows: Int) -> Int { indexStart(rows, 2) }
    static func recordsStart(_ rows: Int) -> Int { offsetsStart(rows) + (rows + 1) * 8 }

    static func load<T: FixedWidthInteger>(_ type: T.Type, _ bytes: [UInt8], _ offset: Int) -> T {
        bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }

    /// The list's name in check records: `hotlist 2026-11-22`.
    package var sourceName: String { "hotlist \(CalendarDate(createdAt).iso)" }

    /// Rows whose exact key equals `exactKey`.
    package func exactMatches(_ exactKey: String) -> [StolenRecord] {
        matches(key: exactKey, index: 0) { SerialKey.exact($0) }.map { var r = $0; r.matchType = "EXACT"; r.source = r.source ?? sourceName; return r }
    }

    /// Rows whose loose key equals `looseKey`.
    package func looseMatches(_ looseKey: String) -> [StolenRecord] {
        matches(key: looseKey, index: 1) { SerialKey.loose($0) }.map { var r = $0; r.matchType = "LOOSE"; r.source = r.source ?? sourceName; return r }
    }

    /// Checks one serial: an exact hit, else a loose possible match, else nil (not on the list).
    package func check(serial: String) -> StolenGoodsCheck? {
        let exact = SerialKey.exact(serial)
        guard !exact.isEmpty else { return nil }
        let hits = exactMatches(exact)
        if !hits.isEmpty { return .hit(hits) }
        let loose = looseMatches(SerialKey.fold(exact))
        return loose.isEmpty ? nil : .possibleMatch(loose)
    }

    private func matches(key: String, index: Int, keyOf: (String) -> String) -> [StolenRecord] {
        guard !key.isEmpty, rowCount > 0 else { return [] }
        let hash = Self.hash(key)
        let fence = fences[index]
        // The first block whose first hash is ≥ hash, minus one: equal hashes may start in the block before.
        var lo = 0, hi = fence.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if fence[mid] < hash { lo = mid + 1 } else { hi = mid }
        }
        var block = max(0, lo - 1)
        var out: [StolenRecord] = []
        let base = Self.indexStart(rowCount, index)
        while block < fence.count {
            let first = block * Self.blockEntries
            let n = min(Self.blockEntries, rowCount - first)
            guard let bytes = file.read(at: base + first * Self.entrySize, count: n * Self.entrySize) else { return out }
            var passed = false
            for i in 0..<n {
                let h = Self.load(UInt64.self, bytes, i * Self.entrySize)
                if h < hash { continue }
                if h > hash { passed = true; break }
                let row = Int(Self.load(UInt32.self, bytes, i * Self.entrySize + 8))
                if let record = self.record(row), keyOf(record.serial) == key { out.append(record) }
            }
            if passed { break }
            block += 1
            if block < fence.count && fence[block] > hash { break }
        }
        return out
    }

    /// Row `row` of the list.
    func record(_ row: Int) -> StolenRecord? {
        guard row >= 0 && row < rowCount, let pair = file.read(at: Self.offsetsStart(rowCount) + row * 8, count: 16) else { return nil }
        let start = Int(Self.load(UInt64.self, pair, 0)), end = Int(Self.load(UInt64.self, pair, 8))
        guard end >= start, let bytes = file.read(at: Self.recordsStart(rowCount) + start, count: end - start) else { return nil }
        let fields = bytes.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard fields.count == 6 else { return nil }
        func opt(_ s: String) -> String? { s.isEmpty ? nil : s }
        return StolenRecord(serial: fields[0], brand: opt(fields[1]), model: opt(fields[2]), object: opt(fields[3]),
                            reportedOn: opt(fields[4]), source: opt(fields[5]), matchType: "")
    }

    /// Every row, for rebuilding the list with a delta.
    func allRecords() -> [StolenRecord] { (0..<rowCount).compactMap(record) }

    /// FNV-1a, 64 bit.
    static func hash(_ key: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}

/// A file read with pread(2) from any thread.
final class ReadOnlyFile: Sendable {
    let fd: Int32
    let size: Int

    init?(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0 else { close(fd); return nil }
        self.fd = fd
        size = Int(st.st_size)
    }

    deinit { close(fd) }

    /// `count` bytes at `offset`, or nil past the end.
    func read(at offset: Int, count: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0, offset + count <= size else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n <= 0 { if n < 0 && errno == EINTR { continue }; return nil }
            done += n
        }
        return bytes
    }
}

/// A read-only memory mapping of a whole file (the importer reads feeds through it).
final class MappedFile: @unchecked Sendable {
    // Immutable after init and never written through: safe to share between threads.
    let base: UnsafeRawPointer
    let count: Int

    init?(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 0 else { return nil }
        count = Int(st.st_size)
        guard let p = mmap(nil, count, PROT_READ, MAP_SHARED, fd, 0), p != MAP_FAILED else { return nil }
        base = UnsafeRawPointer(p)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), count) }
}
