/// The kind of goods (soort), mapped onto art. 1 of the Uitvoeringsbesluit until the DOR's own
/// category list is obtained (domain brief §1.8).
public enum ItemCategory: String, Codable, Sendable, CaseIterable {
    case jewellery
    case preciousMetal
    case gemstones
    case watch
    case mobilePhone
    case tablet
    case computer
    case gameConsole
    case photoVideo
    case audio
    case television
    case navigation
    case bicycle
    case eBike
    case moped
    case motorcycle
    case vehicleParts
    case tools
    case musicalInstrument
    case artAntiques
    case scrapMetal
    case other

    /// The Dutch label shown at the counter and written to the register.
    public var dutchName: String {
        switch self {
        case .jewellery: "Sieraden"
        case .preciousMetal: "Edelmetaal"
        case .gemstones: "Edelstenen"
        case .watch: "Horloges/uurwerken"
        case .mobilePhone: "Mobiele telefoon"
        case .tablet: "Tablet"
        case .computer: "Laptop/computer"
        case .gameConsole: "Spelcomputer"
        case .photoVideo: "Foto/film/video"
        case .audio: "Audio/hifi"
        case .television: "TV"
        case .navigation: "Navigatie"
        case .bicycle: "Fiets"
        case .eBike: "E-bike/accu"
        case .moped: "Brom-/snorfiets"
        case .motorcycle: "Motorfiets"
        case .vehicleParts: "Voertuigonderdelen"
        case .tools: "Gereedschap"
        case .musicalInstrument: "Muziekinstrument"
        case .artAntiques: "Kunst/antiek"
        case .scrapMetal: "Metalen/schroot"
        case .other: "Overig"
        }
    }

    /// The English label for the UI's English switch.
    public var englishName: String {
        switch self {
        case .jewellery: "Jewellery"
        case .preciousMetal: "Precious metal"
        case .gemstones: "Gemstones"
        case .watch: "Watches/clocks"
        case .mobilePhone: "Mobile phone"
        case .tablet: "Tablet"
        case .computer: "Laptop/computer"
        case .gameConsole: "Game console"
        case .photoVideo: "Photo/film/video"
        case .audio: "Audio/hi-fi"
        case .television: "TV"
        case .navigation: "Navigation"
        case .bicycle: "Bicycle"
        case .eBike: "E-bike/battery"
        case .moped: "Moped"
        case .motorcycle: "Motorcycle"
        case .vehicleParts: "Vehicle parts"
        case .tools: "Tools"
        case .musicalInstrument: "Musical instrument"
        case .artAntiques: "Art/antiques"
        case .scrapMetal: "Metals/scrap"
        case .other: "Other"
        }
    }

    /// Goods that carry a brand: the description names it (Uitvoeringsbesluit art. 2, "merk").
    public var hasBrand: Bool {
        switch self {
        case .mobilePhone, .tablet, .computer, .gameConsole, .photoVideo, .audio, .television, .navigation, .bicycle,
             .eBike, .moped, .motorcycle, .tools, .watch, .musicalInstrument: true
        default: false
        }
    }

    /// Goods whose type (model) identifies them together with the brand.
    public var hasModel: Bool {
        switch self {
        case .mobilePhone, .tablet, .computer, .gameConsole: true
        default: false
        }
    }

    /// Goods that carry a number (IMEI, serial, frame number): it is recorded, or a photo shows it has none
    /// (Uitvoeringsbesluit art. 2, "nummer voor zover mogelijk").
    public var carriesNumber: Bool {
        switch self {
        case .mobilePhone, .tablet, .computer, .gameConsole, .bicycle, .eBike, .moped, .motorcycle: true
        default: false
        }
    }

    /// Precious metal whose fineness and weight describe it.
    public var isPreciousMetal: Bool { self == .jewellery || self == .preciousMetal }

    /// Whether the jewellery fields (material, fineness, weight, engraving, stone colour) apply.
    public var needsJewelleryDetails: Bool {
        switch self {
        case .jewellery, .preciousMetal, .gemstones, .watch: true
        default: false
        }
    }
}
