import Foundation

extension DailyLog {
    /// A CSV file (RFC 4180, `;`-free, comma separated, CRLF lines) a spreadsheet opens safely.
    ///
    /// Every text cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, tab or
    /// CR) is prefixed with `'`, so a seller named `=cmd|' /C calc'!A0` stays text (CSV injection).
    public func csv() -> String {
        var lines = [["entryNumber", "date", "time", "clerk", "kind", "seller", "idDocument", "items", "price",
                      "paymentMethod", "checkStatus", "corrects"]]
        for row in rows {
            lines.append([
                String(row.entryNumber), day.iso, row.time, row.clerk, row.kind.rawValue, row.sellerName,
                row.idDocument, row.items.joined(separator: " | "), Money.plain(row.priceCents),
                row.paymentMethod.rawValue, row.checkStatus.rawValue, row.corrects.map(String.init) ?? "",
            ])
        }
        lines.append(["TOTAL", day.iso, "", "", "", "", "", "\(count) entries", Money.plain(totalCents), "", "", ""])
        for clerk in perClerk {
            lines.append(["TOTAL clerk", day.iso, "", clerk.clerk, "", "", "", "\(clerk.count) entries",
                          Money.plain(clerk.totalCents), "", "", ""])
        }
        return lines.map { $0.map(Self.csvCell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a cell and defuses formulas and terminal controls: a control character (NUL, BEL, ESC, …) is
    /// shown as its visible symbol (␀, ␇, ␛), so neither a spreadsheet nor a terminal acts on it; a cell with
    /// a TAB is quoted (some spreadsheets split on it).
    public static func csvCell(_ value: String) -> String {
        var text = Self.visibleControls(value)
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first),
           Double(text) == nil {
            text = "'" + text
        }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "'" || $0 == ";" || $0 == "\t" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// Pretty JSON with stable key order.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// The last line of a printed log: the register's head when it was made.
    public var headLine: String {
        guard let head else { return "Register head: empty register" }
        return "Register head: entry \(head.entryNumber), hash \(head.hash)"
    }

    /// A fixed-width table for the terminal.
    public func table() -> String {
        var out = "Intake log \(day.iso)\n"
        let header = ["#", "time", "clerk", "seller", "ID document", "items", "price", "check"]
        var cells = [header]
        for row in rows {
            cells.append([
                String(row.entryNumber) + (row.corrects.map { " (corr. \($0))" } ?? ""), row.time, row.clerk,
                row.sellerName, row.idDocument, row.items.joined(separator: "; "), Money.dutch(row.priceCents),
                row.checkStatus.dutchName,
            ])
        }
        let widths = header.indices.map { i in min(40, cells.map { Self.printable($0[i]).count }.max() ?? 0) }
        for (n, line) in cells.enumerated() {
            out += zip(line, widths).map { cell, width in
                let text = String(Self.printable(cell).prefix(width))
                return text + String(repeating: " ", count: width - text.count)
            }.joined(separator: "  ") + "\n"
            if n == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        out += "\nTotal: \(count) entries, \(Money.dutch(totalCents))\n"
        for clerk in perClerk {
            out += "  \(Self.printable(clerk.clerk)): \(clerk.count) entries, \(Money.dutch(clerk.totalCents))\n"
        }
        out += "\n" + headLine + "\n"
        return out
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

    /// Drops control characters so a scanned value cannot move the terminal's cursor.
    static func printable(_ s: String) -> String {
        String(s.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
    }
}
