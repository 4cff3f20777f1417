extension ParseState {
    /// Validates everything and builds the result.
    mutating func finish(_ input: [[UInt8]]) -> MRZResult {
        var lines = input
        var fields = MRZFields()

        // Every character must be an MRZ character.
        for (l, line) in lines.enumerated() {
            for (c, b) in line.enumerated() where CheckDigit.value(b) == nil {
                let field = layout.segments.first { $0.line == l && c >= $0.start && c < $0.start + $0.length }?.field ?? .format
                fail(field, .invalidCharacter, line: l, column: c)
            }
        }

        // A letter left in a digits-only position (one OCR repair does not explain) is wrong, whatever a check
        // digit says: H and 7 weigh the same modulo 10.
        // A filler only where the format allows it: an unknown birth month or day.
        for s in layout.segments where s.type == .digits {
            for c in s.start..<(s.start + s.length)
            where isLetter(lines[s.line][c]) || (lines[s.line][c] == 60 && s.field != .birthDate) {
                fail(s.field, .invalidCharacter, line: s.line, column: c)
            }
        }

        // Codes. A driving licence's second character is its BAP configuration, not part of the code.
        let code = lines[0][0..<2]
        if format.isDrivingLicence {
            fields.documentCode = Self.trimmed(code.prefix(1))
            fields.bapConfiguration = String(UnicodeScalar(code.last!))
        } else {
            fields.documentCode = Self.trimmed(code)
        }
        validateDocumentCode(code)
        let state = issuingState(lines)
        fields.issuingState = state
        if !ICAOCountryCode.isKnown(state) { fail(.issuingState, .unknownCountryCode, line: 0, column: 2) }
        if let place = nationalityPlace {
            let nationality = Self.trimmed(lines[place.0][place.1..<(place.1 + 3)])
            fields.nationality = nationality
            if !ICAOCountryCode.isKnown(nationality) {
                fail(.nationality, .unknownCountryCode, line: place.0, column: place.1)
            }
        }

        // Check digits of fixed fields (dates, composite, French document number).
        for check in layout.checks where check.field != .composite {
            var bytes: [UInt8] = []
            for (l, s, n) in check.covers { bytes += lines[l][s..<(s + n)] }
            if !CheckDigit.verify(bytes, digit: lines[check.line][check.position]) {
                fail(check.field, .checkDigitMismatch, line: check.line, column: check.position)
            }
        }

        // Document number, with TD1/TD2 long numbers.
        var optionalStart: Int?
        if let number = documentNumber(lines) {
            fields.documentNumber = number.value
            optionalStart = number.optionalDataStart
            if number.missingCheckDigit {
                fail(.documentNumber, .missingCheckDigit, line: documentNumberPlace?.line, column: documentNumberPlace.map { $0.start + 9 })
            } else if !number.checkHolds && nationalNumberCheck == nil {
                fail(.documentNumber, .checkDigitMismatch, line: documentNumberPlace?.line, column: documentNumberPlace.map { $0.start + 9 })
            }
            if number.value.isEmpty { fail(.documentNumber, .unreadable, line: documentNumberPlace?.line) }
        }

        // TD3 personal number: empty with `<` or `0` as check digit, or numeric with a real one.
        if format == .td3 {
            let personal = lines[1][28..<42]
            let digit = lines[1][42]
            let empty = personal.allSatisfy { $0 == 60 }
            if empty ? !(digit == 60 || digit == UInt8(ascii: "0")) : !CheckDigit.verify(personal, digit: digit) {
                fail(.optionalData, .checkDigitMismatch, line: 1, column: 42)
            }
        }
        if let composite = compositeHolds(lines), !composite, let check = layout.checks.first(where: { $0.field == .composite }) {
            fail(.composite, .checkDigitMismatch, line: check.line, column: check.position)
        }

        // Dates and sex.
        if let (l, s) = birthPlace {
            fields.birthDate = MRZDate.parse(lines[l][s..<(s + 6)], kind: .birth, today: today)
            if fields.birthDate == nil { fail(.birthDate, .invalidDate, line: l, column: s) }
        }
        if let (l, s) = expiryPlace {
            fields.expiryDate = MRZDate.parse(lines[l][s..<(s + 6)], kind: .expiry, today: today)
            if fields.expiryDate == nil { fail(.expiryDate, .invalidDate, line: l, column: s) }
        }
        if let (l, s) = sexPlace {
            let sex = lines[l][s]
            fields.sex = String(UnicodeScalar(sex))
            if ![UInt8(ascii: "M"), UInt8(ascii: "F"), UInt8(ascii: "X"), 60].contains(sex) { fail(.sex, .invalidSex, line: l, column: s) }
        }

        // Names.
        extractNames(lines, into: &fields)

        // Optional data, with the BSN taken out of Dutch documents.
        var bsnRedacted = false
        extractOptionalData(&lines, optionalStart: optionalStart, into: &fields, bsnRedacted: &bsnRedacted)

        var expired: Bool?
        if let e = fields.expiryDate { expired = e.ordinal < (today.year, today.month, today.day) }
        var minor: Bool?
        if let b = fields.birthDate {
            var age = today.year - b.year
            if (today.month, today.day) < (b.month ?? 12, b.day ?? 31) { age -= 1 }
            minor = age < 18
        }
        return MRZResult(
            format: format, fields: fields, invalidFields: invalid, corrections: corrections, errors: errors,
            warnings: warnings, bsnRedacted: bsnRedacted, expired: expired, minor: minor, isSpecimen: state == ICAOCountryCode.specimen,
            redactedLines: lines.map { String(decoding: $0, as: UTF8.self) })
    }

    var nationalityPlace: (Int, Int)? {
        switch format {
        case .td1: (1, 15)
        case .td2, .td3, .mrvA, .mrvB: (1, 10)
        case .frenchID, .euDrivingLicence, .frenchDrivingLicence: nil
        }
    }
    var birthPlace: (Int, Int)? {
        switch format {
        case .td1: (1, 0)
        case .td2, .td3, .mrvA, .mrvB: (1, 13)
        case .frenchID: (1, 27)
        case .euDrivingLicence, .frenchDrivingLicence: nil
        }
    }
    var expiryPlace: (Int, Int)? {
        switch format {
        case .td1: (1, 8)
        case .td2, .td3, .mrvA, .mrvB: (1, 21)
        case .frenchDrivingLicence: (0, 15)
        case .frenchID, .euDrivingLicence: nil
        }
    }
    var sexPlace: (Int, Int)? {
        switch format {
        case .td1: (1, 7)
        case .td2, .td3, .mrvA, .mrvB: (1, 20)
        case .frenchID: (1, 34)
        case .euDrivingLicence, .frenchDrivingLicence: nil
        }
    }

    mutating func validateDocumentCode(_ code: ArraySlice<UInt8>) {
        let first = code.first!, second = code.last!
        let allowedFirst: [Character] = switch format {
        case .td1: ["A", "C", "I"]
        case .td2: ["A", "C", "I", "P"]
        case .td3: ["P"]
        case .mrvA, .mrvB: ["V"]
        case .frenchID: ["I"]
        case .euDrivingLicence, .frenchDrivingLicence: ["D"]
        }
        if !allowedFirst.contains(Character(UnicodeScalar(first))) {
            fail(.documentCode, .invalidDocumentCode, line: 0, column: 0)
        }
        if format.isDrivingLicence {
            // ISO/IEC 18013-3: a digit naming the BAP configuration, or `<` for none.
            if !(second == 60 || (second >= 0x30 && second <= 0x39)) { fail(.bapConfiguration, .invalidCharacter, line: 0, column: 1) }
        } else if !(isLetter(second) || second == 60) {
            fail(.documentCode, .invalidDocumentCode, line: 0, column: 0)
        }
        // ICAO lists TD2 for ID cards only; Germany issues its provisional passport in that size.
        if format == .td2 && first == UInt8(ascii: "P") { warnings.append(.passportInTD2Size) }
    }

    func extractNames(_ lines: [[UInt8]], into fields: inout MRZFields) {
        if let (l, s, n) = layout.nameField {
            let name = lines[l][s..<(s + n)]
            fields.nameMayBeTruncated = name.last.map(isLetter) ?? false
            let bytes = Array(name)
            if let split = (0..<(bytes.count - 1)).first(where: { bytes[$0] == 60 && bytes[$0 + 1] == 60 }) {
                fields.surname = Self.words(bytes[0..<split])
                fields.givenNames = Self.words(bytes[(split + 2)...])
            } else {
                fields.surname = Self.words(bytes[...])
                fields.givenNames = ""
            }
        }
        if let (l, s, n) = layout.surnameField {
            fields.surname = Self.words(lines[l][s..<(s + n)])
            fields.nameMayBeTruncated = lines[l][s + n - 1] != 60
        }
        if let (l, s, n) = layout.givenNamesField {
            // The French card separates given names with `<<`.
            fields.givenNames = Self.words(lines[l][s..<(s + n)])
        }
    }

    mutating func extractOptionalData(_ lines: inout [[UInt8]], optionalStart: Int?, into fields: inout MRZFields,
                                      bsnRedacted: inout Bool) {
        let dutch = issuingState(lines) == "NLD"
        switch format {
        case .td1:
            let start = optionalStart ?? 15
            let first = start < 30 ? lines[0][start..<30] : []
            // Dutch ID cards to 2021: BSN (9 digits) + fillers + the BSN's check digit at position 30.
            if dutch && optionalStart == nil && BSN.looksLikeBSN(first) {
                // Its own check digit at position 30 (over 16–29) must hold: a misread BSN slot is refused
                // like any other field. The BSN is removed either way.
                if !CheckDigit.verify(lines[0][15..<29], digit: lines[0][29]) {
                    fail(.optionalData, .checkDigitMismatch, line: 0, column: 29)
                }
                for c in 15..<30 { lines[0][c] = 60 }
                bsnRedacted = true
                fields.optionalData = nil
            } else {
                fields.optionalData = Self.trailingTrimmed(first)
            }
            fields.optionalData2 = Self.trailingTrimmed(lines[1][18..<29])
        case .td3:
            // Dutch passports to 2021: the BSN is the personal number.
            if dutch && BSN.looksLikeBSN(lines[1][28..<42]) {
                for c in 28..<43 { lines[1][c] = 60 }
                bsnRedacted = true
                fields.optionalData = nil
            } else {
                fields.optionalData = Self.trailingTrimmed(lines[1][28..<42])
            }
        case .td2:
            let start = optionalStart ?? 28
            fields.optionalData = start < 35 ? Self.trailingTrimmed(lines[1][start..<35]) : ""
        case .mrvA, .mrvB:
            fields.optionalData = Self.trailingTrimmed(lines[1][28...])
        case .frenchID:
            fields.optionalData = Self.trailingTrimmed(lines[0][30..<36])
        case .euDrivingLicence:
            // All the issuer's data after the state, read whole; the Dutch layout's parts are fields as well.
            fields.optionalData = Self.trailingTrimmed(lines[0][5..<29])
            fields.version = Self.trimmed(lines[0][5..<6])
        case .frenchDrivingLicence:
            break
        }
    }

    static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.filter { $0 != 60 }, as: UTF8.self)
    }

    static func trailingTrimmed(_ bytes: ArraySlice<UInt8>) -> String {
        var end = bytes.endIndex
        while end > bytes.startIndex && bytes[end - 1] == 60 { end -= 1 }
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
    }

    /// `DE<BRUIJN` → `DE BRUIJN`; runs of `<` become one space, trimmed.
    static func words(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        var pendingSpace = false
        for b in bytes {
            if b == 60 { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
