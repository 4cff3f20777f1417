import Foundation

/// The bytes of new photos stored per shop day, kept in a one-line file (`photos/usage`: `YYYY-MM-DD bytes`)
/// under an exclusive `flock`, so the kiosk and `photo add` in another process count against one quota.
struct PhotoUsage {
    let path: String

    /// Runs `write` when `bytes` more on `day` stay within `limit`, then counts them; otherwise throws
    /// ``PhotoStore/PhotoError/dailyQuotaReached(limitMegabytes:)`` and writes nothing.
    func add(_ bytes: Int, day: CalendarDate, limit: Int,
             _ write: () throws(PhotoStore.PhotoError) -> Void) throws(PhotoStore.PhotoError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, PrivateFiles.fileMode)
        guard fd >= 0 else { throw .writeFailed("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        _ = fchmod(fd, PrivateFiles.fileMode)
        guard flock(fd, LOCK_EX) == 0 else { throw .writeFailed("cannot lock \(path)") }
        defer { _ = flock(fd, LOCK_UN) }
        let used = Self.used(on: day, in: Self.read(fd))
        guard used + bytes <= limit else { throw .dailyQuotaReached(limitMegabytes: limit / 1_048_576) }
        try write()
        let line = Array("\(day.iso) \(used + bytes)\n".utf8)
        _ = ftruncate(fd, 0)
        _ = line.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// Bytes used on `day` according to the file's text (another day, or a damaged file: none).
    static func used(on day: CalendarDate, in text: String) -> Int {
        let parts = text.split(separator: " ")
        guard parts.count == 2, parts[0] == day.iso,
              let n = Int(parts[1].trimmingCharacters(in: .whitespacesAndNewlines)), n >= 0 else { return 0 }
        return n
    }

    static func read(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        return n > 0 ? String(decoding: buffer[..<n], as: UTF8.self) : ""
    }
}
