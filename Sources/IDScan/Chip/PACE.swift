/// PACE with generic mapping (ICAO Doc 9303 part 11 §4.4): the password (the MRZ information or the CAN)
/// decrypts a nonce from the chip; a first Diffie–Hellman maps the group's generator with that nonce; a second,
/// on the mapped generator, gives the session keys; authentication tokens prove both sides hold them.
/// Each step is a function of its inputs, so the worked examples of part 11 check it byte by byte.
public enum PACE {
    /// What the access key is made from.
    public enum Password: Sendable, Hashable {
        /// The MRZ information (``BAC/mrzInformation(documentNumber:birthDate:expiryDate:)``).
        case mrz(String)
        /// The card access number printed on the document (6 digits on Dutch ID cards since 2021).
        case can(String)

        /// The MSE:Set AT password reference.
        var reference: UInt8 {
            switch self {
            case .mrz: 0x01
            case .can: 0x02
            }
        }

        /// K: SHA-1 of the MRZ information, or the CAN's characters.
        var secret: [UInt8] {
            switch self {
            case .mrz(let information): ChipCrypto.sha1(Array(information.utf8))
            case .can(let can): Array(can.utf8)
            }
        }
    }

    /// The group the key agreement runs in: a named curve, or a prime field.
    public enum Domain: Sendable, Hashable {
        case curve(EllipticCurve)
        case field(DHGroup)

        /// ICAO's standardized domain parameters (part 11 §9.5.1): 0 is RFC 5114's 1024-bit group with a 160-bit
        /// subgroup; 8–18 are the NIST and brainpool curves. Nil for the rest (proprietary or not supported).
        public init?(standardized id: Int) {
            let curves: [Int: String] = [
                8: "prime192v1", 9: "brainpoolP192r1", 10: "secp224r1", 11: "brainpoolP224r1", 12: "prime256v1",
                13: "brainpoolP256r1", 14: "brainpoolP320r1", 15: "secp384r1", 16: "brainpoolP384r1",
                17: "brainpoolP512r1", 18: "secp521r1",
            ]
            if id == 0 { self = .field(.rfc5114_1024_160); return }
            guard let name = curves[id], let curve = try? EllipticCurve(name) else { return nil }
            self = .curve(curve)
        }
    }

    /// K_π = KDF(K, 3).
    public static func passwordKey(_ password: Password, cipher: ChipCrypto.BlockCipher) throws -> [UInt8] {
        try ChipCrypto.deriveKey(password.secret, counter: 3, for: cipher)
    }

    /// s = D(K_π, z), CBC with a zero IV.
    public static func decryptNonce(_ encrypted: [UInt8], passwordKey: [UInt8], cipher: ChipCrypto.BlockCipher) throws -> [UInt8] {
        guard !encrypted.isEmpty, encrypted.count % cipher.blockSize == 0 else { throw ChipReadFailure.malformed("PACE nonce") }
        return try ChipCrypto.cbc(cipher, encrypt: false, key: passwordKey, encrypted)
    }

    /// A public key on the domain's generator (nil) or on a mapped one.
    public static func publicKey(_ domain: Domain, privateKey: [UInt8], generator: [UInt8]? = nil) throws -> [UInt8] {
        switch domain {
        case .curve(let curve): try curve.multiply(privateKey, generator)
        case .field(let group): try group.power(generator ?? group.generator, privateKey)
        }
    }

    /// Generic mapping: H = t·PK_chip (or h = PK_chip^t), then G̃ = s·G + H (or g̃ = g^s · h).
    public static func mapGenerator(_ domain: Domain, nonce: [UInt8], terminalKey: [UInt8], chipMappingKey: [UInt8]) throws -> [UInt8] {
        switch domain {
        case .curve(let curve):
            let h = try curve.multiply(terminalKey, chipMappingKey)
            return try curve.multiply(nonce, nil, adding: h)
        case .field(let group):
            let h = try group.power(chipMappingKey, terminalKey)
            guard h.contains(where: { $0 != 0 }), h != [UInt8](repeating: 0, count: h.count - 1) + [1] else {
                throw ChipReadFailure.malformed("PACE mapping")
            }
            return try group.power(group.generator, nonce, times: h)
        }
    }

    /// The shared secret: the x coordinate of k·PK_chip, or PK_chip^k mod p.
    public static func sharedSecret(_ domain: Domain, privateKey: [UInt8], chipKey: [UInt8]) throws -> [UInt8] {
        switch domain {
        case .curve(let curve): curve.x(try curve.multiply(privateKey, chipKey))
        case .field(let group): try group.power(chipKey, privateKey)
        }
    }

    /// The authentication token: MAC(K_MAC, 7F49 { 06 OID, 86 point | 84 number }) cut to 8 bytes.
    public static func token(macKey: [UInt8], cipher: ChipCrypto.BlockCipher, protocolID: ASN1ObjectIdentifier,
                             publicKey: [UInt8], domain: Domain) throws -> [UInt8] {
        let keyTag: UInt32
        var key = publicKey
        switch domain {
        case .curve: keyTag = 0x86
        case .field:
            keyTag = 0x84
            while key.count > 1 && key.first == 0 { key.removeFirst() }
        }
        let input = TLV(tag: 0x7F49, value: TLV(tag: 0x06, value: protocolID.der).bytes + TLV(tag: keyTag, value: key).bytes).bytes
        if cipher == .tripleDES { return try ChipCrypto.retailMAC(key: macKey, ChipCrypto.pad(input, blockSize: 8)) }
        return Array(try ChipCrypto.cmac(key: macKey, input).prefix(8))
    }
}

extension DHGroup {
    /// RFC 5114 §2.1: the 1024-bit MODP group with a 160-bit prime-order subgroup (ICAO parameter 0).
    public static let rfc5114_1024_160 = DHGroup(
        prime: hexBytes("""
            B10B8F96A080E01DDE92DE5EAE5D54EC52C99FBCFB06A3C69A6A9DCA52D23B616073E28675A23D189838EF1E2EE652C0\
            13ECB4AEA906112324975C3CD49B83BFACCBDD7D90C4BD7098488E9C219A73724EFFD6FAE5644738FAA31A4FF55BCCC0\
            A151AF5F0DC8B4BD45BF37DF365C1A65E68CFDA76D4DA708DF1FB2BC2E4A4371
            """),
        generator: hexBytes("""
            A4D1CBD5C3FD34126765A442EFB99905F8104DD258AC507FD6406CFF14266D31266FEA1E5C41564B777E690F5504F213\
            160217B4B01B886A5E91547F9E2749F4D7FBD7D3B9A92EE1909D0D2263F80A76A6A24C087A091F531DBF0A0169B6A28A\
            D662A4D18E73AFA32D779D5918D08BC8858F4DCEF97C2A24855E6EEB22B3B2E5
            """),
        order: hexBytes("F518AA8781A8DF278ABA4E7D64B7CB9D49462353"))
}

/// Hex text to bytes (spaces ignored); for constants.
func hexBytes(_ text: String) -> [UInt8] {
    let digits = Array(text.utf8.filter { $0 != 0x20 && $0 != 0x0A })
    return stride(from: 0, to: digits.count - 1, by: 2).map { i in
        UInt8(String(decoding: digits[i...(i + 1)], as: UTF8.self), radix: 16) ?? 0
    }
}
