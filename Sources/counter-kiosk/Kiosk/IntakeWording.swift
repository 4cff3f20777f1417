import Counter

/// The store's intake errors in the words a Dutch clerk reads.
enum IntakeWording {
    static func dutch(_ error: IntakeError) -> String {
        switch error {
        case .sellerUnderage: "De verkoper is jonger dan 18: niet kopen, tenzij de eigenaar toestemming geeft met pincode en reden."
        case .documentExpired: "Het identiteitsbewijs is verlopen: niet kopen, tenzij de eigenaar toestemming geeft met pincode en reden."
        case .missingField(let f): "\(fieldName(f)): verplicht voor het register."
        case .required(let f, let rule): "\(fieldName(f)): verplicht (\(rule.citation(.nl)))."
        case .invalidField(let f, let reason): "\(fieldName(f)): \(reason)."
        case .controlCharacter(let f): "\(fieldName(f)): bevat een stuurteken (van een scanner of plakken): typ het opnieuw."
        case .tooLong(let f, let limit): "\(fieldName(f)): langer dan \(limit) tekens."
        case .tooManyPhotos(let f, let limit): "\(fieldName(f)): meer dan \(limit) foto's bij één voorwerp."
        case .cashLimit(let v): v.message(.nl, sale: false)
        default: error.description
        }
    }

    static func fieldName(_ path: String) -> String {
        let names = [
            "seller.surname": "Achternaam", "seller.givenNames": "Voornamen", "seller.address.street": "Straat", "seller.address.houseNumber": "Huisnummer",
            "seller.address.postcode": "Postcode", "seller.address.city": "Plaats", "seller.document.number": "Documentnummer",
            "seller.document.issuingCountry": "Land van afgifte", "seller.document.kind": "Soort identiteitsbewijs", "seller.birthDate": "Geboortedatum", "items": "Voorwerpen",
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
