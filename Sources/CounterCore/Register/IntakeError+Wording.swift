/// Why the validator found a field's value wrong: the English words are the reason as `intake add` prints it,
/// the Dutch ones what the counter shows (no English reaches a Dutch screen).
public enum InvalidReason: String, Sendable, CaseIterable {
    case dutchPostcode = "a Dutch postcode looks like 1234 AB"
    case future = "lies in the future"
    case negative = "cannot be negative"
    case imei = "an IMEI has 15 digits (14 without check digit, 16 for IMEISV)"
    case gtin = "expected 14 digits"
    case notPositive = "must be more than 0"

    public var dutch: String {
        switch self {
        case .dutchPostcode: "een Nederlandse postcode ziet eruit als 1234 AB"
        case .future: "ligt in de toekomst"
        case .negative: "kan niet negatief zijn"
        case .imei: "een IMEI heeft 15 cijfers (14 zonder controlecijfer, 16 voor IMEISV)"
        case .gtin: "verwacht 14 cijfers"
        case .notPositive: "moet meer dan 0 zijn"
        }
    }
}

/// The intake's refusals in the words a clerk reads, naming the field as the form does ("Voorwerp 2: prijs"),
/// never as a field path.
extension IntakeError {
    /// The refusal in `language`.
    public func message(_ language: CounterMessages.Language) -> String {
        language == .nl ? dutch : english
    }

    /// Used where a message is built with a function: `IntakeError.wording(error, .en)`.
    public static func wording(_ error: IntakeError, _ language: CounterMessages.Language) -> String { error.message(language) }

    var english: String {
        switch reason {
        case .missingField(let f): "\(Self.englishFieldName(f)): required for the register."
        case .required(let f, let rule): "\(Self.englishFieldName(f)): required (\(rule.citation(.en)))."
        case .invalidField(let f, let reason): "\(Self.englishFieldName(f)): \(reason)."
        case .unreadable(let f, let problem): "\(Self.englishFieldName(f)): \(problem.message(.en))"
        default: description
        }
    }

    var dutch: String {
        switch reason {
        case .sellerUnderage: "De verkoper is jonger dan 18: niet kopen, tenzij de eigenaar toestemming geeft met pincode en reden."
        case .documentExpired: "Het identiteitsbewijs is verlopen: niet kopen, tenzij de eigenaar toestemming geeft met pincode en reden."
        case .missingField(let f): "\(Self.fieldName(f)): verplicht voor het register."
        case .required(let f, let rule): "\(Self.fieldName(f)): verplicht (\(rule.citation(.nl)))."
        case .invalidField(let f, let reason): "\(Self.fieldName(f)): \(InvalidReason(rawValue: reason)?.dutch ?? reason)."
        case .controlCharacter(let f): "\(Self.fieldName(f)): bevat een stuurteken (van een scanner of plakken): typ het opnieuw."
        case .tooLong(let f, let limit): "\(Self.fieldName(f)): langer dan \(limit) tekens."
        case .tooManyPhotos(let f, let limit): "\(Self.fieldName(f)): meer dan \(limit) foto's bij één voorwerp."
        case .photoNotStored(let f): "\(Self.fieldName(f)): een foto die niet in het fotoarchief van de winkel staat: maak hem opnieuw."
        case .cashLimit(let v): v.message(.nl, sale: false)
        case .unreadable(let f, let problem): "\(Self.fieldName(f)): \(problem.message(.nl))"
        case .totalMismatch(let total, let items):
            "Prijs: het totaal (\(ShopFormat.dutch.money(total))) is niet de som van de prijzen van de voorwerpen (\(ShopFormat.dutch.money(items)))."
        case .notJSON: "Het verzoek is geen geldige JSON."
        case .forbiddenField(let f): "\(Self.fieldName(f)): mag niet worden meegegeven, het register bewaart het nooit."
        case .correctedEntryNotFound(let n): "Volgnummer \(n) bestaat niet: een correctie moet een bestaande inschrijving noemen."
        }
    }

    static func fieldName(_ path: String) -> String { dutchFieldName(path) }

    /// A field path in the form's English words.
    static func englishFieldName(_ path: String) -> String {
        let names = [
            "seller.surname": "Surname", "seller.givenNames": "Given names", "seller.address.street": "Street",
            "seller.address.houseNumber": "House number", "seller.address.postcode": "Postcode", "seller.address.city": "City",
            "seller.document.number": "Document number", "seller.document.issuingCountry": "Issuing country",
            "seller.document.expiryDate": "Valid until", "seller.document.kind": "Document", "seller.birthDate": "Date of birth",
            "items": "Items", "priceCents": "Price", "paymentMethod": "Payment", "kind": "Kind", "conditions": "Conditions",
        ]
        if let name = names[path] { return name }
        if path.hasPrefix("items["), let close = path.firstIndex(of: "]") {
            let index = Int(path[path.index(path.startIndex, offsetBy: 6)..<close]).map { $0 + 1 } ?? 0
            let rest = path[path.index(after: close)...].dropFirst()
            let field = ["description": "description", "photos": "photos", "imei": "IMEI", "gtin": "GTIN", "priceCents": "price",
                         "brand": "brand", "model": "model", "serialNumber": "serial number (or a photo showing there is none)",
                         "jewellery.fineness": "fineness", "jewellery.weightMilligrams": "weight"][String(rest)] ?? String(rest)
            return "Item \(index): \(field)"
        }
        return path
    }

    /// A field path in the form's Dutch words.
    static func dutchFieldName(_ path: String) -> String {
        let names = [
            "seller.surname": "Achternaam", "seller.givenNames": "Voornamen", "seller.address.street": "Straat", "seller.address.houseNumber": "Huisnummer",
            "seller.address.postcode": "Postcode", "seller.address.city": "Plaats", "seller.document.number": "Documentnummer",
            "seller.document.issuingCountry": "Land van afgifte", "seller.document.expiryDate": "Geldig tot",
            "paymentMethod": "Betaling", "kind": "Soort transactie", "conditions": "Voorwaarden", "seller.document.kind": "Soort identiteitsbewijs", "seller.birthDate": "Geboortedatum", "items": "Voorwerpen",
            "priceCents": "Prijs",
        ]
        if let name = names[path] { return name }
        if path.hasPrefix("items["), let close = path.firstIndex(of: "]") {
            let index = Int(path[path.index(path.startIndex, offsetBy: 6)..<close]).map { $0 + 1 } ?? 0
            let rest = path[path.index(after: close)...].dropFirst()
            let field = ["description": "omschrijving", "photos": "foto's", "imei": "IMEI",
                         "gtin": "GTIN", "priceCents": "prijs", "brand": "merk", "model": "type",
                         "serialNumber": "serienummer (of een foto die laat zien dat er geen is)",
                         "jewellery.fineness": "gehalte", "jewellery.weightMilligrams": "gewicht"][String(rest)] ?? String(rest)
            return "Voorwerp \(index): \(field)"
        }
        return path
    }
}
