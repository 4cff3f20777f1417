/// The PACE offers in EF.CardAccess (ICAO Doc 9303 part 11 §9.2): SecurityInfos, a SET of SEQUENCEs whose
/// first element is a protocol OID. Counter reads the PACEInfos and picks one it speaks.
public struct PACEInfo: Sendable, Hashable {
    public var protocolID: ASN1ObjectIdentifier
    public var version: Int
    public var parameterID: Int?

    /// id-PACE = 0.4.0.127.0.7.2.2.4
    static let pacePrefix: [UInt64] = [0, 4, 0, 127, 0, 7, 2, 2, 4]

    /// Generic mapping with ECDH (2) or DH (1); nil for integrated or chip-authentication mapping.
    public var isGenericMapping: Bool { protocolID.arcs.count == 11 && [1, 2].contains(protocolID.arcs[9]) }

    /// The cipher from the OID's last arc: 1 3DES, 2 AES-128, 3 AES-192, 4 AES-256.
    public var cipher: ChipCrypto.BlockCipher? {
        guard protocolID.arcs.count == 11 else { return nil }
        return switch protocolID.arcs[10] {
        case 1: .tripleDES
        case 2: .aes128
        case 3: .aes192
        case 4: .aes256
        default: nil
        }
    }

    /// The PACEInfos in EF.CardAccess's bytes.
    public static func all(cardAccess: [UInt8]) -> [PACEInfo] {
        guard let set = TLV.all(cardAccess)?.first, set.tag == 0x31, let infos = TLV.all(set.value) else { return [] }
        return infos.compactMap { info in
            guard info.tag == 0x30, let parts = TLV.all(info.value), parts.count >= 2, parts[0].tag == 0x06,
                  let oid = ASN1ObjectIdentifier(der: parts[0].value), oid.arcs.starts(with: pacePrefix), oid.arcs.count == 11,
                  parts[1].tag == 0x02
            else { return nil }
            let integer = { (bytes: [UInt8]) in bytes.reduce(0) { $0 << 8 | Int($1) } }
            return PACEInfo(protocolID: oid, version: integer(parts[1].value),
                            parameterID: parts.count > 2 && parts[2].tag == 0x02 ? integer(parts[2].value) : nil)
        }
    }

    /// The first offer Counter can run: generic mapping on a standardized group it has.
    public static func preferred(_ infos: [PACEInfo]) -> (PACEInfo, PACE.Domain)? {
        for info in infos where info.isGenericMapping && info.cipher != nil {
            if let id = info.parameterID, let domain = PACE.Domain(standardized: id) { return (info, domain) }
        }
        return nil
    }
}
