import Counter
import Foundation
import IDScan

/// What the counter screen shows of a read identity document: the fields the register keeps, the checks,
/// and a returning seller's last address. It has no field for the BSN or the nationality, on purpose.
struct SellerDocument: Sendable, Codable {
    var valid: Bool
    var format: String?
    var formatName: String?
    /// ``IdentityDocumentKind`` raw value.
    var documentKind: String
    var documentNumber: String?
    var issuingCountry: String?
    var surname: String?
    var givenNames: String?
    /// `YYYY-MM-DD`.
    var birthDate: String?
    var expiryDate: String?
    var expired: Bool?
    var minor: Bool?
    var specimen: Bool
    var bsnRemoved: Bool
    var nameMayBeTruncated: Bool
    var errors: [String]
    var errorsEN: [String]
    var returning: ReturningSeller?

    /// The document from a parse.
    init(_ result: MRZResult) {
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
    }

    /// The register's document kind for an MRZ document code.
    static func kind(code: String?, format: MRZFormat?) -> IdentityDocumentKind {
        if format == .euDrivingLicence { return .drivingLicence }
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
struct ReturningSeller: Sendable, Codable {
    var address: Address
    var lastEntryNumber: Int
    var lastVisit: String
}
