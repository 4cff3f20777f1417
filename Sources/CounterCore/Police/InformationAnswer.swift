import Foundation

/// The answer to an information request: the entries it selects, with everything the register holds on them
/// (what the police may ask for under art. 437 lid 1 onder g Sr), as CSV and as rows for the printed page.
package struct InformationAnswer: Sendable {
    package struct Row: Sendable, Hashable, Codable {
        package var entryNumber: Int
        package var recordedAt: String
        package var clerk: String
        package var kind: String
        package var seller: String
        package var address: String
        package var birthDate: String
        package var document: String
        package var items: String
        package var priceCents: Int
        package var paymentMethod: String
    }

    package var request: InformationRequest
    package var rows: [Row]

    package init(request: InformationRequest, entries: [RegisterEntry]) {
        self.request = request
        rows = entries.map { entry in
            let seller = entry.seller
            return Row(
                entryNumber: entry.entryNumber,
                recordedAt: ShopFormat.dutch.dateTime(entry.recordedAt),
                clerk: entry.clerk, kind: entry.kind.dutchName,
                seller: seller?.displayName ?? entry.erasedNote, address: seller?.address.singleLine ?? "",
                birthDate: seller.map { ShopFormat.dutch.date($0.birthDate) } ?? "",
                document: seller?.document.dutchLine ?? "",
                items: entry.items.map { item in
                    ([item.summary] + item.identifiers).joined(separator: " ")
                }.joined(separator: " | "),
                priceCents: entry.priceCents, paymentMethod: entry.paymentMethod.dutchName)
        }
    }

    /// CSV for Dutch Excel (`ExcelCSV`).
    package func csv() -> String {
        var lines = [["volgnummer", "datum en tijd", "medewerker", "soort", "verkoper", "adres", "geboortedatum",
                      "identiteitsbewijs", "goederen", "prijs (€)", "betaalwijze"]]
        for r in rows {
            lines.append([String(r.entryNumber), r.recordedAt, r.clerk, r.kind, r.seller, r.address, r.birthDate, r.document,
                          r.items, ShopFormat.dutch.amount(r.priceCents), r.paymentMethod])
        }
        lines.append(["verzoek", request.reference, request.officer, "uiterlijk \(ShopFormat.dutch.date(request.deadline))", "\(rows.count) inschrijvingen",
                      "", "", "", "", "", ""])
        return ExcelCSV.document(lines)
    }
}
