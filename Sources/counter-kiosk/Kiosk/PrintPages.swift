import Counter
import Foundation
import Hummingbird

/// Printable pages rendered on the server (an entry for the file, a day log for the owner and the PDF
/// export), styled by `print.css` for A4 or an 80 mm receipt printer. Every value is HTML-escaped.
enum PrintPages {
    static func escape(_ text: String) -> String { HTMLText.escape(text) }
    static let format = ShopFormat.dutch

    static func html(_ page: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// A print page. `inlineStyle` puts the stylesheet in the page, for a page rendered from a file without the
    /// kiosk's server (`counter-kiosk register export --format pdf`).
    static func document(title: String, body: String, training: Bool, bodyClass: String = "",
                         stylesheets: [String] = ["print.css"], inlineStyle: String? = nil) -> String {
        let style = inlineStyle.map { "<style>\($0)</style>" }
            ?? stylesheets.map { "<link rel=\"stylesheet\" href=\"/assets/\($0)\">" }.joined()
                + "<script src=\"/assets/print.js\" defer></script>"
        return """
        <!doctype html>
        <html lang="nl"><head><meta charset="utf-8"><title>\(escape(title))</title>
        \(style)</head>
        <body class="print\(training ? " training" : "")\(bodyClass.isEmpty ? "" : " " + bodyClass)">
        <nav class="no-print"><button type="button" id="print-a4">Afdrukken (A4)</button>
        <a id="print-receipt" class="button" href="?receipt=1&amp;print=1">Bon (80 mm)</a> <a href="/#counter">Terug naar de toonbank</a></nav>
        \(training ? "<p class=\"training-mark\">OEFENMODUS — geen echte inschrijving</p>" : "")
        \(body)
        </body></html>
        """
    }

    static func row(_ label: String, _ value: String?) -> String {
        guard let value, !value.isEmpty else { return "" }
        return "<tr><th>\(escape(label))</th><td>\(escape(value))</td></tr>"
    }

    /// One register entry, as filed or handed over.
    static func entry(_ entry: RegisterEntry, checks: [String: ItemCheck], shop: CounterConfiguration.Shop,
                      training: Bool, receipt: Bool = false) -> String {
        let s = entry.seller
        var body = """
            <header><h1>Inkoopregister — volgnummer <span class="entry-number" data-entry-number="\(entry.entryNumber)">\(entry.entryNumber)</span></h1>
            <p>\(escape(shop.name)) · KvK \(escape(shop.shopID)) · \(escape(shop.municipality))</p></header>
            <table class="fields">
            \(row("Datum en tijd", format.dateTime(entry.recordedAt)))
            \(row("Medewerker", entry.clerk))
            \(row("Soort transactie", entry.kind.dutchName))
            \(row("Prijs", format.money(entry.priceCents)))
            \(row("Betaling", entry.paymentMethod.dutchName))
            \(row("Voorwaarden", entry.conditions))
            \(row("Verkoper", s?.displayName ?? entry.erasedNote))
            \(row("Adres", s?.address.singleLine))
            \(row("Geboortedatum", s.map { format.date($0.birthDate) }))
            \(row("Identiteitsbewijs", s?.document.dutchLine))
            \(row("Geldig tot", s?.document.expiryDate.map(format.date)))
            \(row("Toestemming eigenaar", entry.override.map { "\($0.owner): \($0.reason)" }))
            \(row("Correctie van", entry.corrects.map { "volgnummer \($0): \(entry.correctionReason ?? "")" }))
            </table>
            <h2>Voorwerpen</h2>
            <table class="items"><thead><tr><th>#</th><th>Soort</th><th>Omschrijving</th><th>Kenmerken</th><th>Bewaren t/m</th><th>Controle</th></tr></thead><tbody>
            """
        for (i, item) in entry.items.enumerated() {
            var marks: [String] = []
            if let v = item.brand, !v.isEmpty { marks.append("merk \(v)") }
            if let v = item.model, !v.isEmpty { marks.append("type \(v)") }
            if let v = item.colour, !v.isEmpty { marks.append("kleur \(v)") }
            if let v = item.serialNumber, !v.isEmpty { marks.append("serienr. \(v)") }
            if let v = item.imei, !v.isEmpty { marks.append("IMEI \(v)") }
            if let v = item.gtin { marks.append("GTIN \(v)") }
            if let j = item.jewellery {
                if let v = j.material { marks.append("materiaal \(v)") }
                if let v = j.fineness { marks.append("gehalte \(v)") }
                if let v = j.weightMilligrams { marks.append("gewicht \(format.weight(milligrams: v))") }
                if let v = j.engraving { marks.append("inscriptie \(v)") }
                if let v = j.stoneColour { marks.append("steenkleur \(v)") }
            }
            if !item.photos.isEmpty { marks.append("\(item.photos.count) foto('s)") }
            let check = checks[entry.itemID(i)]?.status ?? .notYetChecked
            body += "<tr><td>\(entry.itemID(i))</td><td>\(escape(item.category.dutchName))</td><td>\(escape(item.description))</td>"
                + "<td>\(escape(marks.joined(separator: "; ")))</td><td>\(item.holdUntil.map(format.date) ?? "")</td>"
                + "<td data-check-result=\"\(check.rawValue)\">\(escape(check.dutchName))</td></tr>"
        }
        body += """
            </tbody></table>
            <p class="small">Hash \(entry.hash.prefix(16))… · Dit is een afschrift van het eigen inkoopregister van de winkel.</p>
            <p class="signature">Handtekening verkoper: ______________________________</p>
            """
        return document(title: "Volgnummer \(entry.entryNumber)", body: body, training: training,
                        bodyClass: receipt ? "receipt" : "",
                        stylesheets: receipt ? ["print.css", "print-receipt.css"] : ["print.css"])
    }

    /// The answer to a police information request (art. 437 lid 1 onder g Sr): the entries it selects.
    static func informationAnswer(_ answer: InformationAnswer, shop: CounterConfiguration.Shop, training: Bool) -> String {
        let r = answer.request
        var body = """
            <header><h1>Antwoord op informatieverzoek \(escape(r.reference))</h1>
            <p>\(escape(shop.name)) · KvK \(escape(shop.shopID)) · \(escape(shop.municipality))</p></header>
            <table class="fields">
            \(row("Politie", r.officer))
            \(row("Ontvangen", format.date(r.receivedOn)))
            \(row("Uiterlijk", format.date(r.deadline)))
            \(row("Gevraagd", PoliceView.selectionText(r.selection)))
            </table>
            <table class="log"><thead><tr><th>Volgnr.</th><th>Datum en tijd</th><th>Verkoper</th><th>Adres</th><th>Geboren</th><th>ID</th><th>Goederen</th><th>Prijs</th></tr></thead><tbody>
            """
        for row in answer.rows {
            body += "<tr><td class=\"entry-number\">\(row.entryNumber)</td><td>\(escape(row.recordedAt))</td><td>\(escape(row.seller))</td>"
                + "<td>\(escape(row.address))</td><td>\(escape(row.birthDate))</td><td>\(escape(row.document))</td>"
                + "<td>\(escape(row.items))</td><td class=\"num\">\(format.money(row.priceCents))</td></tr>"
        }
        if answer.rows.isEmpty { body += "<tr><td colspan=\"8\">Geen inschrijvingen gevonden.</td></tr>" }
        body += "</tbody></table>"
        return document(title: "Informatieverzoek \(r.reference)", body: body, training: training)
    }

    /// The entries waiting for upload, as the DOR portal's fields (``ManualEntryForm``), for typing them into
    /// the portal when the register stays unreachable. Their jobs stay queued.
    static func manualEntry(_ forms: [ManualEntryForm], shop: CounterConfiguration.Shop, training: Bool) -> String {
        let body = """
            <header><h1>DOR-invoer: \(forms.count) te registreren</h1><p>\(escape(shop.name)) · KvK \(escape(shop.shopID))</p></header>
            \(forms.isEmpty ? "<p>Niets te registreren: alles is verzonden.</p>" : forms.map(\.html).joined())
            """
        return document(title: "DOR-invoer", body: body, training: training)
    }

    /// One day's intake log with totals per clerk.
    static func dayLog(_ log: DailyLog, shop: CounterConfiguration.Shop, training: Bool) -> String {
        var body = """
            <header><h1>Inkoopregister \(format.date(log.day))</h1><p>\(escape(shop.name)) · KvK \(escape(shop.shopID))</p></header>
            <table class="log"><thead><tr><th>Volgnr.</th><th>Tijd</th><th>Medewerker</th><th>Verkoper</th><th>ID</th><th>Voorwerpen</th><th>Prijs</th><th>Controle</th></tr></thead><tbody>
            """
        for r in log.rows {
            body += "<tr><td class=\"entry-number\">\(r.entryNumber)\(r.corrects.map { " (corr. \($0))" } ?? "")</td><td>\(r.time)</td>"
                + "<td>\(escape(r.clerk))</td><td>\(escape(r.sellerName))</td><td>\(escape(r.idDocument))</td>"
                + "<td>\(escape(r.items.joined(separator: "; ")))</td><td class=\"num\">\(format.money(r.priceCents))</td>"
                + "<td data-check-result=\"\(r.checkStatus.rawValue)\">\(escape(r.checkStatus.dutchName))</td></tr>"
        }
        if log.rows.isEmpty { body += "<tr><td colspan=\"8\">Geen inschrijvingen op deze dag.</td></tr>" }
        body += "</tbody></table><h2>Totalen</h2><table class=\"totals\"><tbody>"
        for clerk in log.perClerk {
            body += "<tr><th>\(escape(clerk.clerk))</th><td>\(clerk.count) inschrijvingen</td><td class=\"num\">\(format.money(clerk.totalCents))</td></tr>"
        }
        body += "<tr class=\"day-total\"><th>Dag</th><td>\(log.count) inschrijvingen</td><td class=\"num\">\(format.money(log.totalCents))</td></tr></tbody></table>"
        // Last line: how far the register went when this was printed (entry number and hash of its head).
        let head = log.head.map { "Register bij afdrukken: volgnummer \($0.entryNumber), hash <code>\($0.hash)</code>" }
            ?? "Register bij afdrukken: nog leeg"
        body += "<p class=\"register-head\">\(head)</p>"
        return document(title: "Inkoopregister \(format.date(log.day))", body: body, training: training)
    }

    /// One period's full register for an inspector (``RegisterExport``): landscape, the shop's header, one line
    /// per item, page numbers (print.css), and the register's head on the last page.
    static func register(_ export: RegisterExport, shop: CounterConfiguration.Shop, training: Bool,
                         inlineStyle: String? = nil) -> String {
        let period = "\(format.date(export.from)) t/m \(format.date(export.to))"
        var body = """
            <header><h1>Inkoopregister \(period)</h1>
            <p>\(escape(shop.name)) · KvK \(escape(shop.kvkNumber)) · vestiging \(escape(shop.branch ?? "")) · \(escape(shop.municipality))</p></header>
            <table class="register"><thead><tr><th>Volgnr.</th><th>Datum en tijd</th><th>Verkoper, adres, geboortedatum</th>
            <th>Identiteitsbewijs</th><th>Goed</th><th>Kenmerken</th><th>Prijs</th><th>Controle</th><th>Bewaren t/m</th><th>Verkocht</th></tr></thead><tbody>
            """
        for l in export.lines {
            var marks: [String] = []
            for (label, value) in [("merk", l.brand), ("type", l.model), ("kleur", l.colour), ("serienr.", l.serialNumber),
                                   ("IMEI", l.imei), ("frame", l.frameNumber), ("materiaal", l.material),
                                   ("gehalte", l.fineness), ("inscriptie", l.engraving)] {
                if let value, !value.isEmpty { marks.append("\(label) \(value)") }
            }
            if let w = l.weightMilligrams { marks.append("gewicht \(format.weight(milligrams: w))") }
            var number = "\(l.entryNumber)<br><span class=\"small\">\(escape(l.itemID))</span>"
            if let c = l.corrects { number += "<br><span class=\"small\">corr. van \(c): \(escape(l.correctionReason ?? ""))</span>" }
            let seller = [l.seller, l.address, l.birthDate.map { "geb. \(format.date($0))" } ?? ""].filter { !$0.isEmpty }
            let price = [l.itemPriceCents.map { format.money($0) }, "inschrijving \(format.money(l.entryPriceCents))",
                         l.paymentMethod.dutchName].compactMap { $0 }
            let kept = [l.keptUntil.map(format.date), l.holdOrder.map { "bewaarlast \($0)" }].compactMap { $0 }
            body += "<tr><td>\(number)</td><td>\(format.dateTime(l.recordedAt))<br>\(escape(l.clerk)) · \(escape(l.kind.dutchName))</td>"
                + "<td>\(seller.map(escape).joined(separator: "<br>"))</td>"
                + "<td>\(escape(l.document))\(l.documentExpiry.map { "<br>geldig t/m \(format.date($0))" } ?? "")</td>"
                + "<td>\(escape(l.category.dutchName))<br>\(escape(l.description))</td><td>\(escape(marks.joined(separator: "; ")))</td>"
                + "<td class=\"num\">\(price.map(escape).joined(separator: "<br>"))</td>"
                + "<td data-check-result=\"\(l.check.rawValue)\">\(escape(l.check.dutchName))</td>"
                + "<td>\(kept.map(escape).joined(separator: "<br>"))</td>"
                + "<td>\(l.soldOn.map { format.date($0) + "<br>" + escape(l.buyer ?? "") } ?? "")</td></tr>"
        }
        if export.lines.isEmpty { body += "<tr><td colspan=\"10\">Geen inschrijvingen in deze periode.</td></tr>" }
        body += "</tbody></table>"
        body += "<p class=\"register-head\">\(escape(export.summary))</p>"
        return document(title: "Inkoopregister \(period)", body: body, training: training, bodyClass: "register-export",
                        stylesheets: registerStylesheets, inlineStyle: inlineStyle)
    }

    /// The register's stylesheets, in order.
    static let registerStylesheets = ["print.css", "print-register.css"]

    /// The register's stylesheets as one text, for a page rendered from a file.
    static func registerInlineStyle(_ assets: AssetCatalog) -> String {
        registerStylesheets.compactMap { assets[$0].map { String(buffer: $0.body) } }.joined(separator: "\n")
    }
}
