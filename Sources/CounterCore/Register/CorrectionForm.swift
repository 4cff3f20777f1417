import Foundation

/// The fields of an entry as the owner's correction form shows and sends them: texts as typed (dates
/// dd-mm-jjjj, prices "12,50", weights "3,2"), read by the engine (`ShopFormat`) when the correction is made,
/// so a value that does not read is refused at its field, never dropped or guessed.
///
/// The form starts as the entry is (``init(entry:)``); what comes back replaces the entry's values, and the
/// corrected entry is registered as a new entry naming the old one (``CounterEngine/correct(entry:with:reason:owner:)``).
package struct CorrectionForm: Sendable, Codable, Equatable {
    /// The seller's fields, keyed as ``TillDraft/SellerField``.
    package var seller: [String: String]
    /// Per item, in the entry's order: `brand`, `model`, `colour`, `description`, `serialNumber`, `imei`,
    /// `frameNumber`, `price`, `material`, `fineness`, `weight`, `engraving`.
    package var items: [[String: String]]
    package var paymentMethod: String
    package var conditions: String

    /// The item fields the form offers.
    package static let itemFields = ["description", "brand", "model", "colour", "serialNumber", "imei", "frameNumber",
                                    "price", "material", "fineness", "weight", "engraving"]

    /// The entry's fields as the form shows them.
    package init(entry: RegisterEntry) {
        let f = ShopFormat.dutch
        if let s = entry.seller {
            seller = [
                "surname": s.surname, "givenNames": s.givenNames, "birthDate": f.date(s.birthDate),
                "documentKind": s.document.kind.rawValue, "documentNumber": s.document.number,
                "issuingCountry": s.document.issuingCountry, "expiryDate": s.document.expiryDate.map(f.date) ?? "",
                "street": s.address.street, "houseNumber": s.address.houseNumber, "postcode": s.address.postcode,
                "city": s.address.city, "country": s.address.country,
            ]
        } else {
            seller = [:]
        }
        items = entry.items.map { item in
            [
                "description": item.description, "brand": item.brand ?? "", "model": item.model ?? "",
                "colour": item.colour ?? "", "serialNumber": item.serialNumber ?? "", "imei": item.imei ?? "",
                "frameNumber": item.frameNumber ?? "", "price": item.priceCents.map { f.amount($0) } ?? "",
                "material": item.jewellery?.material ?? "", "fineness": item.jewellery?.fineness ?? "",
                "weight": item.jewellery?.weightMilligrams.map { f.grams(milligrams: $0) } ?? "",
                "engraving": item.jewellery?.engraving ?? "",
            ]
        }
        paymentMethod = entry.paymentMethod.rawValue
        conditions = entry.conditions ?? ""
    }

    /// The corrected intake: the entry with this form's values. The entry's price is the sum of the item
    /// prices when every item has one, else the entry's own. An entry whose identity was erased cannot be
    /// corrected (there is no seller to carry over).
    ///
    /// - Throws: `IntakeError/unreadable(_:_:)` for the first value that does not read,
    ///   ``IntakeError/missingField(_:)`` for an erased seller.
    package func intake(correcting entry: RegisterEntry) throws(IntakeError) -> Intake {
        func read<T>(_ field: String, _ reader: (String) throws(FormatProblem) -> T?, _ text: String?) throws(IntakeError) -> T? {
            do { return try reader(text ?? "") } catch { throw .unreadable(field, error) }
        }
        func text(_ value: String?) -> String? {
            let trimmed = (value ?? "").trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
        guard let old = entry.seller else { throw .missingField("seller") }
        var seller = old
        func field(_ name: String) -> String { (self.seller[name] ?? "").trimmingCharacters(in: .whitespaces) }
        if self.seller["surname"] != nil { seller.surname = field("surname") }
        if self.seller["givenNames"] != nil { seller.givenNames = field("givenNames") }
        if self.seller["street"] != nil { seller.address.street = field("street") }
        if self.seller["houseNumber"] != nil { seller.address.houseNumber = field("houseNumber") }
        if self.seller["postcode"] != nil { seller.address.postcode = field("postcode").uppercased() }
        if self.seller["city"] != nil { seller.address.city = field("city") }
        if let country = text(self.seller["country"]) { seller.address.country = country.uppercased() }
        if self.seller["birthDate"] != nil {
            guard let birth = try read("seller.birthDate", ShopFormat.calendarDate, self.seller["birthDate"]) else {
                throw .missingField("seller.birthDate")
            }
            seller.birthDate = birth
        }
        if let kind = text(self.seller["documentKind"]).flatMap(IdentityDocumentKind.init(rawValue:)) { seller.document.kind = kind }
        if self.seller["documentNumber"] != nil { seller.document.number = field("documentNumber").uppercased() }
        if self.seller["issuingCountry"] != nil { seller.document.issuingCountry = field("issuingCountry").uppercased() }
        if self.seller["expiryDate"] != nil {
            seller.document.expiryDate = try read("seller.document.expiryDate", ShopFormat.calendarDate, self.seller["expiryDate"])
        }

        var items = entry.items
        for (i, form) in self.items.enumerated() where items.indices.contains(i) {
            var item = items[i]
            if let v = form["description"] { item.description = v.trimmingCharacters(in: .whitespaces) }
            if let v = form["brand"] { item.brand = text(v) }
            if let v = form["model"] { item.model = text(v) }
            if let v = form["colour"] { item.colour = text(v) }
            if let v = form["serialNumber"] { item.serialNumber = text(v) }
            if let v = form["imei"] { item.imei = text(v) }
            if let v = form["frameNumber"] { item.frameNumber = text(v) }
            if let v = form["price"] { item.priceCents = try read("items[\(i)].priceCents", ShopFormat.cents, v) }
            if item.category.needsJewelleryDetails || item.jewellery != nil {
                var j = item.jewellery ?? JewelleryDetails()
                if let v = form["material"] { j.material = text(v) }
                if let v = form["fineness"] { j.fineness = text(v) }
                if let v = form["weight"] {
                    j.weightMilligrams = try read("items[\(i)].jewellery.weightMilligrams", ShopFormat.milligrams, v)
                }
                if let v = form["engraving"] { j.engraving = text(v) }
                item.jewellery = j
            }
            items[i] = item
        }
        let prices = items.compactMap(\.priceCents)
        var intake = Intake(
            clerk: entry.clerk, kind: entry.kind,
            priceCents: prices.count == items.count ? prices.reduce(0, +) : entry.priceCents,
            paymentMethod: PaymentMethod(rawValue: paymentMethod) ?? entry.paymentMethod,
            conditions: text(conditions), seller: seller, items: items)
        intake.corrects = entry.entryNumber
        return intake
    }
}
