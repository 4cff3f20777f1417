import Crypto

/// Lower-case hexadecimal text of bytes. A table loop: `String(format: "%02x")` per byte costs about a
/// microsecond each on Linux, which made hashing, not SQLite, the larger part of `verify` (issue 14).
package enum Hex {
    private static let digits: StaticString = "0123456789abcdef"

    /// `[0xAB, 0x01]` → `"ab01"`.
    package static func string(_ bytes: some Sequence<UInt8>) -> String {
        if let text = bytes.withContiguousStorageIfAvailable({ string(UnsafeRawBufferPointer($0)) }) { return text }
        return Array(bytes).withUnsafeBytes { string($0) }
    }

    /// A digest's hex, written in place (`verify` does three for every entry).
    package static func string(_ digest: some Digest) -> String {
        digest.withUnsafeBytes { string($0) }
    }

    static func string(_ raw: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: raw.count * 2) { out in
            let table = digits.utf8Start
            for (i, b) in raw.enumerated() {
                out[2 * i] = table[Int(b >> 4)]
                out[2 * i + 1] = table[Int(b & 0x0F)]
            }
            return raw.count * 2
        }
    }
}
