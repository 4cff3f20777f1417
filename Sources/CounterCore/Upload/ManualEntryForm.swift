import Foundation

/// One queued job as the fields a person types into the DOR web portal, in the order of the register's
/// legal field list (docs/shared domain brief §1.3: volgnummer, datum en tijdstip, omschrijving per goed,
/// prijs of voorwaarden, naam en adres, identiteitsbewijs). The portal's real form is not public; when it
/// is known, only this order changes.
package struct ManualEntryForm: Sendable, Hashable {
    /// A heading and its fields.
    package struct Section: Sendable, Hashable {
        package var title: String
        package var fields: [(label: String, value: String)]

        package static func == (a: Section, b: Section) -> Bool {
            a.title == b.title && a.fields.map(\.label) == b.fields.map(\.label) && a.fields.map(\.value) == b.fields.map(\.value)
        }
        package func hash(into hasher: inout Hasher) {
            hasher.combine(title)
            for f in fields { hasher.combine(f.label); hasher.combine(f.value) }
        }
    }

    package var idempotencyKey: String
    package var title: String
    package var sections: [Section]

    /// The form of one job; nil when its payload cannot be read.
    package init?(job: RegisterUpload) {
        idempotencyKey = job.idempotencyKey
        switch job.kind {
        case .entry, .correction:
            guard let entry = try? RegisterEntry.decode(document: job.payload) else { return nil }
            title = job.kind == .entry ? "Inkoop — volgnummer \(entry.entryNumber)" : "Correctie — volgnummer \(entry.entryNumber)"
            sections = Self.sections(of: entry)
        case .sale:
            guard let sale = try? JSONDecoder().decode(Sale.self, from: job.payload) else { return nil }
            title = "Verkoop — goed \(sale.itemID) (volgnummer \(job.entryNumber))"
            sections = [Section(title: "Verkoop", fields: [
                ("Volgnummer inkoop", "\(job.entryNumber)"), ("Goed", sale.itemID), ("Verkoopdatum", Self.format.date(sale.soldOn)),
                ("Naam koper", sale.buyerName),
                ("Adres koper", sale.buyerAddress?.singleLine ?? ""),
                ("Prijs", sale.priceCents.map(Self.euros) ?? ""),
            ])]
        }
    }

    static func sections(of entry: RegisterEntry) -> [Section] {
        var registration: [(label: String, value: String)] = [
            ("Volgnummer", "\(entry.entryNumber)"), ("Datum", format.date(entry.day)), ("Tijdstip", format.time(entry.recordedAt)),
        ]
        if let corrected = entry.corrects {
            registration += [("Corrigeert volgnummer", "\(corrected)"), ("Reden correctie", entry.correctionReason ?? "")]
        }
        var sections = [Section(title: "Registratie", fields: registration)]
        for (i, item) in entry.items.enumerated() {
            var fields: [(label: String, value: String)] = [
                ("Soort", item.category.dutchName), ("Merk", item.brand ?? ""), ("Type", item.model ?? ""),
                ("Serienummer", item.serialNumber ?? ""),
            ]
            if let imei = item.imei { fields.append(("IMEI", imei)) }
            if let frame = item.frameNumber { fields.append(("Framenummer", frame)) }
            if let j = item.jewellery {
                fields += [("Inscriptie", j.engraving ?? ""), ("Gehalte", j.fineness ?? ""),
                           ("Gewicht (g)", j.weightMilligrams.map(format.grams) ?? ""), ("Kleur stenen", j.stoneColour ?? ""),
                           ("Materiaal", j.material ?? "")]
            }
            fields += [("Kleur", item.colour ?? ""), ("Omschrijving", item.description)]
            if let price = item.priceCents { fields.append(("Prijs goed", euros(price))) }
            if !item.photos.isEmpty { fields.append(("Foto's", "\(item.photos.count) — voeg ze in het portaal toe")) }
            fields.append(("Bewaren t/m", item.holdUntil.map(format.date) ?? ""))
            sections.append(Section(title: "Goed \(i + 1) van \(entry.items.count)", fields: fields))
        }
        sections.append(Section(title: "Prijs of voorwaarden", fields: [
            ("Prijs", euros(entry.priceCents)), ("Soort transactie", entry.kind.dutchName),
            ("Betaalwijze", entry.paymentMethod.dutchName), ("Voorwaarden", entry.conditions ?? ""),
        ]))
        guard let s = entry.seller else { return sections }
        sections.append(Section(title: "Aanbieder", fields: [
            ("Achternaam", s.surname), ("Voornamen", s.givenNames),
            ("Straat en huisnummer", "\(s.address.street) \(s.address.houseNumber)"),
            ("Postcode", s.address.postcode), ("Woonplaats", s.address.city),
            ("Land", s.address.country),
            ("Soort identiteitsbewijs", s.document.kind.dutchName), ("Documentnummer", s.document.number),
            ("Land van afgifte", s.document.issuingCountry), ("Geldig tot", s.document.expiryDate.map(format.date) ?? ""),
            ("Geboortedatum", format.date(s.birthDate)),
        ]))
        return sections
    }

    static let format = ShopFormat.dutch
    static func euros(_ cents: Int) -> String { format.money(cents) }

    /// Plain text: `Label: value`, one per line, for copying field by field.
    package var text: String {
        var out = "== \(title)  [\(idempotencyKey)]\n"
        for section in sections {
            out += "-- \(section.title)\n"
            for f in section.fields { out += "\(f.label): \(f.value)\n" }
        }
        return out
    }

    /// An HTML fragment (every value escaped) for the printable page.
    package var html: String {
        var out = "<section class=\"entry\"><h2>\(Self.escape(title))</h2><p class=\"key\">\(Self.escape(idempotencyKey))</p>"
        for section in sections {
            out += "<h3>\(Self.escape(section.title))</h3><table>"
            for f in section.fields { out += "<tr><th>\(Self.escape(f.label))</th><td>\(Self.escape(f.value))</td></tr>" }
            out += "</table>"
        }
        return out + "</section>\n"
    }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }
}
