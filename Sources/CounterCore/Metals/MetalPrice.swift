import Foundation

/// The owner's day price of a precious metal: euro cents per gram of fine metal, set on a day.
package struct MetalPrice: Sendable, Codable, Hashable {
    package var metal: PreciousMetal
    package var centsPerGram: Int
    package var day: CalendarDate
    package var setBy: String

    package init(metal: PreciousMetal, centsPerGram: Int, day: CalendarDate, setBy: String) {
        self.metal = metal
        self.centsPerGram = centsPerGram
        self.day = day
        self.setBy = setBy
    }

    /// How a set price reads in the audit log.
    static func auditDetail(_ price: MetalPrice) -> String {
        "\(ShopFormat.dutch.money(price.centsPerGram))/g, \(price.day.iso)"
    }
}

/// What an item's metal is worth at the owner's day price: weight × fineness × price per gram of fine metal,
/// shown at the counter next to the offer (a gold buyer does this with a calculator today).
package struct MetalValue: Sendable, Codable, Hashable {
    package var metal: PreciousMetal
    package var perMille: Int
    package var weightMilligrams: Int
    package var price: MetalPrice
    /// The value in cents, rounded to the cent.
    package var cents: Int
    /// The price was not set today: the counter says from which day it is.
    package var priceIsOld: Bool

    /// The value of `weightMilligrams` of `material` at `fineness`, or nil when the material is no precious
    /// metal, the fineness does not read, or the owner set no price for that metal.
    package static func of(material: String?, fineness: String?, weightMilligrams: Int?, prices: [PreciousMetal: MetalPrice],
                          today: CalendarDate) -> MetalValue? {
        guard let metal = material.flatMap(PreciousMetal.init(material:)),
              let perMille = fineness.flatMap(PreciousMetal.perMille(fineness:)),
              let weight = weightMilligrams, weight > 0, let price = prices[metal] else { return nil }
        // mg × ‰ × cents/g ÷ 1 000 000, rounded half up; integers only (an 8 kg bar of 999 at € 100/g fits easily).
        let cents = (weight * perMille * price.centsPerGram + 500_000) / 1_000_000
        return MetalValue(metal: metal, perMille: perMille, weightMilligrams: weight, price: price, cents: cents,
                          priceIsOld: price.day != today)
    }
}
