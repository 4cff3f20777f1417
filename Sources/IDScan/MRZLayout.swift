/// Where each field of a format sits, what characters it may hold, and which check digits cover what.
/// Lines, columns and lengths are 0-based internally and reported 1-based.
struct MRZLayout {
    enum CharacterType { case letters, digits, mixed, sex, any }

    struct Segment {
        var field: MRZField
        var line: Int
        var start: Int
        var length: Int
        var type: CharacterType
    }

    struct Check {
        var field: MRZField
        var line: Int
        var position: Int
        /// (line, start, length) ranges, in order.
        var covers: [(Int, Int, Int)]
    }

    var segments: [Segment]
    var checks: [Check]
    /// Segments of the name field(s): (line, start, length) for surname+given names as one field,
    /// or separate surname / given-name fields (old French ID).
    var nameField: (Int, Int, Int)?
    var surnameField: (Int, Int, Int)?
    var givenNamesField: (Int, Int, Int)?

    static func layout(for format: MRZFormat) -> MRZLayout {
        typealias S = Segment
        switch format {
        case .td1:
            return MRZLayout(
                segments: [
                    S(field: .documentCode, line: 0, start: 0, length: 2, type: .letters),
                    S(field: .issuingState, line: 0, start: 2, length: 3, type: .letters),
                    S(field: .documentNumber, line: 0, start: 5, length: 9, type: .mixed),
                    S(field: .documentNumber, line: 0, start: 14, length: 1, type: .any),
                    S(field: .optionalData, line: 0, start: 15, length: 15, type: .mixed),
                    S(field: .birthDate, line: 1, start: 0, length: 6, type: .digits),
                    S(field: .birthDate, line: 1, start: 6, length: 1, type: .digits),
                    S(field: .sex, line: 1, start: 7, length: 1, type: .sex),
                    S(field: .expiryDate, line: 1, start: 8, length: 6, type: .digits),
                    S(field: .expiryDate, line: 1, start: 14, length: 1, type: .digits),
                    S(field: .nationality, line: 1, start: 15, length: 3, type: .letters),
                    S(field: .optionalData2, line: 1, start: 18, length: 11, type: .mixed),
                    S(field: .composite, line: 1, start: 29, length: 1, type: .digits),
                    S(field: .surname, line: 2, start: 0, length: 30, type: .letters),
                ],
                checks: [
                    Check(field: .birthDate, line: 1, position: 6, covers: [(1, 0, 6)]),
                    Check(field: .expiryDate, line: 1, position: 14, covers: [(1, 8, 6)]),
                    Check(field: .composite, line: 1, position: 29, covers: [(0, 5, 25), (1, 0, 7), (1, 8, 7), (1, 18, 11)]),
                ],
                nameField: (2, 0, 30))
        case .td2, .td3, .mrvA, .mrvB:
            let length = format.shape.length
            let nameLength = length - 5
            var segments = [
                S(field: .documentCode, line: 0, start: 0, length: 2, type: .letters),
                S(field: .issuingState, line: 0, start: 2, length: 3, type: .letters),
                S(field: .surname, line: 0, start: 5, length: nameLength, type: .letters),
                S(field: .documentNumber, line: 1, start: 0, length: 9, type: .mixed),
                S(field: .documentNumber, line: 1, start: 9, length: 1, type: format == .td2 ? .any : .digits),
                S(field: .nationality, line: 1, start: 10, length: 3, type: .letters),
                S(field: .birthDate, line: 1, start: 13, length: 7, type: .digits),
                S(field: .sex, line: 1, start: 20, length: 1, type: .sex),
                S(field: .expiryDate, line: 1, start: 21, length: 7, type: .digits),
            ]
            var checks = [
                Check(field: .birthDate, line: 1, position: 19, covers: [(1, 13, 6)]),
                Check(field: .expiryDate, line: 1, position: 27, covers: [(1, 21, 6)]),
            ]
            switch format {
            case .td3:
                segments.append(S(field: .optionalData, line: 1, start: 28, length: 14, type: .mixed))
                segments.append(S(field: .optionalData, line: 1, start: 42, length: 1, type: .any))
                segments.append(S(field: .composite, line: 1, start: 43, length: 1, type: .digits))
                checks.append(Check(field: .composite, line: 1, position: 43, covers: [(1, 0, 10), (1, 13, 7), (1, 21, 22)]))
            case .td2:
                segments.append(S(field: .optionalData, line: 1, start: 28, length: 7, type: .mixed))
                segments.append(S(field: .composite, line: 1, start: 35, length: 1, type: .digits))
                checks.append(Check(field: .composite, line: 1, position: 35, covers: [(1, 0, 10), (1, 13, 7), (1, 21, 14)]))
            default:
                segments.append(S(field: .optionalData, line: 1, start: 28, length: length - 28, type: .mixed))
            }
            return MRZLayout(segments: segments, checks: checks, nameField: (0, 5, nameLength))
        case .frenchID:
            return MRZLayout(
                segments: [
                    S(field: .documentCode, line: 0, start: 0, length: 2, type: .letters),
                    S(field: .issuingState, line: 0, start: 2, length: 3, type: .letters),
                    S(field: .surname, line: 0, start: 5, length: 25, type: .letters),
                    S(field: .optionalData, line: 0, start: 30, length: 6, type: .mixed),
                    // The card number: year and month issued, the office (département and office, which may
                    // hold a letter: `2A`), then a 5-digit sequence number.
                    S(field: .documentNumber, line: 1, start: 0, length: 4, type: .digits),
                    S(field: .documentNumber, line: 1, start: 4, length: 3, type: .mixed),
                    S(field: .documentNumber, line: 1, start: 7, length: 5, type: .digits),
                    S(field: .documentNumber, line: 1, start: 12, length: 1, type: .digits),
                    S(field: .givenNames, line: 1, start: 13, length: 14, type: .letters),
                    S(field: .birthDate, line: 1, start: 27, length: 7, type: .digits),
                    S(field: .sex, line: 1, start: 34, length: 1, type: .sex),
                    S(field: .composite, line: 1, start: 35, length: 1, type: .digits),
                ],
                checks: [
                    Check(field: .documentNumber, line: 1, position: 12, covers: [(1, 0, 12)]),
                    Check(field: .birthDate, line: 1, position: 33, covers: [(1, 27, 6)]),
                    Check(field: .composite, line: 1, position: 35, covers: [(0, 0, 36), (1, 0, 35)]),
                ],
                surnameField: (0, 5, 25), givenNamesField: (1, 13, 14))
        case .euDrivingLicence:
            // ISO/IEC 18013-3: `D`, the BAP configuration, the issuing state, then the issuer's data: in the
            // Dutch layout a version character, the 10-digit licence number and 13 random characters (BAP).
            return MRZLayout(
                segments: [
                    S(field: .documentCode, line: 0, start: 0, length: 1, type: .letters),
                    S(field: .bapConfiguration, line: 0, start: 1, length: 1, type: .any),
                    S(field: .issuingState, line: 0, start: 2, length: 3, type: .letters),
                    S(field: .optionalData, line: 0, start: 5, length: 1, type: .any),
                    S(field: .documentNumber, line: 0, start: 6, length: 10, type: .mixed),
                    S(field: .optionalData, line: 0, start: 16, length: 13, type: .mixed),
                    S(field: .composite, line: 0, start: 29, length: 1, type: .digits),
                ],
                checks: [Check(field: .composite, line: 0, position: 29, covers: [(0, 0, 29)])])
        case .frenchDrivingLicence:
            // France's layout: the licence number's check digit covers positions 1–14, the expiry has none,
            // the surname is cut to 8 characters, the last digit covers 1–29.
            return MRZLayout(
                segments: [
                    S(field: .documentCode, line: 0, start: 0, length: 1, type: .letters),
                    S(field: .bapConfiguration, line: 0, start: 1, length: 1, type: .any),
                    S(field: .issuingState, line: 0, start: 2, length: 3, type: .letters),
                    S(field: .documentNumber, line: 0, start: 5, length: 9, type: .mixed),
                    S(field: .documentNumber, line: 0, start: 14, length: 1, type: .digits),
                    S(field: .expiryDate, line: 0, start: 15, length: 6, type: .digits),
                    S(field: .surname, line: 0, start: 21, length: 8, type: .letters),
                    S(field: .composite, line: 0, start: 29, length: 1, type: .digits),
                ],
                checks: [
                    Check(field: .documentNumber, line: 0, position: 14, covers: [(0, 0, 14)]),
                    Check(field: .composite, line: 0, position: 29, covers: [(0, 0, 29)]),
                ],
                surnameField: (0, 21, 8))
        }
    }
}
