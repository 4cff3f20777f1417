/// Reads an eMRTD chip (ICAO Doc 9303 parts 10 and 11) over any ``ChipTransport``: PACE when EF.CardAccess
/// offers it (the only access Dutch documents answer since 2022), BAC otherwise, then the data groups the
/// counter needs under secure messaging. It returns the bytes as read; ``ChipDocument`` makes values of them
/// and drops what must never be kept.
public struct ChipReader: Sendable {
    /// The files of the eMRTD application (part 10 §3.6).
    public enum File: UInt16, Sendable, CaseIterable {
        case cardAccess = 0x011C
        case com = 0x011E
        case sod = 0x011D
        case dg1 = 0x0101
        case dg2 = 0x0102
        case dg11 = 0x010B
        case dg14 = 0x010E
        case dg15 = 0x010F
    }

    /// How the chip was opened.
    public enum Access: Sendable, Hashable {
        case pace(ASN1ObjectIdentifier)
        case bac
    }

    /// The files as read: nil when the chip has no such file.
    public struct Files: Sendable {
        public var access: Access
        public var com: [UInt8]?
        public var dg1: [UInt8]
        public var dg2: [UInt8]?
        public var dg11: [UInt8]?
        public var dg14: [UInt8]?
        public var dg15: [UInt8]?
        public var sod: [UInt8]

        public init(access: Access, com: [UInt8]? = nil, dg1: [UInt8], dg2: [UInt8]? = nil, dg11: [UInt8]? = nil,
                    dg14: [UInt8]? = nil, dg15: [UInt8]? = nil, sod: [UInt8]) {
            (self.access, self.com, self.dg1, self.dg2, self.dg11, self.dg14, self.dg15, self.sod) = (access, com, dg1, dg2, dg11, dg14, dg15, sod)
        }
    }

    let transport: any ChipTransport
    /// Bytes per READ BINARY: 223 fits a short answer with secure messaging's overhead; larger values use
    /// extended length (the reader and chip must support it).
    public var chunk: Int

    public init(transport: any ChipTransport, chunk: Int = 0xDF) {
        self.transport = transport
        self.chunk = chunk
    }

    /// Opens the chip with the CAN, or with the MRZ information (``BAC/mrzInformation(documentNumber:birthDate:expiryDate:)``),
    /// and reads COM, DG1, DG2 (the face, for the clerk's comparison only), DG11 when present, DG14/15 when present, and EF.SOD.
    public func read(mrzInformation: String?, can: String? = nil, includeFace: Bool = true) async throws -> Files {
        var sm: SecureMessaging
        let access: Access
        let cardAccess = try? await readPlain(.cardAccess)
        if let cardAccess, let (info, domain) = PACEInfo.preferred(PACEInfo.all(cardAccess: cardAccess)) {
            let password: PACE.Password
            if let can { password = .can(can) } else if let mrzInformation { password = .mrz(mrzInformation) } else {
                throw ChipReadFailure.accessDenied
            }
            sm = try await pace(info, domain, password)
            access = .pace(info.protocolID)
            _ = try await send(.selectApplication, &sm)
        } else {
            guard let mrzInformation else { throw ChipReadFailure.unsupportedProtocol }
            let select = try await plain(.selectApplication)
            guard select.isSuccess else { throw ChipReadFailure.unsupportedProtocol }
            sm = try await bac(mrzInformation)
            access = .bac
        }
        var files = Files(access: access, dg1: [], sod: [])
        files.com = try await readFile(.com, &sm)
        guard let dg1 = try await readFile(.dg1, &sm) else { throw ChipReadFailure.malformed("no DG1") }
        files.dg1 = dg1
        guard let sod = try await readFile(.sod, &sm) else { throw ChipReadFailure.malformed("no EF.SOD") }
        files.sod = sod
        if includeFace { files.dg2 = try await readFile(.dg2, &sm) }
        files.dg11 = try await readFile(.dg11, &sm)
        files.dg14 = try await readFile(.dg14, &sm)
        files.dg15 = try await readFile(.dg15, &sm)
        return files
    }

    // MARK: Plain commands (before access control)

    func plain(_ command: CommandAPDU) async throws -> ResponseAPDU {
        guard let answer = ResponseAPDU(try await transport.transmit(command.bytes)) else { throw ChipReadFailure.lost }
        return answer
    }

    /// EF.CardAccess, read without protection from the master file.
    func readPlain(_ file: File) async throws -> [UInt8] {
        guard try await plain(.selectFile(file.rawValue)).isSuccess else { throw ChipReadFailure.unsupportedProtocol }
        var out: [UInt8] = []
        while true {
            let answer = try await plain(.readBinary(offset: out.count, length: 0xDF))
            if answer.sw == 0x6B00 || (answer.isSuccess && answer.data.isEmpty) { break }
            guard answer.isSuccess || answer.sw == 0x6282 else { throw ChipReadFailure.malformed("EF.CardAccess") }
            out += answer.data
            if answer.data.count < 0xDF || answer.sw == 0x6282 { break }
        }
        return out
    }

    // MARK: Access control

    func bac(_ information: String) async throws -> SecureMessaging {
        let keys = try BAC.keys(mrzInformation: information)
        let challenge = try await plain(.getChallenge)
        guard challenge.isSuccess, challenge.data.count == 8 else { throw ChipReadFailure.malformed("GET CHALLENGE") }
        let nonce = try ChipCrypto.random(8), key = try ChipCrypto.random(16)
        let data = try BAC.authenticationData(challenge: challenge.data, terminalNonce: nonce, terminalKey: key, keys: keys)
        let answer = try await plain(CommandAPDU(ins: 0x82, p1: 0, p2: 0, data: data, le: 40))
        guard answer.isSuccess else { throw ChipReadFailure.accessDenied }
        return try BAC.session(answer: answer.data, challenge: challenge.data, terminalNonce: nonce, terminalKey: key, keys: keys)
    }

    func pace(_ info: PACEInfo, _ domain: PACE.Domain, _ password: PACE.Password) async throws -> SecureMessaging {
        guard let cipher = info.cipher else { throw ChipReadFailure.unsupportedProtocol }
        var setAT = TLV(tag: 0x80, value: info.protocolID.der).bytes + TLV(tag: 0x83, value: [password.reference]).bytes
        if let id = info.parameterID { setAT += TLV(tag: 0x84, value: [UInt8(id)]).bytes }
        guard try await plain(CommandAPDU(ins: 0x22, p1: 0xC1, p2: 0xA4, data: setAT)).isSuccess else {
            throw ChipReadFailure.unsupportedProtocol
        }
        let kPi = try PACE.passwordKey(password, cipher: cipher)
        let z = try await authenticate(nil, expect: 0x80, last: false)
        let s = try PACE.decryptNonce(z, passwordKey: kPi, cipher: cipher)
        let mappingKey = try privateKey(domain)
        let chipMapping = try await authenticate(TLV(tag: 0x81, value: try PACE.publicKey(domain, privateKey: mappingKey)), expect: 0x82, last: false)
        let generator = try PACE.mapGenerator(domain, nonce: s, terminalKey: mappingKey, chipMappingKey: chipMapping)
        let ephemeral = try privateKey(domain)
        let terminalPublic = try PACE.publicKey(domain, privateKey: ephemeral, generator: generator)
        let chipPublic = try await authenticate(TLV(tag: 0x83, value: terminalPublic), expect: 0x84, last: false)
        // Part 11 §4.4.3.3: the chip's key must differ from ours (a reflection would authenticate us to ourselves).
        guard chipPublic != terminalPublic else { throw ChipReadFailure.accessDenied }
        let k = try PACE.sharedSecret(domain, privateKey: ephemeral, chipKey: chipPublic)
        let kEnc = try ChipCrypto.deriveKey(k, counter: 1, for: cipher), kMac = try ChipCrypto.deriveKey(k, counter: 2, for: cipher)
        let ours = try PACE.token(macKey: kMac, cipher: cipher, protocolID: info.protocolID, publicKey: chipPublic, domain: domain)
        let theirs = try await authenticate(TLV(tag: 0x85, value: ours), expect: 0x86, last: true)
        let expected = try PACE.token(macKey: kMac, cipher: cipher, protocolID: info.protocolID, publicKey: terminalPublic, domain: domain)
        guard ConstantTime.equal(theirs, expected) else { throw ChipReadFailure.accessDenied }
        return SecureMessaging(cipher: cipher, encryptionKey: kEnc, macKey: kMac)
    }

    func privateKey(_ domain: PACE.Domain) throws -> [UInt8] {
        switch domain {
        case .curve(let curve): try curve.randomScalar()
        case .field(let group): try group.randomExponent()
        }
    }

    /// One GENERAL AUTHENTICATE step: dynamic authentication data (7C) in, the one object expected out.
    func authenticate(_ object: TLV?, expect tag: UInt32, last: Bool) async throws -> [UInt8] {
        let data = TLV(tag: 0x7C, value: object?.bytes ?? []).bytes
        let answer = try await plain(CommandAPDU(cla: last ? 0x00 : 0x10, ins: 0x86, p1: 0, p2: 0, data: data, le: 256))
        // 63 00 (or 63 Cx): authentication failed, a wrong password.
        guard answer.isSuccess else { throw answer.sw & 0xFF00 == 0x6300 || answer.sw == 0x6982 ? ChipReadFailure.accessDenied : ChipReadFailure.malformed("GENERAL AUTHENTICATE \(String(answer.sw, radix: 16))") }
        guard let outer = TLV.all(answer.data)?.first, outer.tag == 0x7C, let inner = TLV.all(outer.value),
              let found = inner.first(where: { $0.tag == tag })
        else { throw ChipReadFailure.malformed("GENERAL AUTHENTICATE") }
        return found.value
    }

    // MARK: Files under secure messaging

    func send(_ command: CommandAPDU, _ sm: inout SecureMessaging) async throws -> ResponseAPDU {
        let protected = try sm.protect(command)
        guard let answer = ResponseAPDU(try await transport.transmit(protected.bytes)) else { throw ChipReadFailure.lost }
        do {
            return try sm.unprotect(answer)
        } catch SecureMessaging.Failure.status(let sw) {
            return ResponseAPDU(data: [], sw: sw)
        } catch SecureMessaging.Failure.badMAC {
            throw ChipReadFailure.malformed("secure messaging MAC")
        } catch SecureMessaging.Failure.malformed {
            throw ChipReadFailure.malformed("secure messaging")
        }
    }

    /// A whole file, or nil when the chip has none (6A82).
    func readFile(_ file: File, _ sm: inout SecureMessaging) async throws -> [UInt8]? {
        let selected = try await send(.selectFile(file.rawValue), &sm)
        if selected.sw == 0x6A82 || selected.sw == 0x6A80 { return nil }
        guard selected.isSuccess else { throw ChipReadFailure.malformed("SELECT \(String(file.rawValue, radix: 16))") }
        let head = try await send(.readBinary(offset: 0, length: 4), &sm)
        guard head.isSuccess, head.data.count >= 2 else { throw ChipReadFailure.malformed("READ BINARY") }
        // The file is one TLV: its header says how long it is.
        var tagLength = 1
        if head.data[0] & 0x1F == 0x1F { tagLength = 2 }
        guard let (length, lengthSize) = TLV.readLength(head.data + [0, 0, 0], at: tagLength) else {
            throw ChipReadFailure.malformed("file length")
        }
        let total = tagLength + lengthSize + length
        guard total <= 32767 + chunk else { throw ChipReadFailure.malformed("file too long") }
        var out = head.data
        while out.count < total {
            let answer = try await send(.readBinary(offset: out.count, length: min(chunk, total - out.count)), &sm)
            guard answer.isSuccess, !answer.data.isEmpty else { throw ChipReadFailure.malformed("READ BINARY") }
            out += answer.data
        }
        return Array(out.prefix(total))
    }
}
