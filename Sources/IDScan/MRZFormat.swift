/// The machine-readable-zone layouts IDScan reads.
public enum MRZFormat: String, Sendable, Codable, CaseIterable {
    /// ID card size, 3 lines of 30.
    case td1 = "TD1"
    /// 2 lines of 36 (older ID cards, some residence permits).
    case td2 = "TD2"
    /// Passport, 2 lines of 44.
    case td3 = "TD3"
    /// Visa type A, 2 lines of 44.
    case mrvA = "MRVA"
    /// Visa type B, 2 lines of 36.
    case mrvB = "MRVB"
    /// French national ID card issued 1988–2021, 2 lines of 36.
    case frenchID = "FRA_ID"
    /// EU / ISO/IEC 18013 driving licence, 1 line of 30 (Dutch `D1NLD…`).
    case euDrivingLicence = "EU_DL"
    /// French driving licence, 1 line of 30 in France's own layout (`D1FRA…`: number, expiry, surname).
    case frenchDrivingLicence = "FRA_DL"

    /// Lines and characters per line.
    public var shape: (lines: Int, length: Int) {
        switch self {
        case .td1: (3, 30)
        case .td2, .mrvB, .frenchID: (2, 36)
        case .td3, .mrvA: (2, 44)
        case .euDrivingLicence, .frenchDrivingLicence: (1, 30)
        }
    }

    /// A one-line driving licence (ISO/IEC 18013 or French): its second character is the BAP configuration.
    public var isDrivingLicence: Bool { self == .euDrivingLicence || self == .frenchDrivingLicence }

    /// The name staff see.
    public var displayName: String {
        switch self {
        case .td1: "identiteitskaart (TD1)"
        case .td2: "document TD2"
        case .td3: "paspoort (TD3)"
        case .mrvA: "visum A"
        case .mrvB: "visum B"
        case .frenchID: "Franse identiteitskaart (oud model)"
        case .euDrivingLicence: "rijbewijs"
        case .frenchDrivingLicence: "Frans rijbewijs"
        }
    }

    /// Picks the format from the lines' count and length and the first characters. It runs before any OCR
    /// repair, so the letters that tell formats apart are compared as OCR reads them: `1DFRA` is the French
    /// card's `IDFRA`, `D1FR4` a French licence.
    static func detect(_ lines: [[UInt8]]) -> MRZFormat? {
        let first = lines.first ?? []
        switch (lines.count, first.count) {
        case (3, 30) where lines.allSatisfy({ $0.count == 30 }): return .td1
        case (1, 30):
            // Every one-line MRZ of 30 is a driving licence (ISO/IEC 18013); France writes its own layout.
            return readsAsLetters(first[2..<5], "FRA") ? .frenchDrivingLicence : .euDrivingLicence
        case (2, 44) where lines[1].count == 44: return readsAsLetters(first[0..<1], "V") ? .mrvA : .td3
        case (2, 36) where lines[1].count == 36:
            if readsAsLetters(first[0..<5], "IDFRA") { return .frenchID }
            return readsAsLetters(first[0..<1], "V") ? .mrvB : .td2
        default: return nil
        }
    }

    /// Whether bytes in letter positions read as `expected` once OCR's look-alike digits are taken as letters.
    static func readsAsLetters(_ bytes: ArraySlice<UInt8>, _ expected: String) -> Bool {
        bytes.count == expected.utf8.count && zip(bytes, expected.utf8).allSatisfy { byte, letter in
            byte == letter || ParseState.digitToLetter[byte] == letter
        }
    }
}
