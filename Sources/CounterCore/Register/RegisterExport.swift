import Foundation

/// One period's full register as an inspector asks to see it (art. 437 lid 1 Sr; the municipality's APV):
/// every legal field of every entry, one line per item, with the seller's address and document, the item's
/// numbers, its latest check, how long it is kept, a police hold order, and its sale.
///
/// The same lines make the CSV for Dutch Excel (``csv()``), the printed register and its PDF, and the
/// `counter-kiosk register export` command. The register's head is carried along, so the last page shows how
/// far the register went when the export was made.
package struct RegisterExport: Sendable {
    /// One item of one entry, with the entry's fields repeated (a spreadsheet filters per line).
    package struct Line: Sendable, Codable, Hashable {
        package var entryNumber: Int
        package var itemID: String
        package var recordedAt: Date
        package var clerk: String
        package var kind: TransactionKind
        /// The seller's name, or "gewist op DATUM" after retention.
        package var seller: String
        package var address: String
        package var birthDate: CalendarDate?
        package var document: String
        package var documentExpiry: CalendarDate?
        package var category: ItemCategory
        package var description: String
        package var brand: String?
        package var model: String?
        package var colour: String?
        package var serialNumber: String?
        package var imei: String?
        package var frameNumber: String?
        package var material: String?
        package var fineness: String?
        package var weightMilligrams: Int?
        package var engraving: String?
        package var itemPriceCents: Int?
        package var entryPriceCents: Int
        package var paymentMethod: PaymentMethod
        package var conditions: String?
        package var check: ItemCheckStatus
        package var keptUntil: CalendarDate?
        /// A police hold order on the item: reference and last day.
        package var holdOrder: String?
        package var soldOn: CalendarDate?
        package var buyer: String?
        package var corrects: Int?
        package var correctionReason: String?
        /// The owner's consent for a purchase the rules would refuse: owner and reason.
        package var override: String?
    }

    /// The longest period one export covers.
    package static let maximumDays = 366

    package var from: CalendarDate
    package var to: CalendarDate
    package var lines: [Line]
    /// How many entries the period has (lines are per item).
    package var entryCount: Int
    package var totalCents: Int
    /// The register's head when the export was made.
    package var head: RegisterAnchor.Head?

    /// Reads the period from the register, on either backend: its entries, their items' latest checks and
    /// sales, the hold orders running `today`, and the register's head after them.
    ///
    /// - Throws: ``RegisterQueryError`` for a backward period or one longer than ``maximumDays``.
    package static func read(from store: any RegisterStorage, from: CalendarDate, to: CalendarDate,
                            today: CalendarDate) async throws -> RegisterExport {
        if to < from { throw RegisterQueryError.badPeriod }
        if to.dayNumber - from.dayNumber + 1 > maximumDays { throw RegisterQueryError.periodTooLong }
        let entries = try await store.entries(from: from, to: to)
        let numbers = entries.map(\.entryNumber)
        let checks = try await store.latestChecks(entryNumbers: numbers)
        let sales = try await store.sales(entryNumbers: numbers)
        var orders: [String: HoldOrder] = [:]
        for order in try await store.holdOrders(runningOn: today) where orders[order.itemID].map({ $0.until < order.until }) ?? true {
            orders[order.itemID] = order
        }
        var lines: [Line] = []
        for entry in entries {
            for (i, item) in entry.items.enumerated() {
                let id = entry.itemID(i)
                let order = orders[id]
                let seller = entry.seller
                lines.append(Line(
                    entryNumber: entry.entryNumber, itemID: id, recordedAt: entry.recordedAt, clerk: entry.clerk,
                    kind: entry.kind, seller: seller?.displayName ?? entry.erasedNote,
                    address: seller?.address.singleLine ?? "", birthDate: seller?.birthDate,
                    document: seller?.document.dutchLine ?? "",
                    documentExpiry: seller?.document.expiryDate, category: item.category,
                    description: item.description, brand: item.brand, model: item.model, colour: item.colour,
                    serialNumber: item.serialNumber, imei: item.imei, frameNumber: item.frameNumber,
                    material: item.jewellery?.material, fineness: item.jewellery?.fineness,
                    weightMilligrams: item.jewellery?.weightMilligrams, engraving: item.jewellery?.engraving,
                    itemPriceCents: item.priceCents, entryPriceCents: entry.priceCents,
                    paymentMethod: entry.paymentMethod, conditions: entry.conditions,
                    check: checks[id]?.status ?? .notYetChecked,
                    keptUntil: HeldItem.keptUntil(holdUntil: item.holdUntil, holdOrder: order),
                    holdOrder: order.map { "\($0.reference) t/m \(ShopFormat.dutch.date($0.until))" },
                    soldOn: sales[id]?.soldOn, buyer: sales[id]?.buyerName, corrects: entry.corrects,
                    correctionReason: entry.correctionReason,
                    override: entry.override.map { "\($0.owner): \($0.reason)" }))
            }
        }
        return RegisterExport(from: from, to: to, lines: lines, entryCount: entries.count,
                              totalCents: entries.reduce(0) { $0 + $1.priceCents }, head: try await store.head())
    }

    /// The Dutch column headers, in order.
    package static let headers = [
        "volgnummer", "voorwerp", "datum", "tijd", "medewerker", "soort transactie", "verkoper", "adres",
        "geboortedatum", "identiteitsbewijs", "geldig tot", "soort goed", "omschrijving", "merk", "type", "kleur",
        "serienummer", "IMEI", "framenummer", "materiaal", "gehalte", "gewicht (g)", "inscriptie", "prijs voorwerp (€)",
        "prijs inschrijving (€)", "betaalwijze", "voorwaarden", "controle Stop Heling", "bewaren t/m", "bewaarlast politie",
        "verkocht op", "koper", "corrigeert volgnummer", "reden correctie", "toestemming eigenaar",
    ]

    /// One line's cells under ``headers``: dates dd-mm-jjjj, amounts with a decimal comma, Dutch words.
    package static func cells(_ l: Line) -> [String] {
        let f = ShopFormat.dutch
        return [
            String(l.entryNumber), l.itemID, f.date(l.recordedAt), f.timeWithSeconds(l.recordedAt), l.clerk,
            l.kind.dutchName, l.seller, l.address, l.birthDate.map(f.date) ?? "", l.document,
            l.documentExpiry.map(f.date) ?? "", l.category.dutchName, l.description, l.brand ?? "", l.model ?? "",
            l.colour ?? "", l.serialNumber ?? "", l.imei ?? "", l.frameNumber ?? "", l.material ?? "", l.fineness ?? "",
            l.weightMilligrams.map { f.grams(milligrams: $0) } ?? "", l.engraving ?? "",
            l.itemPriceCents.map(f.amount) ?? "", f.amount(l.entryPriceCents), l.paymentMethod.dutchName,
            l.conditions ?? "", l.check.dutchName, l.keptUntil.map(f.date) ?? "", l.holdOrder ?? "",
            l.soldOn.map(f.date) ?? "", l.buyer ?? "", l.corrects.map(String.init) ?? "", l.correctionReason ?? "",
            l.override ?? "",
        ]
    }

    /// The closing line: the period, the count and total, and the register's head.
    package var summary: String {
        let f = ShopFormat.dutch
        let head = head.map { "laatste volgnummer in het register \($0.entryNumber), hash \($0.hash)" } ?? "register leeg"
        return "Inkoopregister \(f.date(from)) t/m \(f.date(to)): \(entryCount) inschrijvingen, \(lines.count) voorwerpen, "
            + "totaal \(f.money(totalCents)); \(head)"
    }

    /// CSV for Dutch Excel (`ExcelCSV`): `;`, decimal comma, UTF-8 BOM, Dutch headers, the summary last.
    package func csv() -> String {
        var rows = [Self.headers]
        rows += lines.map(Self.cells)
        rows.append([summary] + Array(repeating: "", count: Self.headers.count - 1))
        return ExcelCSV.document(rows)
    }
}
