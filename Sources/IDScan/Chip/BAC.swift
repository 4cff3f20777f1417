/// Basic access control (ICAO Doc 9303 part 11 §4.3): keys from the MRZ's document number, birth and expiry
/// dates with their check digits, a challenge–response, then 3DES secure messaging. Dutch documents since
/// 2022 answer only PACE; many others still answer BAC.
public enum BAC {
    /// The MRZ information the keys come from: the document number (the whole of a long one) with its check
    /// digit, the birth date and the expiry date, each with theirs.
    public static func mrzInformation(documentNumber: String, birthDate: String, expiryDate: String) -> String {
        var number = documentNumber
        while number.count < 9 { number += "<" }
        func withCheck(_ s: String) -> String { s + String(CheckDigit.compute(s) ?? 0) }
        return withCheck(number) + withCheck(birthDate) + withCheck(expiryDate)
    }

    /// K_seed = the first 16 bytes of SHA-1 over the MRZ information; then K_enc and K_MAC.
    public static func keys(mrzInformation: String) throws -> (encryption: [UInt8], mac: [UInt8]) {
        let seed = Array(ChipCrypto.sha1(Array(mrzInformation.utf8)).prefix(16))
        return (try ChipCrypto.deriveKey(seed, counter: 1, for: .tripleDES), try ChipCrypto.deriveKey(seed, counter: 2, for: .tripleDES))
    }

    /// The EXTERNAL AUTHENTICATE data: E_IFD = 3DES(K_enc, RND.IFD ‖ RND.IC ‖ K.IFD) and its MAC.
    public static func authenticationData(challenge: [UInt8], terminalNonce: [UInt8], terminalKey: [UInt8],
                                          keys: (encryption: [UInt8], mac: [UInt8])) throws -> [UInt8] {
        let encrypted = try ChipCrypto.cbc(.tripleDES, encrypt: true, key: keys.encryption, terminalNonce + challenge + terminalKey)
        return encrypted + (try ChipCrypto.retailMAC(key: keys.mac, ChipCrypto.pad(encrypted, blockSize: 8)))
    }

    /// The session from the chip's answer: its MAC and the echoed nonce checked, K_seed = K.IFD ⊕ K.IC,
    /// SSC = the last 4 bytes of RND.IC ‖ the last 4 of RND.IFD.
    public static func session(answer: [UInt8], challenge: [UInt8], terminalNonce: [UInt8], terminalKey: [UInt8],
                               keys: (encryption: [UInt8], mac: [UInt8])) throws -> SecureMessaging {
        guard answer.count == 40 else { throw ChipReadFailure.accessDenied }
        let encrypted = Array(answer[0..<32])
        let mac = try ChipCrypto.retailMAC(key: keys.mac, ChipCrypto.pad(encrypted, blockSize: 8))
        guard ConstantTime.equal(mac, Array(answer[32..<40])) else { throw ChipReadFailure.accessDenied }
        let r = try ChipCrypto.cbc(.tripleDES, encrypt: false, key: keys.encryption, encrypted)
        guard Array(r[0..<8]) == challenge, Array(r[8..<16]) == terminalNonce else { throw ChipReadFailure.accessDenied }
        let seed = zip(terminalKey, r[16..<32]).map { $0 ^ $1 }
        return SecureMessaging(cipher: .tripleDES,
                               encryptionKey: try ChipCrypto.deriveKey(seed, counter: 1, for: .tripleDES),
                               macKey: try ChipCrypto.deriveKey(seed, counter: 2, for: .tripleDES),
                               ssc: Array(challenge[4..<8]) + Array(terminalNonce[4..<8]))
    }
}
