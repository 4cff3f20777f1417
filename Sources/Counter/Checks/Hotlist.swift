import Foundation

/// The local stolen-goods list: answers at once, offline, from a memory-mapped file.
///
/// File layout (little-endian): a 64-byte header (`CNTRHL01`, row count, creation time), two indexes of
/// `(64-bit key hash, row)` pairs sorted by hash (exact keys, then loose keys), row offsets, and the rows as
/// tab-separated text. A lookup is a binary search in an index followed by a comparison with the row's own
/// key, so hash collisions cannot produce a false hit. Only the pages a lookup touches are read, which keeps
/// the kiosk's memory small with 10 M rows.
public final class Hotlist: Sendable {
    /// Why a hotlist file cannot be used.
    public enum OpenError: Error, Sendable, CustomStringConvertible {
        case missing(String)
        case corrupt(String)
        public var description: String {
            switch self {
            case .missing(let p): "No hotlist at \(p): import one with `counter-kiosk hotlist import FILE`."
            case .corrupt(let p): "The hotlist at \(p) is damaged: import it again."
            }
        }
    }

    static let magic = Array("CNTRHL01".utf8)
    static let headerSize = 64
    static let entrySize = 16

    public let path: String
    /// How many rows the list holds.
    public let rowCount: Int
    /// When it was imported.
    public let createdAt: Date
    private let mapping: MappedFile

    /// Opens the hotlist file at `path`.
    public init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw OpenError.missing(path) }
        guard let mapping = MappedFile(path: path), mapping.count >= Self.headerSize,
              Array(UnsafeRawBufferPointer(start: mapping.base, count: 8)) == Self.magic else { throw OpenError.corrupt(path) }
        self.path = path
        self.mapping = mapping
        let rows = Int(mapping.load(UInt64.self, at: 8))
        rowCount = rows
        createdAt = Date(timeIntervalSince1970: TimeInterval(mapping.load(Int64.self, at: 16)))
        let expected = Self.headerSize + rows * Self.entrySize * 2 + (rows + 1) * 8
        guard mapping.count >= expected, Int(mapping.load(UInt64.self, at: Self.offsetsStart(rows) + rows * 8)) + expected <= mapping.count
        else { throw OpenError.corrupt(path) }
    }

    static func offsetsStart(_ rows: Int) -> Int { headerSize + rows * entrySize * 2 }
    static func recordsStart(_ rows: Int) -> Int { offsetsStart(rows) + (rows + 1) * 8 }

    /// The list's name in check records: `hotlist 2026-11-22`.
    public var sourceName: String { "hotlist \(CalendarDate(createdAt).iso)" }

    /// Rows whose exact key equals `exactKey`.
    public func exactMatches(_ exactKey: String) -> [StolenRecord] {
        matches(key: exactKey, index: 0) { SerialKey.exact($0) }.map { var r = $0; r.matchType = "EXACT"; r.source = r.source ?? sourceName; return r }
    }

    /// Rows whose loose key equals `looseKey`.
    public func looseMatches(_ looseKey: String) -> [StolenRecord] {
        matches(key: looseKey, index: 1) { SerialKey.loose($0) }.map { var r = $0; r.matchType = "LOOSE"; r.source = r.source ?? sourceName; return r }
    }

    /// Checks one serial: an exact hit, else a loose possible match, else nil (not on the list).
    public func check(serial: String) -> StolenGoodsCheck? {
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
        let base = Self.headerSize + index * rowCount * Self.entrySize
        var lo = 0, hi = rowCount
        while lo < hi {
            let mid = (lo + hi) / 2
            if mapping.load(UInt64.self, at: base + mid * Self.entrySize) < hash { lo = mid + 1 } else { hi = mid }
        }
        var out: [StolenRecord] = []
        var i = lo
        while i < rowCount && mapping.load(UInt64.self, at: base + i * Self.entrySize) == hash {
            let row = Int(mapping.load(UInt32.self, at: base + i * Self.entrySize + 8))
            if let record = self.record(row), keyOf(record.serial) == key { out.append(record) }
            i += 1
        }
        return out
    }

    /// Row `row` of the list.
    func record(_ row: Int) -> StolenRecord? {
        guard row >= 0 && row < rowCount else { return nil }
        let offsets = Self.offsetsStart(rowCount)
        let start = Int(mapping.load(UInt64.self, at: offsets + row * 8))
        let end = Int(mapping.load(UInt64.self, at: offsets + (row + 1) * 8))
        let recordsStart = Self.recordsStart(rowCount)
        guard end >= start, recordsStart + end <= mapping.count else { return nil }
        let bytes = UnsafeRawBufferPointer(start: mapping.base + recordsStart + start, count: end - start)
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

/// A read-only memory mapping of a whole file.
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

    @inline(__always)
    func load<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
        T(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
