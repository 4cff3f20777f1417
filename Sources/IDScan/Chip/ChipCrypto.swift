import CChipCrypto

/// The chip's cryptography, over OpenSSL 3's libcrypto (docs/chip-crypto.md says why not swift-crypto alone):
/// 3DES and AES without padding, ISO/IEC 9797-1 MAC algorithm 3 ("retail MAC"), AES-CMAC, SHA digests,
/// point arithmetic on the standard curves (brainpool included) and modular exponentiation. No curve
/// arithmetic is written here: it is OpenSSL's.
public enum ChipCrypto {
    /// The block ciphers of ICAO Doc 9303 part 11 secure messaging.
    public enum BlockCipher: String, Sendable, Hashable {
        /// Two-key triple DES (BAC, and PACE with `DESede`).
        case tripleDES = "DES-EDE"
        case aes128 = "AES-128"
        case aes192 = "AES-192"
        case aes256 = "AES-256"

        public var blockSize: Int { self == .tripleDES ? 8 : 16 }
        public var keyLength: Int {
            switch self {
            case .tripleDES, .aes128: 16
            case .aes192: 24
            case .aes256: 32
            }
        }
    }

    /// A failure inside libcrypto or a value it refused (a point not on the curve, a wrong key length).
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var operation: String
        public var description: String { "cryptography failed: \(operation)" }
    }

    public static func cbc(_ cipher: BlockCipher, encrypt: Bool, key: [UInt8], iv: [UInt8]? = nil, _ data: [UInt8]) throws -> [UInt8] {
        try run(cipher.rawValue + "-CBC", encrypt: encrypt, key: key, iv: iv, data)
    }

    public static func ecb(_ cipher: BlockCipher, encrypt: Bool, key: [UInt8], _ data: [UInt8]) throws -> [UInt8] {
        try run(cipher.rawValue + "-ECB", encrypt: encrypt, key: key, iv: nil, data)
    }

    static func run(_ name: String, encrypt: Bool, key: [UInt8], iv: [UInt8]?, _ data: [UInt8]) throws -> [UInt8] {
        guard !data.isEmpty else { return [] }
        var out = [UInt8](repeating: 0, count: data.count)
        let ok = out.withUnsafeMutableBufferPointer { o in
            data.withUnsafeBufferPointer { d in
                key.withUnsafeBufferPointer { k in
                    if let iv {
                        return iv.withUnsafeBufferPointer { v in
                            chip_cipher(name, encrypt ? 1 : 0, k.baseAddress, k.count, v.baseAddress, d.baseAddress, d.count, o.baseAddress)
                        }
                    }
                    return chip_cipher(name, encrypt ? 1 : 0, k.baseAddress, k.count, nil, d.baseAddress, d.count, o.baseAddress)
                }
            }
        }
        guard ok == 1 else { throw Failure(operation: name) }
        return out
    }

    /// ISO/IEC 9797-1 padding method 2: `80`, then zeros to a whole block (always at least one byte).
    public static func pad(_ data: [UInt8], blockSize: Int) -> [UInt8] {
        var out = data + [0x80]
        while out.count % blockSize != 0 { out.append(0) }
        return out
    }

    /// Removes padding method 2; nil when it is not there.
    public static func unpad(_ data: [UInt8]) -> [UInt8]? {
        guard let last = data.lastIndex(where: { $0 != 0 }), data[last] == 0x80 else { return nil }
        return Array(data[..<last])
    }

    /// ISO/IEC 9797-1 MAC algorithm 3 with DES (the "retail MAC" of BAC and 3DES secure messaging) over data
    /// already padded to 8 bytes: CBC with the key's first half, then decrypt with the second, encrypt with the first.
    public static func retailMAC(key: [UInt8], _ data: [UInt8]) throws -> [UInt8] {
        guard key.count == 16, !data.isEmpty, data.count % 8 == 0 else { throw Failure(operation: "retail MAC") }
        let k1 = Array(key[0..<8]), k2 = Array(key[8..<16])
        // Triple DES with both halves equal is single DES.
        let chained = try cbc(.tripleDES, encrypt: true, key: k1 + k1, data)
        let last = Array(chained.suffix(8))
        let decrypted = try ecb(.tripleDES, encrypt: false, key: k2 + k2, last)
        return try ecb(.tripleDES, encrypt: true, key: k1 + k1, decrypted)
    }

    /// AES-CMAC, 16 bytes (PACE and AES secure messaging use its first 8).
    public static func cmac(key: [UInt8], _ data: [UInt8]) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 16)
        let ok = key.withUnsafeBufferPointer { k in
            data.withUnsafeBufferPointer { d in chip_cmac_aes(k.baseAddress, k.count, d.baseAddress, d.count, &out) }
        }
        guard ok == 1 else { throw Failure(operation: "CMAC") }
        return out
    }

    /// A digest by OpenSSL name: SHA1, SHA224, SHA256, SHA384, SHA512.
    public static func digest(_ name: String, _ data: [UInt8]) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 64)
        var length = 0
        let ok = data.withUnsafeBufferPointer { d in chip_digest(name, d.baseAddress, d.count, &out, &length) }
        guard ok == 1 else { throw Failure(operation: "digest \(name)") }
        return Array(out.prefix(length))
    }

    public static func sha1(_ data: [UInt8]) -> [UInt8] {
        // SHA-1 is always present in libcrypto; a failure here is a broken installation.
        (try? digest("SHA1", data)) ?? []
    }

    public static func random(_ count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        guard chip_random(&out, count) == 1 else { throw Failure(operation: "random") }
        return out
    }

    /// Sets each byte's lowest bit so the byte has odd parity, as DES keys are written.
    public static func withDESParity(_ key: [UInt8]) -> [UInt8] {
        key.map { byte in
            let ones = (byte >> 1).nonzeroBitCount
            return (byte & 0xFE) | (ones % 2 == 0 ? 1 : 0)
        }
    }

    /// ICAO Doc 9303 part 11 §9.7.1: KDF(K, c) = H(K ‖ c) cut to the cipher's key (SHA-1 for 3DES and
    /// AES-128, SHA-256 for AES-192 and AES-256). c: 1 encryption, 2 MAC, 3 the PACE password key.
    public static func deriveKey(_ secret: [UInt8], counter: UInt32, for cipher: BlockCipher) throws -> [UInt8] {
        let c: [UInt8] = [UInt8(counter >> 24), UInt8((counter >> 16) & 0xFF), UInt8((counter >> 8) & 0xFF), UInt8(counter & 0xFF)]
        switch cipher {
        case .tripleDES: return withDESParity(Array(try digest("SHA1", secret + c).prefix(16)))
        case .aes128: return Array(try digest("SHA1", secret + c).prefix(16))
        case .aes192: return Array(try digest("SHA256", secret + c).prefix(24))
        case .aes256: return try digest("SHA256", secret + c)
        }
    }
}
