import CChipCrypto

/// A CMS SignedData checked by libcrypto: EF.SOD (the document signer's signature over the data-group hashes)
/// and CSCA master lists (docs/chip-crypto.md).
public struct SignedData: Sendable {
    public enum Outcome: Sendable, Hashable {
        /// The signature holds and the signer chains to a trusted certificate.
        case verified
        /// The signature does not verify: altered content or a forged signer.
        case badSignature
        /// The signature holds but the signer does not chain to any trusted certificate.
        case unknownIssuer
        case malformed
    }

    public let outcome: Outcome
    /// The encapsulated content (an LDS security object, a master list); empty when malformed.
    public let content: [UInt8]
    /// The signer certificate's issuer (RFC 2253) and serial number (hex): what the register keeps.
    public let signerIssuer: String
    public let signerSerial: String

    public init(der: [UInt8], trusted: [[UInt8]]) {
        var content = [UInt8](repeating: 0, count: max(der.count, 16))
        var contentLength = content.count
        var issuer = [CChar](repeating: 0, count: 1024), serial = [CChar](repeating: 0, count: 128)
        let anchors = trusted.flatMap { $0 }
        let result = der.withUnsafeBufferPointer { d in
            anchors.withUnsafeBufferPointer { t in
                chip_cms_check(d.baseAddress, d.count, t.baseAddress, t.count, trusted.count,
                               &content, &contentLength, &issuer, issuer.count, &serial, serial.count)
            }
        }
        switch result {
        case 1: outcome = .verified
        case -1: outcome = .badSignature
        case -2: outcome = .unknownIssuer
        default: outcome = .malformed
        }
        self.content = outcome == .malformed ? [] : Array(content.prefix(contentLength))
        signerIssuer = Self.string(issuer)
        signerSerial = Self.string(serial)
    }

    static func string(_ chars: [CChar]) -> String {
        String(decoding: chars.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// DER certificates laid end to end, split.
    public static func certificates(_ bytes: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var offset = 0
        while offset < bytes.count {
            let length = bytes[offset...].withUnsafeBufferPointer { chip_certificate_length($0.baseAddress, $0.count) }
            guard length > 0 else { break }
            out.append(Array(bytes[offset..<(offset + length)]))
            offset += length
        }
        return out
    }

    /// A certificate's subject, whether it is a CA, and its end of validity (ISO 8601).
    public static func describe(_ certificate: [UInt8]) -> (subject: String, isCA: Bool, notAfter: String)? {
        var subject = [CChar](repeating: 0, count: 1024), notAfter = [CChar](repeating: 0, count: 64)
        var isCA: Int32 = 0
        let ok = certificate.withUnsafeBufferPointer {
            chip_certificate_info($0.baseAddress, $0.count, &subject, subject.count, &isCA, &notAfter, notAfter.count)
        }
        guard ok == 1 else { return nil }
        return (string(subject), isCA != 0, string(notAfter))
    }
}
