import Crypto
import Foundation

/// One file of a snapshot, encrypted with AES-GCM in chunks of 1 MiB, so a register of gigabytes is sealed
/// and opened without holding it in memory.
///
/// Layout: the magic line `COUNTER-SEALED 1\n`, an 8-byte random nonce prefix, then chunks, each a 4-byte
/// big-endian length followed by that many bytes of ciphertext and the 16-byte tag. Chunk `i`'s nonce is the
/// prefix and `i`; its additional data names the file, `i` and whether it is the last chunk. So a chunk moved
/// to another place or file, a file cut after any chunk, or bytes added after the last fail to open.
enum SealedFile {
    static let magic = Data("COUNTER-SEALED 1\n".utf8)
    static let chunkSize = 1 << 20

    /// Seals `source` into `destination` (created, mode 0600, fsync'd); returns the plaintext's size and SHA-256.
    static func seal(_ source: String, to destination: String, name: String, key: SymmetricKey) throws -> (size: Int64, sha256: String) {
        guard let input = FileHandle(forReadingAtPath: source) else { throw BackupError.readFailed(path: source) }
        defer { try? input.close() }
        let output = try create(destination)
        defer { try? output.close() }
        var prefix = [UInt8](repeating: 0, count: 8)
        var generator = SystemRandomNumberGenerator()
        for i in prefix.indices { prefix[i] = UInt8.random(in: 0...255, using: &generator) }
        try write(output, magic + Data(prefix), path: destination)
        var hasher = SHA256()
        var size: Int64 = 0
        var index: UInt32 = 0
        var chunk = try input.read(upToCount: chunkSize) ?? Data()
        while true {
            // Read one ahead: a chunk is the last when nothing follows it (an empty file is one empty last chunk).
            let next = chunk.count == chunkSize ? (try input.read(upToCount: chunkSize) ?? Data()) : Data()
            let last = next.isEmpty
            hasher.update(data: chunk)
            size += Int64(chunk.count)
            let box = try AES.GCM.seal(chunk, using: key, nonce: nonce(prefix, index),
                                       authenticating: additionalData(name, index, last))
            var length = UInt32(box.ciphertext.count).bigEndian
            try write(output, Data(bytes: &length, count: 4) + box.ciphertext + box.tag, path: destination)
            if last { break }
            chunk = next
            index += 1
        }
        try output.synchronize()
        return (size, Hex.string(hasher.finalize()))
    }

    /// Opens `source` into `destination` (created, mode 0600); returns the plaintext's size and SHA-256.
    /// Throws ``BackupError/fileDamaged(name:)`` for any chunk that does not open.
    static func open(_ source: String, to destination: String, name: String, key: SymmetricKey) throws -> (size: Int64, sha256: String) {
        guard let input = FileHandle(forReadingAtPath: source) else { throw BackupError.fileMissing(name: name) }
        defer { try? input.close() }
        let output = try create(destination)
        defer { try? output.close() }
        guard let head = try input.read(upToCount: magic.count + 8), head.count == magic.count + 8,
              head.prefix(magic.count) == magic else { throw BackupError.fileDamaged(name: name) }
        let prefix = Array(head.suffix(8))
        var hasher = SHA256()
        var size: Int64 = 0
        var index: UInt32 = 0
        while true {
            guard let lengthBytes = try input.read(upToCount: 4), lengthBytes.count == 4 else {
                throw BackupError.fileDamaged(name: name)  // cut before its last chunk
            }
            let length = Int(lengthBytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            guard length <= chunkSize, let body = try input.read(upToCount: length + 16), body.count == length + 16 else {
                throw BackupError.fileDamaged(name: name)
            }
            let plain: Data
            var last = false
            do {
                let box = try AES.GCM.SealedBox(nonce: nonce(prefix, index), ciphertext: body.prefix(length), tag: body.suffix(16))
                // The last chunk is told by its own additional data: try "not last" for a full chunk first.
                if length == chunkSize, let opened = try? AES.GCM.open(box, using: key, authenticating: additionalData(name, index, false)) {
                    plain = opened
                } else {
                    plain = try AES.GCM.open(box, using: key, authenticating: additionalData(name, index, true))
                    last = true
                }
            } catch {
                throw BackupError.fileDamaged(name: name)
            }
            hasher.update(data: plain)
            size += Int64(plain.count)
            try write(output, plain, path: destination)
            if last { break }
            index += 1
        }
        guard (try input.read(upToCount: 1) ?? Data()).isEmpty else { throw BackupError.fileDamaged(name: name) }
        try output.synchronize()
        return (size, Hex.string(hasher.finalize()))
    }

    static func nonce(_ prefix: [UInt8], _ index: UInt32) throws -> AES.GCM.Nonce {
        var counter = index.bigEndian
        return try AES.GCM.Nonce(data: Data(prefix) + Data(bytes: &counter, count: 4))
    }

    static func additionalData(_ name: String, _ index: UInt32, _ last: Bool) -> Data {
        var counter = index.bigEndian
        return Data(name.utf8) + Data([0]) + Data(bytes: &counter, count: 4) + Data([last ? 1 : 0])
    }

    static func create(_ path: String) throws -> FileHandle {
        let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, PrivateFiles.fileMode)
        guard fd >= 0 else { throw errno == ENOSPC ? BackupError.diskFull(path: path) : BackupError.writeFailed(path: path) }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    static func write(_ handle: FileHandle, _ data: Data, path: String) throws {
        do { try handle.write(contentsOf: data) } catch {
            throw (error as NSError).code == Int(ENOSPC) || "\(error)".contains("No space") ? BackupError.diskFull(path: path)
                : BackupError.writeFailed(path: path)
        }
    }
}
