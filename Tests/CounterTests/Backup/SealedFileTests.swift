import Crypto
import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// The snapshot's files are sealed in chunks (a register of gigabytes is not held in memory): each chunk is bound
/// to its file, its place and whether it is the last, so no chunk can be dropped, moved or added unseen.
@Suite("Sealed backup files")
struct SealedFileTests {
    @Test("Files of 0 bytes, one byte, exactly one chunk, and a chunk and a bit come back byte for byte, with their hash")
    func roundTrips() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let key = SymmetricKey(size: .bits256)
        for size in [0, 1, SealedFile.chunkSize, SealedFile.chunkSize * 2 + 17] {
            let plain = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
            try plain.write(to: URL(fileURLWithPath: folder.path + "/plain"))
            let sealed = try SealedFile.seal(folder.path + "/plain", to: folder.path + "/sealed", name: "f", key: key)
            #expect(sealed.size == Int64(size) && sealed.sha256 == Hex.string(SHA256.hash(data: plain)))
            let opened = try SealedFile.open(folder.path + "/sealed", to: folder.path + "/opened", name: "f", key: key)
            #expect(opened == sealed)
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/opened")) == plain)
        }
    }

    @Test("The last chunk dropped, two chunks swapped, bytes added, another key or another name: refused")
    func tampering() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let key = SymmetricKey(size: .bits256)
        let plain = Data((0..<(SealedFile.chunkSize * 2 + 5)).map { UInt8(truncatingIfNeeded: $0) })
        try plain.write(to: URL(fileURLWithPath: folder.path + "/plain"))
        _ = try SealedFile.seal(folder.path + "/plain", to: folder.path + "/sealed", name: "f", key: key)
        let sealed = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/sealed"))
        let header = SealedFile.magic.count + 8
        let chunk = 4 + SealedFile.chunkSize + 16
        let first = sealed.subdata(in: header..<header + chunk), second = sealed.subdata(in: header + chunk..<header + 2 * chunk)
        let head = sealed.prefix(header), tail = sealed.suffix(from: header + 2 * chunk)

        func refused(_ bytes: Data, name: String = "f", key: SymmetricKey = key) throws {
            try bytes.write(to: URL(fileURLWithPath: folder.path + "/bad"))
            #expect(throws: BackupError.fileDamaged(name: name)) {
                try SealedFile.open(folder.path + "/bad", to: folder.path + "/opened", name: name, key: key)
            }
        }
        try refused(head + first + second)                  // the last (short) chunk dropped: cut at a chunk's edge
        try refused(head + second + first + tail)           // reordered
        try refused(sealed + Data([0]))                     // bytes after the last chunk
        try refused(sealed, key: SymmetricKey(size: .bits256))
        try refused(sealed, name: "g")
        try refused(Data("not sealed".utf8))
    }
}
