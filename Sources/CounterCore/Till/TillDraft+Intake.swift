import Foundation

extension TillDraft {
    /// A draft read as an intake, and what it still lacks that the intake could only stand in for.
    public struct Reading: Sendable {
        public var intake: Intake
        /// Fields the register needs that are still empty, in form order: the birth date, an item's price
        /// (each item's, unless a gift or other conditions), the payment method. Reported after the
        /// validator's own refusals, so the clerk is led through the form from the top.
        public var missing: [IntakeError]
    }

    /// The category of an item card: what the clerk chose, else a phone for an IMEI scan, else "other".
    public func category(of item: TillItem) -> ItemCategory {
        items[item.id].flatMap { ItemCategory(rawValue: $0[.category]) } ?? (item.imei != nil ? .mobilePhone : .other)
    }

    /// Every field that cannot be read (a price "12,3x", a weight, a date "31-02-1970"), in form order.
    public func unreadable(items tillItems: [TillItem]) -> [DraftReview.Problem] {
        var problems: [DraftReview.Problem] = []
        func check<T>(_ field: String, _ read: (String) throws(FormatProblem) -> T?, _ text: String) {
            do { _ = try read(text) } catch {
                problems.append(.init(field: field, message: WordedMessage(error.code)))
            }
        }
        check("seller.birthDate", ShopFormat.calendarDate, self[.birthDate])
        check("seller.document.expiryDate", ShopFormat.calendarDate, self[.expiryDate])
        for (i, till) in tillItems.enumerated() {
            let item = items[till.id] ?? Item()
            check("items[\(i)].priceCents", ShopFormat.cents, item[.price])
            if category(of: till).needsJewelleryDetails {
                check("items[\(i)].jewellery.weightMilligrams", ShopFormat.milligrams, item[.weight])
            }
        }
        return problems
    }

    /// The sum of the item prices that read: the entry's price (what the shop pays).
    public func totalCents(items tillItems: [TillItem]) -> Int {
        tillItems.reduce(0) { $0 + ((try? ShopFormat.cents(items[$1.id]?[.price] ?? "")) ?? nil ?? 0) }
    }

    /// The intake this draft and the till's items make: the items in counter order with the identifiers the
    /// till checked, the entry's price the sum of the item prices.
    ///
    /// - Throws: `IntakeError/unreadable(_:_:)` for the first field that does not read; nothing is guessed.
    public func reading(clerk: String, items tillItems: [TillItem]) throws(IntakeError) -> Reading {
        func read<T>(_ field: String, _ reader: (String) throws(FormatProblem) -> T?, _ text: String) throws(IntakeError) -> T? {
            do { return try reader(text) } catch { throw .unreadable(field, error) }
        }
        func text(_ value: String) -> String? {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
        var missing: [IntakeError] = []
        let birthDate = try read("seller.birthDate", ShopFormat.calendarDate, self[.birthDate])
        if birthDate == nil { missing.append(.missingField("seller.birthDate")) }
        let expiry = try read("seller.document.expiryDate", ShopFormat.calendarDate, self[.expiryDate])
        let kind = TransactionKind(rawValue: self[.kind]) ?? .purchase
        let conditions = text(self[.conditions])
        var registerItems: [RegisterItem] = []
        for (i, till) in tillItems.enumerated() {
            let item = items[till.id] ?? Item()
            let category = category(of: till)
            let price = try read("items[\(i)].priceCents", ShopFormat.cents, item[.price])
            if price == nil && kind != .gift && conditions == nil {
                missing.append(.required("items[\(i)].priceCents", rule: .priceOrConditions))
            }
            var jewellery: JewelleryDetails?
            if category.needsJewelleryDetails {
                jewellery = JewelleryDetails(
                    material: text(item[.material]), fineness: text(item[.fineness]),
                    weightMilligrams: try read("items[\(i)].jewellery.weightMilligrams", ShopFormat.milligrams, item[.weight]),
                    engraving: text(item[.engraving]), stoneColour: text(item[.stoneColour]))
            }
            registerItems.append(RegisterItem(
                category: category, brand: text(item[.brand]), model: text(item[.model]), colour: text(item[.colour]),
                serialNumber: till.serialNumber.flatMap(text), imei: till.imei.flatMap(text),
                frameNumber: till.frameNumber.flatMap(text), gtin: till.gtin, description: item[.description].trimmingCharacters(in: .whitespaces),
                jewellery: jewellery, photos: item.photos, priceCents: kind == .gift ? price ?? 0 : price))
        }
        let method = PaymentMethod(rawValue: self[.paymentMethod])
        if method == nil { missing.append(.missingField("paymentMethod")) }
        let country = text(self[.country])?.uppercased() ?? "NLD"
        let seller = Seller(
            surname: self[.surname].trimmingCharacters(in: .whitespaces),
            givenNames: self[.givenNames].trimmingCharacters(in: .whitespaces),
            address: Address(street: self[.street].trimmingCharacters(in: .whitespaces),
                             houseNumber: self[.houseNumber].trimmingCharacters(in: .whitespaces),
                             postcode: self[.postcode].trimmingCharacters(in: .whitespaces).uppercased(),
                             city: self[.city].trimmingCharacters(in: .whitespaces), country: country),
            // Stands in until the clerk fills it in (reported in `missing`), so the other rules can be read.
            birthDate: birthDate ?? CalendarDate(year: 1900, month: 1, day: 1)!,
            document: IdentityDocument(
                kind: IdentityDocumentKind(rawValue: self[.documentKind]) ?? .other,
                number: self[.documentNumber].trimmingCharacters(in: .whitespaces).uppercased(),
                issuingCountry: self[.issuingCountry].trimmingCharacters(in: .whitespaces).uppercased(), expiryDate: expiry))
        let intake = Intake(
            clerk: clerk, kind: kind, priceCents: registerItems.reduce(0) { $0 + ($1.priceCents ?? 0) },
            paymentMethod: method ?? .none, conditions: conditions, seller: seller, items: registerItems)
        return Reading(intake: intake, missing: missing)
    }
}
