import Foundation
import IDScan

/// The country signing CA certificates a technician imported from master lists (the Dutch one from npkd.nl,
/// ICAO's PKD list): the anchors of passive authentication. Kept in the data folder as `csca/trusted.der`
/// (DER certificates end to end). A master list is imported only when its own CMS signature verifies and its
/// signer is issued by a CSCA in the list itself (ICAO Doc 9303 part 12 §9).
public struct CSCAStore: Sendable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    var trustedPath: String { folder + "/trusted.der" }

    /// The imported certificates (DER); none before the first import.
    public func certificates() -> [[UInt8]] {
        guard let data = FileManager.default.contents(atPath: trustedPath) else { return [] }
        return SignedData.certificates([UInt8](data))
    }

    /// What an import did.
    public struct Imported: Sendable, Equatable {
        /// Certificates in the list.
        public var inList: Int
        /// Of those, new to this shop.
        public var added: Int
        /// The list's signer's issuer (the state that signed the list).
        public var signedBy: String
    }

    /// Checks a master list and adds its CSCA certificates.
    public func importMasterList(_ der: [UInt8]) throws -> Imported {
        let opened = SignedData(der: der, trusted: [])
        guard opened.outcome != .malformed, let listed = Self.certificates(masterList: opened.content), !listed.isEmpty else {
            throw opened.outcome == .badSignature ? ChipError.masterListSignatureInvalid : ChipError.notAMasterList
        }
        let checked = SignedData(der: der, trusted: listed)
        guard checked.outcome == .verified else { throw ChipError.masterListSignatureInvalid }
        let existing = certificates()
        let new = listed.filter { !existing.contains($0) }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw ChipError.writeFailed(path: folder)
        }
        guard PrivateFiles.replace(trustedPath, with: Data((existing + new).flatMap { $0 })) else {
            throw ChipError.writeFailed(path: trustedPath)
        }
        return Imported(inList: listed.count, added: new.count, signedBy: checked.signerIssuer)
    }

    /// CscaMasterList ::= SEQUENCE { version INTEGER, certList SET OF Certificate }.
    static func certificates(masterList content: [UInt8]) -> [[UInt8]]? {
        guard let outer = TLV.all(content)?.first, outer.tag == 0x30, let parts = TLV.all(outer.value), parts.count == 2,
              parts[0].tag == 0x02, parts[1].tag == 0x31
        else { return nil }
        let certificates = SignedData.certificates(parts[1].value)
        return certificates.reduce(0) { $0 + $1.count } == parts[1].value.count ? certificates : nil
    }
}
