import Foundation

extension DailyLog {
    /// The day as a CSV file for Dutch Excel (`ExcelCSV`): Dutch headers and words, dates dd-mm-jjjj,
    /// amounts with a decimal comma, and the totals per clerk and for the day.
    public func csv() -> String {
        let f = ShopFormat.dutch
        let date = f.date(day)
        var lines = [["volgnummer", "datum", "tijd", "medewerker", "soort transactie", "verkoper", "identiteitsbewijs",
                      "voorwerpen", "prijs (€)", "betaalwijze", "controle", "corrigeert volgnummer"]]
        for row in rows {
            lines.append([
                String(row.entryNumber), date, row.time, row.clerk, row.kind.dutchName, row.sellerName,
                row.idDocument, row.items.joined(separator: " | "), f.amount(row.priceCents),
                row.paymentMethod.dutchName, row.checkStatus.dutchName, row.corrects.map(String.init) ?? "",
            ])
        }
        lines.append(["TOTAAL", date, "", "", "", "", "", "\(count) inschrijvingen", f.amount(totalCents), "", "", ""])
        for clerk in perClerk {
            lines.append(["TOTAAL medewerker", date, "", clerk.clerk, "", "", "", "\(clerk.count) inschrijvingen",
                          f.amount(clerk.totalCents), "", "", ""])
        }
        return ExcelCSV.document(lines)
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
        var out = "Intake log \(ShopFormat.dutch.date(day))\n"
        let header = ["#", "time", "clerk", "seller", "ID document", "items", "price", "check"]
        out += TerminalTable.render(header: header, rows: rows.map { row in
            [
                String(row.entryNumber) + (row.corrects.map { " (corr. \($0))" } ?? ""), row.time, row.clerk,
                row.sellerName, row.idDocument, row.items.joined(separator: "; "), ShopFormat.dutch.money(row.priceCents),
                row.checkStatus.dutchName,
            ]
        })
        out += "\nTotal: \(count) entries, \(ShopFormat.dutch.money(totalCents))\n"
        for clerk in perClerk {
            out += "  \(Self.printable(clerk.clerk)): \(clerk.count) entries, \(ShopFormat.dutch.money(clerk.totalCents))\n"
        }
        out += "\n" + headLine + "\n"
        return out
    }

    /// Drops control characters so a scanned value cannot move the terminal's cursor.
    static func printable(_ s: String) -> String { TerminalTable.printable(s) }
}
