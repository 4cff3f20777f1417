/// The content of EF.SOD (ICAO Doc 9303 part 10 §4.6.2): the hash algorithm and each data group's hash.
public struct LDSSecurityObject: Sendable, Hashable {
    /// An OpenSSL digest name: SHA1, SHA224, SHA256, SHA384, SHA512.
    public var digest: String
    public var hashes: [Int: [UInt8]]

    static let digests: [String: String] = [
        "1.3.14.3.2.26": "SHA1", "2.16.840.1.101.3.4.2.4": "SHA224", "2.16.840.1.101.3.4.2.1": "SHA256",
        "2.16.840.1.101.3.4.2.2": "SHA384", "2.16.840.1.101.3.4.2.3": "SHA512",
    ]

    /// Parses the DER: SEQUENCE { version, AlgorithmIdentifier, SEQUENCE OF { INTEGER, OCTET STRING }, … }.
    public init?(der: [UInt8]) {
        guard let outer = TLV.all(der)?.first, outer.tag == 0x30, let parts = TLV.all(outer.value), parts.count >= 3,
              parts[0].tag == 0x02, parts[1].tag == 0x30, let algorithm = TLV.all(parts[1].value)?.first, algorithm.tag == 0x06,
              let oid = ASN1ObjectIdentifier(der: algorithm.value), let digest = Self.digests[oid.description],
              parts[2].tag == 0x30, let entries = TLV.all(parts[2].value)
        else { return nil }
        var hashes: [Int: [UInt8]] = [:]
        for entry in entries {
            guard entry.tag == 0x30, let fields = TLV.all(entry.value), fields.count == 2, fields[0].tag == 0x02,
                  fields[1].tag == 0x04, fields[0].value.count == 1
            else { return nil }
            hashes[Int(fields[0].value[0])] = fields[1].value
        }
        self.digest = digest
        self.hashes = hashes
    }
}
