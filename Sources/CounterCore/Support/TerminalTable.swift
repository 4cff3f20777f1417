/// A fixed-width table for the terminal: columns as wide as their widest cell (at most 40 characters),
/// a rule under the header, control characters dropped so a scanned value cannot move the cursor.
package enum TerminalTable {
    package static func render(header: [String], rows: [[String]]) -> String {
        let cells = [header] + rows
        let widths = header.indices.map { i in min(40, cells.map { printable($0[i]).count }.max() ?? 0) }
        var out = ""
        for (n, line) in cells.enumerated() {
            out += zip(line, widths).map { cell, width in
                let text = String(printable(cell).prefix(width))
                return text + String(repeating: " ", count: width - text.count)
            }.joined(separator: "  ") + "\n"
            if n == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }

    /// Drops control characters.
    package static func printable(_ s: String) -> String {
        String(s.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
    }
}
