/// The type of identity document a seller showed (soort identiteitsbewijs).
public enum IdentityDocumentKind: String, Codable, Sendable, CaseIterable {
    case passport
    case identityCard
    case drivingLicence
    case residencePermit
    case other

    /// The Dutch term staff see.
    public var dutchName: String {
        switch self {
        case .passport: "paspoort"
        case .identityCard: "identiteitskaart"
        case .drivingLicence: "rijbewijs"
        case .residencePermit: "verblijfsdocument"
        case .other: "overig"
        }
    }
}
