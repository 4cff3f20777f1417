/// The fields of an MRZ, with the names a clerk reads in an error.
public enum MRZField: String, Sendable, Codable, CaseIterable {
    case documentCode, issuingState, documentNumber, surname, givenNames, nationality, birthDate, sex
    case expiryDate, optionalData, optionalData2, composite, format
    /// A driving licence's second character (ISO/IEC 18013-3): how its chip is protected, not part of the code.
    case bapConfiguration

    /// Dutch label (the UI's default language).
    public var dutchName: String {
        switch self {
        case .documentCode: "Documentsoort"
        case .issuingState: "Land van afgifte"
        case .documentNumber: "Documentnummer"
        case .surname: "Achternaam"
        case .givenNames: "Voornamen"
        case .nationality: "Nationaliteit"
        case .birthDate: "Geboortedatum"
        case .sex: "Geslacht"
        case .expiryDate: "Vervaldatum"
        case .optionalData: "Aanvullende gegevens"
        case .optionalData2: "Aanvullende gegevens 2"
        case .composite: "Totaalcontrole"
        case .format: "Documentformaat"
        case .bapConfiguration: "BAP-configuratie"
        }
    }

    /// English label, for the UI's English switch.
    public var englishName: String {
        switch self {
        case .documentCode: "Document code"
        case .issuingState: "Issuing state"
        case .documentNumber: "Document number"
        case .surname: "Surname"
        case .givenNames: "Given names"
        case .nationality: "Nationality"
        case .birthDate: "Date of birth"
        case .sex: "Sex"
        case .expiryDate: "Expiry date"
        case .optionalData: "Optional data"
        case .optionalData2: "Optional data 2"
        case .composite: "Composite check"
        case .format: "Document format"
        case .bapConfiguration: "BAP configuration"
        }
    }
}

/// What can be wrong with a read. Each problem names the field; none carries the field's value, so no
/// personal data (and never a BSN) reaches a log through an error.
public enum MRZProblem: String, Sendable, Codable {
    case checkDigitMismatch
    case invalidCharacter
    case invalidDate
    case unknownCountryCode
    case invalidSex
    case invalidDocumentCode
    case missingCheckDigit
    case unreadable
    case wrongLength

    func dutch(_ field: MRZField) -> String {
        switch self {
        case .checkDigitMismatch: "\(field.dutchName): controlecijfer klopt niet"
        case .invalidCharacter: "\(field.dutchName): ongeldig teken"
        case .invalidDate: "\(field.dutchName): geen geldige datum"
        case .unknownCountryCode: "\(field.dutchName): onbekende landcode"
        case .invalidSex: "\(field.dutchName): ongeldige waarde"
        case .invalidDocumentCode: "\(field.dutchName): onbekende documentsoort"
        case .missingCheckDigit: "\(field.dutchName): controlecijfer ontbreekt"
        case .unreadable: "\(field.dutchName): niet leesbaar, scan opnieuw of typ de regels over"
        case .wrongLength: "\(field.dutchName): regels hebben niet de juiste lengte, scan opnieuw"
        }
    }

    func english(_ field: MRZField) -> String {
        switch self {
        case .checkDigitMismatch: "\(field.englishName): check digit does not match"
        case .invalidCharacter: "\(field.englishName): invalid character"
        case .invalidDate: "\(field.englishName): not a valid date"
        case .unknownCountryCode: "\(field.englishName): unknown country code"
        case .invalidSex: "\(field.englishName): invalid value"
        case .invalidDocumentCode: "\(field.englishName): unknown document code"
        case .missingCheckDigit: "\(field.englishName): check digit missing"
        case .unreadable: "\(field.englishName): unreadable, scan again or type the lines"
        case .wrongLength: "\(field.englishName): lines do not have the right length, scan again"
        }
    }
}

/// One problem found in a read: which field, what, and messages in Dutch and English.
public struct MRZError: Sendable, Codable, Hashable, CustomStringConvertible {
    public var field: MRZField
    public var problem: MRZProblem
    /// 1-based line and column where the problem shows, when there is one place.
    public var line: Int?
    public var column: Int?

    public var message: String {
        problem.dutch(field) + (line.map { " (regel \($0)" + (column.map { ", positie \($0))" } ?? ")") } ?? "")
    }
    public var englishMessage: String {
        problem.english(field) + (line.map { " (line \($0)" + (column.map { ", column \($0))" } ?? ")") } ?? "")
    }
    public var description: String { message }
}

/// A character IDScan changed because the field's type or its check digits proved the OCR wrong.
public struct MRZCorrection: Sendable, Codable, Hashable {
    public var field: MRZField
    /// 1-based line and column.
    public var line: Int
    public var column: Int
    public var from: String
    public var to: String
}

/// Something about a document that is read, not refused, but that staff should look at.
public enum MRZWarning: String, Sendable, Codable, Hashable {
    /// A passport (code `P`) in the 2 × 36 size ICAO lists only for ID cards: real (the German provisional
    /// passport, "vorläufiger Reisepass"), but rare enough to compare with the document itself.
    case passportInTD2Size

    public var message: String {
        switch self {
        case .passportInTD2Size: "Paspoort in het formaat van een identiteitskaart (TD2), zoals het Duitse voorlopige paspoort: vergelijk met het document"
        }
    }

    public var englishMessage: String {
        switch self {
        case .passportInTD2Size: "Passport in ID-card size (TD2), such as the German provisional passport: compare with the document"
        }
    }
}
