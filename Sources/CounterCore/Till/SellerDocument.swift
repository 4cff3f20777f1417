import Foundation
import IDScan

/// What the counter screen shows of a read identity document: the fields the register keeps, the checks,
/// and a returning seller's last address. It has no field for the BSN or the nationality, on purpose.
public struct SellerDocument: Sendable, Codable, Hashable {
    public var valid: Bool
    public var format: String?
    public var formatName: String?
    /// ``IdentityDocumentKind`` raw value.
    public var documentKind: String
    public var documentNumber: String?
    public var issuingCountry: String?
    public var surname: String?
    public var givenNames: String?
    /// `YYYY-MM-DD`.
    public var birthDate: String?
    public var expiryDate: String?
    public var expired: Bool?
    public var minor: Bool?
    public var specimen: Bool
    public var bsnRemoved: Bool
    public var nameMayBeTruncated: Bool
    public var errors: [String]
    public var errorsEN: [String]
    /// What the clerk must look at before going on (issue 14, point 6): a specimen, a name the MRZ may have
    /// cut short, a character the reader's OCR got wrong and the check digits repaired, a BSN removed.
    public var warnings: [WordedMessage]
    public var returning: ReturningSeller?

    /// The document from a parse.
    public init(_ result: MRZResult) {
        let f = result.fields
        valid = result.isValid
        format = result.format?.rawValue
        formatName = result.format?.displayName
        documentKind = Self.kind(code: f.documentCode, format: result.format).rawValue
        documentNumber = f.documentNumber
        issuingCountry = f.issuingState
        surname = f.surname
        givenNames = f.givenNames
        birthDate = f.birthDate?.iso
        expiryDate = f.expiryDate?.iso
        expired = result.expired
        minor = result.minor
        specimen = result.isSpecimen
        bsnRemoved = result.bsnRedacted
        nameMayBeTruncated = f.nameMayBeTruncated
        errors = result.errors.map(\.message)
        errorsEN = result.errors.map(\.englishMessage)
        warnings = Self.warnings(result)
    }

    /// The warnings of one read, most serious first.
    public static func warnings(_ result: MRZResult) -> [WordedMessage] {
        var out: [WordedMessage] = []
        if result.isSpecimen { out.append(WordedMessage(.documentSpecimen)) }
        if result.fields.nameMayBeTruncated { out.append(WordedMessage(.documentNameTruncated)) }
        if result.warnings.contains(.passportInTD2Size) { out.append(WordedMessage(.documentPassportInTD2Size)) }
        for c in result.corrections {
            out.append(WordedMessage(.documentRepaired, nl: ["field": c.field.dutchName, "from": c.from, "to": c.to],
                                     en: ["field": c.field.englishName, "from": c.from, "to": c.to]))
        }
        if result.bsnRedacted { out.append(WordedMessage(.documentBSNRemoved)) }
        return out
    }

    /// The register's document kind for an MRZ document code.
    public static func kind(code: String?, format: MRZFormat?) -> IdentityDocumentKind {
        if format?.isDrivingLicence == true { return .drivingLicence }
        guard let code, let first = code.first else { return .other }
        switch first {
        case "P": return .passport
        case "I" where code.hasPrefix("IR"), "R": return .residencePermit
        case "I", "A", "C": return .identityCard
        default: return .other
        }
    }
}

/// A seller who showed the same document before: the address they gave last time, to confirm or correct.
public struct ReturningSeller: Sendable, Codable, Hashable {
    public var address: Address
    public var lastEntryNumber: Int
    public var lastVisit: String

    public init(address: Address, lastEntryNumber: Int, lastVisit: String) {
        self.address = address
        self.lastEntryNumber = lastEntryNumber
        self.lastVisit = lastVisit
    }
}
