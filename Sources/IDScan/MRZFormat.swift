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
    /// EU / ISO 18013 driving licence, 1 line of 30 (Dutch `D1NLD…`).
    case euDrivingLicence = "EU_DL"

    /// Lines and characters per line.
    public var shape: (lines: Int, length: Int) {
        switch self {
        case .td1: (3, 30)
        case .td2, .mrvB, .frenchID: (2, 36)
        case .td3, .mrvA: (2, 44)
        case .euDrivingLicence: (1, 30)
        }
    }

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
        }
    }

    /// Picks the format from the lines' count and length and the first characters.
    static func detect(_ lines: [[UInt8]]) -> MRZFormat? {
        let first = lines.first ?? []
        switch (lines.count, first.count) {
        case (3, 30) where lines.allSatisfy({ $0.count == 30 }): return .td1
        case (1, 30): return first.first == UInt8(ascii: "D") ? .euDrivingLicence : nil
        case (2, 44) where lines[1].count == 44: return first.first == UInt8(ascii: "V") ? .mrvA : .td3
        case (2, 36) where lines[1].count == 36:
            if first.starts(with: Array("IDFRA".utf8)) { return .frenchID }
            return first.first == UInt8(ascii: "V") ? .mrvB : .td2
        default: return nil
        }
    }
}
