extension ParseState {
    /// Where the document number and its check digit sit, for the ICAO formats.
    var documentNumberPlace: (line: Int, start: Int)? {
        switch format {
        case .td1: (0, 5)
        case .td2, .td3, .mrvA, .mrvB: (1, 0)
        case .frenchID, .euDrivingLicence, .frenchDrivingLicence: nil
        }
    }

    /// Formats whose document number has a check digit over more than the number itself (a French card's
    /// number alone, a French licence's first 14 characters): where the digit is and what it covers.
    var nationalNumberCheck: (line: Int, digit: Int, covers: Range<Int>, number: Range<Int>)? {
        switch format {
        case .frenchID: (1, 12, 0..<12, 0..<12)
        case .frenchDrivingLicence: (0, 14, 0..<14, 5..<14)
        default: nil
        }
    }

    /// The optional-data range a TD1/TD2 long number overflows into.
    var overflowRange: (line: Int, start: Int, end: Int)? {
        switch format {
        case .td1: (0, 15, 30)
        case .td2: (1, 28, 35)
        default: nil
        }
    }

    /// The document number as read, whether its check digit holds, and where the optional data starts after
    /// any overflow.
    struct DocumentNumber {
        var value: String
        var checkHolds: Bool
        var missingCheckDigit: Bool
        var optionalDataStart: Int?
    }

    func documentNumber(_ lines: [[UInt8]]) -> DocumentNumber? {
        if let check = nationalNumberCheck {
            let n = lines[check.line][check.number]
            return DocumentNumber(value: String(decoding: n.filter { $0 != 60 }, as: UTF8.self),
                                  checkHolds: CheckDigit.verify(lines[check.line][check.covers], digit: lines[check.line][check.digit]),
                                  missingCheckDigit: false)
        }
        if format == .euDrivingLicence {
            let n = lines[0][6..<16]
            return DocumentNumber(value: String(decoding: n.filter { $0 != 60 }, as: UTF8.self), checkHolds: true,
                                  missingCheckDigit: false)
        }
        guard let (line, start) = documentNumberPlace else { return nil }
        let nine = lines[line][start..<(start + 9)]
        let checkByte = lines[line][start + 9]
        let base = String(decoding: nine.prefix { $0 != 60 }, as: UTF8.self)
        if checkByte == 60, let (oLine, oStart, oEnd) = overflowRange {
            // Long number: the rest and its check digit open the optional data, ended by a filler.
            let optional = lines[oLine][oStart..<oEnd]
            let overflow = optional.prefix { $0 != 60 }
            guard overflow.count >= 2 else {
                return DocumentNumber(value: base + String(decoding: overflow, as: UTF8.self), checkHolds: false,
                                      missingCheckDigit: true, optionalDataStart: oStart + overflow.count + 1)
            }
            let rest = overflow.dropLast()
            let digit = overflow.last!
            // Real documents compute it both ways: over the raw positions (with the `<`) and over the number.
            let withFiller = Array(nine) + [60] + Array(rest)
            let withoutFiller = Array(nine) + Array(rest)
            let holds = CheckDigit.verify(withFiller, digit: digit) || CheckDigit.verify(withoutFiller, digit: digit)
            return DocumentNumber(value: base + String(decoding: rest, as: UTF8.self), checkHolds: holds,
                                  missingCheckDigit: false, optionalDataStart: oStart + overflow.count + 1)
        }
        return DocumentNumber(value: base, checkHolds: CheckDigit.verify(nine, digit: checkByte),
                              missingCheckDigit: false, optionalDataStart: nil)
    }

    /// Whether the composite check digit holds (nil when the format has none).
    func compositeHolds(_ lines: [[UInt8]]) -> Bool? {
        guard let check = layout.checks.first(where: { $0.field == .composite }) else { return nil }
        var bytes: [UInt8] = []
        for (l, s, n) in check.covers { bytes += lines[l][s..<(s + n)] }
        return CheckDigit.verify(bytes, digit: lines[check.line][check.position])
    }

    static let mixedConfusions: [UInt8: [UInt8]] = {
        let pairs: [(Character, Character)] = [("0", "O"), ("0", "D"), ("0", "Q"), ("1", "I"), ("1", "L"), ("2", "Z"),
                                               ("5", "S"), ("6", "G"), ("8", "B"), ("4", "A")]
        var map: [UInt8: [UInt8]] = [:]
        for (a, b) in pairs {
            map[a.asciiValue!, default: []].append(b.asciiValue!)
            map[b.asciiValue!, default: []].append(a.asciiValue!)
        }
        return map
    }()

    /// A mixed field is repaired only when exactly one single OCR look-alike substitution makes both its own
    /// check digit and the composite hold, and a misread check digit cannot explain the read as well.
    /// Without a composite (visas) there is no second proof, so nothing is repaired. Anything else is left as
    /// read and reported.
    mutating func repairDocumentNumber(_ lines: inout [[UInt8]]) {
        guard let current = documentNumber(lines), !current.checkHolds, !current.missingCheckDigit,
              compositeHolds(lines) != nil else { return }
        // The position of the number's own check digit; a `<` there (long number) is not guessed at.
        let checkPlace: (Int, Int)
        if let check = nationalNumberCheck { checkPlace = (check.line, check.digit) } else if let (l, s) = documentNumberPlace { checkPlace = (l, s + 9) } else { return }
        guard lines[checkPlace.0][checkPlace.1] != 60 else { return }
        // Could the check digit itself be the misread character? Then the number cannot be proved wrong.
        var checkDigitHypothesis = lines
        let numberBytes = nationalNumberCheck.map { Array(lines[$0.line][$0.covers]) }
            ?? Array(lines[checkPlace.0][(checkPlace.1 - 9)..<checkPlace.1])
        if let digit = CheckDigit.compute(numberBytes) {
            checkDigitHypothesis[checkPlace.0][checkPlace.1] = UInt8(48 + digit)
            if compositeHolds(checkDigitHypothesis) == true { return }
        }
        let dutch = issuingState(lines) == "NLD"
        var positions: [(Int, Int)] = []
        if let check = nationalNumberCheck {
            // Only the number's positions that may hold letters: the rest were repaired by type.
            positions = check.number.filter { column in
                layout.segments.contains { $0.line == check.line && $0.type == .mixed && ($0.start..<($0.start + $0.length)).contains(column) }
            }.map { (check.line, $0) }
        } else if let (line, start) = documentNumberPlace {
            positions = (start..<(start + 9)).map { (line, $0) }
            if lines[line][start + 9] == 60, let (oLine, oStart, oEnd) = overflowRange {
                let overflowLength = lines[oLine][oStart..<oEnd].prefix { $0 != 60 }.count
                positions += (oStart..<(oStart + overflowLength)).map { (oLine, $0) }
            }
        }
        var candidates: [(Int, Int, UInt8)] = []
        for (l, c) in positions {
            for alternative in Self.mixedConfusions[lines[l][c]] ?? [] {
                if dutch && alternative == UInt8(ascii: "O") { continue }
                var trial = lines
                trial[l][c] = alternative
                if documentNumber(trial)?.checkHolds == true && compositeHolds(trial) != false {
                    candidates.append((l, c, alternative))
                }
            }
        }
        if candidates.count == 1 {
            let (l, c, b) = candidates[0]
            correct(&lines, .documentNumber, l, c, to: b)
        }
    }
}
