import Foundation

/// Sets the shop up (first start, from the page or `counter-kiosk shop set`): checks the four fields and
/// writes them into the data folder's `config.json` (`shop.name`, `shop.kvkNumber`, `shop.branch`,
/// `shop.municipality`), keeping everything else in the file as it is. When the municipality has a known
/// APV hold period (`MunicipalityPreset`) and the file sets none, the preset is written too.
public enum ShopSetup {
    /// Sets the shop up for an open register: writes `config.json`, makes new entries carry the shop's id,
    /// and records who did it in the audit log. The kiosk's first-start page and `counter-kiosk shop set` both
    /// come here.
    @discardableResult
    public static func apply(_ shop: CounterConfiguration.Shop, dataFolder: DataFolder, store: SQLiteRegisterStore,
                             by actor: String, at date: Date) throws -> CounterConfiguration {
        let config = try save(shop, dataFolder: dataFolder)
        store.setShopID(shop.shopID)
        try store.appendAuditEvent(.shopSetUp, actor: actor, subject: shop.shopID,
                                   detail: "\(shop.name), \(shop.municipality)", at: date)
        return config
    }

    /// Writes the shop into `config.json`; returns the configuration as it now reads.
    ///
    /// - Throws: the first `ShopProblem`; ``ConfigurationError`` when the file cannot be read or written.
    @discardableResult
    public static func save(_ shop: CounterConfiguration.Shop, dataFolder: DataFolder) throws -> CounterConfiguration {
        if let problem = shop.problems.first { throw problem }
        var object: [String: Any] = [:]
        if let data = FileManager.default.contents(atPath: dataFolder.configPath), !data.isEmpty {
            guard let existing = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                // A corrupt file is the technician's to fix: never overwrite what cannot be read.
                _ = try ConfigurationLoader.load(path: dataFolder.configPath)
                throw ConfigurationError.unreadable(file: dataFolder.configPath, detail: "not a JSON object")
            }
            object = existing
        }
        object["shop"] = ["name": shop.name, "kvkNumber": shop.kvkNumber, "branch": shop.branch ?? "",
                          "municipality": shop.municipality]
        if object["holdingPeriod"] == nil, MunicipalityPreset.policy(for: shop.municipality) != nil {
            object["holdingPeriod"] = ["municipality": shop.municipality]
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        // Checked as the kiosk will read it before it replaces the file.
        let config = try ConfigurationLoader.decode(data, file: dataFolder.configPath)
        try dataFolder.create()
        do {
            try data.write(to: URL(fileURLWithPath: dataFolder.configPath), options: .atomic)
        } catch {
            throw ConfigurationError.unreadable(file: dataFolder.configPath, detail: "cannot be written: \(error.localizedDescription)")
        }
        PrivateFiles.file(dataFolder.configPath)
        return config
    }
}
