import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

@Suite("Intake validation")
struct IntakeValidatorTests {
    /// Removes the value at a dotted path (`seller.address.postcode`, `items[0].description`) from JSON.
    func removing(_ path: String, from data: Data) throws -> Data {
        var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        func remove(_ keys: [String], in value: Any) -> Any {
            guard let first = keys.first else { return value }
            if first.hasSuffix("]"), let open = first.firstIndex(of: "[") {
                let key = String(first[..<open])
                let index = Int(first[first.index(after: open)..<first.index(before: first.endIndex)])!
                var dict = value as! [String: Any]
                var array = dict[key] as! [Any]
                if keys.count == 1 { array.remove(at: index) } else { array[index] = remove(Array(keys.dropFirst()), in: array[index]) }
                dict[key] = array
                return dict
            }
            var dict = value as! [String: Any]
            if keys.count == 1 { dict.removeValue(forKey: first) } else {
                dict[first] = remove(Array(keys.dropFirst()), in: dict[first]!)
            }
            return dict
        }
        object = remove(path.split(separator: ".").map(String.init), in: object) as! [String: Any]
        return try JSONSerialization.data(withJSONObject: object)
    }

    static let legalFields = [
        "clerk", "kind", "priceCents", "paymentMethod", "seller", "seller.surname",
        "seller.address", "seller.address.street", "seller.address.houseNumber", "seller.address.postcode",
        "seller.address.city", "seller.birthDate", "seller.document", "seller.document.kind",
        "seller.document.number", "seller.document.issuingCountry", "items", "items[0].category",
        "items[0].description",
    ]

    @Test("The example intake is valid")
    func exampleIsValid() throws {
        let validator = IntakeValidator()
        let intake = try validator.decode(try Fixtures.exampleJSON)
        try validator.validate(intake, today: CalendarDate(iso: "2026-11-22")!)
        #expect(intake.items.count == 2)
        #expect(intake.items[1].jewellery?.weightMilligrams.map(ShopFormat.dutch.weight) == "4,25 g")
    }

    @Test("Issue 14, point 5: a seller with only a surname (empty given names, common in MRZs) is registered")
    func oneNameSeller() throws {
        let data = try removing("seller.givenNames", from: try Fixtures.exampleJSON)
        let validator = IntakeValidator()
        let intake = try validator.decode(data)
        #expect(intake.seller.givenNames == "")
        try validator.validate(intake, today: CalendarDate(iso: "2026-11-22")!)
        #expect(intake.seller.displayName == intake.seller.surname)
    }

    @Test("Issue 14, point 1: item prices add up to the entry's price; a price left out cannot make the total wrong")
    func pricesAddUp() throws {
        var intake = try IntakeValidator().decode(try Fixtures.exampleJSON)
        let today = CalendarDate(iso: "2026-11-22")!
        intake.items[0].priceCents = 27_500
        intake.items[1].priceCents = 5_000
        intake.priceCents = 32_500
        try IntakeValidator().validate(intake, today: today)
        intake.priceCents = 27_500  // the second item's price dropped from the total
        #expect(throws: IntakeError.totalMismatch(totalCents: 27_500, itemsCents: 32_500)) {
            try IntakeValidator().validate(intake, today: today)
        }
        #expect(IntakeError.totalMismatch(totalCents: 27_500, itemsCents: 32_500).message(.nl)
            == "Prijs: het totaal (€ 275,00) is niet de som van de prijzen van de voorwerpen (€ 325,00).")
        // Only some items priced: their prices are a share of the total, never more than it.
        intake.items[0].priceCents = nil
        intake.priceCents = 32_500
        try IntakeValidator().validate(intake, today: today)
        intake.priceCents = 4_000
        #expect(throws: IntakeError.totalMismatch(totalCents: 4_000, itemsCents: 5_000)) {
            try IntakeValidator().validate(intake, today: today)
        }
    }

    @Test("Each missing legal field is refused by name", arguments: legalFields)
    func missingField(path: String) throws {
        let data = try removing(path, from: try Fixtures.exampleJSON)
        let validator = IntakeValidator()
        #expect(throws: IntakeError.missingField(path)) {
            try validator.validate(try validator.decode(data), today: CalendarDate(iso: "2026-11-22")!)
        }
    }

    @Test("An empty items list is refused")
    func emptyItems() throws {
        var object = try JSONSerialization.jsonObject(with: try Fixtures.exampleJSON) as! [String: Any]
        object["items"] = [Any]()
        let validator = IntakeValidator()
        #expect(throws: IntakeError.missingField("items")) {
            try validator.validate(try validator.decode(try JSONSerialization.data(withJSONObject: object)),
                                   today: CalendarDate(iso: "2026-11-22")!)
        }
    }

    @Test("A BSN or nationality anywhere in the input is refused, not silently dropped",
          arguments: [("seller", "bsn"), ("seller", "nationality"), ("seller.document", "personalNumber")])
    func forbiddenFields(parent: String, key: String) throws {
        var object = try JSONSerialization.jsonObject(with: try Fixtures.exampleJSON) as! [String: Any]
        var seller = object["seller"] as! [String: Any]
        if parent == "seller" { seller[key] = "999999990" } else {
            var doc = seller["document"] as! [String: Any]
            doc[key] = "999999990"
            seller["document"] = doc
        }
        object["seller"] = seller
        #expect(throws: IntakeError.forbiddenField("\(parent).\(key)")) {
            try IntakeValidator().decode(try JSONSerialization.data(withJSONObject: object))
        }
    }

    @Test("Wrong values name the field and the allowed values")
    func wrongValues() throws {
        let bad = String(decoding: try Fixtures.exampleJSON, as: UTF8.self)
            .replacingOccurrences(of: "\"mobilePhone\"", with: "\"phone\"")
        #expect(throws: IntakeError.self) { try IntakeValidator().decode(Data(bad.utf8)) }
        do {
            _ = try IntakeValidator().decode(Data(bad.utf8))
        } catch {
            #expect(error.field == "items[0].category")
            #expect(error.description.contains("mobilePhone"))
        }
        #expect(throws: IntakeError.self) { try IntakeValidator().decode(Data("{\"clerk\": ".utf8)) }
    }

    @Test("Dutch postcodes are checked", arguments: [("1017 GC", true), ("1017GC", true), ("0123 AB", false), ("1017", false), ("10170 G", false)])
    func postcode(value: String, valid: Bool) {
        #expect(IntakeValidator.isDutchPostcode(value) == valid)
    }

    @Test("Jewellery without serial needs a photo unless the shop turned that off")
    func jewelleryPhoto() throws {
        var intake = Fixtures.intake()
        intake.items = [RegisterItem(category: .jewellery, description: "Zilveren armband",
                                     jewellery: JewelleryDetails(material: "zilver", fineness: "925", weightMilligrams: 12_000))]
        let today = CalendarDate(iso: "2026-11-22")!
        #expect(throws: IntakeError.missingField("items[0].photos")) { try IntakeValidator().validate(intake, today: today) }
        try IntakeValidator(requirePhotoWithoutSerial: false).validate(intake, today: today)
        intake.items[0].photos = [PhotoReference(sha256: String(repeating: "a", count: 64), mediaType: "image/jpeg")]
        try IntakeValidator().validate(intake, today: today)
    }

    @Test("Issue 13: each incomplete item or seller is refused naming the field and the rule (Uitvoeringsbesluit art. 2; OM fines per field)",
          arguments: [
            ("items[0].brand", LegalRule.description), ("items[0].model", .description), ("items[0].serialNumber", .description),
            ("items[1].jewellery.fineness", .preciousMetal), ("items[1].jewellery.weightMilligrams", .preciousMetal),
            ("seller.address.city", .sellerNameAddress), ("seller.document.number", .sellerDocumentAPV),
          ])
    func completeness(field: String, rule: LegalRule) throws {
        var intake = try IntakeValidator().decode(try Fixtures.exampleJSON)
        switch field {
        case "items[0].brand": intake.items[0].brand = " "
        case "items[0].model": intake.items[0].model = nil
        case "items[0].serialNumber": intake.items[0].imei = nil
        case "items[1].jewellery.fineness": intake.items[1].jewellery?.fineness = nil
        case "items[1].jewellery.weightMilligrams": intake.items[1].jewellery?.weightMilligrams = nil
        case "seller.address.city": intake.seller.address.city = ""
        default: intake.seller.document.number = ""
        }
        let today = CalendarDate(iso: "2026-11-22")!
        #expect(throws: IntakeError.required(field, rule: rule)) { try IntakeValidator().validate(intake, today: today) }
        let error = IntakeError.required(field, rule: rule)
        #expect(error.field == field && error.description.contains(rule.citation(.en)))
    }

    @Test("A phone without a number registers when a photo shows it has none; a bicycle needs no model")
    func numberOrPhoto() throws {
        var intake = try IntakeValidator().decode(try Fixtures.exampleJSON)
        intake.items[0].imei = nil
        intake.items[0].photos = [PhotoReference(sha256: String(repeating: "b", count: 64), mediaType: "image/jpeg")]
        try IntakeValidator().validate(intake, today: CalendarDate(iso: "2026-11-22")!)
        intake.items[0] = RegisterItem(category: .bicycle, brand: "Gazelle", frameNumber: "GZ1", description: "Fiets")
        try IntakeValidator().validate(intake, today: CalendarDate(iso: "2026-11-22")!)
    }
}

@Suite("Intake refusals in Dutch")
struct IntakeWordingTests {
    @Test("Issue 14, point 8: a postcode refusal reaches the Dutch counter in Dutch, naming the field as the form does")
    func postcodeInDutch() throws {
        var intake = try IntakeValidator().decode(try Fixtures.exampleJSON)
        intake.seller.address.postcode = "ABCD 12"
        do {
            try IntakeValidator().validate(intake, today: CalendarDate(iso: "2026-11-22")!)
            Issue.record("a wrong postcode was accepted")
        } catch {
            #expect(error.message(.nl) == "Postcode: een Nederlandse postcode ziet eruit als 1234 AB.")
            #expect(error.message(.en) == "Postcode: a Dutch postcode looks like 1234 AB.")
        }
        for reason in InvalidReason.allCases { #expect(reason.dutch != reason.rawValue) }
    }
}
