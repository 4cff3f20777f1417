/// The seller (aanbieder) as written into one register entry: a snapshot, never updated afterwards.
///
/// Holds what the law and municipal practice ask for: name, address, date of birth (for the
/// minimum-age rule) and the identity document's type, number, issuing country and expiry.
/// It has no field for the BSN or for nationality, on purpose: a dealer has no legal basis to keep them.
public struct Seller: Codable, Sendable, Hashable {
    public var surname: String
    /// Empty for a seller with one name only (common in MRZs: the surname field holds it all).
    public var givenNames: String
    public var address: Address
    public var birthDate: CalendarDate
    public var document: IdentityDocument

    public init(surname: String, givenNames: String, address: Address, birthDate: CalendarDate,
                document: IdentityDocument) {
        self.surname = surname
        self.givenNames = givenNames
        self.address = address
        self.birthDate = birthDate
        self.document = document
    }

    enum CodingKeys: String, CodingKey { case surname, givenNames, address, birthDate, document }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        surname = try c.decode(String.self, forKey: .surname)
        givenNames = try c.decodeIfPresent(String.self, forKey: .givenNames) ?? ""
        address = try c.decode(Address.self, forKey: .address)
        birthDate = try c.decode(CalendarDate.self, forKey: .birthDate)
        document = try c.decode(IdentityDocument.self, forKey: .document)
    }

    /// "Given names Surname", as printed in the log.
    public var displayName: String {
        givenNames.isEmpty ? surname : "\(givenNames) \(surname)"
    }
}

/// A postal address: street, house number, postcode, city.
public struct Address: Codable, Sendable, Hashable {
    public var street: String
    public var houseNumber: String
    public var postcode: String
    public var city: String
    /// ISO 3166-1 alpha-3 country of residence; `NLD` when omitted.
    public var country: String

    public init(street: String, houseNumber: String, postcode: String, city: String, country: String = "NLD") {
        self.street = street
        self.houseNumber = houseNumber
        self.postcode = postcode
        self.city = city
        self.country = country
    }

    enum CodingKeys: String, CodingKey { case street, houseNumber, postcode, city, country }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        street = try c.decode(String.self, forKey: .street)
        houseNumber = try c.decode(String.self, forKey: .houseNumber)
        postcode = try c.decode(String.self, forKey: .postcode)
        city = try c.decode(String.self, forKey: .city)
        country = try c.decodeIfPresent(String.self, forKey: .country) ?? "NLD"
    }

    /// One line: "Kerkstraat 12, 1234 AB Amsterdam".
    public var singleLine: String {
        "\(street) \(houseNumber), \(postcode) \(city)" + (country == "NLD" ? "" : " (\(country))")
    }
}

/// The identity document a seller showed: type, number, issuing country and expiry.
public struct IdentityDocument: Codable, Sendable, Hashable {
    public var kind: IdentityDocumentKind
    public var number: String
    /// ICAO code of the issuing state (`NLD`, `D`, `BEL`, …).
    public var issuingCountry: String
    public var expiryDate: CalendarDate?

    public init(kind: IdentityDocumentKind, number: String, issuingCountry: String, expiryDate: CalendarDate?) {
        self.kind = kind
        self.number = number
        self.issuingCountry = issuingCountry
        self.expiryDate = expiryDate
    }
}

extension IdentityDocument {
    /// The document as the register's pages and exports write it: "identiteitskaart IXR12PN74 (NLD)".
    public var dutchLine: String { "\(kind.dutchName) \(number) (\(issuingCountry))" }
}
