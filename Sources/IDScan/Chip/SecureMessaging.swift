/// ICAO Doc 9303 part 11 §9.8 secure messaging: each command's data encrypted (DO'87'), its expected length
/// (DO'97') and a MAC over both and the send sequence counter (DO'8E'); each answer checked the same way.
/// 3DES (BAC, PACE with 3DES) or AES (PACE) with their own IV and MAC rules.
public struct SecureMessaging: Sendable {
    public let cipher: ChipCrypto.BlockCipher
    let encryptionKey: [UInt8]
    let macKey: [UInt8]
    /// The send sequence counter: 8 bytes for 3DES, 16 for AES, incremented before every command and answer.
    public private(set) var ssc: [UInt8]

    public init(cipher: ChipCrypto.BlockCipher, encryptionKey: [UInt8], macKey: [UInt8], ssc: [UInt8]? = nil) {
        self.cipher = cipher
        self.encryptionKey = encryptionKey
        self.macKey = macKey
        self.ssc = ssc ?? [UInt8](repeating: 0, count: cipher.blockSize)
    }

    /// What can go wrong with an answer.
    public enum Failure: Error, Sendable, Hashable {
        /// The answer's MAC does not verify: not the chip the session began with, or altered on the way.
        case badMAC
        /// The answer lacks its protection or is malformed.
        case malformed
        /// The chip answered with an error status (kept so the caller can tell "file not found" apart).
        case status(UInt16)
    }

    mutating func increment() {
        for i in stride(from: ssc.count - 1, through: 0, by: -1) {
            ssc[i] &+= 1
            if ssc[i] != 0 { break }
        }
    }

    func pad(_ data: [UInt8]) -> [UInt8] { ChipCrypto.pad(data, blockSize: cipher.blockSize) }

    func mac(_ data: [UInt8]) throws -> [UInt8] {
        let input = pad(ssc + data)
        return cipher == .tripleDES ? try ChipCrypto.retailMAC(key: macKey, input) : Array(try ChipCrypto.cmac(key: macKey, input).prefix(8))
    }

    /// 3DES: a zero IV. AES: the counter encrypted with the encryption key.
    func iv() throws -> [UInt8] {
        cipher == .tripleDES ? [UInt8](repeating: 0, count: 8) : try ChipCrypto.ecb(cipher, encrypt: true, key: encryptionKey, ssc)
    }

    /// The protected form of a command.
    public mutating func protect(_ command: CommandAPDU) throws -> CommandAPDU {
        increment()
        let header = [command.cla | 0x0C, command.ins, command.p1, command.p2]
        var objects: [UInt8] = []
        if !command.data.isEmpty {
            let encrypted = try ChipCrypto.cbc(cipher, encrypt: true, key: encryptionKey, iv: try iv(), pad(command.data))
            // An odd INS carries its data as BER-TLV already: DO'85' without the padding-indicator byte.
            objects += command.ins & 1 == 1 ? TLV(tag: 0x85, value: encrypted).bytes : TLV(tag: 0x87, value: [0x01] + encrypted).bytes
        }
        if let le = command.le {
            let value: [UInt8] = le > 256 || le == 65536 ? [UInt8((le >> 8) & 0xFF), UInt8(le & 0xFF)] : [UInt8(le == 256 ? 0 : le)]
            objects += TLV(tag: 0x97, value: value).bytes
        }
        let cc = try mac(pad(header) + objects)
        objects += TLV(tag: 0x8E, value: cc).bytes
        let extended = objects.count > 255 || (command.le ?? 0) > 256
        return CommandAPDU(cla: header[0], ins: header[1], p1: header[2], p2: header[3], data: objects,
                           le: extended ? 65536 : 256)
    }

    /// The answer's plain data, after its MAC is checked.
    public mutating func unprotect(_ response: ResponseAPDU) throws -> ResponseAPDU {
        increment()
        // A chip that refuses a command may answer without protection (ISO 7816-4: 6987, 6988; or a plain error).
        guard !response.data.isEmpty else {
            throw response.isSuccess ? Failure.malformed : Failure.status(response.sw)
        }
        guard let objects = TLV.all(response.data) else { throw Failure.malformed }
        var covered: [UInt8] = []
        var encrypted: [UInt8]?
        var status: UInt16?
        var cc: [UInt8]?
        for object in objects {
            switch object.tag {
            case 0x87, 0x85:
                covered += object.bytes
                encrypted = object.tag == 0x87 ? Array(object.value.dropFirst()) : object.value
                if object.tag == 0x87 && object.value.first != 0x01 { throw Failure.malformed }
            case 0x99:
                covered += object.bytes
                guard object.value.count == 2 else { throw Failure.malformed }
                status = UInt16(object.value[0]) << 8 | UInt16(object.value[1])
            case 0x8E:
                cc = object.value
            default:
                throw Failure.malformed
            }
        }
        guard let cc, let status else { throw Failure.malformed }
        guard ConstantTime.equal(try mac(covered), cc) else { throw Failure.badMAC }
        var data: [UInt8] = []
        if let encrypted, !encrypted.isEmpty {
            guard encrypted.count % cipher.blockSize == 0,
                  let plain = ChipCrypto.unpad(try ChipCrypto.cbc(cipher, encrypt: false, key: encryptionKey, iv: try iv(), encrypted))
            else { throw Failure.malformed }
            data = plain
        }
        return ResponseAPDU(data: data, sw: status)
    }
}
