/// One item of a register entry: one thing per line, never "5 kettingen".
///
/// The description fields are the law's "nauwkeurige omschrijving" (soort, merk, type, serienummer);
/// the jewellery fields are the FGZ reading of it (inscriptie, gehalte, gewicht, steenkleur).
public struct RegisterItem: Codable, Sendable, Hashable {
    public var category: ItemCategory
    public var brand: String?
    public var model: String?
    public var colour: String?
    public var serialNumber: String?
    public var imei: String?
    public var frameNumber: String?
    /// The GTIN the item's barcode carried, 14 digits, if it was scanned.
    public var gtin: String?
    public var description: String
    public var jewellery: JewelleryDetails?
    public var photos: [PhotoReference]
    /// Price paid for this item, when the entry's price is split over items.
    public var priceCents: Int?
    /// First day the item may be sold, melted, repaired or otherwise altered (bewaartermijn).
    /// Filled in by the store from the shop's holding policy.
    public var holdUntil: CalendarDate?

    public init(category: ItemCategory, brand: String? = nil, model: String? = nil, colour: String? = nil,
                serialNumber: String? = nil, imei: String? = nil, frameNumber: String? = nil,
                gtin: String? = nil, description: String, jewellery: JewelleryDetails? = nil,
                photos: [PhotoReference] = [], priceCents: Int? = nil, holdUntil: CalendarDate? = nil) {
        self.category = category
        self.brand = brand
        self.model = model
        self.colour = colour
        self.serialNumber = serialNumber
        self.imei = imei
        self.frameNumber = frameNumber
        self.gtin = gtin
        self.description = description
        self.jewellery = jewellery
        self.photos = photos
        self.priceCents = priceCents
        self.holdUntil = holdUntil
    }

    enum CodingKeys: String, CodingKey {
        case category, brand, model, colour, serialNumber, imei, frameNumber, gtin, description, jewellery
        case photos, priceCents, holdUntil
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        category = try c.decode(ItemCategory.self, forKey: .category)
        brand = try c.decodeIfPresent(String.self, forKey: .brand)
        model = try c.decodeIfPresent(String.self, forKey: .model)
        colour = try c.decodeIfPresent(String.self, forKey: .colour)
        serialNumber = try c.decodeIfPresent(String.self, forKey: .serialNumber)
        imei = try c.decodeIfPresent(String.self, forKey: .imei)
        frameNumber = try c.decodeIfPresent(String.self, forKey: .frameNumber)
        gtin = try c.decodeIfPresent(String.self, forKey: .gtin)
        description = try c.decode(String.self, forKey: .description)
        jewellery = try c.decodeIfPresent(JewelleryDetails.self, forKey: .jewellery)
        photos = try c.decodeIfPresent([PhotoReference].self, forKey: .photos) ?? []
        priceCents = try c.decodeIfPresent(Int.self, forKey: .priceCents)
        holdUntil = try c.decodeIfPresent(CalendarDate.self, forKey: .holdUntil)
    }

    /// The identifiers a stolen-goods check looks for, most specific first.
    public var identifiers: [String] {
        [imei, serialNumber, frameNumber].compactMap { $0 }.filter { !$0.isEmpty }
    }

    /// A one-line summary for the log: "Apple iPhone 13 (IMEI 3569…)".
    public var summary: String {
        var parts = [brand, model].compactMap { $0 }.filter { !$0.isEmpty }
        if parts.isEmpty { parts.append(description) }
        var line = parts.joined(separator: " ")
        if let imei, !imei.isEmpty { line += " IMEI \(imei)" } else if let serialNumber, !serialNumber.isEmpty {
            line += " SN \(serialNumber)"
        } else if let frameNumber, !frameNumber.isEmpty { line += " frame \(frameNumber)" }
        return line
    }
}

/// What jewellery and precious metal need on top of the ordinary description.
public struct JewelleryDetails: Codable, Sendable, Hashable {
    /// Material: "geelgoud", "witgoud", "zilver", "platina", …
    public var material: String?
    /// Fineness (gehalte) as hallmarked: "585", "750", "925".
    public var fineness: String?
    /// Weight in milligrams (whole numbers keep the hash chain free of floating point).
    public var weightMilligrams: Int?
    /// Engraving (inscriptie/gravure), as read.
    public var engraving: String?
    /// Colour of the (precious) stones.
    public var stoneColour: String?

    public init(material: String? = nil, fineness: String? = nil, weightMilligrams: Int? = nil,
                engraving: String? = nil, stoneColour: String? = nil) {
        self.material = material
        self.fineness = fineness
        self.weightMilligrams = weightMilligrams
        self.engraving = engraving
        self.stoneColour = stoneColour
    }
}

/// A photo of an item, stored under the data folder by the SHA-256 of its bytes.
public struct PhotoReference: Codable, Sendable, Hashable {
    /// Lower-case hex SHA-256 of the file's bytes.
    public var sha256: String
    /// `image/jpeg`, `image/png` or `image/webp`.
    public var mediaType: String

    public init(sha256: String, mediaType: String) {
        self.sha256 = sha256
        self.mediaType = mediaType
    }
}
