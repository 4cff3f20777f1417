import Foundation

/// The register's head (entry number and hash) written outside the database file: an append-only text file
/// `register.sqlite.anchor`, one line `NUMBER HASH` per commit, fsync'd before the entry number is shown.
///
/// Why: the hash chain proves entries were not changed, but not that none are missing at the end. A
/// truncated file, a lost WAL or a restored old copy leaves a shorter chain that is intact by itself (the
/// first release's `verify` said "intact" with 22 acknowledged entries gone, and would have issued their
/// numbers again). The anchor remembers how far the register went.
///
/// Lines are appended with `O_APPEND`, so the kiosk and the CLI may both write; the highest number counts.
/// A line is written after its transaction commits: a crash in between leaves the anchor one behind, which is
/// harmless (it is a lower bound); it is never ahead of what was committed.
public struct RegisterAnchor: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// One anchored head.
    public struct Head: Sendable, Hashable, Codable {
        public var entryNumber: Int
        public var hash: String

        public init(entryNumber: Int, hash: String) {
            self.entryNumber = entryNumber
            self.hash = hash
        }
    }

    /// Appends a head and makes it durable.
    public func record(_ head: Head) throws {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, PrivateFiles.fileMode)
        guard fd >= 0 else { throw RegisterStoreError.writeFailed("anchor \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let line = Array("\(head.entryNumber) \(head.hash)\n".utf8)
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(fd) == 0 else {
            throw errno == ENOSPC ? RegisterStoreError.diskFull : RegisterStoreError.writeFailed("anchor \(path)")
        }
    }

    /// The highest head anchored, or nil when there is no anchor yet. Damaged lines are skipped.
    public func latest() -> Head? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var best: Head?
        for line in data.split(separator: 0x0A) {
            let parts = line.split(separator: 0x20)
            guard parts.count == 2, let number = Int(String(decoding: parts[0], as: UTF8.self)), number > 0,
                  parts[1].count == 64 else { continue }
            // The later line wins a tie: an entry re-anchored after the identity left the chain (new hash).
            if best == nil || number >= best!.entryNumber {
                best = Head(entryNumber: number, hash: String(decoding: parts[1], as: UTF8.self))
            }
        }
        return best
    }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }
}
