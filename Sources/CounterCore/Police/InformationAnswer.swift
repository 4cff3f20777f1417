import Foundation

/// The answer to an information request: the entries it selects, with everything the register holds on them
/// (what the police may ask for under art. 437 lid 1 onder g Sr), as CSV and as rows for the printed page.
public struct InformationAnswer: Sendable {
    public struct Row: Sendable, Hashable, Codable {
        public var entryNumber: Int
        public var recordedAt: String
        public var clerk: String
        public var kind: String
        public var seller: String
        public var address: String
        public var birthDate: String
        public var document: String
        public var items: String
        public var priceCents: Int
        public var paymentMethod: String
    }

    public var request: InformationRequest
    public var rows: [Row]

    public init(request: InformationRequest, entries: [RegisterEntry]) {
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

    /// CSV for Dutch Excel (``ExcelCSV``).
    public func csv() -> String {
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
