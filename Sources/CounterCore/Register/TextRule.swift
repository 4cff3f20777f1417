import Foundation

/// The one rule for every text the register stores: Unicode NFC, no control characters, a length limit per
/// field. Applied at the engine's boundary, before an entry is hashed, for every caller (page, CLI, embedder).
///
/// Why: a NUL in a serial was stored in the hashed content but cut in the index column, so `verify` failed on
/// that entry for good, and the stolen-goods match saw another serial. ESC or BEL reached text and CSV
/// exports raw (a terminal obeys them). NFC makes `é` typed and `é` scanned the same stored text. Bidi
/// overrides (U+202A–202E, U+2066–2069) would let a name display as something else.
package enum TextRule {
    /// A field's name in refusals and its limit in characters.
    package struct Field: Sendable {
        package var path: String
        package var limit: Int
    }

    /// The stored form of `value`, or why it cannot be stored.
    package static func clean(_ value: String, _ path: String, limit: Int) throws(IntakeError) -> String {
        let normalized = value.precomposedStringWithCanonicalMapping
        if normalized.unicodeScalars.contains(where: isForbidden) { throw .controlCharacter(path) }
        if normalized.count > limit { throw .tooLong(path, limit: limit) }
        return normalized
    }

    /// Control characters (C0, DEL, C1) and bidi overrides. GS is allowed in raw scans, never in a stored field.
    package static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// The intake with every text field in its stored form.
    package static func clean(_ intake: Intake) throws(IntakeError) -> Intake {
        var i = intake
        func c(_ v: String, _ p: String, _ l: Int) throws(IntakeError) -> String { try clean(v, p, limit: l) }
        func o(_ v: String?, _ p: String, _ l: Int) throws(IntakeError) -> String? { try v.map { v throws(IntakeError) in try clean(v, p, limit: l) } }
        i.clerk = try c(i.clerk, "clerk", 40)
        i.conditions = try o(i.conditions, "conditions", 500)
        i.correctionReason = try o(i.correctionReason, "correctionReason", 500)
        if var override = i.override {
            override.owner = try c(override.owner, "override.owner", 40)
            override.reason = try c(override.reason, "override.reason", 300)
            i.override = override
        }
        i.seller.surname = try c(i.seller.surname, "seller.surname", 100)
        i.seller.givenNames = try c(i.seller.givenNames, "seller.givenNames", 100)
        i.seller.address.street = try c(i.seller.address.street, "seller.address.street", 100)
        i.seller.address.houseNumber = try c(i.seller.address.houseNumber, "seller.address.houseNumber", 20)
        i.seller.address.postcode = try c(i.seller.address.postcode, "seller.address.postcode", 20)
        i.seller.address.city = try c(i.seller.address.city, "seller.address.city", 100)
        i.seller.address.country = try c(i.seller.address.country, "seller.address.country", 3)
        i.seller.document.number = try c(i.seller.document.number, "seller.document.number", 40)
        i.seller.document.issuingCountry = try c(i.seller.document.issuingCountry, "seller.document.issuingCountry", 3)
        for index in i.items.indices {
            let p = "items[\(index)]"
            var item = i.items[index]
            item.brand = try o(item.brand, "\(p).brand", 80)
            item.model = try o(item.model, "\(p).model", 80)
            item.colour = try o(item.colour, "\(p).colour", 40)
            item.serialNumber = try o(item.serialNumber, "\(p).serialNumber", 100)
            item.imei = try o(item.imei, "\(p).imei", 20)
            item.frameNumber = try o(item.frameNumber, "\(p).frameNumber", 40)
            item.gtin = try o(item.gtin, "\(p).gtin", 14)
            item.description = try c(item.description, "\(p).description", 500)
            if var j = item.jewellery {
                j.material = try o(j.material, "\(p).jewellery.material", 60)
                j.fineness = try o(j.fineness, "\(p).jewellery.fineness", 20)
                j.engraving = try o(j.engraving, "\(p).jewellery.engraving", 200)
                j.stoneColour = try o(j.stoneColour, "\(p).jewellery.stoneColour", 60)
                item.jewellery = j
            }
            for photo in item.photos {
                _ = try c(photo.sha256, "\(p).photos", 64)
                _ = try c(photo.mediaType, "\(p).photos", 40)
            }
            i.items[index] = item
        }
        return i
    }
}
