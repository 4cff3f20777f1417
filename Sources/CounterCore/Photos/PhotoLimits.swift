/// How much photo data the counter accepts (`photos` in `config.json`).
///
/// Why: photos are the only thing a clerk (or anyone who can reach the kiosk) can send that is large. With
/// no limit a 15 MB file with only a JPEG header was accepted again and again until the disk was full, and
/// a full disk stops the register itself. The register must always have room: photos stop first.
package struct PhotoLimits: Codable, Sendable, Equatable {
    /// Photos on one item (1–20).
    package var maxPerItem: Int
    /// Megabytes per photo (1–50).
    package var maxMegabytesPerPhoto: Int
    /// Megabytes of new photos per shop day, all tills together (1–100 000).
    package var maxMegabytesPerDay: Int
    /// Free space the disk keeps for the register: below it no photo is stored (0–1 000 000 MB).
    package var keepFreeMegabytes: Int

    package init(maxPerItem: Int = 6, maxMegabytesPerPhoto: Int = 15, maxMegabytesPerDay: Int = 500,
                keepFreeMegabytes: Int = 256) {
        self.maxPerItem = maxPerItem
        self.maxMegabytesPerPhoto = maxMegabytesPerPhoto
        self.maxMegabytesPerDay = maxMegabytesPerDay
        self.keepFreeMegabytes = keepFreeMegabytes
    }

    package var maxBytesPerPhoto: Int { maxMegabytesPerPhoto * 1_048_576 }
    package var maxBytesPerDay: Int { maxMegabytesPerDay * 1_048_576 }

    enum CodingKeys: String, CodingKey { case maxPerItem, maxMegabytesPerPhoto, maxMegabytesPerDay, keepFreeMegabytes }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PhotoLimits()
        maxPerItem = try c.decodeBounded(.maxPerItem, in: 1...20, default: d.maxPerItem)
        maxMegabytesPerPhoto = try c.decodeBounded(.maxMegabytesPerPhoto, in: 1...50, default: d.maxMegabytesPerPhoto)
        maxMegabytesPerDay = try c.decodeBounded(.maxMegabytesPerDay, in: 1...100_000, default: d.maxMegabytesPerDay)
        keepFreeMegabytes = try c.decodeBounded(.keepFreeMegabytes, in: 0...1_000_000, default: d.keepFreeMegabytes)
    }
}
