/// A precious metal a gold buyer prices by the gram of fine metal (the owner's day price, ``MetalPrice``).
package enum PreciousMetal: String, Sendable, Codable, CaseIterable {
    case gold, silver, platinum, palladium

    /// The metal a material text names: "geelgoud", "witgoud", "18k gold" → gold; "zilver" → silver; nil for
    /// anything else (stainless steel, "doublé" — gold-plated is not gold).
    package init?(material: String) {
        let text = material.lowercased()
        if text.contains("doubl") || text.contains("verguld") || text.contains("plated") { return nil }
        if text.contains("goud") || text.contains("gold") { self = .gold }
        else if text.contains("zilver") || text.contains("silver") { self = .silver }
        else if text.contains("platina") || text.contains("platinum") { self = .platinum }
        else if text.contains("palladium") { self = .palladium }
        else { return nil }
    }

    package var dutchName: String {
        switch self {
        case .gold: "goud"
        case .silver: "zilver"
        case .platinum: "platina"
        case .palladium: "palladium"
        }
    }

    package var englishName: String { rawValue }

    /// The share of fine metal a hallmark says, in thousandths: "585" → 585, "14K" or "14 kt" → 583, "0,750" → 750.
    /// Nil when it does not read or is more than pure.
    package static func perMille(fineness: String) -> Int? {
        let text = fineness.lowercased().replacingOccurrences(of: " ", with: "")
        for suffix in ["karaat", "karat", "kt", "k", "ct", "c"] where text.hasSuffix(suffix) {
            guard let karat = Int(text.dropLast(suffix.count)), (1...24).contains(karat) else { return nil }
            return (karat * 1000 + 12) / 24
        }
        if text.hasPrefix("0,") || text.hasPrefix("0.") {
            let digits = text.dropFirst(2)
            guard !digits.isEmpty, digits.count <= 3, let value = Int(digits) else { return nil }
            return value * [100, 10, 1][digits.count - 1]
        }
        guard let value = Int(text), (1...1000).contains(value) else { return nil }
        return value
    }
}
