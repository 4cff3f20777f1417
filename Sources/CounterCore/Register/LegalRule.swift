/// A rule of the law (or of municipal practice) an entry must meet, named when an intake is refused: the OM
/// fines each missing or wrong register field (Richtlijn 2013R003: € 240–€ 750, ID missing € 500–€ 1 500),
/// so the clerk is told which field the law wants, and why.
public enum LegalRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// Uitvoeringsbesluit ex art. 437 Sr, art. 2: omschrijving (soort, merk, nummer voor zover mogelijk).
    case description = "rule.description"
    /// Uitvoeringsbesluit art. 2 for precious metal: gehalte en gewicht are its description.
    case preciousMetal = "rule.preciousMetal"
    /// Uitvoeringsbesluit art. 2: koopprijs of andere voorwaarden.
    case priceOrConditions = "rule.priceOrConditions"
    /// Art. 437 lid 1 onder b Sr and Uitvoeringsbesluit art. 2: naam en adres van de verkoper.
    case sellerNameAddress = "rule.sellerNameAddress"
    /// Today: the municipality's APV asks for the kind and number of the ID document (and the DOR for it).
    case sellerDocumentAPV = "rule.sellerDocumentAPV"
    /// Bill 36 036: the identity of every seller, in the DOR.
    case sellerDocumentBill = "rule.sellerDocumentBill"

    /// Where the rule comes from, in `language`.
    public func citation(_ language: CounterMessages.Language) -> String {
        switch (self, language) {
        case (.description, .nl): "Uitvoeringsbesluit art. 437 Sr, art. 2: omschrijving met soort, merk en nummer voor zover mogelijk"
        case (.description, .en): "Uitvoeringsbesluit art. 437 Sr, art. 2: a description with kind, brand and number where there is one"
        case (.preciousMetal, .nl): "Uitvoeringsbesluit art. 437 Sr, art. 2: bij edelmetaal horen gehalte en gewicht bij de omschrijving"
        case (.preciousMetal, .en): "Uitvoeringsbesluit art. 437 Sr, art. 2: for precious metal, fineness and weight are part of the description"
        case (.priceOrConditions, .nl): "Uitvoeringsbesluit art. 437 Sr, art. 2: de koopprijs of de andere voorwaarden"
        case (.priceOrConditions, .en): "Uitvoeringsbesluit art. 437 Sr, art. 2: the price or the other conditions"
        case (.sellerNameAddress, .nl): "art. 437 lid 1 onder b Sr en Uitvoeringsbesluit art. 2: naam en adres van de verkoper"
        case (.sellerNameAddress, .en): "art. 437(1)(b) Sr and Uitvoeringsbesluit art. 2: the seller's name and address"
        case (.sellerDocumentAPV, .nl): "APV van de gemeente: soort, nummer en land van het identiteitsbewijs"
        case (.sellerDocumentAPV, .en): "the municipality's APV: kind, number and country of the ID document"
        case (.sellerDocumentBill, .nl): "wetsvoorstel 36 036: de identiteit van iedere verkoper"
        case (.sellerDocumentBill, .en): "bill 36 036: the identity of every seller"
        }
    }
}
