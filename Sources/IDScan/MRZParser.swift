/// Reads a machine-readable zone strictly: every check digit, every code, every date, with OCR repair only
/// where the field's type or its check digits prove it, and with the Dutch BSN removed.
///
/// ## Topics
/// - ``parse(_:today:)`` and ``parse(lines:today:)``
/// - ``MRZResult``, ``MRZFields``, ``MRZError``, ``MRZCorrection``
public enum MRZParser {
    /// A calendar day, for the century of two-digit years and for the expired / minor facts.
    public typealias Today = (year: Int, month: Int, day: Int)

    /// Parses MRZ text: lines separated by CR, LF or CRLF (spaces, `_` padding and empty lines are ignored,
    /// case does not matter).
    public static func parse(_ text: String, today: Today) -> MRZResult {
        parse(lines: MRZNormalizer.lines(from: Array(text.utf8)), today: today)
    }

    /// Parses already split lines (normalised again: upper-cased, spaces and `_` removed).
    public static func parse(lines rawLines: [String], today: Today) -> MRZResult {
        var lines = MRZNormalizer.normalize(rawLines.map { Array($0.utf8) })
        guard let format = MRZFormat.detect(lines) else {
            return MRZResult(format: nil, fields: MRZFields(), invalidFields: [.format], corrections: [],
                             errors: [MRZError(field: .format, problem: lines.isEmpty ? .unreadable : .wrongLength)],
                             bsnRedacted: false, expired: nil, minor: nil, isSpecimen: false, redactedLines: [])
        }
        var state = ParseState(format: format, layout: .layout(for: format), today: today)
        state.repairByType(&lines)
        state.applyCountryRules(&lines)
        state.repairDocumentNumber(&lines)
        return state.finish(lines)
    }
}

/// The work of one parse.
struct ParseState {
    let format: MRZFormat
    let layout: MRZLayout
    let today: MRZParser.Today
    var corrections: [MRZCorrection] = []
    var errors: [MRZError] = []
    var invalid: Set<MRZField> = []
    var warnings: [MRZWarning] = []

    init(format: MRZFormat, layout: MRZLayout, today: MRZParser.Today) {
        self.format = format
        self.layout = layout
        self.today = today
    }

    static let letterToDigit: [UInt8: UInt8] = [
        UInt8(ascii: "O"): UInt8(ascii: "0"), UInt8(ascii: "Q"): UInt8(ascii: "0"), UInt8(ascii: "D"): UInt8(ascii: "0"),
        UInt8(ascii: "I"): UInt8(ascii: "1"), UInt8(ascii: "L"): UInt8(ascii: "1"), UInt8(ascii: "Z"): UInt8(ascii: "2"),
        UInt8(ascii: "S"): UInt8(ascii: "5"), UInt8(ascii: "G"): UInt8(ascii: "6"), UInt8(ascii: "B"): UInt8(ascii: "8"),
    ]
    static let digitToLetter: [UInt8: UInt8] = [
        UInt8(ascii: "0"): UInt8(ascii: "O"), UInt8(ascii: "1"): UInt8(ascii: "I"), UInt8(ascii: "2"): UInt8(ascii: "Z"),
        UInt8(ascii: "4"): UInt8(ascii: "A"), UInt8(ascii: "5"): UInt8(ascii: "S"), UInt8(ascii: "6"): UInt8(ascii: "G"),
        UInt8(ascii: "8"): UInt8(ascii: "B"),
    ]

    mutating func correct(_ lines: inout [[UInt8]], _ field: MRZField, _ line: Int, _ column: Int, to byte: UInt8) {
        corrections.append(MRZCorrection(
            field: field, line: line + 1, column: column + 1,
            from: String(UnicodeScalar(lines[line][column])), to: String(UnicodeScalar(byte))))
        lines[line][column] = byte
    }

    mutating func fail(_ field: MRZField, _ problem: MRZProblem, line: Int? = nil, column: Int? = nil) {
        if invalid.contains(field) && problem != .checkDigitMismatch { return }
        invalid.insert(field)
        errors.append(MRZError(field: field, problem: problem, line: line.map { $0 + 1 }, column: column.map { $0 + 1 }))
    }

    /// Digit-only fields map look-alike letters to digits; letter-only fields map look-alike digits to letters.
    mutating func repairByType(_ lines: inout [[UInt8]]) {
        // A licence's `D` read as a zero (the letter map would make it an O).
        if format.isDrivingLicence && lines[0][0] == UInt8(ascii: "0") { correct(&lines, .documentCode, 0, 0, to: UInt8(ascii: "D")) }
        for s in layout.segments {
            for c in s.start..<(s.start + s.length) {
                let b = lines[s.line][c]
                switch s.type {
                case .digits:
                    if let d = Self.letterToDigit[b] { correct(&lines, s.field, s.line, c, to: d) }
                case .letters:
                    if let l = Self.digitToLetter[b] { correct(&lines, s.field, s.line, c, to: l) }
                case .sex:
                    if b == UInt8(ascii: "P") { correct(&lines, s.field, s.line, c, to: UInt8(ascii: "F")) }
                    if b == UInt8(ascii: "H") { correct(&lines, s.field, s.line, c, to: UInt8(ascii: "M")) }
                case .mixed, .any:
                    break
                }
            }
        }
    }

    /// Country rules that make a repair safe: Dutch document numbers never contain the letter O; Dutch driving
    /// licence numbers are digits only; a Dutch ID card's BSN slot holds digits only.
    mutating func applyCountryRules(_ lines: inout [[UInt8]]) {
        repairDutchBSNSlot(&lines)
        guard issuingState(lines) == "NLD",
              let s = layout.segments.first(where: { $0.field == .documentNumber && $0.type == .mixed }) else { return }
        for c in s.start..<(s.start + s.length) {
            let b = lines[s.line][c]
            if b == UInt8(ascii: "O") { correct(&lines, .documentNumber, s.line, c, to: UInt8(ascii: "0")) }
            if format == .euDrivingLicence, let d = Self.letterToDigit[b], b != UInt8(ascii: "O") {
                correct(&lines, .documentNumber, s.line, c, to: d)
            }
        }
    }

    /// A Dutch ID card to 2021 holds its BSN at 16–24, fillers to 29 and the BSN's check digit at 30: all digits.
    /// When the slot has that shape with OCR look-alike letters in it, the letters are read as digits, so the
    /// BSN is recognised (and removed) and its check digit can be checked.
    mutating func repairDutchBSNSlot(_ lines: inout [[UInt8]]) {
        guard format == .td1, issuingState(lines) == "NLD", lines[0][14] != 60 else { return }
        let digitLike = { (b: UInt8) in (b >= 0x30 && b <= 0x39) || Self.letterToDigit[b] != nil }
        let slot = Array(15..<24) + [29]
        guard slot.allSatisfy({ digitLike(lines[0][$0]) }), lines[0][24..<29].allSatisfy({ $0 == 60 }) else { return }
        for c in slot { if let d = Self.letterToDigit[lines[0][c]] { correct(&lines, .optionalData, 0, c, to: d) } }
    }

    func issuingState(_ lines: [[UInt8]]) -> String {
        let raw = lines[0][2..<5]
        return String(decoding: raw.prefix { $0 != UInt8(ascii: "<") }, as: UTF8.self)
    }
}
