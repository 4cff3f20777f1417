/// The fields of a read, following the conventions of `counter-kiosk id parse --json`.
///
/// Codes and numbers have their fillers removed; names have `<` as single spaces. Never holds a BSN.
public struct MRZFields: Sendable, Hashable, Codable {
    public var documentCode: String?
    public var issuingState: String?
    /// The whole document number; a TD1/TD2 long number joined with its overflow.
    public var documentNumber: String?
    public var surname: String?
    public var givenNames: String?
    /// Parsed to check the document; callers that keep records should leave it out (see `docs/privacy.md`).
    public var nationality: String?
    public var birthDate: MRZDate?
    /// `M`, `F`, `X` or `<`, as printed.
    public var sex: String?
    public var expiryDate: MRZDate?
    /// Raw optional data with trailing `<` removed (TD1: the first optional field after any overflow;
    /// TD3: the personal-number field; an ISO/IEC 18013 driving licence: everything after the issuing state,
    /// positions 6–29, licence number included). Nil when it held a BSN.
    public var optionalData: String?
    /// TD1 only: the second optional-data field.
    public var optionalData2: String?
    /// Driving licences only: the BAP configuration (ISO/IEC 18013-3), the line's second character (`1`, or `<`
    /// when the chip has no basic access protection). Not part of ``documentCode``, which is `D`.
    public var bapConfiguration: String?
    /// Driving licences in the ISO/IEC 18013 layout (such as the Dutch one): the version character before the
    /// licence number.
    public var version: String?
    /// The name field was full to its last position, so the issuer may have cut it short.
    public var nameMayBeTruncated: Bool = false
}

/// Everything one read yielded: the format, the fields, which checks held, what was repaired, what is wrong.
///
/// A read that is fully consistent after OCR repair is ``isValid``, with its repairs in ``corrections``.
public struct MRZResult: Sendable, Hashable {
    /// Nil when the input is not an MRZ of any known shape.
    public var format: MRZFormat?
    public var fields: MRZFields
    /// Fields whose checks failed.
    public var invalidFields: Set<MRZField>
    public var corrections: [MRZCorrection]
    public var errors: [MRZError]
    /// Read and valid, but worth a look (see ``MRZWarning``).
    public var warnings: [MRZWarning] = []
    /// A BSN was found on the document and removed from every field.
    public var bsnRedacted: Bool
    /// The document's expiry date lies before "today" (nil when the document has no expiry in its MRZ).
    public var expired: Bool?
    /// The holder is under 18 on "today" (nil when the MRZ has no birth date).
    public var minor: Bool?
    /// The issuing state is `UTO`: an ICAO specimen, never a real document.
    public var isSpecimen: Bool
    /// The lines as read after normalisation and repair, with any BSN replaced by fillers.
    public var redactedLines: [String]

    /// No check failed and every field is well formed.
    public var isValid: Bool { format != nil && errors.isEmpty }

    /// Whether a field passed every check that covers it.
    public func isValid(_ field: MRZField) -> Bool { format != nil && !invalidFields.contains(field) }
}

extension MRZResult: CustomStringConvertible {
    /// A summary for technicians. It contains no BSN (there is none to show).
    public var description: String {
        guard let format else {
            return "Niet leesbaar als MRZ: " + errors.map(\.message).joined(separator: "; ")
        }
        var lines = ["\(format.rawValue) (\(format.displayName)) — \(isValid ? "geldig" : "ONGELDIG")"]
        let f = fields
        func add(_ label: String, _ value: String?) { if let value { lines.append("  \(label): \(value)") } }
        add("Documentsoort", f.documentCode)
        add("Land van afgifte", f.issuingState)
        add("Documentnummer", f.documentNumber)
        add("Achternaam", f.surname)
        add("Voornamen", f.givenNames)
        add("Geboortedatum", f.birthDate.map { $0.iso ?? $0.raw })
        add("Geslacht", f.sex)
        add("Vervaldatum", f.expiryDate.map { $0.iso ?? $0.raw })
        if f.nameMayBeTruncated { lines.append("  Let op: naam mogelijk afgekapt, controleer het document") }
        if bsnRedacted { lines.append("  BSN gevonden en verwijderd (wordt nooit opgeslagen)") }
        if expired == true { lines.append("  Document is VERLOPEN") }
        if minor == true { lines.append("  Verkoper is MINDERJARIG") }
        if isSpecimen { lines.append("  Specimen (UTO): geen echt document") }
        for c in corrections { lines.append("  Hersteld: regel \(c.line) positie \(c.column): \(c.from) → \(c.to) (\(c.field.dutchName))") }
        for w in warnings { lines.append("  Let op: \(w.message)") }
        for e in errors { lines.append("  Fout: \(e.message)") }
        return lines.joined(separator: "\n")
    }
}
