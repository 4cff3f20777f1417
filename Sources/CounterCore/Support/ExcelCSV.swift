/// CSV as Dutch Excel opens it with a double click: a UTF-8 byte-order mark (else "ë" reads as "Ã«"), `;`
/// between cells (Excel in a Dutch locale splits on the list separator, which is `;` because the decimal
/// sign is `,`), CRLF lines, RFC 4180 quoting. Amounts go in as `ShopFormat/amount(_:)` (`1234,50`), so
/// Excel reads them as numbers.
///
/// Every text cell a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, TAB or CR) is
/// prefixed with `'`, so a seller named `=cmd|' /C calc'!A0` stays text (CSV injection); control characters
/// are shown as their visible symbols (␀, ␇, ␛), so neither a spreadsheet nor a terminal acts on them.
package enum ExcelCSV {
    /// The UTF-8 byte-order mark that tells Excel the file is UTF-8.
    package static let byteOrderMark = "\u{FEFF}"

    /// The file: the mark, then each row's cells joined by `;`, each line ended by CRLF.
    package static func document(_ rows: [[String]]) -> String {
        byteOrderMark + rows.map { $0.map(cell).joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
    }

    /// One cell, quoted when it holds the `;` separator, a quote, a line break or a TAB, and defused.
    package static func cell(_ value: String) -> String {
        var text = visibleControls(value)
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first),
           !isNumber(text) {
            text = "'" + text
        }
        if text.contains(where: { $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "'" || $0 == ";" || $0 == "\t" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// `-5`, `-2,50`: a plain number, which a spreadsheet may read as one.
    static func isNumber(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ",", omittingEmptySubsequences: false)
        return !body.isEmpty && parts.count <= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }

    /// Control characters as visible symbols (U+2400 block); TAB, CR and LF stay for the cell quoting.
    static func visibleControls(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: out.append(scalar)
            case 0x00..<0x20: out.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: out.append(Unicode.Scalar(0x2421)!)
            case 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069: out.append(Unicode.Scalar(0xFFFD)!)
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
